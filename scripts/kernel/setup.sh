#!/usr/bin/env bash
# Prepares a Linux 6.1 tree for gfpdep's kernel benchmark and its kernel
# conformance tests: installs Debian's linux-source-6.1 and what a kernel
# build needs, unpacks it once into $GFPDEP_KERNEL_DIR (default
# build/kernel), configures x86_64 defconfig + VIRTIO_BALLOON and runs
# modules_prepare with clang-19. Idempotent: a prepared tree is left as it is.
#
# Prints the path of the prepared tree on stdout (everything else on stderr).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
KDIR=${GFPDEP_KERNEL_DIR:-$repo/build/kernel}
CC=${GFPDEP_KERNEL_CC:-clang-19}
JOBS=${GFPDEP_JOBS:-$(nproc)}

PKGS=(linux-source-6.1 bc flex bison libelf-dev libssl-dev make xz-utils kmod cpio
      python3 patch)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$p")
done
if [ "${#missing[@]}" -ne 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "kernel setup: missing packages: ${missing[*]} (run as root)" >&2
    exit 2
  fi
  echo "kernel setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tree=$KDIR/linux-source-6.1
stamp=$tree/.gfpdep-prepared
if [ -f "$stamp" ]; then
  echo "$tree"
  exit 0
fi

mkdir -p "$KDIR"
if [ ! -f "$tree/Makefile" ]; then
  tarball=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -1)
  [ -n "$tarball" ] || { echo "kernel setup: /usr/src/linux-source-6.1.tar.* not found" >&2; exit 2; }
  echo "kernel setup: unpacking $tarball into $KDIR" >&2
  tar -C "$KDIR" -xf "$tarball"
fi

cd "$tree"
echo "kernel setup: configuring (x86_64 defconfig + VIRTIO_BALLOON)" >&2
make -s CC="$CC" defconfig >&2
./scripts/config --enable VIRTIO --enable VIRTIO_PCI --enable VIRTIO_BALLOON >&2
make -s CC="$CC" olddefconfig >&2
echo "kernel setup: make modules_prepare (a few minutes)" >&2
make -s CC="$CC" -j"$JOBS" modules_prepare >&2
touch "$stamp"
echo "$tree"
