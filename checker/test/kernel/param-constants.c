// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A callee that branches on a parameter's truth does, for a caller passing
// a constant, only what that branch does: unlist_netdevice(dev, false) under
// dev_base_lock does not take dev_base_lock again (net/core/dev.c), nor does
// put_cpu_partial(s, slab, 0) drain into __unfreeze_partials (mm/slub.c),
// where the flag decides a pointer that is tested later.
#include <linux61.h>

// ---- a lock taken only when the caller says so ------------------------------
rwlock_t dev_base_lock;
struct net_device { struct net_device *next; int reg_state; };
void list_del_rcu_dev(struct net_device *dev);

static void unlist_netdevice(struct net_device *dev, bool lock) {
  if (lock)
    write_lock(&dev_base_lock); // #unlist_lock
  list_del_rcu_dev(dev);
  if (lock)
    write_unlock(&dev_base_lock);
}

void unregister_many(struct net_device *dev) {
  write_lock(&dev_base_lock);
  unlist_netdevice(dev, false); // clean: the callee's lock is for "true"
  dev->reg_state = 2;
  write_unlock(&dev_base_lock);
}

void unlist_only(struct net_device *dev) {
  unlist_netdevice(dev, true); // clean: nothing held here
}

// The true positive nearby: passing true under the lock.
void unregister_wrong(struct net_device *dev) {
  write_lock(&dev_base_lock); // #wrong_outer
  unlist_netdevice(dev, true); // #wrong_call
  write_unlock(&dev_base_lock);
}
// expected-warning@#unlist_lock {{acquiring rwlock 'dev_base_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#wrong_outer {{rwlock 'dev_base_lock' acquired here}}
// expected-note@#wrong_call {{'unregister_wrong' calls 'unlist_netdevice' here}}
// expected-note@#unlist_lock {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// A flag passed on through a parameter of the caller stays a guard there.
static void unlist_via(struct net_device *dev, bool lock) {
  unlist_netdevice(dev, lock);
}
void unregister_via(struct net_device *dev) {
  write_lock(&dev_base_lock);
  unlist_via(dev, false); // clean
  write_unlock(&dev_base_lock);
}

// ---- a flag that decides a pointer tested later ----------------------------
struct slab { struct slab *next; int slabs; };
struct kmem_cache_node { spinlock_t list_lock; struct slab *partial; };
struct kmem_cache { struct kmem_cache_node *node; int cpu_partial_slabs; struct slab *cpu_partial; };

static void unfreeze_partials(struct kmem_cache *s, struct slab *partial) {
  struct kmem_cache_node *n = s->node;
  spin_lock(&n->list_lock); // #drain_lock
  n->partial = partial;
  spin_unlock(&n->list_lock);
}

static void put_cpu_partial(struct kmem_cache *s, struct slab *slab, int drain) {
  struct slab *oldslab;
  struct slab *slab_to_unfreeze = NULL;
  int slabs = 0;

  oldslab = s->cpu_partial;
  if (oldslab) {
    if (drain && oldslab->slabs >= s->cpu_partial_slabs) {
      slab_to_unfreeze = oldslab;
      oldslab = NULL;
    } else {
      slabs = oldslab->slabs;
    }
  }
  slab->slabs = slabs + 1;
  slab->next = oldslab;
  s->cpu_partial = slab;
  if (slab_to_unfreeze)
    unfreeze_partials(s, slab_to_unfreeze); // #drain_call
}

void get_partial_node(struct kmem_cache *s, struct slab *slab) {
  struct kmem_cache_node *n = s->node;
  spin_lock(&n->list_lock);
  put_cpu_partial(s, slab, 0); // clean: no drain
  spin_unlock(&n->list_lock);
}

void get_partial_node_drain(struct kmem_cache *s, struct slab *slab) {
  struct kmem_cache_node *n = s->node;
  spin_lock(&n->list_lock); // #drain_outer
  put_cpu_partial(s, slab, 1); // #drain_put
  spin_unlock(&n->list_lock);
}
// expected-warning@#drain_lock {{acquiring spinlock 'kmem_cache_node::list_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#drain_outer {{spinlock 'kmem_cache_node::list_lock' acquired here}}
// expected-note@#drain_put {{'get_partial_node_drain' calls 'put_cpu_partial' here}}
// expected-note@#drain_call {{'put_cpu_partial' calls 'unfreeze_partials' here}}
// expected-note@#drain_lock {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// The last operand of '&&' decides the branch of the block that evaluates
// it (drivers/gpu/drm/i915/intel_uncore.c: "if (ret && slow_timeout_ms)
// ret = wait_for(...)" in __intel_wait_for_register_fw(), which
// __intel_wait_for_register() calls under uncore->lock with 0).
struct uncore { spinlock_t lock; };
int poll_register(struct uncore *u);
static int wait_for_register_fw(struct uncore *u, unsigned int fast_us,
                                unsigned int slow_ms) {
  int ret = -1;
  if (fast_us && fast_us <= 20000)
    ret = poll_register(u);
  if (ret && slow_ms)
    msleep(10); // #slow_sleep
  return ret;
}
int wait_for_register(struct uncore *u, unsigned int fast_us) {
  int ret;
  spin_lock(&u->lock);
  ret = wait_for_register_fw(u, fast_us, 0); // clean: no slow wait
  spin_unlock(&u->lock);
  return ret;
}
int wait_for_register_slow(struct uncore *u) {
  int ret;
  spin_lock(&u->lock); // #slow_lock
  ret = wait_for_register_fw(u, 2, 10); // #slow_call
  spin_unlock(&u->lock);
  return ret;
}
// expected-warning@#slow_sleep {{'msleep' may sleep in atomic context: spinlock 'uncore::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#slow_lock {{spinlock 'uncore::lock' acquired here}}
// expected-note@#slow_call {{'wait_for_register_slow' calls 'wait_for_register_fw' here}}
// expected-note@#slow_sleep {{move the call out of the atomic section}}
