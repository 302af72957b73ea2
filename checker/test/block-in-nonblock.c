// RUN: %gfpdep -Xclang -verify %s
// Seed 003: the OOM reaper calls mmu notifiers between non_block_start() and
// non_block_end(); they must not sleep. A notifier that takes a mutex
// blocks; one that trylocks and returns -EAGAIN does not.
#include <gfpdep/kernel.h>

struct mmu_notifier_ops {
  int (*invalidate_range_start)(void *mn, unsigned long start,
                                unsigned long end);
};
struct my_mirror { struct mutex lock; };
static struct my_mirror mirror;

static int mirror_invalidate(void *mn, unsigned long s, unsigned long e) {
  mutex_lock(&mirror.lock); // #mirror_lock
  mutex_unlock(&mirror.lock);
  return 0;
}
static int mirror_invalidate_nonblock(void *mn, unsigned long s, unsigned long e) {
  if (!mutex_trylock(&mirror.lock))
    return -EAGAIN;
  mutex_unlock(&mirror.lock);
  return 0;
}
static const struct mmu_notifier_ops blocking_ops = {
    .invalidate_range_start = mirror_invalidate,
};
static const struct mmu_notifier_ops careful_ops = {
    .invalidate_range_start = mirror_invalidate_nonblock, // clean: trylock
};

void oom_reap(const struct mmu_notifier_ops *ops) {
  non_block_start(); // #nb_start
  ops->invalidate_range_start(0, 0, 4096); // #nb_call
  non_block_end();
  ops->invalidate_range_start(0, 0, 4096); // clean: region ended
}
// expected-warning@#mirror_lock {{acquiring mutex 'my_mirror::lock' may sleep in a non-blocking region (after non_block_start()) [gfpdep-block-in-nonblock]}}
// expected-note@#nb_start {{non-blocking region begins here}}
// expected-note@#nb_call {{'oom_reap' calls 'mirror_invalidate' here}}
// expected-note@#mirror_lock {{use the trylock variant and return -EAGAIN when it fails}}

__attribute__((annotate("gfpdep::nonblocking_context"))) // #annot
void reaper_callback(void) {
  kmalloc(8, GFP_KERNEL); // #cb_alloc
  kmalloc(8, GFP_NOWAIT); // clean
}
// expected-warning@#cb_alloc {{'kmalloc' with GFP_KERNEL may sleep in 'reaper_callback', which must not block [gfpdep-block-in-nonblock]}}
// expected-note@#annot {{'reaper_callback' is annotated gfpdep::nonblocking_context here}}
// expected-note@#cb_alloc {{use GFP_NOWAIT here, or move the allocation out of the non-blocking region}}
