// RUN: %gfpdep -Xclang -verify=expected,default %s
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -Xclang -verify=expected,path %s
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-stats %s 2>&1 | FileCheck %s --check-prefix=STATS
//
// Branches that correlate. The default mode handles a flag tested twice
// (and the caller's GFP mask tested by bit); the path-sensitive mode also
// drops findings no feasible path reaches: relational conditions, a mask
// compared by value, a switch, lock wrappers, a loop in between; and keeps
// what it cannot judge (a loop that takes the lock, cut at its bound). What is real on some path stays, in both
// modes, with the same notes. "default-" expectations are the default mode's
// alone; "expected-" ones hold in both.
//
// STATS: gfpdep: path-sensitive: 10 findings checked, 4 confirmed, 5 dropped (no feasible path), 1 kept unverified, 0 lock-balance; functions explored completely 15, cut short 1, skipped 2;
#include "gfpdep/kernel.h"
#include <stdbool.h>

struct dev {
  spinlock_t lock;
  struct mutex mlock;
  struct semaphore sem;
  bool atomic;
  void *buf;
};
static spinlock_t glock;

// The first pattern: clean in both modes.
void *flag_correlated(struct dev *d, bool locked) {
  void *p = 0;
  if (locked)
    spin_lock(&glock);
  if (!locked)
    p = kmalloc(16, GFP_KERNEL);
  if (locked)
    spin_unlock(&glock);
  return p;
}

// The second pattern, called with GFP_KERNEL and GFP_ATOMIC: clean.
static void *alloc_maybe_locked(struct dev *d, gfp_t gfp) {
  bool can_sleep = gfp & __GFP_DIRECT_RECLAIM;
  void *p;
  if (!can_sleep)
    spin_lock(&d->lock);
  p = kmalloc(64, gfp);
  if (!can_sleep)
    spin_unlock(&d->lock);
  return p;
}
void mask_callers(struct dev *d) {
  d->buf = alloc_maybe_locked(d, GFP_KERNEL);
  d->buf = alloc_maybe_locked(d, GFP_ATOMIC);
}

// n > 10 and n <= 10 exclude each other; only the solver knows.
void *relational(struct dev *d, int n) {
  void *p = 0;
  if (n > 10)
    spin_lock(&d->lock); // #rel_lock
  if (n <= 10)
    p = kmalloc(16, GFP_KERNEL); // #rel_alloc
  if (n > 10)
    spin_unlock(&d->lock);
  return p;
}
// default-warning@#rel_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// default-note@#rel_lock {{spinlock 'dev::lock' acquired here}}
// default-note@#rel_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// The lock is taken only when the mask equals GFP_ATOMIC, which never sleeps.
static void *alloc_eq(struct dev *d, gfp_t gfp) {
  void *p;
  if (gfp == GFP_ATOMIC)
    spin_lock(&d->lock); // #eq_lock
  p = kmalloc(64, gfp); // #eq_alloc
  if (gfp == GFP_ATOMIC)
    spin_unlock(&d->lock);
  return p;
}
void eq_callers(struct dev *d) {
  d->buf = alloc_eq(d, GFP_KERNEL); // #eq_call
}
// default-warning@#eq_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// default-note@#eq_lock {{spinlock 'dev::lock' acquired here}}
// default-note@#eq_call {{GFP_KERNEL passed here}}
// default-note@#eq_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// A field tested twice: the default mode's correlation already sees it.

void *field_flag(struct dev *d) {
  void *p = 0;
  if (d->atomic)
    spin_lock(&d->lock);
  if (!d->atomic)
    p = kmalloc(16, GFP_KERNEL);
  if (d->atomic)
    spin_unlock(&d->lock);
  return p;
}

