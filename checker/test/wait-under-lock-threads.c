// RUN: %gfpdep -Xclang -verify %s
// RUN: env GFPDEP_DUMP_FACTS=1 %gfpdep %s 2>&1 | FileCheck %s --check-prefix=FACTS
// Waiting under a lock for a kernel thread, a threaded IRQ's thread
// function, the handlers of an IRQ number, and the work queued on a
// workqueue, when what is waited for takes that lock.
#include <gfpdep/kernel.h>

struct dev {
  struct mutex lock;
  struct mutex other;
  struct task_struct *thread;
  struct task_struct *poller;
  struct workqueue_struct *wq;
  struct workqueue_struct *quiet_wq;
  struct work_struct work;
  struct work_struct quiet_work;
  struct delayed_work dwork;
  unsigned int irq;
  int state;
};

// --- kthread_stop(): the thread function must get to its exit -------------------
static int dev_thread(void *data) {
  struct dev *d = data;
  while (!kthread_should_stop()) {
    mutex_lock(&d->lock); // #thread_lock
    d->state++;
    mutex_unlock(&d->lock);
  }
  return 0;
}

void dev_start(struct dev *d) {
  d->thread = kthread_run(dev_thread, d, "dev"); // #run
}
// FACTS: kthread_create_on_node {{.*}} into dev::thread

