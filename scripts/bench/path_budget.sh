#!/usr/bin/env bash
# Benchmark: the path-sensitive mode on call chains of N functions in one
# file (checker/test/Inputs/gen_chain.py DIR onefile N: top() holds a mutex
# and calls c0() ... c{N-1}(), which allocates with GFP_KERNEL; the OOM
# notifier takes the mutex), with the default budgets and with none; CPU
# seconds (user + sys) and peak RSS, each run under a timeout. Not a test:
# it prints figures for docs/performance.md ("Path-sensitive mode").
#
#   bash scripts/bench/path_budget.sh [build-dir] [N...]
#
# PLUGIN=/path/to/gfpdep.so times another build of the plugin (say, one from
# before the budgets: it takes no budget options, so only the first column).
# TIMEOUT=<seconds> per run (default 300).
set -uo pipefail
G=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$G/build}; shift || true
SIZES=("${@:-1000 2000 4000}")
PLUGIN=${PLUGIN:-$BUILD/lib/gfpdep.so}
TIMEOUT=${TIMEOUT:-300}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CLANG=/usr/lib/llvm-19/bin/clang
run() { # label, extra plugin arguments...
  local label=$1; shift
  local rc=0
  /usr/bin/time -f "%U %S %M" -o "$WORK/t" timeout "$TIMEOUT" \
    $CLANG -fsyntax-only -fplugin="$PLUGIN" -I"$G/annotations" \
    -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-stats "$@" \
    > /dev/null 2> "$WORK/err" || rc=$?
  if [ "$rc" = 124 ]; then
    echo "  $label: killed at $TIMEOUT s"
    return
  fi
  read -r u s m < <(tail -1 "$WORK/t")
  python3 -c "import sys; u,s,m=map(float,sys.argv[2:5]); print('  %s: %.2f s CPU, %.0f MB' % (sys.argv[1], u+s, m/1024))" \
    "$label" "$u" "$s" "$m"
  grep -o 'path-sensitive: [0-9]* findings checked, [0-9]* confirmed.*kept unverified' "$WORK/err" | sed 's/^/    /'
  grep -o 'budgets: .*; time' "$WORK/err" | sed 's/; time$//; s/^/    /'
  grep -o 'remark: .*' "$WORK/err" | sed 's/^/    /'
}
for N in ${SIZES[@]}; do
  D=$WORK/n$N
  python3 "$G/checker/test/Inputs/gen_chain.py" "$D" onefile "$N"
  echo "N=$N"
  run "default budgets" "$D/chain.c"
  if [ "$PLUGIN" = "$BUILD/lib/gfpdep.so" ]; then
    run "no budget (path-budget=0 path-function-budget=0)" \
      -fplugin-arg-gfpdep-path-budget=0 -fplugin-arg-gfpdep-path-function-budget=0 "$D/chain.c"
  fi
done
