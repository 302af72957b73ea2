#!/usr/bin/env bash
# README command (1): set up, build, and run gfpdep on the built-in balloon
# example (virtio-balloon as in Linux 4.14, rendered in C++), printing the
# lockdep-style report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
bash scripts/build.sh >&2
BUILD_DIR=${GFPDEP_BUILD_DIR:-build}
echo "== gfpdep: fixtures/virtio_balloon/fill_balloon_4_14.cpp ==" >&2
# The report is on stderr, as clang prints it; findings are warnings, so the
# compile (and this script) succeeds.
clang-19 -fsyntax-only -std=c++17 -fplugin="$BUILD_DIR/lib/gfpdep.so" \
  -Iannotations fixtures/virtio_balloon/fill_balloon_4_14.cpp
