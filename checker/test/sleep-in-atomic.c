// RUN: %gfpdep -Xclang -verify %s
// Blocking operations reachable in atomic context: spinning locks, IRQs or
// preemption off, RCU read side, bottom halves off, IRQ handlers, timers.
#include <gfpdep/kernel.h>

spinlock_t pages_lock;
rwlock_t table_lock;
struct mutex big_lock;

void direct(void) {
  spin_lock(&pages_lock); // #direct_lock
  kmalloc(64, GFP_KERNEL); // #direct_alloc
  kmalloc(64, GFP_ATOMIC); // clean
  kmalloc(64, GFP_NOWAIT); // clean
  spin_unlock(&pages_lock);
  kmalloc(64, GFP_KERNEL); // clean: released
}
// expected-warning@#direct_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#direct_lock {{spinlock 'pages_lock' acquired here}}
// expected-note@#direct_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

static void wait_a_bit(void) { msleep(10); } // #msleep
void irqs_off(void) {
  unsigned long flags;
  local_irq_save(flags); // #irq_save
  wait_a_bit(); // #irq_call
  local_irq_restore(flags);
  wait_a_bit(); // clean
}
// expected-warning@#msleep {{'msleep' may sleep in atomic context: interrupts are disabled [gfpdep-sleep-in-atomic]}}
// expected-note@#irq_save {{interrupts disabled here}}
// expected-note@#irq_call {{'irqs_off' calls 'wait_a_bit' here}}
// expected-note@#msleep {{move the call out of the atomic section}}

void rcu_reader(void) {
  rcu_read_lock(); // #rcu
  mutex_lock(&big_lock); // #rcu_mutex
  mutex_unlock(&big_lock);
  rcu_read_unlock();
}
// expected-warning@#rcu_mutex {{acquiring mutex 'big_lock' may sleep in atomic context: inside an RCU read-side critical section [gfpdep-sleep-in-atomic]}}
// expected-note@#rcu {{RCU read-side critical section begins here}}
// expected-note@#rcu_mutex {{take the sleeping lock before the atomic section begins}}

void writer(void) {
  write_lock_irq(&table_lock); // #wl
  if (mutex_trylock(&big_lock)) // trylock never sleeps: clean
    mutex_unlock(&big_lock);
  synchronize_rcu(); // #sync
  write_unlock_irq(&table_lock);
}
// expected-warning@#sync {{'synchronize_rcu' may sleep in atomic context: rwlock 'table_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#wl {{rwlock 'table_lock' acquired here}}
// expected-note@#sync {{move the call out of the atomic section}}

static irqreturn_t dev_irq(int irq, void *dev) {
  copy_to_user(0, dev, 4); // #irq_copy
  return IRQ_HANDLED;
}
static void dev_timer(struct timer_list *t) {
  vfree(t); // clean: in interrupt context vfree() defers the free
  msleep(1); // #timer_vfree
}
void probe(struct timer_list *t) {
  request_irq(5, dev_irq, 0, "dev", 0); // #req_irq
  timer_setup(t, dev_timer, 0); // #timer_setup
}
// expected-warning@#irq_copy {{'copy_to_user' may sleep in atomic context: 'dev_irq' is a hard-IRQ handler [gfpdep-sleep-in-atomic]}}
// expected-note@#req_irq {{'dev_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_copy {{move the call out of the atomic section}}
// expected-warning@#timer_vfree {{'msleep' may sleep in atomic context: 'dev_timer' is a timer callback [gfpdep-sleep-in-atomic]}}
// expected-note@#timer_setup {{'dev_timer' set up as a timer callback here}}
// expected-note@#timer_vfree {{move the call out of the atomic section}}

void trylock_forms(void) {
  int ok = spin_trylock(&pages_lock); // #try_var
  if (ok) {
    msleep(1); // #try_var_sleep
    spin_unlock(&pages_lock);
  }
  if (spin_trylock(&pages_lock) == 0) // #try_eq
    return;
  msleep(2); // #try_eq_sleep
  spin_unlock(&pages_lock);
}
// expected-warning@#try_var_sleep {{'msleep' may sleep in atomic context: spinlock 'pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#try_var {{spinlock 'pages_lock' acquired here}}
// expected-note@#try_var_sleep {{move the call out of the atomic section}}
// expected-warning@#try_eq_sleep {{'msleep' may sleep in atomic context: spinlock 'pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#try_eq {{spinlock 'pages_lock' acquired here}}
// expected-note@#try_eq_sleep {{move the call out of the atomic section}}
