#!/usr/bin/env bash
# Configures (once) and builds gfpdep into ./build with clang-19 and Ninja.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${GFPDEP_BUILD_DIR:-build}
JOBS=${GFPDEP_JOBS:-$(nproc)}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  CC=clang-19 CXX=clang++-19 cmake -S . -B "$BUILD_DIR" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS"
