#!/usr/bin/env bash
# Load test of the HTTP API without the response cache (docs/notes/web.md, issue 11): one command.
#
#   bash bench/web-load.sh [STORE=/tmp/web1m.db] [SECONDS=10] [ENDPOINT...]
#
# Builds the synthetic store of 100,000 articles / ~1M events if STORE is missing (LoadStore, ~20 min),
# builds dyad (Release) unless DYAD=path/to/dyad.dll is given, starts `dyad serve --no-cache` on a free
# loopback port, runs wrk (2 threads, 50 connections, SECONDS per endpoint) over a set of varied URLs
# per endpoint, prints p50/p95/p99, requests/s and the server's CPU time per request, and stops the
# server. Extra serve options: SERVE_ARGS="..." (e.g. SERVE_ARGS= to keep the response cache:
# the default is --no-cache). CONNECTIONS=50 and THREADS=2 can be changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
store=${1:-/tmp/web1m.db}
secs=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
only=("$@")
conns=${CONNECTIONS:-50}
threads=${THREADS:-2}
serve_args=${SERVE_ARGS---no-cache}

if [ ! -f "$store" ]; then
  echo "building the synthetic store $store (100,000 articles, ~1M events; takes a while)" >&2
  dotnet build "$root/tests/Dyad.Web.Tests" -c Release -v q -nologo >&2
  DYAD_WEB_LOAD_DB=$store DYAD_WEB_LOAD_DOCS=${DOCS:-100000} \
    dotnet test "$root/tests/Dyad.Web.Tests" -c Release --no-build --filter FullyQualifiedName~LoadStore >&2
fi

dll=${DYAD:-}
if [ -z "$dll" ]; then
  dotnet build "$root/src/Dyad.Cli" -c Release -v q -nologo >&2
  dll=$root/src/Dyad.Cli/bin/Release/net10.0/dyad.dll
fi

port=
for p in $(shuf -i 20000-40000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port" >&2; exit 1; }
base=http://127.0.0.1:$port
work=$(mktemp -d)
# shellcheck disable=SC2086
dotnet "$dll" serve --db "$store" --urls "$base" $serve_args >"$work/serve.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1200); do   # the first open of an older store migrates it (minutes on 1M events)
  curl -fs -o /dev/null "$base/api/stats" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.5
done
sleep 3   # let the start-up warm-up of the whole-store aggregates (stats, dyads, places) finish

# ---- varied URLs per endpoint (the synthetic store: 20 countries, actors <ISO3>GOV, six event types) ----
countries=(RUS CHN USA IRN UKR IND BRA DEU FRA GBR JPN KOR PRK ISR SAU TUR EGY MEX POL ZAF)
names=(Russia China "United States" Iran Ukraine India Brazil Germany France Britain Japan "South Korea" "North Korea" Israel "Saudi Arabia" Turkey Egypt Mexico Poland "South Africa")
types=(ASSAULT ACCUSE THREATEN AID CONSULT AGREE)
roles=("foreign minister" "defence minister" "prime minister" president spokesperson ambassador adviser)
enc() { local s=${1// /%20}; echo "$s"; }
n=${#countries[@]}
gen() {
  local kind=$1 i j c d
  for i in $(seq 0 $((n - 1))); do
    for j in $(seq 0 $((n - 1))); do
      [ "$i" = "$j" ] && continue
      c=${countries[$i]}; d=${countries[$j]}
      case $kind in
        pair-events) echo "/api/events?a=$c&b=$d&limit=50" ;;
        pair-period) m=$(( (i * 7 + j) % 12 + 1 )); y=$(( 2015 + (i + j) % 11 )); printf '/api/events?a=%s&b=%s&from=%d-%02d-01&to=%d-%02d-28&limit=200\n' "$c" "$d" "$y" "$m" "$y" "$m" ;;
        timeline-month) echo "/api/timeline?a=$c&b=$d&by=month" ;;
        timeline-week) echo "/api/timeline?a=$c&b=$d&by=week" ;;
        timeline-day) echo "/api/timeline?a=$c&b=$d&by=day" ;;
        timeline-actors) echo "/api/timeline?a=${c}GOV&b=${d}GOV&by=$( [ $(( (i + j) % 3 )) = 0 ] && echo day || { [ $(( (i + j) % 3 )) = 1 ] && echo week || echo month; } )" ;;
      esac
    done
  done
}
events_filtered() {
  local i t q
  for i in $(seq 0 $((n - 1))); do
    c=${countries[$i]}
    for t in "${types[@]}"; do echo "/api/events?actor=$c&type=$t&limit=50"; done
    for q in 1 2 3 4; do echo "/api/events?actor=$c&quad=$q&limit=50"; done
    echo "/api/events?source=$c&type=${types[$((i % 6))]}&limit=50"
    echo "/api/events?target=$c&quad=$((i % 4 + 1))&limit=50"
    echo "/api/events?actor=$c&from=$((2015 + i % 11))-01-01&to=$((2015 + i % 11))-06-30&limit=50"
    echo "/api/events?source=$c&target=${countries[$(((i + 3) % n))]}&limit=50"
    echo "/api/events?actor=$c&limit=50&offset=$((i * 50))"
  done
  for t in "${types[@]}"; do echo "/api/events?type=$t&limit=50"; echo "/api/events?type=$t&from=2020-01-01&to=2020-12-31&limit=50"; done
  for q in 1 2 3 4; do echo "/api/events?quad=$q&limit=50"; done
}
quotes() {
  local i r
  for i in $(seq 0 $((n - 1))); do
    for r in "${roles[@]}"; do enc "/api/quotes?speaker=$r of ${names[$i]}&limit=50"; done
    enc "/api/quotes?speaker=${names[$i]}&limit=200"
    enc "/api/quotes?text=talking $(( 100 + (i * 7919) % 99900 ))&limit=50"   # 3+ digits: see docs/notes/web.md for a 1-2 character word
    enc "/api/quotes?speaker=minister&from=$((2015 + i % 11))-03-01&to=$((2015 + i % 11))-03-31&limit=50"
  done
}
documents() {
  local i
  for i in $(seq 0 99); do echo "/api/documents?limit=50&offset=$(( (i * 97) % 10000 ))"; done
  for i in $(seq 0 19); do echo "/api/documents?from=$((2015 + i % 11))-0$((i % 9 + 1))-01&to=$((2015 + i % 11))-0$((i % 9 + 1))-28&limit=50"; done
}
document_ids() { curl -fs "$base/api/documents?limit=200&offset=$1" | grep -o '"id":"[^"]*"' | sed 's/"id":"\(.*\)"/\/api\/documents\/\1/'; }
search() { local w; for w in Russia China talks deal "signed a deal" attacked "foreign minister" Moscow Beijing 12345 report affairs; do enc "/api/documents?q=$w&limit=50"; done; }
mentions() { local i; for i in $(seq 1 200); do echo "/api/events/$(( (i * 4703) % 900000 + 1 ))/mentions"; done; }

