#!/usr/bin/env bash
# Quote accuracy on the hand-labelled dev set (../shared/data/quotes-dev), by pattern.
# Usage: scripts/quote-accuracy.sh [--errors]   (needs ../shared beside the repository)
#        GOLD=scripts/quotes-heldout scripts/quote-accuracy.sh   (held-out Wikinews labels)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${GAZETTE_SHARED:-../shared}"
gold="${GOLD:-$shared/data/quotes-dev}"
[ -d "$gold" ] || { echo "no dev set at $gold (set GAZETTE_SHARED)"; exit 2; }
cargo build --release -q
mapfile -t articles < <(python3 -c '
import json, glob, sys
for f in sorted(glob.glob(sys.argv[1] + "/*/*.json")):
    print(sys.argv[2] + "/" + json.load(open(f))["article"])
' "$gold" "$shared")
out="${TMPDIR:-/tmp}/gazette-quote-predictions.json"
./target/release/gazette quotes --json "${articles[@]}" > "$out"
python3 "$shared/data/quotes-dev/score-quotes.py" "$gold" "$shared" "$out" --by-pattern "$@"
