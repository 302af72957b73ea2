#!/usr/bin/env bash
# Benchmark: drawing the lock graph of a real build. Links the facts of the
# objects under the given directories of a kernel tree built with the plugin
# (docs/kernel.md), writes the graph with --graph-scope=cycles (the default)
# and all, and times Graphviz's dot on each and the HTML report in headless
# Chromium. CPU seconds (user + sys) and peak RSS. Not a test: it prints
# figures for docs/performance.md.
#
#   bash scripts/bench/graph_render.sh <kernel tree> <dir>... [-- dot timeout s]
set -euo pipefail
G=$(cd "$(dirname "$0")/../.." && pwd)
TREE=$1; shift
DIRS=("$@")
TIMEOUT=${DOT_TIMEOUT:-900}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
command -v dot > /dev/null || { echo "graph_render: needs graphviz (dot)" >&2; exit 2; }
cd "$TREE"
cpu() { # label, command...: "label: CPU s, peak MB" or the timeout
  local label=$1; shift
  local rc=0
  /usr/bin/time -f "%U %S %M" -o "$WORK/t" timeout "$TIMEOUT" "$@" > /dev/null 2>&1 || rc=$?
  if [ "$rc" != 124 ]; then # gfpdep exits 1 with findings
    read -r u s m < <(tail -1 "$WORK/t")
    python3 -c "import sys; u,s,m=map(float,sys.argv[2:]); print('%s: %.1f s CPU, %.0f MB' % (sys.argv[1], u+s, m/1024))" "$label" "$u" "$s" "$m"
  else
    echo "$label: did not finish in $TIMEOUT s"
  fi
}
for scope in cycles all; do
  "$G/build/bin/gfpdep" --link --root . "${DIRS[@]}" --graph=dot --graph-scope=$scope > "$WORK/$scope.dot"
  echo "$scope: $(grep -c -- ' -> ' "$WORK/$scope.dot") edges, $(grep -c '^  "[^"]*"\( \[.*\]\)\?;$' "$WORK/$scope.dot") classes"
  cpu "  dot -Tsvg ($scope)" dot -Tsvg "$WORK/$scope.dot" -o "$WORK/$scope.svg"
done
"$G/build/bin/gfpdep" --link --root . "${DIRS[@]}" --format=html --output="$WORK/report.html" || true
echo "html: $(wc -c < "$WORK/report.html") bytes"
cpu "  gfpdep --format=html" "$G/build/bin/gfpdep" --link --root . "${DIRS[@]}" --format=html --output="$WORK/r2.html"
cpu "  chromium render + checks" python3 "$G/checker/test/Inputs/check_html.py" "$WORK/report.html"