endpoints=(page stats dyads places documents document search events-filtered pair-events pair-period mentions
  timeline-month timeline-week timeline-day timeline-actors quotes entities)
[ ${#only[@]} -gt 0 ] && endpoints=("${only[@]}")
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }
printf '%s  %s  %s, %d connections, %d threads, %ss per endpoint, serve %s\n' "$(date -u +%FT%TZ)" "$dll" "$store" "$conns" "$threads" "$secs" "$serve_args"
for e in "${endpoints[@]}"; do
  f=$work/$e.txt
  case $e in
    page) echo "/" >"$f" ;;
    stats) echo "/api/stats" >"$f" ;;
    dyads) printf '%s\n' "/api/dyads?level=country&limit=12" "/api/dyads?level=actor&limit=12" >"$f" ;;
    places) echo "/api/places?limit=1000" >"$f" ;;
    documents) documents >"$f" ;;
    document) { document_ids 500; document_ids 5000; } >"$f" ;;
    search) search >"$f" ;;
    events-filtered) events_filtered >"$f" ;;
    mentions) mentions >"$f" ;;
    quotes) quotes >"$f" ;;
    entities) printf '%s\n' "/api/entities?limit=50" "/api/entities?name=minister&limit=100" "/api/entities?type=PERSON&limit=50" >"$f" ;;
    *) gen "$e" >"$f" ;;
  esac
  # one pass over every URL first: each must answer 2xx (a wrong URL would make a fast 4xx)
  bad=$(while read -r u; do code=$(curl -s -o /dev/null -w '%{http_code}' "$base$u"); [ "${code:0:1}" = 2 ] || echo "$code $u"; done <"$f" | head -3)
  [ -z "$bad" ] || { echo "$e: non-2xx answers: $bad" >&2; exit 1; }
  before=$(cpu)
  out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$root/bench/web/wrk-mix.lua" "$base" -- "$f" | tail -n 1)
  after=$(cpu)
  reqs=$(echo "$out" | sed -n 's/.* \([0-9][0-9]*\) requests.*/\1/p')
  printf '%-16s %4d URLs | load %5s | %s | server CPU %s ms/request\n' "$e" "$(wc -l <"$f")" "$(cut -d' ' -f1 /proc/loadavg)" "$out" \
    "$(awk -v c=$((after - before)) -v t="$tick" -v n="${reqs:-0}" 'BEGIN { printf "%.2f", (n > 0 ? c * 1000 / t / n : 0) }')"
done
