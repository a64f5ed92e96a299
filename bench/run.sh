#!/usr/bin/env bash
# One command for the whole benchmark: builds Dyad (Release), rebuilds the corpus from ../shared/data
# and samples/, installs the peers from bench/peers/package-lock.json, runs them and Dyad on the same
# texts (one core each), then prints Dyad's own throughput with 1 and all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Dyad.Cli -c Release -v q -nologo
dyad=src/Dyad.Cli/bin/Release/net10.0/dyad
"$dyad" bench corpus --out bench/corpus
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
node bench/peers/peers.mjs bench/corpus > bench/corpus/peers.jsonl
"$dyad" bench compare bench/corpus
"$dyad" bench --corpus bench/corpus/corpus.jsonl
