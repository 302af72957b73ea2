// The clang-tidy checks' configuration: every gfpdep.* option with its
// default in --dump-config, known to --verify-config, unknown gfpdep keys
// an error (as the plugin rejects an unknown option), and the options for
// the other inputs: gfpdep.Facts (facts=), gfpdep.Summaries (summaries=),
// gfpdep.MaxEffects (max-effects=), gfpdep.Stats (stats).
// RUN: %clang_tidy_gfpdep --dump-config %s -- | FileCheck %s --check-prefix=DUMP
// RUN: %clang_tidy_gfpdep --verify-config -config='{CheckOptions: {gfpdep.Models: m.yaml, gfpdep.Facts: obj, gfpdep.Summaries: s, gfpdep.StackBudget: 1024, gfpdep.StackChainBudget: 2048, gfpdep.LockOrderGates: true, gfpdep.MaxEffects: 8, gfpdep.Stats: false}}' 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StakBudget: 1024, gfpdep-stack-in-reclaim.StackBudget: 1024, gfpdep.Frobnicate: 1}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=UNKNOWN --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.MaxEffects: 0, gfpdep.Stats: often}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=BADVALUES --implicit-check-not=warning:
//
// gfpdep.Facts: a plugin build's objects, linked with the open unit; a
// path that is not there is an error naming the option and the path.
// RUN: rm -rf %t && mkdir -p %t/src %t/obj && cp %inputs/xtu/* %t/src/
// RUN: for f in notifier lock alloc; do %clang -c -fplugin=%plugin -I%annotations %t/src/$f.c -o %t/obj/$f.o; done
// RUN: %clang_tidy_gfpdep %t/src/lock.c -- -I%annotations 2>&1 | count 0
// RUN: cd %t && %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Facts: obj}}' %t/src/lock.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=XTU --implicit-check-not=error:
// RUN: cd %t && not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Facts: "obj;missing"}}' %t/src/lock.c -- -I%annotations 2>&1 | FileCheck %s --check-prefixes=XTU,NOFACTS
//
// gfpdep.Summaries: the per-unit engine over summary files, as
// GFPDEP_SUMMARIES; gfpdep.MaxEffects bounds its summaries.
// RUN: for p in 1 2; do for f in alloc lock notifier; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/s -fplugin-arg-gfpdep-summaries=%t/s %t/src/$f.c 2>/dev/null; done; done
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Summaries: %t/s, gfpdep.Stats: true}}' %t/src/lock.c -- -I%annotations > %t/s.out 2> %t/s.err
// RUN: FileCheck %s --check-prefix=XTU --implicit-check-not=error: < %t/s.out
// RUN: FileCheck %s --check-prefix=STATS < %t/s.err
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Summaries: %t/nosummaries}}' %t/src/lock.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=NOSUMMARIES
// RUN: mkdir -p %t/empty && cp %s %t/effects.c
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Summaries: %t/empty, gfpdep.Stats: true}}' %t/effects.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=EFFECTS64
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Summaries: %t/empty, gfpdep.Stats: true, gfpdep.MaxEffects: 1}}' %t/effects.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=EFFECTS1
#include <gfpdep/kernel.h>

static void *three(void) {
  kmalloc(8, GFP_KERNEL);
  kmalloc(16, GFP_KERNEL);
  return kmalloc(32, GFP_KERNEL);
}
spinlock_t l;
void f(void) {
  spin_lock(&l);
  three();
  spin_unlock(&l);
}

// DUMP-DAG: gfpdep.Facts: ''
// DUMP-DAG: gfpdep.LockOrderGates: 'false'
// DUMP-DAG: gfpdep.MaxEffects: '64'
// DUMP-DAG: gfpdep.Models: ''
// DUMP-DAG: gfpdep.StackBudget: '512'
// DUMP-DAG: gfpdep.StackChainBudget: '0'
// DUMP-DAG: gfpdep.Stats: 'false'
// DUMP-DAG: gfpdep.Summaries: ''

// VERIFY-NOT: unknown check option
// VERIFY: No config errors detected.

// UNKNOWN-DAG: error: gfpdep: unknown option 'gfpdep.StakBudget' (did you mean 'gfpdep.StackBudget'?); valid options: gfpdep.Models, gfpdep.Facts, gfpdep.Summaries, gfpdep.StackBudget, gfpdep.StackChainBudget, gfpdep.LockOrderGates, gfpdep.MaxEffects, gfpdep.Stats [gfpdep-contract]
// UNKNOWN-DAG: error: gfpdep: unknown option 'gfpdep-stack-in-reclaim.StackBudget' (did you mean 'gfpdep.StackBudget'?); valid options: {{.*}} [gfpdep-contract]
// UNKNOWN-DAG: error: gfpdep: unknown option 'gfpdep.Frobnicate'; valid options: {{.*}} [gfpdep-contract]

// BADVALUES-DAG: error: gfpdep: invalid value '0' for option 'gfpdep.MaxEffects': needs a positive whole number [gfpdep-contract]
// BADVALUES-DAG: error: gfpdep: invalid value 'often' for option 'gfpdep.Stats': needs true or false [gfpdep-contract]

// XTU: alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}}'vballoon::balloon_lock'{{.*}} [gfpdep-reclaim-under-lock]
// XTU: lock.c:{{[0-9]+}}:{{[0-9]+}}: note: mutex 'vballoon::balloon_lock' acquired here
// XTU: notifier.c:{{[0-9]+}}:{{[0-9]+}}: note: 'virtballoon_oom_notify' registered as an OOM notifier here
// NOFACTS: lock.c:1:1: error: gfpdep: in option 'gfpdep.Facts': {{.*}}missing: No such file or directory [gfpdep-contract]
// STATS: gfpdep: 2 functions analysed, {{.*}} 1 findings
// NOSUMMARIES: error: gfpdep: in option 'gfpdep.Summaries': {{.*}}nosummaries: cannot read summary directory: No such file or directory [gfpdep-contract]

// EFFECTS64: gfpdep: 2 functions analysed, 0 skipped, 0 summaries truncated, {{.*}}, 3 findings
// EFFECTS1: gfpdep: 2 functions analysed, 0 skipped, 1 summaries truncated, {{.*}}, 1 findings
