// RUN: %gfpdep -Xclang -verify=expected %s
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -Xclang -verify=expected,path %s
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-disable=lock-balance -Xclang -verify=expected %s
//
// lock-balance: what only paths can see. Reported in the path-sensitive
// mode ("path-" expectations), with the path in notes; the default mode
// reports none of it.
#include "gfpdep/annotations.h"
#include "gfpdep/kernel.h"
#include <stdbool.h>

struct dev {
  spinlock_t lock;
  struct mutex mlock;
  int state;
};
static spinlock_t glock;

// An error path that forgets the unlock.
int error_path_leak(struct dev *d, int err) {
  spin_lock(&d->lock); // #leak_lock
  if (err) // #leak_if
    return -1; // #leak_ret
  spin_unlock(&d->lock);
  return 0;
}
// path-warning@#leak_ret {{spinlock 'dev::lock' is still held when 'error_path_leak' returns on this path, but other paths release it [gfpdep-lock-balance]}}
// path-note@#leak_lock {{spinlock 'dev::lock' acquired here}}
// path-note@#leak_if {{assuming 'err' is not equal to 0}}
// path-note@#leak_if {{taking true branch}}
// path-note@#leak_ret {{release 'dev::lock' on this path too, or annotate 'error_path_leak' with GFPDEP_ACQUIRES() or GFPDEP_TRY_ACQUIRES() if callers are to release it}}

// The flag that decides the unlock changed in between.
void conditional_leak(struct dev *d, bool locked) {
  if (locked) // #cl_if1
    spin_lock(&d->lock); // #cl_lock
  locked = false;
  if (locked) // #cl_if2
    spin_unlock(&d->lock);
} // #cl_end
// path-warning@#cl_end {{spinlock 'dev::lock' is still held when 'conditional_leak' returns on this path, but other paths release it [gfpdep-lock-balance]}}
// path-note@#cl_if1 {{assuming 'locked' is true}}
// path-note@#cl_if1 {{taking true branch}}
// path-note@#cl_lock {{spinlock 'dev::lock' acquired here}}
// path-note@#cl_if2 {{'locked' is false}}
// path-note@#cl_if2 {{taking false branch}}
// path-note@#cl_end {{release 'dev::lock' on this path too, or annotate 'conditional_leak' with GFPDEP_ACQUIRES() or GFPDEP_TRY_ACQUIRES() if callers are to release it}}

// The same object twice on one path (the default mode's lock-order rule
// reports the class taken twice; this is the object, on this path).
void double_acquire(struct dev *d, int again) {
  mutex_lock(&d->mlock); // #da_lock
  if (again) // #da_if
    mutex_lock(&d->mlock); // #da_again
  mutex_unlock(&d->mlock);
}
// expected-warning@#da_again {{acquiring mutex 'dev::mlock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#da_lock {{mutex 'dev::mlock' acquired here}}
// expected-note@#da_again {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
// path-warning@#da_again {{acquiring mutex 'dev::mlock', which this path of 'double_acquire' already holds: self-deadlock [gfpdep-lock-balance]}}
// path-note@#da_lock {{mutex 'dev::mlock' acquired here}}
// path-note@#da_if {{assuming 'again' is not equal to 0}}
// path-note@#da_if {{taking true branch}}
// path-note@#da_again {{release it before this call, or take the second object's lock with the _nested() variant if these are two objects of one class}}

void double_release(struct dev *d, int twice) {
  spin_lock(&d->lock); // #dr_lock
  spin_unlock(&d->lock); // #dr_unlock
  if (twice) // #dr_if
    spin_unlock(&d->lock); // #dr_again
}
// path-warning@#dr_again {{releasing spinlock 'dev::lock', which this path of 'double_release' has already released [gfpdep-lock-balance]}}
// path-note@#dr_lock {{spinlock 'dev::lock' acquired here}}
// path-note@#dr_unlock {{spinlock 'dev::lock' released here}}
// path-note@#dr_if {{assuming 'twice' is not equal to 0}}
// path-note@#dr_if {{taking true branch}}
// path-note@#dr_again {{remove the second release, or re-acquire the lock before it}}

void unlock_after_failed_trylock(struct dev *d) {
  if (!spin_trylock(&d->lock)) // #ft_try
    d->state = 1;
  spin_unlock(&d->lock); // #ft_unlock
}
// path-warning@#ft_unlock {{releasing spinlock 'dev::lock' on a path where the trylock failed: it is not held here [gfpdep-lock-balance]}}
// path-note@#ft_try {{the trylock of spinlock 'dev::lock' fails on this path: not held}}
// path-note@#ft_try {{taking true branch}}
// path-note@#ft_unlock {{release it only on the branch where the lock was acquired}}

// mutex_lock_interruptible() holds the lock only when it returns 0.
int interrupted(struct dev *d, int sig) {
  if (mutex_lock_interruptible(&d->mlock)) // #mi_lock
    return -4;
  d->state = 6;
  mutex_unlock(&d->mlock);
  return 0;
}
void unchecked_interruptible(struct dev *d) {
  mutex_lock_interruptible(&d->mlock); // #ui_lock
  d->state = 7;
  mutex_unlock(&d->mlock); // #ui_unlock
}
// path-warning@#ui_unlock {{releasing mutex 'dev::mlock' on a path where its acquisition failed: it is not held here [gfpdep-lock-balance]}}
// path-note@#ui_lock {{'mutex_lock_interruptible' of mutex 'dev::mlock' fails on this path: not held}}
// path-note@#ui_unlock {{release it only on the branch where the lock was acquired}}

