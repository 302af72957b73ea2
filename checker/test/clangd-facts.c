// gfpdep-clangd and clang-tidy with a build's facts (GFPDEP_FACTS): the
// objects a plugin build left carry each unit's facts; the editor links the
// open file with them and shows the cross-file chain of the balloon deadlock
// while lock.c is open. Same data path as a compile with facts=.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t/src %t/obj && cp %inputs/xtu/* %t/src/
// RUN: echo "-I%annotations" > %t/src/compile_flags.txt
// One build, in any order: the facts travel in the objects.
// RUN: for f in notifier lock alloc; do %clang -c -fplugin=%plugin -I%annotations %t/src/$f.c -o %t/obj/$f.o; done
// RUN: env GFPDEP_FACTS=%t/obj %lsp_check --timeout 60 --expect-code gfpdep-reclaim-under-lock -- %lsp_server %t/src/lock.c | FileCheck %s
// Without them, nothing to report in lock.c alone.
// RUN: %lsp_check --timeout 10 --expect-code gfpdep-reclaim-under-lock -- %lsp_server %t/src/lock.c || test $? = 1
// clang-tidy reads the same variable; a path that is not there is an error
// naming it, not a silent empty result.
// RUN: env GFPDEP_FACTS=%t/obj %clang_tidy_gfpdep %t/src/lock.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=TIDY
// RUN: env GFPDEP_FACTS=%t/missing not %clang_tidy_gfpdep %t/src/lock.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=MISSING

// CHECK: "code": "gfpdep-reclaim-under-lock"
// CHECK: "relatedInformation": [
// CHECK-DAG: "message": "Mutex 'vballoon::balloon_lock' acquired here"
// CHECK-DAG: "message": "'virtballoon_oom_notify' registered as an OOM notifier here"
// CHECK-DAG: "uri": "file://{{.*}}/src/notifier.c"
// CHECK-DAG: "message": "Mutex 'vballoon::balloon_lock' acquired here, inside reclaim"

// TIDY: alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}}'vballoon::balloon_lock'{{.*}} [gfpdep-reclaim-under-lock]
// TIDY: lock.c:{{[0-9]+}}:{{[0-9]+}}: note: mutex 'vballoon::balloon_lock' acquired here
// TIDY: notifier.c:{{[0-9]+}}:{{[0-9]+}}: note: 'virtballoon_oom_notify' registered as an OOM notifier here

// MISSING: error: gfpdep: {{.*}}missing{{.*}} [gfpdep-contract]
