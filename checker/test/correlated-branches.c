// RUN: %gfpdep -Xclang -verify %s
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -Xclang -verify=expected,path %s
// Branches on one unchanged condition correlate: a lock taken under
// "if (locked)" is held after a later "if (locked)" and not after
// "if (!locked)". The condition may be a parameter, a local that is never
// reassigned, or a pure accessor of them.
#include <gfpdep/kernel.h>

struct dev { spinlock_t lock; unsigned flags; };
static int dev_atomic(const struct dev *d) { return d->flags & 1; }

void correlated(struct dev *d, int locked) {
  if (locked)
    spin_lock(&d->lock);
  if (!locked)
    kmalloc(64, GFP_KERNEL); // clean: only when the lock is not taken
  if (locked)
    spin_unlock(&d->lock);
  msleep(1); // clean: released on the only path that took it
}

void through_accessor(struct dev *d) {
  if (dev_atomic(d))
    spin_lock(&d->lock);
  if (!dev_atomic(d))
    msleep(2); // clean
  if (dev_atomic(d))
    spin_unlock(&d->lock);
}

void uncorrelated(struct dev *d, int locked) {
  if (locked)
    spin_lock(&d->lock); // #lock
  kmalloc(64, GFP_KERNEL); // #alloc
  if (locked)
    spin_unlock(&d->lock);
}
// expected-warning@#alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// A condition on the GFP mask a caller passes: each caller's mask decides.
static void *alloc_maybe_locked(struct dev *d, gfp_t gfp) {
  int can_sleep = gfp & __GFP_DIRECT_RECLAIM;
  void *p;
  if (!can_sleep)
    spin_lock(&d->lock); // #maybe_lock
  p = kmalloc(64, gfp); // #maybe_alloc
  if (!can_sleep)
    spin_unlock(&d->lock);
  return p;
}
void mask_callers(struct dev *d) {
  alloc_maybe_locked(d, GFP_KERNEL); // clean: no lock when it can sleep
  alloc_maybe_locked(d, GFP_ATOMIC); // clean: locked, but never sleeps
}

// A condition variable that changes in between is not trusted.
void reassigned(struct dev *d, int locked) {
  if (locked) // #re_if
    spin_lock(&d->lock); // #re_lock
  locked = 0;
  if (!locked) // #re_if2
    msleep(3); // #re_sleep
  if (locked) // #re_if3
    spin_unlock(&d->lock);
} // #re_end
// expected-warning@#re_sleep {{'msleep' may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#re_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#re_sleep {{move the call out of the atomic section}}
// The path-sensitive mode also sees the lock kept past the return.
// path-warning@#re_end {{spinlock 'dev::lock' is still held when 'reassigned' returns on this path, but other paths release it [gfpdep-lock-balance]}}
// path-note@#re_if {{assuming 'locked' is not equal to 0}}
// path-note@#re_if {{taking true branch}}
// path-note@#re_lock {{spinlock 'dev::lock' acquired here}}
// path-note@#re_if2 {{'locked' is 0}}
// path-note@#re_if2 {{taking true branch}}
// path-note@#re_if3 {{'locked' is 0}}
// path-note@#re_if3 {{taking false branch}}
// path-note@#re_end {{release 'dev::lock' on this path too, or annotate 'reassigned' with GFPDEP_ACQUIRES() or GFPDEP_TRY_ACQUIRES() if callers are to release it}}
