// RUN: %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-stats -I%annotations %s 2>&1 | FileCheck %s
// A mask parameter passed down ten levels, each level calling the next
// three times: the allocation is one effect for every caller, not 3^k
// copies (one per way down). Each function keeps one open effect per
// distinct effect, so the summaries stay as small as what tells findings
// apart; the finding keeps the shortest chain.
#include <gfpdep/kernel.h>

static struct mutex big_lock;

static void l10(gfp_t gfp) { kmalloc(8, gfp); }
#define LEVEL(n, next) \
  static void n(gfp_t gfp) { next(gfp); next(gfp); next(gfp); }
LEVEL(l9, l10)
LEVEL(l8, l9)
LEVEL(l7, l8)
LEVEL(l6, l7)
LEVEL(l5, l6)
LEVEL(l4, l5)
LEVEL(l3, l4)
LEVEL(l2, l3)
LEVEL(l1, l2)
LEVEL(l0, l1)

void top(void) {
  mutex_lock(&big_lock);
  l0(GFP_KERNEL);
  mutex_unlock(&big_lock);
}

static int oom_cb(struct notifier_block *nb, unsigned long v, void *p) {
  mutex_lock(&big_lock);
  mutex_unlock(&big_lock);
  return 0;
}
static struct notifier_block oom_nb = { .notifier_call = oom_cb };
void setup(void) { register_oom_notifier(&oom_nb); }

// CHECK: gfpdep: 14 functions extracted, {{.*}}; 3 effects checked, 11 open,
// CHECK: effect-copies.c:11:30: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'big_lock' is held, and the OOM notifier 'oom_cb' acquires 'big_lock': possible deadlock
// CHECK: note: mutex 'big_lock' acquired here
// CHECK: effect-copies.c:27:3: note: 'top' calls 'l0' here
// CHECK: effect-copies.c:23:1: note: 'l0' calls 'l1' here
// CHECK-COUNT-9: note: 'l{{[0-9]}}' calls 'l{{[0-9]+}}' here
// CHECK: note: GFP_KERNEL passed here
// CHECK: 1 warning generated.
