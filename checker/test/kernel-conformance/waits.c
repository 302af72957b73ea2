// RUN: %kbuild --arg disable=irq-inversion %s | FileCheck %s --implicit-check-not=warning:
// (irq-inversion off: the timer callback takes 'slock' with hard IRQs on and
// the IRQ handler takes it too, a true report of that rule; irq-usage.c
// tests it.)
// wait-under-lock through Linux 6.1's own headers: INIT_WORK() and
// INIT_DELAYED_WORK() (macros that store into work_struct::func through
// &dw->work), DECLARE_WORK (a static initialiser), timer_setup() (a macro
// over init_timer_key()), request_irq() (an inline over
// request_threaded_irq()), and completions; the waits cancel_work_sync(),
// cancel_delayed_work_sync(), flush_work(), del_timer_sync(), free_irq(),
// wait_for_completion(). Each wait is made with a lock the callback takes.
#include <linux/module.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/interrupt.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct conf_dev {
	struct mutex lock;
	spinlock_t slock;
	struct work_struct work;
	struct delayed_work dwork;
	struct timer_list timer;
	struct completion done;
	int irq;
	int state;
};

static void conf_work_fn(struct work_struct *w)
{
	struct conf_dev *d = container_of(w, struct conf_dev, work);
	mutex_lock(&d->lock);
	d->state = 1;
	mutex_unlock(&d->lock);
}
static void conf_dwork_fn(struct work_struct *w)
{
	struct conf_dev *d = container_of(to_delayed_work(w), struct conf_dev, dwork);
	mutex_lock(&d->lock);
	d->state = 2;
	mutex_unlock(&d->lock);
}
static DEFINE_MUTEX(conf_global_lock);
static void conf_static_work_fn(struct work_struct *w)
{
	mutex_lock(&conf_global_lock);
	mutex_unlock(&conf_global_lock);
}
static DECLARE_WORK(conf_static_work, conf_static_work_fn);
static void conf_timer_fn(struct timer_list *t)
{
	struct conf_dev *d = from_timer(d, t, timer);
	spin_lock(&d->slock);
	d->state = 3;
	spin_unlock(&d->slock);
}
static irqreturn_t conf_irq(int irq, void *p)
{
	struct conf_dev *d = p;
	spin_lock(&d->slock);
	d->state = 4;
	spin_unlock(&d->slock);
	return IRQ_HANDLED;
}
static void conf_finish(struct conf_dev *d)
{
	mutex_lock(&d->lock);
	complete(&d->done);
	mutex_unlock(&d->lock);
}

int conf_probe(struct conf_dev *d)
{
	INIT_WORK(&d->work, conf_work_fn);
	INIT_DELAYED_WORK(&d->dwork, conf_dwork_fn);
	timer_setup(&d->timer, conf_timer_fn, 0);
	init_completion(&d->done);
	schedule_work(&conf_static_work);
	conf_finish(d);
	return request_irq(d->irq, conf_irq, 0, "conf", d);
}

void conf_remove(struct conf_dev *d)
{
	mutex_lock(&d->lock);
	cancel_work_sync(&d->work);
	cancel_delayed_work_sync(&d->dwork);
	wait_for_completion(&d->done);
	mutex_unlock(&d->lock);
	mutex_lock(&conf_global_lock);
	flush_work(&conf_static_work);
	mutex_unlock(&conf_global_lock);
	spin_lock_irq(&d->slock);
	del_timer_sync(&d->timer);
	spin_unlock_irq(&d->slock);
	spin_lock(&d->slock);
	free_irq(d->irq, d);
	spin_unlock(&d->slock);
}

// Clean: the same waits with nothing held.
void conf_remove_fixed(struct conf_dev *d)
{
	cancel_work_sync(&d->work);
	cancel_delayed_work_sync(&d->dwork);
	del_timer_sync(&d->timer);
	free_irq(d->irq, d);
	wait_for_completion(&d->done);
}
MODULE_LICENSE("GPL");

// CHECK-DAG: waits.c:88:{{[0-9]+}}: warning: 'cancel_work_sync' waits for work item 'conf_dev::work', whose function 'conf_work_fn' acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: waits.c:89:{{[0-9]+}}: warning: 'cancel_delayed_work_sync' waits for work item 'conf_dev::dwork', whose function 'conf_dwork_fn' acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: waits.c:90:{{[0-9]+}}: warning: 'wait_for_completion' waits for completion 'conf_dev::done' while mutex 'conf_dev::lock' is held, and 'conf_dev::done' is completed with 'conf_dev::lock' held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: waits.c:93:{{[0-9]+}}: warning: 'flush_work' waits for work item 'conf_static_work', whose function 'conf_static_work_fn' acquires 'conf_global_lock', while mutex 'conf_global_lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: waits.c:99:{{[0-9]+}}: warning: 'free_irq' waits for the IRQ handler 'conf_irq' (requested with a 'conf_dev' dev_id), which acquires 'conf_dev::slock', while spinlock 'conf_dev::slock' is held: possible deadlock [gfpdep-wait-under-lock]
// (free_irq() sleeps, too.)
// CHECK-DAG: waits.c:99:{{[0-9]+}}: warning: 'free_irq' may sleep in atomic context: spinlock 'conf_dev::slock' is held [gfpdep-sleep-in-atomic]
// CHECK-DAG: waits.c:96:{{[0-9]+}}: warning: 'del_timer_sync' waits for timer 'conf_dev::timer', whose callback 'conf_timer_fn' acquires 'conf_dev::slock', while spinlock 'conf_dev::slock' is held: possible deadlock [gfpdep-wait-under-lock]
