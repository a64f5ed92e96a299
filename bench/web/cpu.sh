#!/usr/bin/env bash
# CPU time the server spends per request (independent of the machine's load): N sequential requests
# per endpoint, server user+system CPU from /proc before and after.  usage: bench/web/cpu.sh PID BASE [N] < paths
pid=$1; base=$2; n=${3:-100}
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
while read -r path; do
  [ -z "$path" ] && continue
  curl -s -o /dev/null "$base$path"; curl -s -o /dev/null "$base$path"   # warm
  before=$(cpu); start=$(date +%s%N)
  for _ in $(seq "$n"); do curl -s -o /dev/null "$base$path"; done
  after=$(cpu); end=$(date +%s%N)
  awk -v c=$((after - before)) -v t="$tick" -v n="$n" -v w=$(( (end - start) / 1000000 )) -v p="$path" \
    'BEGIN { printf "%-62s %6.2f ms CPU/request  (%d requests, %d ms wall)\n", p, c * 1000 / t / n, n, w }'
done
