#!/bin/bash
# Rebuilds single objects of the prepared Linux 6.1 tree with the plugin and
# prints gfpdep's findings (the rest of the compiler's output is dropped).
#
#   scripts/kernel/check-file.sh mm/slub.o net/core/dev.o ...
#
# GFPDEP_PLUGIN picks the plugin (default: build/lib/gfpdep.so); extra
# -fplugin-arg-gfpdep-... options go in GFPDEP_PLUGIN_ARGS ("debug-path=1").
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
plugin=$(realpath "${GFPDEP_PLUGIN:-$repo/build/lib/gfpdep.so}")
[ -f "$plugin" ] || { echo "check-file: $plugin not found; build first" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: check-file.sh DIR/FILE.o ..." >&2; exit 2; }
tree=$(bash "$repo/scripts/kernel/setup.sh")
kcflags="-fplugin=$plugin"
for a in ${GFPDEP_PLUGIN_ARGS:-}; do kcflags="$kcflags -fplugin-arg-gfpdep-$a"; done
for o in "$@"; do
  rm -f "$tree/$o"
done
make -s -C "$tree" CC=clang-19 "KCFLAGS=$kcflags" "$@" 2>&1 |
  grep -E '(warning|error|note): .*|^ *[0-9]+ warnings? generated' | grep -v '^make' || true
