// gfpdep-clangd with a build's summary files (GFPDEP_SUMMARIES): the editor
// shows the cross-file chain of the balloon deadlock while lock.c is open.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t/src && cp %inputs/xtu/* %t/src/
// RUN: echo "-I%annotations" > %t/src/compile_flags.txt
// RUN: for p in 1 2; do for f in alloc lock notifier; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/s -fplugin-arg-gfpdep-summaries=%t/s %t/src/$f.c 2>/dev/null; done; done
// RUN: env GFPDEP_SUMMARIES=%t/s %lsp_check --timeout 60 --expect-code gfpdep-reclaim-under-lock -- %lsp_server %t/src/lock.c | FileCheck %s
// Without them, nothing to report in lock.c alone.
// RUN: %lsp_check --timeout 20 --expect-code gfpdep-reclaim-under-lock -- %lsp_server %t/src/lock.c || test $? = 1

// The leaf is in alloc.c: clangd anchors the diagnostic in the open file
// (at the lock acquisition), and keeps every step as related information.
// CHECK: "code": "gfpdep-reclaim-under-lock"
// CHECK: "relatedInformation": [
// CHECK-DAG: "message": "Mutex 'vballoon::balloon_lock' acquired here"
// CHECK-DAG: "message": "'virtballoon_oom_notify' registered as an OOM notifier here"
// CHECK-DAG: "uri": "file://{{.*}}/src/notifier.c"
// CHECK-DAG: "message": "Mutex 'vballoon::balloon_lock' acquired here, inside reclaim"