void dev_stop(struct dev *d) {
  mutex_lock(&d->lock); // #stop_lock
  kthread_stop(d->thread); // #stop_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#stop_wait {{'kthread_stop' waits for kernel thread 'dev::thread' to exit, whose function 'dev_thread' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock [gfpdep-wait-under-lock]}}
// expected-note@#stop_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#run {{'dev_thread' started as a kernel thread here}}
// expected-note@#thread_lock {{mutex 'dev::lock' acquired here, in 'dev_thread'}}
// expected-note@#stop_wait {{release 'dev::lock' before stopping the thread}}

// The fix: stop the thread first.
void dev_stop_fixed(struct dev *d) {
  kthread_stop(d->thread);
  mutex_lock(&d->lock);
  d->state = 0;
  mutex_unlock(&d->lock);
}

// Another lock held: the thread does not need it.
void dev_stop_other(struct dev *d) {
  mutex_lock(&d->other);
  kthread_stop(d->thread);
  mutex_unlock(&d->other);
}

// Created into a local, then kept in the device (cpufreq_schedutil's
// sugov_kthread_create()); stopped through a local copy of the field
// (kswapd_stop()).
static int dev_poll_thread(void *data) {
  struct dev *d = data;
  mutex_lock(&d->other); // #poll_lock
  mutex_unlock(&d->other);
  return 0;
}
int dev_start_poller(struct dev *d) {
  struct task_struct *t;
  t = kthread_create(dev_poll_thread, d, "poll"); // #create
  if (!t)
    return -1;
  d->poller = t;
  wake_up_process(t);
  return 0;
}
void dev_stop_poller(struct dev *d) {
  struct task_struct *t = d->poller;
  mutex_lock(&d->other); // #poller_held
  kthread_stop(t); // #poller_wait
  mutex_unlock(&d->other);
}
// expected-warning@#poller_wait {{'kthread_stop' waits for kernel thread 'dev::poller' to exit, whose function 'dev_poll_thread' acquires 'dev::other', while mutex 'dev::other' is held: possible deadlock}}
// expected-note@#poller_held {{mutex 'dev::other' acquired here}}
// expected-note@#create {{'dev_poll_thread' started as a kernel thread here}}
// expected-note@#poll_lock {{mutex 'dev::other' acquired here, in 'dev_poll_thread'}}
// expected-note@#poller_wait {{release 'dev::other' before stopping the thread}}

// --- a threaded IRQ: free_irq() and synchronize_irq() wait for the thread --------
static irqreturn_t dev_hardirq(int irq, void *data) { return 2; }
static irqreturn_t dev_irq_thread(int irq, void *data) {
  struct dev *d = data;
  mutex_lock(&d->lock); // #irqthread_lock
  d->state = 2;
  mutex_unlock(&d->lock);
  return 1;
}
int dev_probe_irq(struct dev *d) {
  return request_threaded_irq(d->irq, dev_hardirq, dev_irq_thread, 0, "dev", d); // #request
}
void dev_remove_irq(struct dev *d) {
  mutex_lock(&d->lock); // #free_lock
  free_irq(d->irq, d); // #free_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#free_wait {{'free_irq' waits for the IRQ thread function 'dev_irq_thread' (requested with a 'dev' dev_id), which acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#free_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#request {{'dev_irq_thread' registered as a threaded IRQ's thread function here}}
// expected-note@#irqthread_lock {{mutex 'dev::lock' acquired here, in 'dev_irq_thread'}}
// expected-note@#free_wait {{release 'dev::lock' before freeing the IRQ}}

void dev_quiesce_irq(struct dev *d) {
  mutex_lock(&d->lock); // #sync_lock
  synchronize_irq(d->irq); // #sync_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#sync_wait {{'synchronize_irq' waits for the IRQ thread function 'dev_irq_thread' (requested on IRQ 'dev::irq'), which acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#sync_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#request {{'dev_irq_thread' registered as a threaded IRQ's thread function here}}
// expected-note@#irqthread_lock {{mutex 'dev::lock' acquired here, in 'dev_irq_thread'}}
// expected-note@#sync_wait {{release 'dev::lock' before waiting for the IRQ}}

// Clean: the lock released before waiting; an IRQ number nothing requested.
void dev_quiesce_fixed(struct dev *d) {
  synchronize_irq(d->irq);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}
unsigned int other_irq;
void dev_quiesce_other(struct dev *d) {
  mutex_lock(&d->lock);
  synchronize_irq(other_irq);
  mutex_unlock(&d->lock);
}

// --- a workqueue: flushing or destroying it waits for the work queued on it --------
static void dev_work(struct work_struct *w) {
  struct dev *d = (struct dev *)w;
  mutex_lock(&d->lock); // #work_lock
  d->state = 3;
  mutex_unlock(&d->lock);
}
static void dev_quiet_work(struct work_struct *w) {
  struct dev *d = (struct dev *)w;
  d->state = 4;
}
void dev_init_work(struct dev *d) {
  d->wq = alloc_workqueue("dev", 0, 0);
  d->quiet_wq = alloc_workqueue("quiet", 0, 0);
  INIT_WORK(&d->work, dev_work); // #init_work
  INIT_WORK(&d->quiet_work, dev_quiet_work);
}
void dev_kick(struct dev *d) {
  queue_work(d->wq, &d->work); // #queue
  queue_work(d->quiet_wq, &d->quiet_work);
}
void dev_flush(struct dev *d) {
  mutex_lock(&d->lock); // #flush_lock
  flush_workqueue(d->wq); // #flush_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#flush_wait {{'flush_workqueue' waits for the work queued on 'dev::wq', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#flush_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#queue {{'dev::work' queued on 'dev::wq' here}}
// expected-note@#init_work {{'dev_work' set up as the work item's function here}}
// expected-note@#work_lock {{mutex 'dev::lock' acquired here, in 'dev_work'}}
// expected-note@#flush_wait {{release 'dev::lock' before flushing or destroying the workqueue}}

void dev_teardown(struct dev *d) {
  mutex_lock(&d->lock); // #destroy_lock
  destroy_workqueue(d->wq); // #destroy_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#destroy_wait {{'destroy_workqueue' waits for the work queued on 'dev::wq', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#destroy_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#queue {{'dev::work' queued on 'dev::wq' here}}
// expected-note@#init_work {{'dev_work' set up as the work item's function here}}
// expected-note@#work_lock {{mutex 'dev::lock' acquired here, in 'dev_work'}}
// expected-note@#destroy_wait {{release 'dev::lock' before flushing or destroying the workqueue}}

// Clean: the quiet queue's work takes no lock; the flush made first.
void dev_flush_quiet(struct dev *d) {
  mutex_lock(&d->lock);
  flush_workqueue(d->quiet_wq);
  mutex_unlock(&d->lock);
}
void dev_flush_fixed(struct dev *d) {
  flush_workqueue(d->wq);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}

// --- the system workqueue: schedule_work() queues there, flush_scheduled_work()
// waits for all of it ---------------------------------------------------------------
struct sysdev {
  struct mutex lock;
  struct work_struct work;
  int state;
};
static void sysdev_work(struct work_struct *w) {
  struct sysdev *s = (struct sysdev *)w;
  mutex_lock(&s->lock); // #sys_work_lock
  s->state = 1;
  mutex_unlock(&s->lock);
}
void sysdev_kick(struct sysdev *s) {
  INIT_WORK(&s->work, sysdev_work); // #sys_init
  schedule_work(&s->work); // #sys_queue
}
void sysdev_sync(struct sysdev *s) {
  mutex_lock(&s->lock); // #sys_flush_lock
  flush_scheduled_work(); // #sys_flush
  mutex_unlock(&s->lock);
}
// expected-warning@#sys_flush {{'flush_scheduled_work' waits for the work queued on 'system_wq', whose function 'sysdev_work' acquires 'sysdev::lock', while mutex 'sysdev::lock' is held: possible deadlock}}
// expected-note@#sys_flush_lock {{mutex 'sysdev::lock' acquired here}}
// expected-note@#sys_queue {{'sysdev::work' queued on 'system_wq' here}}
// expected-note@#sys_init {{'sysdev_work' set up as the work item's function here}}
// expected-note@#sys_work_lock {{mutex 'sysdev::lock' acquired here, in 'sysdev_work'}}
// expected-note@#sys_flush {{release 'sysdev::lock' before flushing or destroying the workqueue}}