// Taken by the function itself on one path, so not held by its caller: the
// other path releases a lock it does not hold.
void release_not_taken(struct dev *d, int c) {
  if (c) // #rn_if
    spin_lock(&glock);
  d->state = 2;
  spin_unlock(&glock); // #rn_unlock
}
// path-warning@#rn_unlock {{releasing spinlock 'glock', which this path of 'release_not_taken' never acquired: other paths acquire it themselves, so it is not held on entry [gfpdep-lock-balance]}}
// path-note@#rn_if {{assuming 'c' is 0}}
// path-note@#rn_if {{taking false branch}}
// path-note@#rn_unlock {{release it only on the paths that acquired it}}

// ---- clean ----------------------------------------------------------------

// Wrappers that return holding the lock, or release the caller's.
static void lock_dev(struct dev *d) { spin_lock(&d->lock); }
static void unlock_dev(struct dev *d) { spin_unlock(&d->lock); }
void uses_wrappers(struct dev *d) {
  lock_dev(d);
  d->state = 3;
  unlock_dev(d);
}
// A trylock wrapper: its return value says whether the lock is held.
static bool try_dev(struct dev *d) { return spin_trylock(&d->lock); }
void uses_try_wrapper(struct dev *d) {
  if (try_dev(d)) {
    d->state = 4;
    unlock_dev(d);
  }
}
// The caller's lock dropped around a sleep and taken again.
void drop_and_retake(struct dev *d) {
  spin_unlock(&d->lock);
  msleep(1);
  spin_lock(&d->lock);
}
// Two objects of one class.
void two_objects(struct dev *a, struct dev *b) {
  spin_lock(&a->lock);
  spin_lock_nested(&b->lock, 1);
  spin_unlock(&b->lock);
  spin_unlock(&a->lock);
}
// Scope guards release at the end of their scope.
void guarded(struct dev *d) {
  guard(spinlock)(&d->lock);
  d->state = 5;
}
void loop_guarded(struct dev *d, int n) {
  for (int i = 0; i < n; i++) {
    guard(spinlock)(&d->lock);
    d->state += i;
  }
}
// Shapes of balanced kernel code.
void foo(struct dev *d);
void irqsave_early_return(struct dev *d) {
  unsigned long flags;
  spin_lock_irqsave(&d->lock, flags);
  if (d->state) {
    spin_unlock_irqrestore(&d->lock, flags);
    return;
  }
  d->state = 1;
  spin_unlock_irqrestore(&d->lock, flags);
}
void loop_continue(struct dev *d, int n) {
  for (int i = 0; i < n; i++) {
    spin_lock(&d->lock);
    if (d->state == i) {
      spin_unlock(&d->lock);
      continue;
    }
    d->state++;
    spin_unlock(&d->lock);
  }
}
int goto_unwind(struct dev *d, int a, int b) {
  int ret = 0;
  mutex_lock(&d->mlock);
  spin_lock(&d->lock);
  if (a) {
    ret = -1;
    goto out;
  }
  if (b) {
    ret = -2;
    goto out;
  }
  d->state = 3;
out:
  spin_unlock(&d->lock);
  mutex_unlock(&d->mlock);
  return ret;
}
void spin_until_taken(struct dev *d) {
  while (!spin_trylock(&d->lock))
    d->state++;
  d->state = 4;
  spin_unlock(&d->lock);
}
// A flag tested twice around a call that might change it: the analyzer
// cannot tell, the engine's correlation trusts the flag; not reported.
void field_flag_around_call(struct dev *d) {
  if (d->state)
    spin_lock(&d->lock);
  foo(d);
  if (d->state)
    spin_unlock(&d->lock);
}
// Taken and dropped in later iterations of one loop: past the unrolled
// iterations the analyzer no longer knows the counter, and such paths are
// not reported; nor does the default mode report recursive locking, since
// no earlier acquisition is certain when the lock is taken.
void lock_in_late_iterations(struct dev *d, int count) {
  for (int i = 0; i < count; i++) {
    if (i == 6)
      spin_lock(&d->lock); // #late_lock
    if (i == 9)
      spin_unlock(&d->lock);
  }
}
void global_lock_around_call(struct dev *d) {
  spin_lock(&glock);
  foo(d);
  spin_unlock(&glock);
}
// An annotated acquirer returns holding the lock by contract.
GFPDEP_ACQUIRES(1, "spin") void annotated_acquire(struct dev *d);
void annotated_acquire(struct dev *d) { spin_lock(&d->lock); }

// A suppression comment silences lock-balance like any rule.
int suppressed_leak(struct dev *d, int err) {
  spin_lock(&d->lock);
  if (err)
    return -1; // gfpdep-ignore: lock-balance the caller unlocks on error
  spin_unlock(&d->lock);
  return 0;
}
