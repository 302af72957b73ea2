// RUN: %gfpdep -Xclang -verify=off %s
// RUN: %gfpdep -fplugin-arg-gfpdep-enable=wait-context -Xclang -verify %s
// RUN: rm -rf %t && mkdir -p %t && %clang -c -fplugin=%plugin -I%annotations %s -o %t/w.o
// RUN: %cli_gfpdep --link %t/w.o | count 0
// RUN: %cli_gfpdep --link --enable=wait-context %t/w.o > %t/out.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=CLI < %t/out.txt
// RUN: not %cli_gfpdep --link --enable=wait-contxt %t/w.o 2>&1 | FileCheck %s --check-prefix=BADCLI
// RUN: %clang_tidy_gfpdep --checks='-*,gfpdep-wait-context' %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=TIDY
// wait-context, the PREEMPT_RT check (lockdep's CONFIG_PROVE_RAW_LOCK_NESTING,
// "BUG: Invalid wait context"): off by default. On PREEMPT_RT spinlock_t and
// rwlock_t are sleeping locks; taking one under a raw spinlock or with IRQs
// or preemption disabled by hand is invalid there.
#include <gfpdep/kernel.h>

// off-no-diagnostics

struct rq { raw_spinlock_t lock, lock2; };
struct dev { spinlock_t lock, lock2; rwlock_t map; };

void under_raw(struct rq *r, struct dev *d) {
  raw_spin_lock(&r->lock); // #raw
  spin_lock(&d->lock); // #under_raw
  spin_unlock(&d->lock);
  raw_spin_unlock(&r->lock);
}
// expected-warning@#under_raw {{acquiring spinlock 'dev::lock' while raw spinlock 'rq::lock' is held: on PREEMPT_RT a spinlock_t sleeps, which is invalid here (lockdep: invalid wait context)}}
// expected-note@#raw {{raw spinlock 'rq::lock' acquired here}}
// expected-note@#under_raw {{make 'rq::lock' a spinlock_t, or 'dev::lock' a raw_spinlock_t}}

void irqs_by_hand(struct dev *d) {
  local_irq_disable(); // #irqoff
  read_lock(&d->map); // #under_irqoff
  read_unlock(&d->map);
  local_irq_enable();
}
// expected-warning@#under_irqoff {{acquiring rwlock 'dev::map' while interrupts are disabled: on PREEMPT_RT a rwlock_t sleeps, which is invalid here}}
// expected-note@#irqoff {{interrupts disabled here}}
// expected-note@#under_irqoff {{take 'dev::map' with spin_lock_irqsave() instead of disabling interrupts by hand, or make it a raw_spinlock_t}}

static void helper(struct dev *d) {
  spin_lock(&d->lock); // #helper_lock
  spin_unlock(&d->lock);
}
void preempt_by_hand(struct dev *d) {
  preempt_disable(); // #preoff
  helper(d); // #helper_call
  preempt_enable();
}
// expected-warning@#helper_lock {{acquiring spinlock 'dev::lock' while preemption is disabled}}
// expected-note@#preoff {{preemption disabled here}}
// expected-note@#helper_call {{'preempt_by_hand' calls 'helper' here}}
// expected-note@#helper_lock {{take 'dev::lock' with spin_lock_irqsave() instead of disabling preemption by hand}}

// Valid on RT: the lock's own irqsave form, a raw spinlock under a raw
// spinlock, a spinlock under a spinlock, a spinlock under rcu_read_lock().
void fine(struct rq *r, struct dev *d) {
  unsigned long flags;
  spin_lock_irqsave(&d->lock, flags);
  spin_lock(&d->lock2);
  spin_unlock(&d->lock2);
  spin_unlock_irqrestore(&d->lock, flags);
  raw_spin_lock(&r->lock);
  raw_spin_lock(&r->lock2);
  raw_spin_unlock(&r->lock2);
  raw_spin_unlock(&r->lock);
  rcu_read_lock();
  spin_lock(&d->lock);
  spin_unlock(&d->lock);
  rcu_read_unlock();
}
// CLI: 3 findings
// BADCLI: unknown rule 'wait-contxt'
// TIDY: warning: acquiring spinlock 'dev::lock' while raw spinlock 'rq::lock' is held{{.*}} [gfpdep-wait-context]
