#!/usr/bin/env bash
# ctest "install": cmake --install into a temporary prefix, then a project
# of its own that finds gfpdep with find_package() and builds a bad file
# with gfpdep_check(): the build prints the finding. Then cpack's .deb
# holds the same files. Nothing is left behind but what cmake --install and
# cpack themselves write into the build directory (install_manifest.txt,
# _CPack_Packages).
# Usage: test_install.sh <build dir> <clang>
set -euo pipefail
BUILD=$(cd "$1" && pwd)
CLANG=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cmake --install "$BUILD" --prefix "$T/usr" > "$T/install.log"
for f in bin/gfpdep lib/gfpdep/gfpdep.so lib/gfpdep/GfpdepTidyModule.so \
         include/gfpdep/annotations.h include/gfpdep/kernel.h \
         lib/cmake/gfpdep/gfpdepConfig.cmake lib/cmake/gfpdep/gfpdepConfigVersion.cmake \
         share/man/man1/gfpdep.1 share/doc/gfpdep/usage.md share/doc/gfpdep/rules/lock-order.md \
         share/doc/gfpdep/images/html-report.png share/doc/gfpdep/images/lock-graph.svg; do
  test -f "$T/usr/$f" || { echo "install: missing $f"; exit 1; }
done
"$T/usr/bin/gfpdep" --version | grep -q '^gfpdep ' || { echo "install: gfpdep --version"; exit 1; }
head -1 "$T/usr/share/man/man1/gfpdep.1" | grep -q '^\.TH GFPDEP 1' || { echo "install: man page"; exit 1; }
grep -q -- '--link' "$T/usr/share/man/man1/gfpdep.1" || { echo "install: man page lacks the options"; exit 1; }

# A consumer project.
mkdir -p "$T/consumer"
cat > "$T/consumer/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(consumer C)
find_package(gfpdep 0.3 REQUIRED)
add_library(driver OBJECT driver.c)
gfpdep_check(driver ARGS disable=lock-balance)
CMAKE
cat > "$T/consumer/driver.c" <<'C'
#include <gfpdep/kernel.h>
spinlock_t lock;
void bad(void) {
  spin_lock(&lock);
  kmalloc(64, GFP_KERNEL);
  spin_unlock(&lock);
}
C
cmake -S "$T/consumer" -B "$T/consumer/build" -DCMAKE_C_COMPILER="$CLANG" \
      -DCMAKE_PREFIX_PATH="$T/usr" > "$T/configure.log" 2>&1 \
  || { cat "$T/configure.log"; exit 1; }
cmake --build "$T/consumer/build" > "$T/build.log" 2>&1 || { cat "$T/build.log"; exit 1; }
grep -q "warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'lock' is held \[gfpdep-sleep-in-atomic\]" \
  "$T/build.log" || { echo "install: the consumer's build gave no finding"; cat "$T/build.log"; exit 1; }
echo "install: consumer project found gfpdep and reported the finding"

# The .deb.
(cd "$T" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg" > "$T/cpack.log" 2>&1) \
  || { cat "$T/cpack.log"; exit 1; }
DEB=$(ls "$T"/pkg/gfpdep_*.deb)
dpkg-deb -f "$DEB" Package Depends | tr '\n' ' ' | grep -q 'Package: gfpdep Depends: clang-19' \
  || { echo "install: .deb control"; dpkg-deb -f "$DEB"; exit 1; }
for f in ./usr/bin/gfpdep ./usr/lib/gfpdep/gfpdep.so ./usr/include/gfpdep/annotations.h \
         ./usr/share/man/man1/gfpdep.1 ./usr/lib/cmake/gfpdep/gfpdepConfig.cmake; do
  dpkg-deb -c "$DEB" | awk '{print $6}' | grep -qx "$f" || { echo "install: .deb lacks $f"; exit 1; }
done
echo "install: $(basename "$DEB") holds the installed files"
echo "3 passed, 0 failed"
