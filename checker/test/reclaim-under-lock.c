// RUN: %gfpdep -Xclang -verify %s
// A lock held across a reclaim-capable allocation, when reclaim (an OOM
// notifier, a shrinker, fs_reclaim) takes the same lock.
#include <gfpdep/kernel.h>

struct cache {
  struct mutex lock;
  struct shrinker shrinker;
  unsigned long nr;
};

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc) {
  struct cache *c = (struct cache *)s;
  mutex_lock(&c->lock); // #shrinker_lock
  unsigned long n = c->nr;
  mutex_unlock(&c->lock);
  return n;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc) {
  return 0;
}

static void *cache_grow(struct cache *c, gfp_t gfp) {
  return kmalloc(128, gfp); // #grow_alloc
}

void cache_add(struct cache *c) {
  mutex_lock(&c->lock); // #add_lock
  cache_grow(c, GFP_KERNEL); // #add_grow
  cache_grow(c, GFP_NOWAIT); // no reclaim: clean
  mutex_unlock(&c->lock);
  cache_grow(c, GFP_KERNEL); // the lock is not held: clean
}

void cache_add_quietly(struct cache *c) {
  mutex_lock(&c->lock); // #quiet_lock
  cache_grow(c, GFP_KERNEL | __GFP_NORETRY); // #add_noretry
  mutex_unlock(&c->lock);
}

void cache_init(struct cache *c) {
  c->shrinker.count_objects = cache_count;
  c->shrinker.scan_objects = cache_scan;
  register_shrinker(&c->shrinker, "cache"); // #register
}

// expected-warning@#grow_alloc {{'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'cache::lock' is held, and the shrinker 'cache_count' acquires 'cache::lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#add_lock {{mutex 'cache::lock' acquired here}}
// expected-note@#add_grow {{'cache_add' calls 'cache_grow' here}}
// expected-note@#add_grow {{GFP_KERNEL passed here}}
// expected-note@#register {{'cache_count' registered as a shrinker callback here}}
// expected-note@#shrinker_lock {{mutex 'cache::lock' acquired here, inside reclaim}}
// expected-note@#grow_alloc {{allocate before acquiring 'cache::lock', or use GFP_NOWAIT while it is held}}
// One report per leaf and lock class: the other caller that holds the lock
// above this allocation (with GFP_KERNEL | __GFP_NORETRY, which keeps it out
// of the OOM killer, not out of reclaim) is a note of the same report.
// expected-note@#quiet_lock {{also held via this acquisition of mutex 'cache::lock'}}
