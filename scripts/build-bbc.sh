#!/usr/bin/env bash
# Builds the 2,225 BBC News articles from ../shared/corpus (read at run time, never copied into
# the repository) as a Gazette site in a temporary folder, checks it with check-site.py, and
# prints the speaker and quote counts. Usage: scripts/build-bbc.sh [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${GAZETTE_SHARED:-../shared}"
corpus="$shared/corpus/bbc-news"
[ -d "$corpus" ] || { echo "no corpus at $corpus (set GAZETTE_SHARED)"; exit 2; }
cargo build --release -q
work="$(mktemp -d /tmp/gazette-bbc.XXXXXX)"
[ "${1:-}" = "--keep" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/content/articles"
printf 'title = "BBC News 2004–2005 (research copy)"\nbase_url = "https://example.org/bbc/"\narticles_per_page = 50\n' > "$work/site.toml"
# The corpus has no dates: give each article a stable one (a day apart, in file order) and its
# category as topic, in a .toml beside the raw .txt article.
python3 - "$corpus" "$work/content/articles" <<'PY'
import csv, datetime, os, shutil, sys
corpus, out = sys.argv[1:3]
rows = list(csv.DictReader(open(os.path.join(corpus, "metadata.csv"), encoding="utf-8")))
start = datetime.date(2004, 1, 1)
for i, row in enumerate(rows):
    shutil.copy(os.path.join(corpus, row["id"] + ".txt"), os.path.join(out, row["id"] + ".txt"))
    day = start + datetime.timedelta(hours=8 * i)
    with open(os.path.join(out, row["id"] + ".toml"), "w", encoding="utf-8") as f:
        f.write(f'date = {day.isoformat()}\ntopics = ["{row["category"].title()}"]\n\n[source]\nname = "BBC News"\n')
print(f"{len(rows)} articles")
PY
/usr/bin/time -f "build: %e s wall, %M KiB peak" ./target/release/gazette build --root "$work" --output "$work/public"
status=0
python3 "$shared/tools/check-site.py" "$work/public" --base-url https://example.org/bbc/ | tail -1 || status=$?
python3 - "$work/public" <<'PY'
import json, sys, collections
public = sys.argv[1]
quotes = json.load(open(f"{public}/quotes.json"))["quotes"]
speakers = json.load(open(f"{public}/speakers.json"))["speakers"]
named = sum(1 for q in quotes if q["speaker"])
print(f"quotes: {len(quotes)} ({named} with a speaker, {len(quotes) - named} without)")
print(f"speakers: {len(speakers)}; most quoted: " + ", ".join(f'{s["name"]} {s["quote_count"]}' for s in speakers[:10]))
PY
exit "$status"
