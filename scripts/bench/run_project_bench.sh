#!/usr/bin/env bash
# Whole-program scale: `gfpdep -p` vs plain `clang -fsyntax-only` over the
# same files (both with -j cores), on generated projects of growing size.
#   bash scripts/bench/run_project_bench.sh [build-dir] [sizes...]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}; shift || true
SIZES=${*:-"10000 100000"}
J=$(nproc)
ANN=$PWD/annotations
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf '%-10s %6s %12s %12s %7s %8s\n' functions files "plain(s)" "gfpdep(s)" ratio passes
for n in $SIZES; do
  files=$(( n >= 100000 ? 200 : (n / 500 > 0 ? n / 500 : 1) ))
  d="$WORK/p$n"
  python3 scripts/bench/gen_project.py "$d" --files "$files" --functions "$n" >/dev/null
  t0=$(date +%s.%N)
  (cd "$d" && ls unit*.c | xargs -P "$J" -n 1 clang-19 -fsyntax-only -I"$ANN" >/dev/null 2>&1)
  t1=$(date +%s.%N)
  "$BUILD/bin/gfpdep" -p "$d" -j "$J" --quiet --pass-stats > "$d/report.txt" 2> "$d/stats.txt" || true
  t2=$(date +%s.%N)
  passes=$(sed -n 's/^gfpdep: passes: \([0-9]*\).*/\1/p' "$d/stats.txt")
  printf '%-10s %6s %12.1f %12.1f %6.1fx %8s\n' "$n" "$files" \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" \
    "$(echo "($t2 - $t1) / ($t1 - $t0)" | bc -l)" "$passes"
done
