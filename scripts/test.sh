#!/usr/bin/env bash
# README command (2): set up, build, and run every test (unit and lit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cd "${GFPDEP_BUILD_DIR:-build}"
ctest --output-on-failure
