// wait-under-lock across three files: the work item is bound in work.c,
// its function's lock is taken in update.c, the wait (through a helper
// whose work item is a parameter) is in stop.c. Found by the link in any
// compile order, and by a compile of stop.c given the others' facts.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/waits/* %t/
// RUN: cd %t && for f in stop update work; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/a.txt; test $? = 1
// RUN: cd %t && rm *.o && for f in work update stop; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/b.txt; test $? = 1
// RUN: diff %t/a.txt %t/b.txt
// RUN: FileCheck %s < %t/a.txt
// RUN: cd %t && %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-facts=%t/work.o -fplugin-arg-gfpdep-facts=%t/update.o -I%annotations stop.c 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: cd %t && %clang -fsyntax-only -fplugin=%plugin -I%annotations stop.c 2>&1 | count 0

// CHECK: stop.c:3:3: warning: 'cancel_work_sync' waits for work item 'dev::work', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-NEXT: stop.c:6:3: note: mutex 'dev::lock' acquired here
// CHECK-NEXT: stop.c:7:3: note: 'dev_stop' calls 'stop_work' here
// CHECK-NEXT: work.c:6:3: note: 'dev_work' set up as the work item's function here
// CHECK-NEXT: work.c:3:3: note: 'dev_work' calls 'dev_update' here
// CHECK-NEXT: update.c:3:3: note: mutex 'dev::lock' acquired here, in 'dev_work'
// CHECK-NEXT: stop.c:3:3: note: release 'dev::lock' before waiting
// CHECK-NEXT: 1 finding
// ONE: stop.c:3:3: warning: 'cancel_work_sync' waits for work item 'dev::work'
