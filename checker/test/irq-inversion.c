// RUN: %gfpdep -Xclang -verify %s
// IRQ-state inversion, as lockdep reports it: a class taken in hard-IRQ
// (soft-IRQ) context and elsewhere with interrupts (bottom halves) enabled;
// and an IRQ-safe class held while an IRQ-unsafe one is acquired. Process
// context is what may sleep (might_sleep() here) and what it calls: a
// function nothing calls and that never sleeps may run anywhere.
#include <gfpdep/kernel.h>

struct nic {
  spinlock_t lock;    // taken by the hard-IRQ handler
  spinlock_t stats;   // taken by the timer (soft-IRQ)
  spinlock_t cfg;     // never in IRQ context
  spinlock_t safe;    // irqsave everywhere, and in the handler: fine
  rwlock_t table;     // read in the handler, written with IRQs off: fine
  rwlock_t routes;    // read in the handler, written with IRQs on: bad
  struct timer_list timer;
  int pending;
};

static void account(struct nic *n) {
  spin_lock(&n->lock); // #irq_lock
  n->pending--;
  spin_unlock(&n->lock);
}
static irqreturn_t nic_irq(int irq, void *p) {
  struct nic *n = p;
  account(n); // #irq_account
  spin_lock(&n->safe);
  spin_unlock(&n->safe);
  read_lock(&n->table);
  read_unlock(&n->table);
  read_lock(&n->routes); // #irq_routes
  read_unlock(&n->routes);
  return 0;
}

// Process context, interrupts on: the inconsistent use.
void nic_xmit(struct nic *n) { // #xmit
  might_sleep();
  spin_lock(&n->lock); // #xmit_lock
  n->pending++;
  spin_unlock(&n->lock);
}
// expected-warning@#xmit_lock {{spinlock 'nic::lock' is acquired here with interrupts enabled, and the hard-IRQ handler 'nic_irq' acquires it too: inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage; an interrupt that arrives on this CPU while it is held here deadlocks}}
// expected-note@#xmit {{'nic_xmit' runs in process context with interrupts enabled (it may sleep, or is a process-context callback)}}
// expected-note@#req {{'nic_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_account {{'nic_irq' calls 'account' here}}
// expected-note@#irq_lock {{spinlock 'nic::lock' acquired here, in hard-IRQ context}}
// expected-note@#xmit_lock {{use spin_lock_irqsave() here}}

// A function that sleeps two calls down is process context too.
static void alloc_ring(struct nic *n) { kmalloc(64, GFP_KERNEL); }
static void prepare(struct nic *n) { alloc_ring(n); }
void nic_open(struct nic *n) { // #open
  prepare(n);
  spin_lock(&n->lock); // #open_lock
  n->pending = 0;
  spin_unlock(&n->lock);
}
// (one report per class: nic_open's acquisition is a note of nic_xmit's)
// expected-note@#open_lock {{also acquired with interrupts enabled here}}

// A function that never sleeps and that nothing here calls runs where its
// callers elsewhere run it: no report.
void nic_poll_quiet(struct nic *n) {
  spin_lock(&n->lock);
  n->pending = 0;
  spin_unlock(&n->lock);
}

// The fixed form, and a caller that already disabled interrupts.
void nic_xmit_fixed(struct nic *n) {
  might_sleep();
  unsigned long flags;
  spin_lock_irqsave(&n->lock, flags);
  n->pending++;
  spin_unlock_irqrestore(&n->lock, flags);
}
static void locked_op(struct nic *n) {
  spin_lock(&n->lock); // clean: every caller has IRQs off
  n->pending++;
  spin_unlock(&n->lock);
}
void nic_reset(struct nic *n) {
  might_sleep();
  local_irq_disable();
  locked_op(n);
  local_irq_enable();
}
void nic_safe(struct nic *n) {
  might_sleep();
  unsigned long flags;
  spin_lock_irqsave(&n->safe, flags);
  spin_unlock_irqrestore(&n->safe, flags);
}

