#!/usr/bin/env bash
# Time from process start to the first result: runs `dyad extract ARTICLE` N times (one article, so the
# process ends right after printing its result) and prints each wall time, then min and median wall
# time and CPU time (user + system, all threads). CPU time varies less than wall time on a busy machine.
# Usage: bash bench/first-result.sh [N=9] [ARTICLE] [DYAD=src/Dyad.Cli/bin/Release/net10.0/dyad]
# Build first: dotnet build src/Dyad.Cli -c Release
# On a machine busy with other work, RT=1 (root only) runs each measured command with real-time
# priority (chrt -f 50), which comes close to a quiet machine; the report says which was used.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-9}
article=${2:-../shared/samples/xi-putin-2025-01-22.txt}
dyad=${3:-src/Dyad.Cli/bin/Release/net10.0/dyad}
[ -f "$article" ] || article=samples/modi-macron-2024-07-15.txt
"$dyad" extract "$article" > /dev/null # warm the file cache
prio=()
if [ "${RT:-0}" = 1 ]; then prio=(chrt -f 50); fi
walls=(); cpus=()
for _ in $(seq "$n"); do
  out=$( { "${prio[@]}" /usr/bin/time -f '%e %U %S' "$dyad" extract "$article" > /dev/null; } 2>&1 | tail -1)
  read -r e u s <<< "$out"
  walls+=("$(awk -v e="$e" 'BEGIN { printf "%d", e * 1000 }')")
  cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%d", (u + s) * 1000 }')")
done
stat() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "min %d ms, median %d ms", a[1], a[int((NR + 1) / 2)] }'; }
echo "wall (ms): ${walls[*]}"
echo "cpu  (ms): ${cpus[*]}"
echo "wall: $(stat "${walls[@]}"); cpu: $(stat "${cpus[@]}")"
echo "($n runs of: ${prio[*]:+${prio[*]} }$dyad extract $article; load average $(cut -d' ' -f1 /proc/loadavg), $(nproc) cores)"
