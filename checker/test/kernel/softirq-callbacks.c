// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Soft-IRQ callbacks registered through Linux 6.1's own layers: timer_setup()
// is a macro over __init_timer() over init_timer_key(); call_rcu() queues an
// RCU callback; netif_napi_add() is an inline over netif_napi_add_weight().
// Each callback's chain reaches a sleeping allocation two calls down.
// (checker/test/kernel-conformance/ compiles the same through the real headers.)
#include <linux61.h>

struct timer_list { void (*function)(struct timer_list *); unsigned int flags; };
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
                    unsigned int flags, const char *name, struct lock_class_key *key);
#define __init_timer(_timer, _fn, _flags)                                   \
  do {                                                                       \
    static struct lock_class_key __key;                                      \
    init_timer_key((_timer), (_fn), (_flags), #_timer, &__key);              \
  } while (0)
#define timer_setup(timer, callback, flags) __init_timer((timer), (callback), (flags))
struct rcu_head { struct rcu_head *next; void (*func)(struct rcu_head *); };
typedef void (*rcu_callback_t)(struct rcu_head *head);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
struct napi_struct { int weight; };
struct net_device { int x; };
void netif_napi_add_weight(struct net_device *dev, struct napi_struct *napi,
                           int (*poll)(struct napi_struct *, int), int weight);
static inline void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
                                  int (*poll)(struct napi_struct *, int)) {
  netif_napi_add_weight(dev, napi, poll, 64);
}

static void *grow(void) { return kmalloc(64, GFP_KERNEL); } // #grow
static void my_timer(struct timer_list *t) { grow(); } // #my_timer
static void my_rcu(struct rcu_head *h) { grow(); } // #my_rcu
static int my_poll(struct napi_struct *n, int budget) { grow(); return 0; } // #my_poll
static struct timer_list tl;
// DEFINE_TIMER: a static initialiser of timer_list::function registers it.
#define DEFINE_TIMER(_name, _function) struct timer_list _name = { .function = (_function) }
static void my_static_timer(struct timer_list *t) { grow(); } // #my_static_timer
static DEFINE_TIMER(static_tl, my_static_timer); // #static_timer
static struct rcu_head rh;
static struct napi_struct napi;
void setup(struct net_device *dev) {
  timer_setup(&tl, my_timer, 0); // #timer
  call_rcu(&rh, my_rcu); // #rcu
  netif_napi_add(dev, &napi, my_poll); // #napi
}

// expected-warning@#grow {{'kmalloc' with GFP_KERNEL may sleep in atomic context: 'my_timer' is a timer callback [gfpdep-sleep-in-atomic]}}
// expected-note@#timer {{'my_timer' set up as a timer callback here}}
// expected-note@#my_timer {{'my_timer' calls 'grow' here}}
// expected-warning@#grow {{'kmalloc' with GFP_KERNEL may sleep in atomic context: 'my_rcu' is an RCU callback (soft-IRQ context) [gfpdep-sleep-in-atomic]}}
// expected-note@#rcu {{'my_rcu' queued as an RCU callback here}}
// expected-note@#my_rcu {{'my_rcu' calls 'grow' here}}
// expected-warning@#grow {{'kmalloc' with GFP_KERNEL may sleep in atomic context: 'my_poll' is a NAPI poll function (soft-IRQ context) [gfpdep-sleep-in-atomic]}}
// expected-note@#napi {{'my_poll' registered as a NAPI poll function here}}
// expected-note@#my_poll {{'my_poll' calls 'grow' here}}
// expected-warning@#grow {{'kmalloc' with GFP_KERNEL may sleep in atomic context: 'my_static_timer' is a timer callback [gfpdep-sleep-in-atomic]}}
// expected-note@#static_timer {{'my_static_timer' set up as a timer callback here}}
// expected-note@#my_static_timer {{'my_static_timer' calls 'grow' here}}
// expected-note@#grow 4 {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
