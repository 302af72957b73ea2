// RUN: %gfpdep -Xclang -verify %s
// Indirect calls resolve to what the program stores: assignments through
// '.' and '->', designated and positional initialisers, static const ops
// tables, function-pointer parameters. Entry points come from registration.
#include <gfpdep/kernel.h>

struct dev_ops {
  void (*start)(void *dev);
  void (*stop)(void *dev);
};

static void slow_start(void *dev) { msleep(5); } // #slow_start
static void quick_stop(void *dev) {}
static void slow_stop(void *dev) { ssleep(1); } // #slow_stop

// Positional initialiser in a static const ops table.
static const struct dev_ops fast_ops = {slow_start, quick_stop};

struct device {
  spinlock_t lock;
  const struct dev_ops *ops;
  void (*on_event)(void *);
};

void device_start(struct device *d) {
  spin_lock(&d->lock); // #start_lock
  d->ops->start(d); // #start_call
  spin_unlock(&d->lock);
}
// expected-warning@#slow_start {{'msleep' may sleep in atomic context: spinlock 'device::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#start_lock {{spinlock 'device::lock' acquired here}}
// expected-note@#start_call {{'device_start' calls 'slow_start' here}}
// expected-note@#slow_start {{move the call out of the atomic section}}

static void on_event_sleepy(void *p) { wait_for_completion(p); } // #event_sleep
void device_setup(struct device *d, struct dev_ops *ops) {
  ops->stop = slow_stop; // '->' store
  d->on_event = on_event_sleepy;
  d->ops = &fast_ops;
}
void device_event(struct device *d) {
  rcu_read_lock(); // #rcu
  d->on_event(d); // #event_call
  rcu_read_unlock();
}
// expected-warning@#event_sleep {{'wait_for_completion' may sleep in atomic context: inside an RCU read-side critical section [gfpdep-sleep-in-atomic]}}
// expected-note@#rcu {{RCU read-side critical section begins here}}
// expected-note@#event_call {{'device_event' calls 'on_event_sleepy' here}}
// expected-note@#event_sleep {{move the call out of the atomic section}}

void device_stop(struct device *d, const struct dev_ops *ops) {
  unsigned long flags;
  spin_lock_irqsave(&d->lock, flags); // #stop_lock
  ops->stop(d); // #stop_call
  spin_unlock_irqrestore(&d->lock, flags);
}
// Both stores into dev_ops::stop are candidates; only slow_stop sleeps.
// expected-warning@#slow_stop {{'ssleep' may sleep in atomic context: spinlock 'device::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#stop_lock {{spinlock 'device::lock' acquired here}}
// expected-note@#stop_call {{'device_stop' calls 'slow_stop' here}}
// expected-note@#slow_stop {{move the call out of the atomic section}}

// A function-pointer parameter resolves, at each call site, to what that
// call passes for it.
static void for_each_item(void (*fn)(int), int n) {
  for (int i = 0; i < n; i++)
    fn(i); // #fp_call
}
static void visit_quietly(int i) {}
static void visit_and_allocate(int i) { kmalloc(i, GFP_KERNEL); } // #fp_alloc
void walk(spinlock_t *l) {
  spin_lock(l); // #walk_lock
  for_each_item(visit_and_allocate, 3); // #walk_call
  spin_unlock(l);
}

// Clean: the quiet walk passes a function that does not allocate (until
// the parameter's targets were told apart by call site, this was
// walk_quietly_CurrentlyFalsePositive).
void walk_quietly(spinlock_t *q) {
  spin_lock(q);
  for_each_item(visit_quietly, 3);
  spin_unlock(q);
}
// expected-note@#fp_call {{'for_each_item' calls 'visit_and_allocate' here}}
// expected-note@#fp_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-warning@#fp_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#walk_lock {{spinlock 'l' acquired here}}
// expected-note@#walk_call {{'walk' calls 'for_each_item' here}}

// Entry points from registration: designated initialiser of a static
// notifier block; a tasklet; request_threaded_irq's primary handler only.
static int oom_cb(struct notifier_block *nb, unsigned long a, void *p) {
  kzalloc(64, GFP_KERNEL); // #oom_alloc
  return 0;
}
static struct notifier_block my_oom_nb = {.notifier_call = oom_cb, .priority = 0};
static void tasklet_fn(unsigned long data) { mutex_lock((struct mutex *)data); } // #tasklet_mutex
static irqreturn_t primary(int irq, void *dev) { return IRQ_HANDLED; }
static irqreturn_t threaded(int irq, void *dev) { msleep(1); return IRQ_HANDLED; } // clean: threaded handlers may sleep
void module_init_fn(struct tasklet_struct *t) {
  register_oom_notifier(&my_oom_nb); // #reg_oom
  tasklet_init(t, tasklet_fn, 0); // #reg_tasklet
  request_threaded_irq(3, primary, threaded, 0, "dev", 0);
}
// expected-warning@#oom_alloc {{'kzalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer from inside the OOM notifier 'oom_cb': reclaim recursion on the OOM path [gfpdep-reclaim-in-reclaim]}}
// expected-note@#reg_oom {{'oom_cb' registered as an OOM notifier here}}
// expected-note@#oom_alloc {{use GFP_NOWAIT on paths reachable from the OOM notifier, or allocate in advance}}
// expected-warning@#tasklet_mutex {{acquiring mutex 'data' may sleep in atomic context: 'tasklet_fn' is a tasklet [gfpdep-sleep-in-atomic]}}
// expected-note@#reg_tasklet {{'tasklet_fn' set up as a tasklet here}}
// expected-note@#tasklet_mutex {{take the sleeping lock before the atomic section begins}}

// A function-pointer argument read from an ops table (i915's
// intel_context_put(): "kref_put(&ce->ref, ce->ops->destroy)") runs what
// the program stores into that field, not every function passed for the
// parameter elsewhere.
struct ref_ops { void (*destroy)(int); };
static void quiet_destroy(int i) {}
static const struct ref_ops quiet_ops = {.destroy = quiet_destroy};
struct ctx_obj { const struct ref_ops *ops; };
void put_ctx(struct ctx_obj *ce, spinlock_t *lk) {
  spin_lock(lk); // clean: only quiet_destroy is ever stored into ref_ops::destroy
  for_each_item(ce->ops->destroy, 1);
  spin_unlock(lk);
}
const struct ref_ops *ops_in_use(void) { return &quiet_ops; }
