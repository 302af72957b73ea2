#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test gfpdep.
# Run as root. Packages already present are skipped.
set -euo pipefail

PKGS=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19 libclang-rt-19-dev
  libgtest-dev cmake ninja-build python3 ccache distcc
  libgrpc++-dev libprotobuf-dev
  chromium
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all build dependencies are installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages: ${missing[*]}" >&2
  echo "setup: run this script as root (or install them with apt-get)" >&2
  exit 2
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
