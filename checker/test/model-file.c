// A user model file adds rows for code the built-in table does not know.
// RUN: %gfpdep -fplugin-arg-gfpdep-model=%inputs/bus-model.yaml -Xclang -verify %s
// RUN: %gfpdep %s 2>&1 | count 0
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%inputs/bad-op.yaml %s 2>&1 | FileCheck %s --check-prefix=BADOP
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%inputs/bad-arg.yaml %s 2>&1 | FileCheck %s --check-prefix=BADARG
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%inputs/bad-version.yaml %s 2>&1 | FileCheck %s --check-prefix=BADVERSION
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%inputs/no-such-file.yaml %s 2>&1 | FileCheck %s --check-prefix=NOFILE

typedef unsigned int gfp_t;
#define GFP_KERNEL 0xcc0u
struct bus { int lock; struct notifier { int (*notifier_call)(void *); } hook; };
struct pool;
void *pool_alloc(struct pool *p, gfp_t gfp);
void bus_lock(int *l);
void bus_unlock(int *l);
void bus_wait_idle(void);
void bus_register_oom_hook(struct notifier *n);

struct bus the_bus;

void bus_refill(struct pool *p) {
  bus_lock(&the_bus.lock); // #lock
  pool_alloc(p, GFP_KERNEL); // #alloc
  bus_wait_idle(); // #wait
  bus_unlock(&the_bus.lock);
}
// expected-warning@#alloc {{'pool_alloc' with GFP_KERNEL may sleep in atomic context: spinlock 'bus::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-warning@#wait {{'bus_wait_idle' may sleep in atomic context: spinlock 'bus::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock 2 {{spinlock 'bus::lock' acquired here}}
// expected-note@#alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-note@#wait {{move the call out of the atomic section}}

static int on_oom(void *data) {
  struct pool *p = data;
  pool_alloc(p, GFP_KERNEL); // #oom_alloc
  return 0;
}
void bus_init(void) {
  the_bus.hook.notifier_call = on_oom;
  bus_register_oom_hook(&the_bus.hook); // #reg
}
// expected-warning@#oom_alloc {{'pool_alloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer from inside the OOM notifier 'on_oom': reclaim recursion on the OOM path [gfpdep-reclaim-in-reclaim]}}
// expected-note@#reg {{'on_oom' registered as an OOM notifier here}}
// expected-note@#oom_alloc {{use GFP_NOWAIT on paths reachable from the OOM notifier, or allocate in advance}}

// BADOP: error: invalid gfpdep model file: {{.*}}bad-op.yaml:4:7: function 'bus_lock': unknown op 'aquire'; valid ops: alloc, block, acquire, try-acquire, release, enter, exit, scope-save, scope-restore, fs-reclaim-acquire, fs-reclaim-release, assert-held, mask-passthrough, register
// BADARG: error: invalid gfpdep model file: {{.*}}bad-arg.yaml:3:7: function 'bus_lock': op 'acquire' needs 'arg' (the 1-based position of its lock)
// BADVERSION: error: invalid gfpdep model file: {{.*}}bad-version.yaml:1:1: unsupported model file version 2; this gfpdep reads version 1
// NOFILE: error: invalid gfpdep model file: {{.*}}no-such-file.yaml: cannot read model file: No such file or directory
