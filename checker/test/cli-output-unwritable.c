// The report cannot be written: exit status 4 with an error, not the
// findings' status. --output=/dev/full is a device (refused before the
// analysis); standard output closed (>&-) fails when the report is written.
// RUN: rm -rf %t && mkdir -p %t/src
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/src/
// RUN: %make_cdb %t/src %annotations alloc.c lock.c notifier.c
//
// RUN: %cli_gfpdep -p %t/src --quiet --output=/dev/full > %t/full.txt 2>&1; echo rc=$? >> %t/full.txt
// RUN: FileCheck %s --check-prefix=FULL < %t/full.txt
// FULL: gfpdep: error: cannot write '/dev/full': it is a device; gfpdep writes regular files only
// FULL-NEXT: rc=4
// RUN: test -c /dev/full
//
// RUN: %cli_gfpdep -p %t/src >&- 2> %t/closed.txt; echo rc=$? >> %t/closed.txt
// RUN: FileCheck %s --check-prefix=CLOSED < %t/closed.txt
// RUN: %cli_gfpdep -p %t/src --quiet --format=json >&- 2> %t/closed-json.txt; echo rc=$? >> %t/closed-json.txt
// RUN: FileCheck %s --check-prefix=CLOSED < %t/closed-json.txt
// CLOSED: gfpdep: error: cannot write the report to standard output: {{.*}}
// CLOSED-NOT: LLVM ERROR
// CLOSED: rc=4
