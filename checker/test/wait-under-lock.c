// RUN: %gfpdep -Xclang -verify -fplugin-arg-gfpdep-disable=irq-inversion %s
// (irq-inversion is off here: dev_timer() takes 'slock' in soft-IRQ context
// and process context takes it with BHs enabled, which is a true report of
// that rule, tested in irq-inversion.c.)
// Waiting, with a lock held, for something that needs that lock: a work
// item whose function takes it, a timer whose callback takes it, the IRQ
// handler of a device that takes it, a completion completed under it.
#include <gfpdep/kernel.h>

struct dev {
  struct mutex lock;
  spinlock_t slock;
  struct work_struct work;
  struct delayed_work dwork;
  struct timer_list timer;
  struct completion done;
  int state;
};

// --- a work item ---------------------------------------------------------------
static void dev_work(struct work_struct *w) {
  struct dev *d = (struct dev *)w;
  mutex_lock(&d->lock); // #work_lock
  d->state = 1;
  mutex_unlock(&d->lock);
}

void dev_stop(struct dev *d) {
  mutex_lock(&d->lock); // #stop_lock
  cancel_work_sync(&d->work); // #stop_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#stop_wait {{'cancel_work_sync' waits for work item 'dev::work', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#stop_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#init {{'dev_work' set up as the work item's function here}}
// expected-note@#work_lock {{mutex 'dev::lock' acquired here, in 'dev_work'}}
// expected-note@#stop_wait {{release 'dev::lock' before waiting, or cancel without waiting (cancel_work(), cancel_delayed_work())}}

// The fix: wait first, then lock; or cancel without waiting.
void dev_stop_fixed(struct dev *d) {
  cancel_work_sync(&d->work);
  mutex_lock(&d->lock);
  d->state = 0;
  mutex_unlock(&d->lock);
}
void dev_stop_nowait(struct dev *d) {
  mutex_lock(&d->lock);
  cancel_work(&d->work);
  mutex_unlock(&d->lock);
}

// A helper takes the lock, two calls below the work function; the waiter
// holds it through a helper too.
static void touch(struct dev *d) {
  spin_lock(&d->slock); // #touch_lock
  d->state++;
  spin_unlock(&d->slock);
}
static void dev_dwork(struct work_struct *w) {
  struct dev *d = (struct dev *)w;
  touch(d); // #dwork_touch
}
static void flush_locked(struct dev *d) {
  flush_delayed_work(&d->dwork); // #flush
}
void dev_flush(struct dev *d) {
  spin_lock(&d->slock); // #flush_lock
  flush_locked(d); // #flush_call
  spin_unlock(&d->slock);
}
// expected-warning@#flush {{'flush_delayed_work' waits for work item 'dev::dwork', whose function 'dev_dwork' acquires 'dev::slock', while spinlock 'dev::slock' is held: possible deadlock}}
// expected-note@#flush_lock {{spinlock 'dev::slock' acquired here}}
// expected-note@#flush_call {{'dev_flush' calls 'flush_locked' here}}
// expected-note@#dinit {{'dev_dwork' set up as the work item's function here}}
// expected-note@#dwork_touch {{'dev_dwork' calls 'touch' here}}
// expected-note@#touch_lock {{spinlock 'dev::slock' acquired here, in 'dev_dwork'}}
// expected-note@#flush {{release 'dev::slock' before waiting}}
// (flush_delayed_work() also sleeps with the spinlock held.)
// expected-warning@#flush {{'flush_delayed_work' may sleep in atomic context: spinlock 'dev::slock' is held}}
// expected-note@#flush_lock {{spinlock 'dev::slock' acquired here}}
// expected-note@#flush_call {{'dev_flush' calls 'flush_locked' here}}
// expected-note@#flush {{move the call out of the atomic section}}

// --- a timer -------------------------------------------------------------------
static void dev_timer(struct timer_list *t) {
  struct dev *d = (struct dev *)t;
  spin_lock(&d->slock); // #timer_lock
  d->state = 2;
  spin_unlock(&d->slock);
}
void dev_stop_timer(struct dev *d) {
  spin_lock(&d->slock); // #tstop_lock
  del_timer_sync(&d->timer); // #tstop
  spin_unlock(&d->slock);
}
// expected-warning@#tstop {{'del_timer_sync' waits for timer 'dev::timer', whose callback 'dev_timer' acquires 'dev::slock', while spinlock 'dev::slock' is held: possible deadlock}}
// expected-note@#tstop_lock {{spinlock 'dev::slock' acquired here}}
// expected-note@#tsetup {{'dev_timer' set up as a timer callback here}}
// expected-note@#timer_lock {{spinlock 'dev::slock' acquired here, in 'dev_timer'}}
// expected-note@#tstop {{release 'dev::slock' before waiting, or use del_timer() (it does not wait)}}
void dev_stop_timer_fixed(struct dev *d) {
  spin_lock(&d->slock);
  d->state = 3;
  spin_unlock(&d->slock);
  del_timer_sync(&d->timer); // clean: nothing held
}

// --- an IRQ handler --------------------------------------------------------------
static irqreturn_t dev_irq(int irq, void *p) {
  struct dev *d = p;
  mutex_lock(&d->lock); // #irq_lock (sleeping in the handler is another rule)
  mutex_unlock(&d->lock);
  return 0;
}
// expected-warning@#irq_lock {{acquiring mutex 'dev::lock' may sleep in atomic context: 'dev_irq' is a hard-IRQ handler}}
// expected-note@#irq_req {{'dev_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_lock {{take the sleeping lock before the atomic section begins}}
void dev_remove(struct dev *d, int irq) {
  mutex_lock(&d->lock); // #rm_lock
  free_irq(irq, d); // #rm_free
  mutex_unlock(&d->lock);
}
// expected-warning@#rm_free {{'free_irq' waits for the IRQ handler 'dev_irq' (requested with a 'dev' dev_id), which acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock}}
// expected-note@#rm_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#irq_req {{'dev_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_lock {{mutex 'dev::lock' acquired here, in 'dev_irq'}}
// expected-note@#rm_free {{release 'dev::lock' before freeing the IRQ}}

// --- a completion ------------------------------------------------------------------
static void finish(struct dev *d) {
  mutex_lock(&d->lock); // #fin_lock
  complete(&d->done); // #fin_complete
  mutex_unlock(&d->lock);
}
void dev_wait(struct dev *d) {
  mutex_lock(&d->lock); // #wait_lock
  wait_for_completion(&d->done); // #wait
  mutex_unlock(&d->lock);
}
// expected-warning@#wait {{'wait_for_completion' waits for completion 'dev::done' while mutex 'dev::lock' is held, and 'dev::done' is completed with 'dev::lock' held: possible deadlock}}
// expected-note@#wait_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#fin_lock {{mutex 'dev::lock' acquired here}}
// expected-note@#fin_complete {{'complete' completes 'dev::done' here, with 'dev::lock' held}}
// expected-note@#wait {{release 'dev::lock' before waiting, or complete 'dev::done' without holding it}}
void dev_wait_fixed(struct dev *d) {
  wait_for_completion(&d->done); // clean
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}

void dev_probe(struct dev *d, int irq) {
  INIT_WORK(&d->work, dev_work); // #init
  INIT_DELAYED_WORK(&d->dwork, dev_dwork); // #dinit
  timer_setup(&d->timer, dev_timer, 0); // #tsetup
  request_irq(irq, dev_irq, 0, "dev", d); // #irq_req
  finish(d);
}

// --- a completer that needs the lock before it completes -----------------------------
// It takes and releases 'cdev::lock', then completes: while the waiter holds
// 'cdev::lock', the completer cannot get to complete().
struct cdev {
  struct mutex lock;
  struct completion done;
  struct completion early;
  int state;
};
static void cdev_update(struct cdev *d) {
  mutex_lock(&d->lock); // #c_update_lock
  d->state = 1;
  mutex_unlock(&d->lock);
}
void cdev_complete_after(struct cdev *d) {
  cdev_update(d); // #c_update_call
  complete(&d->done); // #c_complete
}
void cdev_wait(struct cdev *d) {
  mutex_lock(&d->lock); // #c_wait_lock
  wait_for_completion(&d->done); // #c_wait
  mutex_unlock(&d->lock);
}
// expected-warning@#c_wait {{'wait_for_completion' waits for completion 'cdev::done' while mutex 'cdev::lock' is held, and 'cdev::done' is completed only after 'cdev::lock' is taken: possible deadlock [gfpdep-wait-under-lock]}}
// expected-note@#c_wait_lock {{mutex 'cdev::lock' acquired here}}
// expected-note@#c_update_call {{'cdev_complete_after' calls 'cdev_update' here}}
// expected-note@#c_update_lock {{mutex 'cdev::lock' acquired here, before 'cdev::done' is completed}}
// expected-note@#c_complete {{'complete' completes 'cdev::done' here, only after taking 'cdev::lock'}}
// expected-note@#c_wait {{release 'cdev::lock' before waiting, or complete 'cdev::done' before taking it}}

// Clean: complete() first, the lock after; or the lock taken on one path only.
void cdev_complete_first(struct cdev *d) {
  complete(&d->early);
  cdev_update(d);
}
void cdev_complete_maybe(struct cdev *d, int slow) {
  if (slow)
    cdev_update(d);
  complete(&d->early);
}
void cdev_wait_early(struct cdev *d) {
  mutex_lock(&d->lock);
  wait_for_completion(&d->early);
  mutex_unlock(&d->lock);
}
