// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// irq-inversion through Linux 6.1's own headers: request_irq() (an inline
// over request_threaded_irq()), timer_setup(), spin_lock() (a macro over
// raw_spin_lock() over _raw_spin_lock()), spin_lock_irqsave() and
// spin_lock_bh(), local_irq_disable(), read_lock()/write_lock(). Process
// context is what may sleep (might_sleep(): conf_bad, conf_good).
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/spinlock.h>

struct conf_nic {
	spinlock_t lock;
	spinlock_t stats;
	rwlock_t table;
	struct timer_list timer;
	int irq, pending;
};

static irqreturn_t conf_irq(int irq, void *p)
{
	struct conf_nic *n = p;
	spin_lock(&n->lock);
	n->pending--;
	spin_unlock(&n->lock);
	read_lock(&n->table);
	read_unlock(&n->table);
	return IRQ_HANDLED;
}
static void conf_timer_fn(struct timer_list *t)
{
	struct conf_nic *n = from_timer(n, t, timer);
	spin_lock(&n->stats);
	n->pending++;
	spin_unlock(&n->stats);
}

void conf_bad(struct conf_nic *n)
{
	might_sleep();
	spin_lock(&n->lock);
	n->pending++;
	spin_unlock(&n->lock);
	spin_lock(&n->stats);
	spin_unlock(&n->stats);
}

void conf_good(struct conf_nic *n)
{
	unsigned long flags;
	might_sleep();
	spin_lock_irqsave(&n->lock, flags);
	spin_unlock_irqrestore(&n->lock, flags);
	spin_lock_bh(&n->stats);
	spin_unlock_bh(&n->stats);
	read_lock(&n->table);
	read_unlock(&n->table);
	write_lock_irq(&n->table);
	write_unlock_irq(&n->table);
	local_irq_disable();
	spin_lock(&n->lock);
	spin_unlock(&n->lock);
	local_irq_enable();
}

int conf_probe(struct conf_nic *n)
{
	timer_setup(&n->timer, conf_timer_fn, 0);
	return request_irq(n->irq, conf_irq, 0, "conf", n);
}
MODULE_LICENSE("GPL");

// CHECK-DAG: irq-usage.c:41:{{[0-9]+}}: warning: spinlock 'conf_nic::lock' is acquired here with interrupts enabled, and the hard-IRQ handler 'conf_irq' acquires it too: inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage{{.*}} [gfpdep-irq-inversion]
// CHECK-DAG: irq-usage.c:44:{{[0-9]+}}: warning: spinlock 'conf_nic::stats' is acquired here with bottom halves enabled, and the timer callback 'conf_timer_fn' (soft-IRQ context) acquires it too: inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage{{.*}} [gfpdep-irq-inversion]
