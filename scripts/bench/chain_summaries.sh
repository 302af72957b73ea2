#!/usr/bin/env bash
# Benchmark: a call chain of N functions in one file (f0 holds a mutex and
# calls f1 ... f{N-1}, which allocates with GFP_KERNEL; the OOM notifier
# takes the mutex) through the older per-unit engine's summary files: the
# plugin writing them (summary-dir=), reading them back (summaries=), and
# gfpdep --summaries linking them; the size of the file; CPU seconds and
# peak RSS. Each run under a 4 GB address-space limit and a timeout. Not a
# test: it prints figures for docs/performance.md.
#
#   bash scripts/bench/chain_summaries.sh [build-dir] [N...]
set -uo pipefail
G=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$G/build}; shift || true
SIZES=("${@:-1000 2000 50000}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CLANG=/usr/lib/llvm-19/bin/clang
run() { # label, command...
  local label=$1; shift
  local rc=0
  ( ulimit -v 4000000; /usr/bin/time -f "%U %S %M" -o "$WORK/t" timeout 600 "$@" > /dev/null 2> "$WORK/err" ) || rc=$?
  if [ "$rc" = 124 ]; then echo "  $label: did not finish in 600 s"; return; fi
  read -r u s m < <(tail -1 "$WORK/t")
  python3 -c "import sys; u,s,m=map(float,sys.argv[2:5]); print('  %s: %.1f s CPU, %.0f MB%s' % (sys.argv[1], u+s, m/1024, sys.argv[5]))" \
    "$label" "$u" "$s" "$m" "$( [ "$rc" -le 1 ] && echo "" || echo " (exit $rc: $(grep -m1 -o 'out of memory\|bad_alloc' "$WORK/err" || echo failed))")"
}
for N in ${SIZES[@]}; do
  D=$WORK/n$N; mkdir -p "$D/sum"
  python3 - "$D/chain.c" "$N" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("#include <gfpdep/kernel.h>\nstruct mutex big;\n")
    for i in range(n - 1, 0, -1):
        body = "kmalloc(64, GFP_KERNEL);" if i == n - 1 else "f%d();" % (i + 1)
        f.write("void f%d(void) { %s }\n" % (i, body))
    f.write("void f0(void) { mutex_lock(&big); f1(); mutex_unlock(&big); }\n"
            "static int oom(struct notifier_block *nb, unsigned long a, void *p) {\n"
            "  mutex_lock(&big); mutex_unlock(&big); return 0; }\n"
            "static struct notifier_block nb = { .notifier_call = oom };\n"
            "void init(void) { register_oom_notifier(&nb); }\n")
PY
  echo "N=$N"
  run "plugin, default route" $CLANG -fsyntax-only -fplugin=$BUILD/lib/gfpdep.so -I$G/annotations "$D/chain.c"
  run "plugin, summary-dir=" $CLANG -fsyntax-only -fplugin=$BUILD/lib/gfpdep.so \
    -fplugin-arg-gfpdep-summary-dir=$D/sum -I$G/annotations "$D/chain.c"
  echo "  summary file: $(du -b "$D"/sum/*.gfpdep.json 2>/dev/null | awk '{s+=$1} END {printf "%.1f MB", s/1e6}')"
  run "plugin, summaries=" $CLANG -fsyntax-only -fplugin=$BUILD/lib/gfpdep.so \
    -fplugin-arg-gfpdep-summaries=$D/sum -I$G/annotations "$D/chain.c"
  run "gfpdep --summaries" $BUILD/bin/gfpdep --summaries "$D/sum"
done
