// RUN: %gfpdep -Xclang -verify %s
// Masks a helper returns (a constant with no call in its body), and masks a
// field holds when a setter stores its parameter there: each caller's
// argument is what the field may hold.
#include <gfpdep/kernel.h>

static struct mutex pool_lock;
static int pool_oom(struct notifier_block *nb, unsigned long u, void *p) {
  mutex_lock(&pool_lock); // #oom_lock
  mutex_unlock(&pool_lock);
  return 0;
}
static struct notifier_block pool_nb = {.notifier_call = pool_oom};
int pool_init(void) { return register_oom_notifier(&pool_nb); } // #reg

static inline gfp_t pool_gfp(void) { return GFP_KERNEL; } // #const
struct pool_map { gfp_t gfp_mask; };
static inline void pool_set_gfp(struct pool_map *m, gfp_t mask) { m->gfp_mask = mask; }
void pool_setup(struct pool_map *m) { pool_set_gfp(m, GFP_KERNEL); } // #set

void pool_fill(void) {
  mutex_lock(&pool_lock); // #lock1
  kfree(kmalloc(8, pool_gfp() | __GFP_NOWARN)); // #alloc1
  mutex_unlock(&pool_lock);
}
void pool_fill_map(struct pool_map *m) {
  mutex_lock(&pool_lock); // #lock2
  kfree(kmalloc(8, m->gfp_mask)); // #alloc2
  mutex_unlock(&pool_lock);
}
// expected-warning@#alloc1 {{'kmalloc' with GFP_KERNEL | __GFP_NOWARN may enter direct reclaim and invoke the OOM killer while mutex 'pool_lock' is held, and the OOM notifier 'pool_oom' acquires 'pool_lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#lock1 {{mutex 'pool_lock' acquired here}}
// expected-note@#alloc1 {{GFP_KERNEL | __GFP_NOWARN passed here}}
// expected-warning@#alloc2 {{'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'pool_lock' is held, and the OOM notifier 'pool_oom' acquires 'pool_lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#lock2 {{mutex 'pool_lock' acquired here}}
// expected-note@#set {{GFP_KERNEL passed here}}
// expected-note@#reg 2 {{'pool_oom' registered as an OOM notifier here}}
// expected-note@#oom_lock 2 {{mutex 'pool_lock' acquired here, inside reclaim}}
// expected-note@#alloc1 {{allocate before acquiring 'pool_lock', or use GFP_NOWAIT while it is held}}
// expected-note@#alloc2 {{allocate before acquiring 'pool_lock', or use GFP_NOWAIT while it is held}}
