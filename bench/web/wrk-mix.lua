-- wrk script for bench/web-load.sh: cycles through the paths of a file (one per line; each thread
-- starts at a different place) and prints one line of latency percentiles, throughput and errors.
-- usage: wrk -t2 -c50 -d10s -s wrk-mix.lua http://127.0.0.1:PORT -- paths.txt
local paths = {}
local i = 0

init = function(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  i = math.random(#paths)
end

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p50 %7.1f | p95 %7.1f | p99 %7.1f ms | %7.0f req/s | %7d requests | non-2xx %d | socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
