// wait-under-lock for a kernel thread and a workqueue across three files:
// the thread is started and the work queued in start.c, the lock their
// functions need is taken in update.c, the waits are in stop.c. Found by the
// link in either compile order; a compile of stop.c alone cannot know.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/threads/* %t/
// RUN: cd %t && for f in stop update start; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/a.txt; test $? = 1
// RUN: cd %t && rm *.o && for f in start update stop; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/b.txt; test $? = 1
// RUN: diff %t/a.txt %t/b.txt
// RUN: FileCheck %s < %t/a.txt
// RUN: cd %t && %clang -fsyntax-only -fplugin=%plugin -I%annotations stop.c 2>&1 | count 0

// CHECK: stop.c:4:3: warning: 'kthread_stop' waits for kernel thread 'dev::thread' to exit, whose function 'dev_thread' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-NEXT: stop.c:3:3: note: mutex 'dev::lock' acquired here
// CHECK-NEXT: start.c:10:15: note: 'dev_thread' started as a kernel thread here
// CHECK-NEXT: start.c:3:3: note: 'dev_thread' calls 'dev_update' here
// CHECK-NEXT: update.c:3:3: note: mutex 'dev::lock' acquired here, in 'dev_thread'
// CHECK-NEXT: stop.c:4:3: note: release 'dev::lock' before stopping the thread
// CHECK: stop.c:5:3: warning: 'destroy_workqueue' waits for the work queued on 'dev::wq', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-NEXT: stop.c:3:3: note: mutex 'dev::lock' acquired here
// CHECK-NEXT: start.c:13:3: note: 'dev::work' queued on 'dev::wq' here
// CHECK-NEXT: start.c:12:3: note: 'dev_work' set up as the work item's function here
// CHECK-NEXT: start.c:7:3: note: 'dev_work' calls 'dev_update' here
// CHECK-NEXT: update.c:3:3: note: mutex 'dev::lock' acquired here, in 'dev_work'
// CHECK-NEXT: stop.c:5:3: note: release 'dev::lock' before flushing or destroying the workqueue
// CHECK-NEXT: 2 findings
