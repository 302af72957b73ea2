// gfpdep-clangd with GFPDEP_SUMMARIES naming a directory that does not exist
// shows the error in the editor (docs/editors.md), and still the unit's own
// findings.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t/src
// RUN: echo "-I%annotations" > %t/src/compile_flags.txt
// RUN: printf '#include <gfpdep/kernel.h>\nspinlock_t l;\nvoid f(void) { spin_lock(&l); msleep(1); spin_unlock(&l); }\n' > %t/src/f.c
// RUN: env GFPDEP_SUMMARIES=%t/nosuch %lsp_check --timeout 60 --expect-code gfpdep-sleep-in-atomic -- %lsp_server %t/src/f.c | FileCheck %s -DDIR=%t/nosuch
// CHECK-DAG: "message": "{{[Gg]}}fpdep: [[DIR]]: cannot read summary directory: {{[Nn]}}o such file or directory"
// CHECK-DAG: "code": "gfpdep-sleep-in-atomic"
