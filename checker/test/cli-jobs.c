// gfpdep -j: -j <n>, -j<n> and -j=<n> all work; 0 means the core count; a
// huge count is bounded (the thread pool used to start no thread at all and
// wait forever).
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/xtu/*.c %inputs/xtu/*.h %t/
// RUN: %make_cdb %t %annotations alloc.c lock.c notifier.c
// RUN: %cli_gfpdep -p %t --quiet -j 2 > %t/sep.txt; echo rc=$? >> %t/sep.txt
// RUN: FileCheck %s < %t/sep.txt
// RUN: %cli_gfpdep -p %t --quiet -j2 > %t/joined.txt; echo rc=$? >> %t/joined.txt
// RUN: FileCheck %s < %t/joined.txt
// RUN: %cli_gfpdep -p %t --quiet -j=2 > %t/eq.txt; echo rc=$? >> %t/eq.txt
// RUN: FileCheck %s < %t/eq.txt
// RUN: %cli_gfpdep -p %t --quiet -j 0 > %t/zero.txt; echo rc=$? >> %t/zero.txt
// RUN: FileCheck %s < %t/zero.txt
// RUN: %cli_gfpdep -p %t --quiet -j1 > %t/one.txt; echo rc=$? >> %t/one.txt
// RUN: FileCheck %s < %t/one.txt
// RUN: timeout 300 %cli_gfpdep -p %t --quiet -j 4294967295 > %t/huge.txt; echo rc=$? >> %t/huge.txt
// RUN: FileCheck %s < %t/huge.txt
// CHECK: [gfpdep-reclaim-under-lock]
// CHECK: 1 finding
// CHECK-NEXT: rc=1
//
// RUN: %cli_gfpdep --help | FileCheck %s --check-prefix=HELP
// HELP: -j <n>{{ +}}- Parallel jobs: -j <n>, -j<n> or -j=<n> (default or 0: cores; at most 256)
