// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Process-context callbacks through Linux 6.1's headers: INIT_WORK,
// INIT_DELAYED_WORK (stores into work_struct::func) and kthread_run (a
// macro over kthread_create_on_node). They may sleep: no report for
// sleeping there, and what they do under their own locks is still checked.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(conf_lock);
static struct work_struct conf_work;
static struct delayed_work conf_dwork;

static void conf_work_fn(struct work_struct *w) { msleep(1); kfree(kmalloc(8, GFP_KERNEL)); }
static void conf_dwork_fn(struct work_struct *w)
{
	spin_lock(&conf_lock);
	msleep(1);
	spin_unlock(&conf_lock);
}
static int conf_thread_fn(void *data)
{
	while (!kthread_should_stop())
		msleep_interruptible(100);
	return 0;
}

int conf_start(void)
{
	struct task_struct *t;
	INIT_WORK(&conf_work, conf_work_fn);
	INIT_DELAYED_WORK(&conf_dwork, conf_dwork_fn);
	t = kthread_run(conf_thread_fn, NULL, "conf");
	return IS_ERR(t) ? PTR_ERR(t) : 0;
}
MODULE_LICENSE("GPL");

// CHECK:      process-context.c:21:{{[0-9]+}}: warning: 'msleep' may sleep in atomic context: spinlock 'conf_lock' is held [gfpdep-sleep-in-atomic]
// CHECK-NEXT: process-context.c:20:{{[0-9]+}}: note: spinlock 'conf_lock' acquired here
