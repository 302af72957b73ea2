// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Atomic sections through Linux 6.1's headers and its defconfig: the lock
// macros (spin_lock_irqsave is a macro over _raw_spin_lock_irqsave,
// rcu_read_lock an inline over __rcu_read_lock, preempt_disable a macro over
// barriers under CONFIG_PREEMPT_COUNT=n), and sleeping calls that are macros
// or inlines (might_sleep, cond_resched, mutex_lock).
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>
#include <linux/delay.h>
#include <linux/sched/mm.h>
#include <linux/interrupt.h>

struct conf_obj {
	spinlock_t lock;
	raw_spinlock_t raw;
	rwlock_t rw;
	struct mutex m;
	void *p;
};

void conf_irqsave(struct conf_obj *o)
{
	unsigned long flags;
	spin_lock_irqsave(&o->lock, flags);
	o->p = kmalloc(16, GFP_KERNEL);
	spin_unlock_irqrestore(&o->lock, flags);
	o->p = kmalloc(16, GFP_KERNEL); /* after the unlock: clean */
}
void conf_rcu(struct conf_obj *o)
{
	rcu_read_lock();
	mutex_lock(&o->m);
	mutex_unlock(&o->m);
	rcu_read_unlock();
}
void conf_bh(struct conf_obj *o)
{
	local_bh_disable();
	cond_resched();
	local_bh_enable();
}
void conf_raw_read(struct conf_obj *o)
{
	raw_spin_lock(&o->raw);
	read_lock(&o->rw);
	msleep(1);
	read_unlock(&o->rw);
	raw_spin_unlock(&o->raw);
}
void conf_preempt(struct conf_obj *o)
{
	preempt_disable();
	might_sleep();
	preempt_enable();
}
void conf_atomic_ok(struct conf_obj *o)
{
	unsigned int flags;
	spin_lock_bh(&o->lock);
	o->p = kmalloc(16, GFP_ATOMIC);
	spin_unlock_bh(&o->lock);
	local_irq_disable();
	o->p = kmalloc(16, GFP_NOWAIT);
	local_irq_enable();
	flags = memalloc_noreclaim_save();
	o->p = kmalloc(16, GFP_KERNEL); /* PF_MEMALLOC: no reclaim, but may it sleep? not atomic */
	memalloc_noreclaim_restore(flags);
}
MODULE_LICENSE("GPL");

// CHECK:      atomic-sections.c:31:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'conf_obj::lock' is held [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:30:{{[0-9]+}}: note: spinlock 'conf_obj::lock' acquired here
// CHECK:      atomic-sections.c:38:{{[0-9]+}}: warning: acquiring mutex 'conf_obj::m' may sleep in atomic context: inside an RCU read-side critical section [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:37:{{[0-9]+}}: note: RCU read-side critical section begins here
// CHECK:      atomic-sections.c:45:{{[0-9]+}}: warning: 'cond_resched' may sleep in atomic context: bottom halves are disabled [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:44:{{[0-9]+}}: note: bottom halves disabled here
// CHECK:      atomic-sections.c:52:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: spinlock 'conf_obj::raw' is held [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:50:{{[0-9]+}}: note: spinlock 'conf_obj::raw' acquired here
// CHECK:      atomic-sections.c:52:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: rwlock 'conf_obj::rw' is held [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:51:{{[0-9]+}}: note: rwlock 'conf_obj::rw' acquired here
// CHECK:      atomic-sections.c:59:{{[0-9]+}}: warning: 'might_sleep' may sleep in atomic context: preemption is disabled [gfpdep-sleep-in-atomic]
// CHECK-NEXT: atomic-sections.c:58:{{[0-9]+}}: note: preemption disabled here
// Nothing in conf_atomic_ok (--implicit-check-not).

// vfree() sleeps only outside interrupt context (it defers the free when
// in_interrupt()): reported under a spinlock in process context, not in an
// RCU callback, nor with bottom halves disabled.
#include <linux/vmalloc.h>
struct conf_big { struct rcu_head rcu; void *area; };
static void conf_big_free(struct rcu_head *h)
{
	struct conf_big *b = container_of(h, struct conf_big, rcu);
	vfree(b->area);
	kvfree(b);
}
void conf_big_release(struct conf_big *b) { call_rcu(&b->rcu, conf_big_free); }
void conf_big_bh(struct conf_obj *o, struct conf_big *b)
{
	spin_lock_bh(&o->lock);
	vfree(b->area);
	spin_unlock_bh(&o->lock);
}
void conf_big_locked(struct conf_obj *o, struct conf_big *b)
{
	spin_lock(&o->lock);
	vfree(b->area); // VFREE
	spin_unlock(&o->lock);
}
// CHECK: atomic-sections.c:[[#@LINE-3]]:{{[0-9]+}}: warning: 'vfree' may sleep in atomic context: spinlock 'conf_obj::lock' is held [gfpdep-sleep-in-atomic]
