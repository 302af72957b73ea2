// RUN: %gfpdep -Xclang -verify %s
// lockdep_assert_held(l): the function runs with l held by its caller.
#include <gfpdep/kernel.h>

struct vb { struct mutex balloon_lock; struct notifier_block nb; };

static void update_balloon_size(struct vb *v) {
  lockdep_assert_held(&v->balloon_lock); // #assert
  kmalloc(16, GFP_KERNEL); // #alloc
}
static int oom_notify(struct notifier_block *nb, unsigned long a, void *p) {
  struct vb *v = (struct vb *)nb;
  if (!mutex_trylock(&v->balloon_lock)) // a trylock: no cycle from here
    return 0;
  mutex_unlock(&v->balloon_lock);
  mutex_lock(&v->balloon_lock); // #oom_lock
  mutex_unlock(&v->balloon_lock);
  return 0;
}
void probe(struct vb *v) {
  v->nb.notifier_call = oom_notify;
  register_oom_notifier(&v->nb); // #reg
}
// expected-warning@#alloc {{'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'vb::balloon_lock' is held, and the OOM notifier 'oom_notify' acquires 'vb::balloon_lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#assert {{'vb::balloon_lock' is held here (lockdep_assert_held)}}
// expected-note@#reg {{'oom_notify' registered as an OOM notifier here}}
// expected-note@#oom_lock {{mutex 'vb::balloon_lock' acquired here, inside reclaim}}
// expected-note@#alloc {{allocate before acquiring 'vb::balloon_lock', or use GFP_NOWAIT while it is held}}
