// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Kernel hints that the .config compiles to nothing (might_sleep() without
// CONFIG_DEBUG_ATOMIC_SLEEP, non_block_start()/non_block_end(),
// lockdep_assert_held() without lockdep) are read from their macro
// expansion, so the rules work on any .config (mm/mmu_notifier.c).
#include <linux61.h>

struct mmu_notifier { struct mutex lock; int blockable; };
static void invalidate_range_start(struct mmu_notifier *mn) {
  might_sleep(); // #hint_sleep
}
void oom_reap(struct mmu_notifier *mn) {
  non_block_start(); // #nb_start
  invalidate_range_start(mn); // #nb_call
  non_block_end();
  invalidate_range_start(mn); // clean: after non_block_end()
}
// expected-warning@#hint_sleep {{'might_sleep' may sleep in a non-blocking region (after non_block_start()) [gfpdep-block-in-nonblock]}}
// expected-note@#nb_start {{non-blocking region begins here}}
// expected-note@#nb_call {{'oom_reap' calls 'invalidate_range_start' here}}
// expected-note@#hint_sleep {{move the call out of the non-blocking region}}

struct cache { struct mutex lock; struct notifier_block_like { int (*notifier_call)(void *); } nb; };
// lockdep_assert_held(): the caller holds the lock, configured out or not.
static void cache_shrink_locked(struct cache *c) {
  lockdep_assert_held(&c->lock); // #assert
  msleep(1); // clean: sleeping under a mutex is fine
}