// A switch, then a test of the same value.
void *switch_mode(struct dev *d, int mode) {
  void *p = 0;
  switch (mode) {
  case 1: spin_lock(&d->lock); break; // #sw_lock
  default: break;
  }
  if (mode != 1)
    p = kmalloc(16, GFP_KERNEL); // #sw_alloc
  if (mode == 1)
    spin_unlock(&d->lock);
  return p;
}
// default-warning@#sw_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// default-note@#sw_lock {{spinlock 'dev::lock' acquired here}}
// default-note@#sw_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// Through the driver's own lock wrappers (inlined by the analyzer; the
// engine's notes reach the acquisition inside the wrapper).
static void lock_dev(struct dev *d) { spin_lock(&d->lock); } // #lock_dev
static void unlock_dev(struct dev *d) { spin_unlock(&d->lock); }
void *wrapped_relational(struct dev *d, int n) {
  void *p = 0;
  if (n > 10)
    lock_dev(d); // #wr_lock
  if (n <= 10)
    p = kmalloc(16, GFP_KERNEL); // #wr_alloc
  if (n > 10) {
    d->buf = kmalloc(8, GFP_KERNEL); // #wr_real
    unlock_dev(d);
  }
  return p;
}
// default-warning@#wr_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// default-note@#wr_lock {{'wrapped_relational' calls 'lock_dev' here}}
// default-note@#lock_dev {{spinlock 'dev::lock' acquired here}}
// default-note@#wr_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-warning@#wr_real {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#wr_lock {{'wrapped_relational' calls 'lock_dev' here}}
// expected-note@#lock_dev {{spinlock 'dev::lock' acquired here}}
// expected-note@#wr_real {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// Loops. The analyzer unrolls a loop 4 times, then runs one iteration more
// with what the loop changes made unknown (widening): a loop that takes no
// lock stands for every iteration count, so its function is judged in full.
void *relational_after_loop(struct dev *d, int n, int count) {
  void *p = 0;
  if (n > 10)
    spin_lock(&d->lock); // #al_lock
  for (int i = 0; i < count; i++)
    d->buf = 0;
  if (n <= 10)
    p = kmalloc(16, GFP_KERNEL); // #al_alloc
  if (n > 10)
    spin_unlock(&d->lock);
  return p;
}
// default-warning@#al_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// default-note@#al_lock {{spinlock 'dev::lock' acquired here}}
// default-note@#al_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// A flag the loop sets only in its eighth iteration: real, kept.
void *late_flag(struct dev *d, int count) {
  void *p;
  int flag = 0;
  for (int i = 0; i < count; i++)
    if (i == 7)
      flag = 1;
  if (flag)
    spin_lock(&d->lock); // #lf_lock
  p = kmalloc(16, GFP_KERNEL); // #lf_alloc
  if (flag)
    spin_unlock(&d->lock);
  return p;
}
// expected-warning@#lf_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lf_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#lf_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// A loop that takes the lock in its seventh iteration and allocates in its
// ninth: one widened iteration cannot stand for that, so the function counts
// as cut short and the finding is kept.
void *late_lock(struct dev *d, int count) {
  void *p = 0;
  for (int i = 0; i < count; i++) {
    if (i == 6)
      spin_lock(&d->lock); // #ll_lock
    if (i == 8)
      p = kmalloc(16, GFP_KERNEL); // #ll_alloc
    if (i == 9)
      spin_unlock(&d->lock);
  }
  return p;
}
// expected-warning@#ll_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#ll_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#ll_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// Taking it in one iteration while an earlier iteration may have taken it
// is not recursive locking: the first acquisition is not certain.

// A trylock's two branches: held on success only, in both modes.
void *trylock_both(struct dev *d) {
  void *p;
  if (spin_trylock(&d->lock)) { // #try_lock
    p = kmalloc(16, GFP_KERNEL); // #try_alloc
    spin_unlock(&d->lock);
  } else {
    p = kmalloc(32, GFP_KERNEL); // clean: the trylock failed
  }
  return p;
}
// expected-warning@#try_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#try_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#try_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// The result kept in a variable, and a trylock returning 0 on success.

void *trylock_bail(struct dev *d) {
  int ok = spin_trylock(&d->lock);
  if (!ok)
    return kmalloc(8, GFP_KERNEL); // clean: not held
  spin_unlock(&d->lock);
  return 0;
}

void *down_trylock_both(struct dev *d) {
  if (down_trylock(&d->sem))
    return kmalloc(8, GFP_KERNEL); // clean: failed, and a semaphore sleeps anyway
  spin_lock(&glock);
  d->buf = kmalloc(8, GFP_ATOMIC);
  spin_unlock(&glock);
  up(&d->sem);
  return 0;
}

// Nothing correlates: the finding is real on the locked path, in both modes.
void *uncorrelated(struct dev *d, bool locked) {
  void *p;
  if (locked)
    spin_lock(&d->lock); // #unc_lock
  p = kmalloc(16, GFP_KERNEL); // #unc_alloc
  if (locked)
    spin_unlock(&d->lock);
  return p;
}
// expected-warning@#unc_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#unc_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#unc_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
