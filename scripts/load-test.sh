#!/usr/bin/env bash
# Load test of the dev server: wrk with 100 connections for 10 s against `gazette serve` on a
# copy of the default site, while an article is rewritten every 200 ms. Reports wrk's figures,
# errors and non-2xx answers, and HTML answers that do not end with </html> (half-written files).
#
#   scripts/load-test.sh [path/to/gazette]     (default: target/release/gazette, else target/debug/gazette)
#   CONNECTIONS=100 DURATION=10s THREADS=2 scripts/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
gazette=${1:-}
if [[ -z $gazette ]]; then
  if [[ -x target/release/gazette ]]; then gazette=target/release/gazette; else gazette=target/debug/gazette; fi
fi
gazette=$(realpath "$gazette")
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
writer_pid=""
cleanup() {
  [[ -n $writer_pid ]] && kill "$writer_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the default site, so that the rewrites never touch the repository.
mkdir -p "$work/site"
cp -r site.toml content "$work/site/"
[[ -d templates ]] && cp -r templates "$work/site/"
[[ -d static ]] && cp -r static "$work/site/"

"$gazette" serve --root "$work/site" --output "$work/out" --port 0 >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'http://[0-9.:]*/' "$work/serve.log" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { echo "gazette serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

article="$work/site/content/articles/wikinews/$(ls content/articles/wikinews | grep '\.md$' | head -1)"
slug=$(basename "$article" .md)
original=$(cat "$article")
# Rewrites in place (not write-and-rename), the harshest way an editor can save.
(
  n=0
  while true; do
    n=$((n + 1))
    printf '%s\n\nLoad-test edit number %d, with more words to change the page.\n' "$original" "$n" >"$article"
    sleep 0.2
  done
) &
writer_pid=$!

cat >"$work/check.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad_html = 0; non2xx = 0; checked = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1; return end
  local kind = headers["Content-Type"] or headers["content-type"] or ""
  if kind:find("text/html", 1, true) then
    checked = checked + 1
    if not body:match("</html>%s*$") then bad_html = bad_html + 1 end
  end
end
function done(summary, latency, requests)
  local bad, non, total = 0, 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("bad_html"); non = non + t:get("non2xx"); total = total + t:get("checked")
  end
  io.write(string.format("HTML answers checked: %d; not ending with </html>: %d; non-2xx seen by the script: %d\n", total, bad, non))
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d; status errors %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
end
LUA

echo "gazette: $gazette"
echo "serving $url, rewriting content/articles/wikinews/$slug.md every 200 ms"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-100}" -d"${DURATION:-10s}" --latency -s "$work/check.lua" "${url}articles/$slug/"
kill "$writer_pid"; writer_pid=""
echo "rebuilds during the run: $(grep -c '^Rebuilt\|^Built\|rebuilt' "$work/serve.log" || true)"
grep -E '^(error|warning)' "$work/serve.log" | sort | uniq -c | head -5 || true
