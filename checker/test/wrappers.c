// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Every layer of the kernel's wrappers: the first modelled name stops the
// descent, unmodelled inline bodies are analysed like any function.
#include <layered.h>

struct dev {
  spinlock_t lock;
  struct mutex mlock;
};

// A driver's own wrapper: not modelled, analysed normally.
static void dev_lock(struct dev *d) { spin_lock(&d->lock); } // #dev_lock
static void dev_unlock(struct dev *d) { spin_unlock(&d->lock); }

void inline_layers(struct dev *d) {
  dev_lock(d); // #inline_lock
  kmalloc(128, GFP_KERNEL); // #kmalloc_inline
  kmalloc(16, GFP_ATOMIC);  // clean
  dev_unlock(d);
  kmalloc(128, GFP_KERNEL); // clean: released through the wrapper
}
// expected-warning@#kmalloc_inline {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// The origin reaches the real acquisition inside the helper.
// expected-note@#inline_lock {{'inline_layers' calls 'dev_lock' here}}
// expected-note@#dev_lock {{spinlock 'dev::lock' acquired here}}
// expected-note@#kmalloc_inline {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

void macro_layers(struct dev *d) {
  unsigned long flags;
  spin_lock_irqsave(&d->lock, flags); // #irqsave
  alloc_page(GFP_KERNEL); // #alloc_page
  might_sleep(); // #might_sleep
  spin_unlock_irqrestore(&d->lock, flags);
  might_sleep(); // clean: spinlock_check() saw through, so the unlock matched
}
// A modelled macro over a modelled function is named as the source spells it.
// expected-warning@#alloc_page {{'alloc_page' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-warning@#might_sleep {{'might_sleep' may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#irqsave 2 {{spinlock 'dev::lock' acquired here}}
// expected-note@#alloc_page {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-note@#might_sleep {{move the call out of the atomic section}}

void mutex_macro(struct dev *d) {
  preempt_disable(); // #preempt
  mutex_lock(&d->mlock); // #mutex
  mutex_unlock(&d->mlock);
  preempt_enable();
  mutex_lock(&d->mlock); // clean
  mutex_unlock(&d->mlock);
}
// expected-warning@#mutex {{acquiring mutex 'dev::mlock' may sleep in atomic context: preemption is disabled [gfpdep-sleep-in-atomic]}}
// expected-note@#preempt {{preemption disabled here}}
// expected-note@#mutex {{take the sleeping lock before the atomic section begins}}
