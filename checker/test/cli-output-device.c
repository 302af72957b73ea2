// --write-baseline and --output refuse a device node with exit status 4 and
// leave it as it was (the rename of a temporary file used to replace it with
// a regular file). mknod needs root.
// REQUIRES: root
// RUN: rm -rf %t && mkdir -p %t/src %t/out
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/src/
// RUN: %make_cdb %t/src %annotations alloc.c lock.c notifier.c
// RUN: mknod %t/out/dev c 1 3
// RUN: ln -s dev %t/out/dev-link
//
// RUN: %cli_gfpdep -p %t/src --quiet --write-baseline=%t/out/dev > %t/base.txt 2>&1; echo rc=$? >> %t/base.txt
// RUN: FileCheck %s --check-prefix=DEV -DP=%t/out/dev < %t/base.txt
// RUN: %cli_gfpdep -p %t/src --quiet --output=%t/out/dev > %t/out.txt 2>&1; echo rc=$? >> %t/out.txt
// RUN: FileCheck %s --check-prefix=DEV -DP=%t/out/dev < %t/out.txt
// RUN: %cli_gfpdep -p %t/src --quiet --format=sarif --output=%t/out/dev > %t/sarif.txt 2>&1; echo rc=$? >> %t/sarif.txt
// RUN: FileCheck %s --check-prefix=DEV -DP=%t/out/dev < %t/sarif.txt
// DEV: gfpdep: error: cannot write '[[P]]': it is a device; gfpdep writes regular files only
// DEV-NEXT: rc=4
//
// Through a symbolic link: refused too, the link and the node stay.
// RUN: %cli_gfpdep -p %t/src --quiet --write-baseline=%t/out/dev-link > %t/link.txt 2>&1; echo rc=$? >> %t/link.txt
// RUN: FileCheck %s --check-prefix=LINK -DP=%t/out/dev-link < %t/link.txt
// LINK: gfpdep: error: cannot write '[[P]]': it is a device (through a symbolic link: {{.*}}dev); gfpdep writes regular files only
// LINK-NEXT: rc=4
//
// The node is untouched: still a character device 1,3, and no temporary file.
// RUN: test -c %t/out/dev && test -L %t/out/dev-link
// RUN: stat -c '%%F %%t,%%T' %t/out/dev | FileCheck %s --check-prefix=NODE
// NODE: character special file 1,3
// RUN: ls -A %t/out | FileCheck %s --check-prefix=LS --implicit-check-not=tmp
// LS: dev
// LS-NEXT: dev-link
