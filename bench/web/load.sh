#!/usr/bin/env bash
# Load test of a running `dyad serve` (docs/notes/web.md): 50 connections, 2 wrk threads, D seconds per endpoint.
# usage: bench/web/load.sh http://127.0.0.1:5399 [seconds]
set -u
base=${1:-http://127.0.0.1:5399}
secs=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
doc=$(curl -s "$base/api/documents?limit=1&offset=500" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
for path in \
  "/" \
  "/api/stats" \
  "/api/dyads?level=country&limit=12" \
  "/api/documents?limit=50&offset=1000" \
  "/api/documents/$doc" \
  "/api/events?actor=USA&type=ASSAULT&limit=50" \
  "/api/events?actor=RUS&quad=4&limit=50" \
  "/api/events?a=RUS&b=CHN&limit=50" \
  "/api/timeline?a=USA&b=IRN&by=week" \
  "/api/timeline?a=RUS&b=CHN&by=month" \
  "/api/timeline?a=RUSGOV&b=CHNGOV&by=day" \
  "/api/quotes?speaker=defence%20minister%20of%20China&limit=50" \
  "/api/quotes?speaker=minister&limit=50" \
  "/api/quotes?text=talking%2012345&limit=50" \
  "/api/entities?limit=50" ; do
  printf '%-62s load %s | ' "$path" "$(cut -d' ' -f1 /proc/loadavg)"
  wrk -t2 -c50 -d"${secs}s" --timeout 10s -s "$here/wrk-report.lua" "$base$path" | tail -n 1
done
