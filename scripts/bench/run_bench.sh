#!/usr/bin/env bash
# Benchmark: plugin time / plain `clang -fsyntax-only` time on generated
# kernel-style units (scripts/bench/gen_kernel_tu.py). Not a test: it prints
# figures for docs/performance.md.
#
#   bash scripts/bench/run_bench.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
PLUGIN=$BUILD/lib/gfpdep.so
REPS=${REPS:-5}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -f "$PLUGIN" ] || { echo "no plugin at $PLUGIN: build first" >&2; exit 2; }

# best-of-N wall time of a command, in seconds
best() {
  python3 - "$REPS" "$@" <<'PY'
import subprocess, sys, time
reps = int(sys.argv[1]); cmd = sys.argv[2:]
best = None
for _ in range(reps):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    d = time.perf_counter() - t
    best = d if best is None or d < best else best
print("%.3f" % best)
PY
}

# path(s): the same with -fplugin-arg-gfpdep-path-sensitive (the analyzer
# checks every finding and lock balance); pratio = path(s) / plain(s).
printf '%-34s %8s %9s %9s %7s %8s %7s\n' "unit" "lines" "plain(s)" "gfpdep(s)" "ratio" "path(s)" "pratio"
run() {
  local name=$1; shift
  python3 scripts/bench/gen_kernel_tu.py "$@" > "$WORK/$name.c"
  local lines; lines=$(wc -l < "$WORK/$name.c")
  local plain; plain=$(best clang-19 -fsyntax-only -Iannotations "$WORK/$name.c")
  local with; with=$(best clang-19 -fsyntax-only -Iannotations -fplugin="$PLUGIN" "$WORK/$name.c")
  local path; path=$(best clang-19 -fsyntax-only -Iannotations -fplugin="$PLUGIN" \
    -fplugin-arg-gfpdep-path-sensitive "$WORK/$name.c")
  printf '%-34s %8s %9s %9s %7s %8s %7s\n' "$name" "$lines" "$plain" "$with" \
    "$(python3 -c "print('%.2fx' % ($with / $plain))")" "$path" \
    "$(python3 -c "print('%.2fx' % ($path / $plain))")"
}
# Kernel-like: a header's worth of unused inlines, a driver's worth of code.
run "driver-300fn+3000-header-inlines" --functions 300 --header-inlines 3000
# All bodies, deep call chains: the engine's worst case.
run "bodies-1000fn" --functions 1000
run "bodies-4000fn" --functions 4000
run "bodies-8000fn" --functions 8000
