#!/usr/bin/env bash
# Quotation extraction speed on one thread, over the shared corpus (bbc-news and
# wikinews-2019-2020), plus articles of 10,000 unmatched quotation marks. Target: ≥ 20 MB/s.
# Usage: scripts/bench-quotes.sh   (GAZETTE_SHARED: the shared folder, default ../shared;
#        GAZETTE_BENCH_ROUNDS: timed rounds, default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
# The bench reads GAZETTE_SHARED relative to the repository, where cargo runs it.
export GAZETTE_SHARED="${GAZETTE_SHARED:-../shared}"
cargo bench -q --bench quotes
