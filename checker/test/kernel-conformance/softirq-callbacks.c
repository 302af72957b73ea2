// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Soft-IRQ callbacks registered through Linux 6.1's own headers: timer_setup()
// (a macro over __init_timer() over init_timer_key()), DEFINE_TIMER (a
// static initialiser of timer_list::function), tasklet_setup(), tasklet_init(),
// DECLARE_TASKLET (tasklet_struct::callback), call_rcu(), and netif_napi_add()
// (an inline over netif_napi_add_weight()). Each callback's chain reaches a
// sleeping allocation three calls down.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/interrupt.h>
#include <linux/rcupdate.h>
#include <linux/netdevice.h>

struct conf_dev {
	struct timer_list timer;
	struct tasklet_struct tasklet;
	struct tasklet_struct old_tasklet;
	struct rcu_head rcu;
	struct napi_struct napi;
	void *buf;
};

static noinline void *conf_alloc(void) { return kzalloc(128, GFP_KERNEL); }
static noinline void *conf_grow(void) { return conf_alloc(); }
static noinline void conf_refill(struct conf_dev *d) { d->buf = conf_grow(); }

static void conf_timer_fn(struct timer_list *t)
{
	struct conf_dev *d = from_timer(d, t, timer);
	conf_refill(d);
}
static void conf_static_timer_fn(struct timer_list *t) { conf_refill(NULL); }
static DEFINE_TIMER(conf_static_timer, conf_static_timer_fn);

static void conf_tasklet_fn(struct tasklet_struct *t)
{
	struct conf_dev *d = from_tasklet(d, t, tasklet);
	conf_refill(d);
}
static void conf_old_tasklet_fn(unsigned long data)
{
	conf_refill((struct conf_dev *)data);
}
static void conf_declared_tasklet_fn(struct tasklet_struct *t) { conf_refill(NULL); }
static DECLARE_TASKLET(conf_declared_tasklet, conf_declared_tasklet_fn);

static void conf_rcu_fn(struct rcu_head *h)
{
	conf_refill(container_of(h, struct conf_dev, rcu));
}
static int conf_poll(struct napi_struct *napi, int budget)
{
	conf_refill(container_of(napi, struct conf_dev, napi));
	return 0;
}

void conf_setup(struct conf_dev *d, struct net_device *ndev)
{
	timer_setup(&d->timer, conf_timer_fn, 0);
	tasklet_setup(&d->tasklet, conf_tasklet_fn);
	tasklet_init(&d->old_tasklet, conf_old_tasklet_fn, (unsigned long)d);
	call_rcu(&d->rcu, conf_rcu_fn);
	netif_napi_add(ndev, &d->napi, conf_poll);
	mod_timer(&conf_static_timer, jiffies + HZ);
	tasklet_schedule(&conf_declared_tasklet);
}
MODULE_LICENSE("GPL");

// One report per entry point at the one leaf, each with its whole chain, in
// the order of the registrations.
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_static_timer_fn' is a timer callback [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:34:8: note: 'conf_static_timer_fn' set up as a timer callback here
// CHECK-NEXT: softirq-callbacks.c:33:{{[0-9]+}}: note: 'conf_static_timer_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_declared_tasklet_fn' is a tasklet [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:46:8: note: 'conf_declared_tasklet_fn' set up as a tasklet here
// CHECK-NEXT: softirq-callbacks.c:45:{{[0-9]+}}: note: 'conf_declared_tasklet_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_timer_fn' is a timer callback [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:60:2: note: 'conf_timer_fn' set up as a timer callback here
// CHECK-NEXT: softirq-callbacks.c:31:{{[0-9]+}}: note: 'conf_timer_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_tasklet_fn' is a tasklet [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:61:2: note: 'conf_tasklet_fn' set up as a tasklet here
// CHECK-NEXT: softirq-callbacks.c:39:{{[0-9]+}}: note: 'conf_tasklet_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_old_tasklet_fn' is a tasklet [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:62:2: note: 'conf_old_tasklet_fn' set up as a tasklet here
// CHECK-NEXT: softirq-callbacks.c:43:{{[0-9]+}}: note: 'conf_old_tasklet_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_rcu_fn' is an RCU callback (soft-IRQ context) [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:63:2: note: 'conf_rcu_fn' queued as an RCU callback here
// CHECK-NEXT: softirq-callbacks.c:50:{{[0-9]+}}: note: 'conf_rcu_fn' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_poll' is a NAPI poll function (soft-IRQ context) [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:64:2: note: 'conf_poll' registered as a NAPI poll function here
// CHECK-NEXT: softirq-callbacks.c:54:{{[0-9]+}}: note: 'conf_poll' calls 'conf_refill' here
// CHECK-NEXT: softirq-callbacks.c:26:{{[0-9]+}}: note: 'conf_refill' calls 'conf_grow' here
// CHECK-NEXT: softirq-callbacks.c:25:{{[0-9]+}}: note: 'conf_grow' calls 'conf_alloc' here
// CHECK-NEXT: softirq-callbacks.c:24:{{[0-9]+}}: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins

// The other NAPI entry points and DECLARE_TASKLET_OLD (tasklet_struct::func).
static int conf_poll_w(struct napi_struct *napi, int budget) { conf_refill(NULL); return 0; }
static int conf_poll_tx(struct napi_struct *napi, int budget) { conf_refill(NULL); return 0; }
static void conf_old_declared_fn(unsigned long data) { conf_refill(NULL); }
static DECLARE_TASKLET_OLD(conf_old_declared, conf_old_declared_fn); // OLD
void conf_setup_more(struct conf_dev *d, struct net_device *ndev)
{
	netif_napi_add_weight(ndev, &d->napi, conf_poll_w, 16); // WEIGHT
	netif_napi_add_tx_weight(ndev, &d->napi, conf_poll_tx, 16); // TXWEIGHT
	tasklet_schedule(&conf_old_declared);
}
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_old_declared_fn' is a tasklet [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:119:{{[0-9]+}}: note: 'conf_old_declared_fn' set up as a tasklet here
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_poll_w' is a NAPI poll function (soft-IRQ context) [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:122:{{[0-9]+}}: note: 'conf_poll_w' registered as a NAPI poll function here
// CHECK:      softirq-callbacks.c:24:{{[0-9]+}}: warning: 'kzalloc' with GFP_KERNEL may sleep in atomic context: 'conf_poll_tx' is a NAPI poll function (soft-IRQ context) [gfpdep-sleep-in-atomic]
// CHECK-NEXT: softirq-callbacks.c:123:{{[0-9]+}}: note: 'conf_poll_tx' registered as a NAPI poll function here
