// RUN: %gfpdep -Xclang -verify %s
// The kernel's guard() and scoped_guard(): a cleanup-attribute variable owns
// the lock its constructor took, until the end of its scope.
#include <gfpdep/kernel.h>

struct dev { spinlock_t lock; struct mutex mlock; int state; };

void with_guard(struct dev *d) {
  {
    guard(spinlock)(&d->lock); // #guard
    msleep(1); // #guard_sleep
  }
  msleep(2); // clean: the guard's scope ended
}
// expected-warning@#guard_sleep {{'msleep' may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#guard {{'with_guard' calls 'class_spinlock_constructor' here}}
// expected-note@*:* {{spinlock 'dev::lock' acquired here}}
// expected-note@#guard_sleep {{move the call out of the atomic section}}

void with_scoped_guard(struct dev *d) {
  scoped_guard(spinlock, &d->lock) { // #scoped
    d->state = 1;
    kmalloc(8, GFP_KERNEL); // #scoped_alloc
  }
  kmalloc(8, GFP_KERNEL); // clean
}
// expected-warning@#scoped_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#scoped {{'with_scoped_guard' calls 'class_spinlock_constructor' here}}
// expected-note@*:* {{spinlock 'dev::lock' acquired here}}
// expected-note@#scoped_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

void mutex_guard_is_fine(struct dev *d) {
  guard(mutex)(&d->mlock);
  msleep(3); // clean: sleeping under a mutex is allowed
}
