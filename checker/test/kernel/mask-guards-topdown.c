// RUN: %gfpdep -Xclang -verify %s
// The same through the facts an object carries and the link:
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -c -fplugin=%plugin -I%annotations %s -o %t/u.o 2> /dev/null
// RUN: %cli_gfpdep --link %t/u.o > %t/link.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=LINK < %t/link.txt
// LINK-NOT: spinlock 'sl' is held
// LINK: warning: 'msleep' may sleep in atomic context: spinlock 'sl2' is held
// LINK-NOT: spinlock 'sl' is held
// LINK: warning: 'msleep' may sleep in atomic context: spinlock 'sl3' is held
// LINK: warning: 'msleep' may sleep in atomic context: spinlock 'sl5' is held
// LINK: warning: 'msleep' may sleep in atomic context: spinlock 'sl4' is held
// LINK-NOT: spinlock 'sl' is held
// A context held by a caller reaches a callee only on the paths its masks
// can take. pcpu_alloc() (mm/percpu.c) calls pcpu_populate_chunk(), which
// sleeps, only under "if (!is_atomic)", with "is_atomic =
// !gfpflags_allow_blocking(gfp)" computed after "gfp =
// current_gfp_context(gfp)"; netdev_core_stats_alloc() passes GFP_ATOMIC
// with bottom halves disabled, so the sleep is never reached from there.
#include <gfpdep/kernel.h>

static inline _Bool allow_blocking(gfp_t gfp) { return !!(gfp & __GFP_DIRECT_RECLAIM); }
extern unsigned task_flags;
// Shaped like the kernel's current_gfp_context(): it only clears bits.
static inline gfp_t narrow(gfp_t flags) {
  if (task_flags & 1)
    flags &= ~(__GFP_IO | __GFP_FS);
  else if (task_flags & 2)
    flags &= ~__GFP_FS;
  return flags;
}
static spinlock_t sl, sl2, sl3, sl4, sl5;

static void populate(void) { msleep(1); } // #populate
void *pool_alloc(unsigned long size, gfp_t gfp) {
  _Bool is_atomic;
  gfp = narrow(gfp);
  is_atomic = !allow_blocking(gfp);
  if (!is_atomic)
    populate(); // #pop_call
  return 0;
}
void *pool_wrap(gfp_t gfp) { return pool_alloc(8, gfp | __GFP_NOWARN); } // #wrap

// False positive that must go: GFP_ATOMIC never takes the populate path.
void atomic_caller(void) {
  spin_lock(&sl);
  pool_wrap(GFP_ATOMIC);
  spin_unlock(&sl);
}
// True positive that must stay: GFP_KERNEL does.
void sleeping_caller(void) {
  spin_lock(&sl2); // #lock2
  pool_wrap(GFP_KERNEL); // #call2
  spin_unlock(&sl2);
}
// A mask nobody knows (the caller's own parameter, its callers unknown):
// the path may be taken.
void unknown_caller(gfp_t gfp) {
  spin_lock(&sl3); // #lock3
  pool_alloc(8, gfp); // #call3
  spin_unlock(&sl3);
}
// expected-warning@#populate {{'msleep' may sleep in atomic context: spinlock 'sl2' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock2 {{spinlock 'sl2' acquired here}}
// expected-note@#call2 {{'sleeping_caller' calls 'pool_wrap' here}}
// expected-note@#wrap {{'pool_wrap' calls 'pool_alloc' here}}
// expected-note@#pop_call 2 {{'pool_alloc' calls 'populate' here}}
// expected-note@#populate 3 {{move the call out of the atomic section}}
// expected-warning@#populate {{'msleep' may sleep in atomic context: spinlock 'sl3' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock3 {{spinlock 'sl3' acquired here}}
// expected-note@#call3 {{'unknown_caller' calls 'pool_alloc' here}}

// A narrowed mask found without a bit says nothing of the caller's: narrow()
// may have cleared __GFP_FS from GFP_KERNEL, so the sleep below is reached
// from a GFP_KERNEL caller.
static void fs_free_path(void) { msleep(1); } // #nofs
void *nofs_alloc(gfp_t gfp) {
  gfp = narrow(gfp);
  if (!(gfp & __GFP_FS))
    fs_free_path(); // #nofs_call
  return 0;
}
void nofs_caller(void) {
  spin_lock(&sl4); // #lock4
  nofs_alloc(GFP_KERNEL); // #call4
  spin_unlock(&sl4);
}
// expected-warning@#nofs {{'msleep' may sleep in atomic context: spinlock 'sl4' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock4 {{spinlock 'sl4' acquired here}}
// expected-note@#call4 {{'nofs_caller' calls 'nofs_alloc' here}}
// expected-note@#nofs_call {{'nofs_alloc' calls 'fs_free_path' here}}
// expected-note@#nofs {{move the call out of the atomic section}}

// A parameter that gains bits is not narrowed: its tests are not the
// caller's ("gfp |= __GFP_DIRECT_RECLAIM" makes GFP_ATOMIC block).
void *widening_alloc(gfp_t gfp) {
  gfp |= __GFP_DIRECT_RECLAIM;
  if (allow_blocking(gfp))
    populate(); // #widen_call
  return 0;
}
void widening_caller(void) {
  spin_lock(&sl5); // #lock5
  widening_alloc(GFP_ATOMIC); // #call5
  spin_unlock(&sl5);
}
// expected-warning@#populate {{'msleep' may sleep in atomic context: spinlock 'sl5' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock5 {{spinlock 'sl5' acquired here}}
// expected-note@#call5 {{'widening_caller' calls 'widening_alloc' here}}
// expected-note@#widen_call {{'widening_alloc' calls 'populate' here}}
