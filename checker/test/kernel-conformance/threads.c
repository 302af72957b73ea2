// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// wait-under-lock for kernel threads, threaded IRQs and workqueues through
// Linux 6.1's own headers: kthread_run() (a statement expression over
// kthread_create_on_node()), request_threaded_irq(), synchronize_irq(),
// alloc_workqueue(), queue_work() and queue_delayed_work() (inlines over
// queue_work_on() and queue_delayed_work_on()), flush_workqueue() (a macro
// over __flush_workqueue()) and destroy_workqueue(); and a completer that
// takes the waiter's lock before complete().
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/interrupt.h>
#include <linux/workqueue.h>
#include <linux/mutex.h>

struct conf_dev {
	struct mutex lock;
	struct task_struct *thread;
	struct workqueue_struct *wq;
	struct work_struct work;
	struct delayed_work dwork;
	int irq;
	int state;
};

static int conf_thread_fn(void *data)
{
	struct conf_dev *d = data;

	while (!kthread_should_stop()) {
		mutex_lock(&d->lock);
		d->state++;
		mutex_unlock(&d->lock);
		schedule_timeout_interruptible(HZ);
	}
	return 0;
}
static irqreturn_t conf_hardirq(int irq, void *p)
{
	return IRQ_WAKE_THREAD;
}
static irqreturn_t conf_irq_thread(int irq, void *p)
{
	struct conf_dev *d = p;

	mutex_lock(&d->lock);
	d->state = 0;
	mutex_unlock(&d->lock);
	return IRQ_HANDLED;
}
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

	d->state = 2;
}

int conf_probe(struct conf_dev *d)
{
	d->thread = kthread_run(conf_thread_fn, d, "conf");
	if (IS_ERR(d->thread))
		return PTR_ERR(d->thread);
	d->wq = alloc_workqueue("conf", WQ_UNBOUND, 1);
	INIT_WORK(&d->work, conf_work_fn);
	INIT_DELAYED_WORK(&d->dwork, conf_dwork_fn);
	queue_work(d->wq, &d->work);
	queue_delayed_work(system_wq, &d->dwork, HZ);
	return request_threaded_irq(d->irq, conf_hardirq, conf_irq_thread, IRQF_ONESHOT,
				    "conf", d);
}

void conf_remove(struct conf_dev *d)
{
	mutex_lock(&d->lock);
	kthread_stop(d->thread);
	synchronize_irq(d->irq);
	free_irq(d->irq, d);
	flush_workqueue(d->wq);
	destroy_workqueue(d->wq);
	mutex_unlock(&d->lock);
}

// Clean: the same waits with nothing held; the system queue's only work
// here takes no lock.
void conf_remove_fixed(struct conf_dev *d)
{
	kthread_stop(d->thread);
	synchronize_irq(d->irq);
	free_irq(d->irq, d);
	flush_workqueue(d->wq);
	destroy_workqueue(d->wq);
	mutex_lock(&d->lock);
	cancel_delayed_work(&d->dwork);
	mutex_unlock(&d->lock);
}
MODULE_LICENSE("GPL");

// CHECK-DAG: threads.c:82:{{[0-9]+}}: warning: 'kthread_stop' waits for kernel thread 'conf_dev::thread' to exit, whose function 'conf_thread_fn' acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: threads.c:83:{{[0-9]+}}: warning: 'synchronize_irq' waits for the IRQ thread function 'conf_irq_thread' (requested on IRQ 'conf_dev::irq'), which acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: threads.c:84:{{[0-9]+}}: warning: 'free_irq' waits for the IRQ thread function 'conf_irq_thread' (requested with a 'conf_dev' dev_id), which acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: threads.c:85:{{[0-9]+}}: warning: 'flush_workqueue' waits for the work queued on 'conf_dev::wq', whose function 'conf_work_fn' acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]
// CHECK-DAG: threads.c:86:{{[0-9]+}}: warning: 'destroy_workqueue' waits for the work queued on 'conf_dev::wq', whose function 'conf_work_fn' acquires 'conf_dev::lock', while mutex 'conf_dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]

// A completer that takes the waiter's lock before complete().
struct conf_req {
	struct mutex lock;
	struct completion done;
	int state;
};
static void conf_req_update(struct conf_req *r)
{
	mutex_lock(&r->lock);
	r->state = 1;
	mutex_unlock(&r->lock);
}
void conf_req_finish(struct conf_req *r)
{
	conf_req_update(r);
	complete(&r->done);
}
void conf_req_wait(struct conf_req *r)
{
	mutex_lock(&r->lock);
	wait_for_completion(&r->done);
	mutex_unlock(&r->lock);
}
// CHECK-DAG: threads.c:131:{{[0-9]+}}: warning: 'wait_for_completion' waits for completion 'conf_req::done' while mutex 'conf_req::lock' is held, and 'conf_req::done' is completed only after 'conf_req::lock' is taken: possible deadlock [gfpdep-wait-under-lock]
