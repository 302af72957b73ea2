// gfpdep-clangd with a summary file of 40,000 nested '[' (GFPDEP_SUMMARIES):
// the file is rejected before the JSON parser sees it, so the server does
// not overflow its stack and still publishes the unit's own findings.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t/deep %t/src
// RUN: %python -c "print('[' * 40000)" > %t/deep/a.gfpdep.json
// RUN: echo "-I%annotations" > %t/src/compile_flags.txt
// RUN: printf '#include <gfpdep/kernel.h>\nspinlock_t l;\nvoid f(void) { spin_lock(&l); msleep(1); spin_unlock(&l); }\n' > %t/src/f.c
// RUN: env GFPDEP_SUMMARIES=%t/deep %lsp_check --timeout 60 --expect-code gfpdep-sleep-in-atomic -- %lsp_server %t/src/f.c | FileCheck %s
// CHECK: "code": "gfpdep-sleep-in-atomic"