// A reader in the handler: a writer with IRQs on deadlocks, a reader does
// not (read_lock in IRQ context is a recursive read).
void nic_lookup(struct nic *n) {
  might_sleep();
  read_lock(&n->table); // clean
  read_unlock(&n->table);
}
void nic_update_table(struct nic *n) {
  might_sleep();
  write_lock_irq(&n->table); // clean
  write_unlock_irq(&n->table);
}
void nic_update_routes(struct nic *n) { // #routes
  might_sleep();
  write_lock(&n->routes); // #routes_w
  write_unlock(&n->routes);
}
// expected-warning@#routes_w {{rwlock 'nic::routes' is acquired here with interrupts enabled, and the hard-IRQ handler 'nic_irq' acquires it too: inconsistent {IN-HARDIRQ-R} -> {HARDIRQ-ON-W} usage}}
// expected-note@#routes {{'nic_update_routes' runs in process context with interrupts enabled}}
// expected-note@#req {{'nic_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_routes {{rwlock 'nic::routes' acquired here, in hard-IRQ context}}
// expected-note@#routes_w {{use write_lock_irqsave() here}}

// Soft-IRQ: the timer takes 'stats'; process context must disable BHs.
static void nic_timer(struct timer_list *t) {
  struct nic *n = (struct nic *)t;
  spin_lock(&n->stats); // #timer_stats
  spin_unlock(&n->stats);
}
void nic_read_stats(struct nic *n) { // #stats
  might_sleep();
  spin_lock(&n->stats); // #stats_on
  spin_unlock(&n->stats);
}
// expected-warning@#stats_on {{spinlock 'nic::stats' is acquired here with bottom halves enabled, and the timer callback 'nic_timer' (soft-IRQ context) acquires it too: inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage; a soft interrupt that arrives on this CPU while it is held here deadlocks}}
// expected-note@#stats {{'nic_read_stats' runs in process context with bottom halves enabled}}
// expected-note@#tsetup {{'nic_timer' set up as a timer callback here}}
// expected-note@#timer_stats {{spinlock 'nic::stats' acquired here, in soft-IRQ context}}
// expected-note@#stats_on {{use spin_lock_bh() here}}
void nic_read_stats_fixed(struct nic *n) {
  might_sleep();
  spin_lock_bh(&n->stats); // clean
  spin_unlock_bh(&n->stats);
}

// IRQ-safe -> IRQ-unsafe: 'lock' is IRQ-safe (the handler takes it);
// nic_flush() holds it (interrupts off) and takes 'cfg', which nic_config()
// takes with interrupts on. cfg itself is never taken in IRQ context.
void nic_flush(struct nic *n) {
  might_sleep();
  unsigned long flags;
  spin_lock_irqsave(&n->lock, flags); // #flush_lock
  spin_lock(&n->cfg); // #order
  spin_unlock(&n->cfg);
  spin_unlock_irqrestore(&n->lock, flags);
}
void nic_config(struct nic *n) { // #config
  might_sleep();
  spin_lock(&n->cfg); // #cfg_on
  spin_unlock(&n->cfg);
}
// expected-warning@#order {{acquiring spinlock 'nic::cfg' while 'nic::lock' is held: 'nic::lock' is taken in hard-IRQ context and 'nic::cfg' with interrupts enabled (HARDIRQ-safe -> HARDIRQ-unsafe lock order); an interrupt taken while 'nic::cfg' is held there can deadlock}}
// expected-note@#flush_lock {{spinlock 'nic::lock' acquired here}}
// expected-note@#req {{'nic_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_account {{'nic_irq' calls 'account' here}}
// expected-note@#irq_lock {{'nic::lock' acquired here, in hard-IRQ context}}
// expected-note@#config {{'nic_config' runs in process context with interrupts enabled}}
// expected-note@#cfg_on {{'nic::cfg' acquired here with interrupts enabled}}
// expected-note@#order {{take 'nic::cfg' with interrupts disabled everywhere (spin_lock_irqsave())}}

void nic_probe(struct nic *n, int irq) {
  request_irq(irq, nic_irq, 0, "nic", n); // #req
  timer_setup(&n->timer, nic_timer, 0); // #tsetup
}
