// RUN: %gfpdep -Xclang -verify %s
// memalloc scopes change what an allocation may do, not whether it sleeps;
// shrinker callbacks run with PF_MEMALLOC.
#include <gfpdep/kernel.h>

struct pool {
  struct mutex lock;
  spinlock_t fast;
  struct shrinker shrinker;
};

static unsigned long pool_scan(struct shrinker *s, struct shrink_control *sc) {
  struct pool *p = (struct pool *)s;
  mutex_lock(&p->lock); // #scan_lock
  kmalloc(32, GFP_KERNEL); // clean: PF_MEMALLOC, no recursion into reclaim
  mutex_unlock(&p->lock);
  return 0;
}

void pool_init(struct pool *p) {
  p->shrinker.scan_objects = pool_scan;
  register_shrinker(&p->shrinker, "pool"); // #reg
}

void pool_refill_noio(struct pool *p) {
  mutex_lock(&p->lock); // #noio_lock
  unsigned int f = memalloc_noio_save(); // #noio
  kmalloc(32, GFP_KERNEL); // #noio_alloc
  memalloc_noio_restore(f);
  mutex_unlock(&p->lock);
}
// expected-warning@#noio_alloc {{'kmalloc' with GFP_NOIO may enter direct reclaim and the OOM path (without __GFP_FS it runs the OOM notifiers but kills no task) while mutex 'pool::lock' is held, and the shrinker 'pool_scan' acquires 'pool::lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#noio_lock {{mutex 'pool::lock' acquired here}}
// expected-note@#noio {{memalloc_noio_save scope begins here: the mask becomes GFP_NOIO}}
// expected-note@#reg {{'pool_scan' registered as a shrinker callback here}}
// expected-note@#scan_lock {{mutex 'pool::lock' acquired here, inside reclaim}}
// expected-note@#noio_alloc {{allocate before acquiring 'pool::lock', or use GFP_NOWAIT while it is held}}

void pool_refill_noreclaim(struct pool *p) {
  mutex_lock(&p->lock);
  unsigned int f = memalloc_noreclaim_save();
  kmalloc(32, GFP_KERNEL); // clean: PF_MEMALLOC, no reclaim
  memalloc_noreclaim_restore(f);
  mutex_unlock(&p->lock);
}

void fast_path(struct pool *p) {
  spin_lock(&p->fast); // #fast_lock
  unsigned int f = memalloc_noreclaim_save();
  kmalloc(32, GFP_KERNEL); // #fast_alloc
  memalloc_noreclaim_restore(f);
  spin_unlock(&p->fast);
}
// PF_MEMALLOC stops reclaim, not sleeping: might_alloc() still complains.
// expected-warning@#fast_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'pool::fast' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#fast_lock {{spinlock 'pool::fast' acquired here}}
// expected-note@#fast_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
