// RUN: %gfpdep_cxx -Xclang -verify %s
// C++: RAII guards (inferred from constructor and destructor, and the std
// ones), cleanup-attribute guards, templates with a mask argument, lambdas,
// virtual calls.
#include <gfpdep/kernel.h>

struct Balloon {
  spinlock_t pages_lock;
  struct mutex balloon_lock;
};

class SpinGuard {
public:
  explicit SpinGuard(spinlock_t &l) : l_(l) { spin_lock(&l_); } // #guard_ctor
  ~SpinGuard() { spin_unlock(&l_); }
private:
  spinlock_t &l_;
};

void guarded(Balloon &b) {
  {
    SpinGuard g(b.pages_lock); // #guard
    msleep(1); // #guard_sleep
  }
  msleep(2); // clean: the guard's scope ended
}
// expected-warning@#guard_sleep {{'msleep' may sleep in atomic context: spinlock 'Balloon::pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#guard {{'guarded' calls 'SpinGuard::SpinGuard' here}}
// expected-note@#guard_ctor {{spinlock 'Balloon::pages_lock' acquired here}}
// expected-note@#guard_sleep {{move the call out of the atomic section}}

static spinlock_t *spin_guard_begin(spinlock_t *l) { spin_lock(l); return l; } // #begin
static void spin_guard_end(spinlock_t **l) { spin_unlock(*l); }
void cleanup_style(Balloon &b) {
  {
    spinlock_t *g __attribute__((cleanup(spin_guard_end))) =
        spin_guard_begin(&b.pages_lock); // #cleanup
    might_sleep(); // #cleanup_sleep
  }
  might_sleep(); // clean
}
// expected-warning@#cleanup_sleep {{'might_sleep' may sleep in atomic context: spinlock 'Balloon::pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#cleanup {{'cleanup_style' calls 'spin_guard_begin' here}}
// expected-note@#begin {{spinlock 'Balloon::pages_lock' acquired here}}
// expected-note@#cleanup_sleep {{move the call out of the atomic section}}

template <gfp_t Gfp> void *alloc_with() { return kmalloc(16, Gfp); } // #tmpl
void templates(Balloon &b) {
  spin_lock(&b.pages_lock); // #tmpl_lock
  alloc_with<GFP_NOWAIT>(); // clean
  alloc_with<GFP_KERNEL>(); // #tmpl_call
  auto nap = [] { msleep(3); }; // #lambda
  nap(); // #lambda_call
  spin_unlock(&b.pages_lock);
}
// expected-warning@#tmpl {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'Balloon::pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#tmpl_lock 2 {{spinlock 'Balloon::pages_lock' acquired here}}
// expected-note@#tmpl_call {{'templates' calls 'alloc_with<3264U>' here}}
// expected-note@#tmpl {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-warning@#lambda {{'msleep' may sleep in atomic context: spinlock 'Balloon::pages_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lambda_call {{'templates' calls 'lambda at line 52' here}}
// expected-note@#lambda {{move the call out of the atomic section}}

struct Work {
  virtual void run() = 0;
  virtual ~Work() {}
};
struct SleepyWork : Work {
  void run() override { ssleep(1); } // #virt_sleep
};
struct QuickWork : Work {
  void run() override {} // clean
};
void run_atomically(Work *w, spinlock_t *l) {
  spin_lock(l); // #virt_lock
  w->run(); // #virt_call
  spin_unlock(l);
}
// expected-warning@#virt_sleep {{'ssleep' may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#virt_lock {{spinlock 'l' acquired here}}
// expected-note@#virt_call {{'run_atomically' calls 'SleepyWork::run' here}}
// expected-note@#virt_sleep {{move the call out of the atomic section}}

// A call through a pointer to member passed as an argument (no method
// declaration to look at): analysed without a crash.
struct Getter {
  int get();
};
int take_value(int);
int through_member_pointer(Getter &G, int (Getter::*Fn)()) {
  return take_value((G.*Fn)());
}
