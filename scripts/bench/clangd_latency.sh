#!/usr/bin/env bash
# Time to diagnostics (didOpen -> first publishDiagnostics) for seed fixtures
# in gfpdep-clangd vs stock clangd-19, same file, same flags. Not a test.
#   bash scripts/bench/clangd_latency.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
REPS=${REPS:-7}
STOCK=$(command -v clangd-19 || echo /usr/lib/llvm-19/bin/clangd)
[ -x "$STOCK" ] || { echo "stock clangd-19 not installed (apt-get install clangd-19)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
echo "-std=c++17" > "$WORK/compile_flags.txt"
echo "-I$PWD/annotations" >> "$WORK/compile_flags.txt"
median() { python3 -c "import sys,statistics; print('%.3f' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
once() {  # server... file -> seconds
  python3 scripts/lsp_check.py --timeout 60 -- "$@" 2>&1 >/dev/null |
    sed -n 's/^time to diagnostics: \([0-9.]*\) s$/\1/p'
}
printf '%-28s %10s %14s %7s\n' fixture "clangd-19" "gfpdep-clangd" ratio
for f in fixtures/virtio_balloon/fill_balloon_4_14.cpp fixtures/virtio_balloon/sg_oom.cpp; do
  cp "$f" "$WORK/"
  file="$WORK/$(basename "$f")"
  a=(); b=()
  for _ in $(seq "$REPS"); do
    a+=("$(once "$STOCK" "$file")")
    b+=("$(once "$BUILD/bin/gfpdep-clangd" "$file")")
  done
  ma=$(median "${a[@]}"); mb=$(median "${b[@]}")
  printf '%-28s %10s %14s %7s\n' "$(basename "$f")" "$ma" "$mb" \
    "$(python3 -c "print('%.2fx' % ($mb / $ma))")"
done
