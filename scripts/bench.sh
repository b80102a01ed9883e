#!/usr/bin/env bash
# Build speed and memory against Hugo on the same articles (issue 6).
# For each size N (default 1000 10000 100000) it makes an N-article site from ../shared/corpus
# (scripts/gen-site.py: Markdown with TOML front matter, numbered repeats past the corpus), and
# the same articles as a Hugo site with a minimal theme (article page + one paginated listing);
# builds both to tmpfs (/dev/shm) under /usr/bin/time -v and prints wall time, CPU time, peak
# memory and Gazette/Hugo ratios; then Gazette's cost per article across sizes, a no-change
# rebuild, and one build to disk. Installs Hugo with apt-get when it is missing and it can.
# Each cold build is run BENCH_RUNS times (default 3), the two tools' runs alternating, and the
# median run is shown, so one slow run of either tool does not decide the ratio; every run's
# wall time is printed beside it.
# Usage: scripts/bench.sh            (BENCH_SIZES="1000 10000" to choose sizes;
#                                     BENCH_RUNS=1 for one run of each;
#                                     GAZETTE_SHARED: the shared folder, default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${GAZETTE_SHARED:-../shared}"
sizes="${BENCH_SIZES:-1000 10000 100000}"
runs="${BENCH_RUNS:-3}"
[ -d "$shared/corpus" ] || { echo "no corpus at $shared/corpus (set GAZETTE_SHARED)"; exit 2; }
if ! command -v hugo >/dev/null 2>&1; then
  (apt-get install -y -qq hugo >/dev/null 2>&1 || sudo -n apt-get install -y -qq hugo >/dev/null 2>&1) || true
fi
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }
cargo build --release -q
gazette="$PWD/target/release/gazette"
tmp="$(mktemp -d /dev/shm/gazette-bench.XXXXXX 2>/dev/null || mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Runs a command under /usr/bin/time -v; prints "wall cpu peak_mib" of it.
measure() {
  local log="$tmp/time.log"
  /usr/bin/time -v "$@" >"$tmp/out.log" 2>"$log" || { cat "$tmp/out.log" "$log" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { peak = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, peak }' "$log"
}

# median_of RUN...: of runs given as "wall cpu peak_mib", the median run's "wall cpu peak_mib"
# (by wall time), then every run's wall time.
median_of() {
  local walls=()
  for run in "$@"; do walls+=("${run%% *}"); done
  printf '%s\n' "$@" | sort -n | awk -v n="$#" 'NR == int((n + 1) / 2)' | tr '\n' ' '
  echo "${walls[*]}"
}

printf '%-8s %-8s %9s %9s %10s   %s\n' size tool "wall s" "cpu s" "peak MiB" "(each run's wall s)"
declare -A gw
for n in $sizes; do
  site="$tmp/site-$n" hugo_site="$tmp/hugo-$n"
  python3 scripts/gen-site.py "$n" "$site" --shared "$shared" --hugo "$hugo_site" >/dev/null
  # Runs alternate, Gazette then Hugo, $runs times: a machine that slows down or speeds up
  # during the benchmark weighs on both tools alike. Every run is cold: the output goes, and
  # Gazette's build record too (a run is a build, not a check that nothing changed).
  gazette_runs=() hugo_runs=()
  for _ in $(seq "$runs"); do
    rm -rf "$tmp/public-$n" "$site/.gazette-cache"
    gazette_runs+=("$(measure "$gazette" build --root "$site" --output "$tmp/public-$n")")
    if command -v hugo >/dev/null 2>&1; then
      rm -rf "$tmp/hugo-public-$n"
      hugo_runs+=("$(measure hugo --quiet --source "$hugo_site" --destination "$tmp/hugo-public-$n")")
    fi
  done
  read -r w c m each < <(median_of "${gazette_runs[@]}")
  gw[$n]=$w
  printf '%-8s %-8s %9s %9s %10s   (%s)\n' "$n" gazette "$w" "$c" "$m" "$each"
  pages=$(find "$tmp/public-$n" -name '*.html' | wc -l)
  if [ "${#hugo_runs[@]}" -gt 0 ]; then
    read -r hw hc hm heach < <(median_of "${hugo_runs[@]}")
    printf '%-8s %-8s %9s %9s %10s   (%s)\n' "$n" hugo "$hw" "$hc" "$hm" "$heach"
    awk -v a="$w" -v b="$hw" -v c="$c" -v d="$hc" -v e="$m" -v f="$hm" -v n="$n" \
      'BEGIN { printf "%-8s ratio    wall %.2f×  cpu %.2f×  memory %.2f× (Gazette/Hugo; target wall ≤ 0.5×)\n", n, a/b, c/d, e/f }'
    rm -rf "$tmp/hugo-public-$n" "$hugo_site"
  else
    echo "$n hugo: not installed (apt-get install hugo), skipped"
  fi
  echo "$n gazette wrote $pages HTML pages"
  if [ "$n" = "10000" ] || [ "$n" = "$(echo "$sizes" | awk '{print $1}')" ]; then
    touch "$tmp/marker"
    sleep 0.05
    read -r rw rc rm_ < <(measure "$gazette" build --root "$site" --output "$tmp/public-$n")
    touched=$(find "$tmp/public-$n" -newer "$tmp/marker" | wc -l)
    echo "$n gazette rebuild with nothing changed: ${rw} s wall, ${rm_} MiB, $touched files or folders written (target ≤ 0.3 s, none written)"
  fi
  if [ "$n" = "10000" ]; then
    echo "$n gazette phases (--verbose, another build to tmpfs):"
    "$gazette" build --verbose --root "$site" --output "$tmp/phases-$n" 2>&1 >/dev/null | sed 's/^/  /'
    rm -rf "$tmp/phases-$n"
    disk="$(mktemp -d "${TMPDIR:-/var/tmp}/gazette-bench-disk.XXXXXX")"
    read -r dw dc dm < <(measure "$gazette" build --root "$site" --output "$disk/public")
    echo "$n gazette build to disk ($disk): ${dw} s wall, ${dc} s cpu, ${dm} MiB"
    rm -rf "$disk"
  fi
  rm -rf "$tmp/public-$n" "$site"
done
echo
echo "Gazette cost per article (wall ms per article; flat is linear):"
for n in $sizes; do
  awk -v w="${gw[$n]}" -v n="$n" 'BEGIN { printf "  %7d articles: %.3f ms\n", n, 1000*w/n }'
done
