// The clang-tidy checks' gfpdep.StackBudget and gfpdep.StackChainBudget,
// the plugin's stack-budget= and stack-chain-budget= (stack-in-reclaim.c):
// same defaults (512 bytes; no chain budget), same findings.
// RUN: %clang_tidy_gfpdep %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=DEFAULT --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackBudget: 2048}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=BUDGET --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackBudget: 8192, gfpdep.StackChainBudget: 1200}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=CHAIN --implicit-check-not=warning:
// The value the plugin's default is, written out, changes nothing.
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackBudget: 512, gfpdep.StackChainBudget: 0}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=DEFAULT --implicit-check-not=warning:
//
// An option for one check alone ("<check>.gfpdep.X") is that check's: it
// gets an engine run of its own, and --dump-config keeps both keys.
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep-stack-in-reclaim.gfpdep.StackBudget: 2048}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=BUDGET --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep-lock-order.gfpdep.StackBudget: 2048}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=DEFAULT --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep-stack-in-reclaim.gfpdep.StackBudget: 2048}}' --dump-config %s -- | FileCheck %s --check-prefix=DUMP
//
// Bad values: an error naming the option and what it needs, and no
// findings.
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackBudget: 8}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=SMALL --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackBudget: 1k}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=WORD --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.StackChainBudget: 10}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=CHAINSMALL --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep-stack-in-reclaim.gfpdep.StackBudget: -1}}' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=LOCAL
#include <gfpdep/kernel.h>

typedef unsigned int u32;
struct vb { struct notifier_block nb; };

static void tell_host(struct vb *v, u32 *pfns, unsigned n) {}

static unsigned leak_balloon(struct vb *v, unsigned num) {
  unsigned int n = 0;
  u32 pfns[256];
  u32 scratch[40];
  for (; n < num && n < 256; ++n)
    pfns[n] = scratch[n % 40] = n;
  tell_host(v, pfns, n);
  return n;
}

static void flush_all(void) {
  char page[4096];
  page[0] = 1;
  (void)page;
}

static int oom_notify(struct notifier_block *nb, unsigned long a, void *p) {
  struct vb *v = (struct vb *)nb;
  char buf[600];
  buf[0] = 0;
  leak_balloon(v, 256);
  return buf[0];
}

void reclaim_path(void) {
  fs_reclaim_acquire(GFP_KERNEL);
  flush_all();
  fs_reclaim_release(GFP_KERNEL);
}

void setup(struct vb *v) {
  v->nb.notifier_call = oom_notify;
  register_oom_notifier(&v->nb);
}

// DEFAULT-DAG: warning: 'leak_balloon' keeps 1188 bytes of locals on the stack ('pfns': 1024), over the 512-byte budget, below the OOM notifier 'oom_notify'{{.*}} [gfpdep-stack-in-reclaim]
// DEFAULT-DAG: warning: 'flush_all' keeps 4096 bytes of locals on the stack ('page': 4096), over the 512-byte budget, inside an fs_reclaim section{{.*}} [gfpdep-stack-in-reclaim]
// DEFAULT-DAG: warning: 'oom_notify' keeps 608 bytes of locals on the stack ('buf': 600), over the 512-byte budget, in the OOM notifier 'oom_notify'{{.*}} [gfpdep-stack-in-reclaim]

// BUDGET: warning: 'flush_all' keeps 4096 bytes of locals on the stack ('page': 4096), over the 2048-byte budget, inside an fs_reclaim section{{.*}} [gfpdep-stack-in-reclaim]

// CHAIN-DAG: warning: the frames of the chain down to 'leak_balloon' keep 1796 bytes of locals on the stack, over the 1200-byte chain budget, below the OOM notifier 'oom_notify'{{.*}} [gfpdep-stack-in-reclaim]
// CHAIN-DAG: warning: the frames of the chain down to 'flush_all' keep 4096 bytes of locals on the stack, over the 1200-byte chain budget, inside an fs_reclaim section{{.*}} [gfpdep-stack-in-reclaim]

// DUMP-DAG: gfpdep-stack-in-reclaim.gfpdep.StackBudget: '2048'
// DUMP-DAG: gfpdep.StackBudget: '512'
// DUMP-DAG: gfpdep.StackChainBudget: '0'

// SMALL: tidy-options-stack.c:1:1: error: gfpdep: invalid value '8' for option 'gfpdep.StackBudget': needs a whole number of bytes, at least 64 [gfpdep-contract]
// WORD: error: gfpdep: invalid value '1k' for option 'gfpdep.StackBudget': needs a whole number of bytes, at least 64 [gfpdep-contract]
// CHAINSMALL: error: gfpdep: invalid value '10' for option 'gfpdep.StackChainBudget': needs a whole number of bytes, at least 64, or 0 for no chain budget [gfpdep-contract]
// The run of gfpdep-stack-in-reclaim alone has no gfpdep-contract: the check
// carries its own errors; the shared run of the others reports as usual.
// LOCAL: error: gfpdep: invalid value '-1' for option 'gfpdep-stack-in-reclaim.gfpdep.StackBudget': needs a whole number of bytes, at least 64 [gfpdep-stack-in-reclaim]
// LOCAL-NOT: warning: {{.*}}[gfpdep-stack-in-reclaim]
