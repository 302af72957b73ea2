// The clang-tidy module: same engine, same messages, one note per step; the
// CI-gate route is --warnings-as-errors=gfpdep-*.
// RUN: %clang_tidy_gfpdep %s -- -I%annotations 2>&1 | FileCheck %s
// RUN: not %clang_tidy_gfpdep --warnings-as-errors='gfpdep-*' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=GATE
// RUN: %clang_tidy_gfpdep --list-checks 2>&1 | FileCheck %s --check-prefix=LIST
#include <gfpdep/kernel.h>

struct vb { struct mutex balloon_lock; struct notifier_block nb; };
static void fill(struct vb *v) {
  mutex_lock(&v->balloon_lock);
  kmalloc(64, GFP_KERNEL);
  mutex_unlock(&v->balloon_lock);
}
static int oom(struct notifier_block *nb, unsigned long a, void *p) {
  struct vb *v = (struct vb *)nb;
  mutex_lock(&v->balloon_lock);
  mutex_unlock(&v->balloon_lock);
  return 0;
}
void probe(struct vb *v) {
  v->nb.notifier_call = oom;
  register_oom_notifier(&v->nb);
  fill(v);
}

// CHECK: tidy-module.c:11:3: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'vb::balloon_lock' is held, and the OOM notifier 'oom' acquires 'vb::balloon_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK: tidy-module.c:10:3: note: mutex 'vb::balloon_lock' acquired here
// CHECK: tidy-module.c:22:3: note: 'oom' registered as an OOM notifier here
// CHECK: tidy-module.c:16:3: note: mutex 'vb::balloon_lock' acquired here, inside reclaim
// CHECK: tidy-module.c:11:3: note: allocate before acquiring 'vb::balloon_lock', or use GFP_NOWAIT while it is held

// GATE: tidy-module.c:11:3: error: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock,-warnings-as-errors]

// LIST: gfpdep-block-in-nonblock
// LIST-NEXT: gfpdep-block-under-lock
// LIST-NEXT: gfpdep-contract
// LIST-NEXT: gfpdep-irq-inversion
// LIST-NEXT: gfpdep-lock-order
// LIST-NEXT: gfpdep-reclaim-in-reclaim
// LIST-NEXT: gfpdep-reclaim-under-lock
// LIST-NEXT: gfpdep-sleep-in-atomic
// LIST-NEXT: gfpdep-stack-in-reclaim
// LIST-NEXT: gfpdep-wait-context
// LIST-NEXT: gfpdep-wait-under-lock
