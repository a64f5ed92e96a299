-- wrk report for docs/notes/web.md: one line with the latency percentiles, throughput and errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | max %.1f ms | %.0f req/s | %d requests | non-2xx %d | socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
