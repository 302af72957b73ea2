#!/usr/bin/env bash
# ctest's kernel-conformance entry: prepares the Linux 6.1 tree once
# (scripts/kernel/setup.sh, into $GFPDEP_KERNEL_DIR) and runs the lit suite
# checker/test/kernel-conformance against it.
#
#   conformance.sh PYTHON LIT SUITE_DIR
#
# Exit 77 (ctest: skipped) when the tree cannot be prepared because packages
# are missing and this is not root; any other set-up failure fails the test.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -eq 3 ] || { echo "usage: conformance.sh PYTHON LIT SUITE_DIR" >&2; exit 2; }
tree=$(bash "$repo/scripts/kernel/setup.sh")
rc=$?
if [ $rc -eq 2 ] && [ "$(id -u)" -ne 0 ]; then
  echo "kernel-conformance: skipped: no prepared Linux 6.1 tree (run scripts/kernel/setup.sh as root)" >&2
  exit 77
fi
[ $rc -eq 0 ] || { echo "kernel-conformance: kernel set-up failed ($rc)" >&2; exit 1; }
GFPDEP_KERNEL_TREE=$tree exec "$1" "$2" -sv "$3"
