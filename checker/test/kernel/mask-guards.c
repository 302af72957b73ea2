// RUN: %gfpdep -Xclang -verify %s
// Effects under a test of a mask parameter happen only for the masks that
// pass it: the allocator idiom "if (gfpflags_allow_blocking(gfp))
// might_sleep();" (pcpu_alloc's "is_atomic = !gfpflags_allow_blocking(gfp);
// if (!is_atomic) ..."). A caller passing GFP_ATOMIC never reaches the sleep;
// one passing GFP_KERNEL does, through any number of helpers.
#include <gfpdep/kernel.h>

static inline _Bool allow_blocking(gfp_t gfp) { return !!(gfp & __GFP_DIRECT_RECLAIM); }
static spinlock_t sl;

void *pool_alloc(unsigned long size, gfp_t gfp) {
  _Bool is_atomic;
  is_atomic = !allow_blocking(gfp);
  if (!is_atomic)
    msleep(1); // #populate
  return 0;
}
void *pool_direct(unsigned long size, gfp_t gfp) {
  if (gfp & __GFP_DIRECT_RECLAIM)
    msleep(1); // #direct
  return 0;
}
void *pool_wrapper(gfp_t gfp) { return pool_alloc(8, gfp | __GFP_NOWARN); } // #wrap

void atomic_caller(void) {
  spin_lock(&sl);
  pool_alloc(8, GFP_ATOMIC);
  pool_direct(8, GFP_NOWAIT);
  pool_wrapper(GFP_ATOMIC);
  spin_unlock(&sl);
}
void sleeping_caller(void) {
  spin_lock(&sl); // #lock
  pool_wrapper(GFP_KERNEL); // #call
  pool_direct(8, GFP_KERNEL); // #call2
  spin_unlock(&sl);
}
// expected-warning@#populate {{'msleep' may sleep in atomic context: spinlock 'sl' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock 2 {{spinlock 'sl' acquired here}}
// expected-note@#call {{'sleeping_caller' calls 'pool_wrapper' here}}
// expected-note@#wrap {{'pool_wrapper' calls 'pool_alloc' here}}
// expected-note@#populate {{move the call out of the atomic section}}
// expected-warning@#direct {{'msleep' may sleep in atomic context: spinlock 'sl' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#call2 {{'sleeping_caller' calls 'pool_direct' here}}
// expected-note@#direct {{move the call out of the atomic section}}
