// RUN: %gfpdep -Xclang -verify %s
// Every annotation of gfpdep/annotations.h on code the model does not know.
#include <gfpdep/annotations.h>

typedef unsigned int gfp_t;
#define GFP_KERNEL 0xcc0u
#define GFP_NOWAIT 0x800u
struct hw_lock { int word; };
struct big_lock { int word; };
struct hw { struct hw_lock lock; struct big_lock cfg; };

GFPDEP_ACQUIRES(1, "spin") void hw_lock(struct hw_lock *l);
GFPDEP_RELEASES(1, "spin") void hw_unlock(struct hw_lock *l);
GFPDEP_TRY_ACQUIRES(1, "spin") int hw_trylock(struct hw_lock *l);
GFPDEP_ACQUIRES(1) void cfg_lock(struct big_lock *l); // a mutex by default
GFPDEP_RELEASES(1) void cfg_unlock(struct big_lock *l);
GFPDEP_ALLOCATES(2) void *hw_buffer(int size, gfp_t gfp);
GFPDEP_MIGHT_SLEEP void hw_flush(void);

void poke(struct hw *h) {
  hw_lock(&h->lock); // #lock
  hw_buffer(64, GFP_KERNEL); // #buf
  hw_buffer(64, GFP_NOWAIT); // clean
  hw_unlock(&h->lock);
  if (hw_trylock(&h->lock)) { // #try
    hw_flush(); // #flush
    hw_unlock(&h->lock);
  }
  hw_flush(); // clean
}
// expected-warning@#buf {{'hw_buffer' with GFP_KERNEL may sleep in atomic context: spinlock 'hw::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock {{spinlock 'hw::lock' acquired here}}
// expected-note@#buf {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-warning@#flush {{'hw_flush' may sleep in atomic context: spinlock 'hw::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#try {{spinlock 'hw::lock' acquired here}}
// expected-note@#flush {{move the call out of the atomic section}}

// Entry contexts by annotation.
GFPDEP_OOM_NOTIFIER int on_low_memory(struct hw *h) { // #oom
  cfg_lock(&h->cfg); // #oom_cfg
  cfg_unlock(&h->cfg);
  return 0;
}
GFPDEP_SHRINKER unsigned long hw_shrink(struct hw *h) {
  hw_buffer(8, GFP_KERNEL); // clean: shrinkers run with PF_MEMALLOC
  return 0;
}
GFPDEP_ATOMIC_CONTEXT void hw_isolate(struct hw *h) { // #atomic
  hw_buffer(8, GFP_KERNEL); // #isolate_buf
}
void reconfigure(struct hw *h) {
  cfg_lock(&h->cfg); // #cfg
  hw_buffer(4096, GFP_KERNEL); // #cfg_buf
  cfg_unlock(&h->cfg);
}
// expected-warning@#isolate_buf {{'hw_buffer' with GFP_KERNEL may sleep in atomic context: 'hw_isolate' runs in atomic context [gfpdep-sleep-in-atomic]}}
// expected-note@#atomic {{'hw_isolate' is annotated gfpdep::atomic_context here}}
// expected-note@#isolate_buf {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
// expected-warning@#cfg_buf {{'hw_buffer' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'hw::cfg' is held, and the OOM notifier 'on_low_memory' acquires 'hw::cfg': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#cfg {{mutex 'hw::cfg' acquired here}}
// expected-note@#oom {{'on_low_memory' is annotated gfpdep::oom_notifier here}}
// expected-note@#oom_cfg {{mutex 'hw::cfg' acquired here, inside reclaim}}
// expected-note@#cfg_buf {{allocate before acquiring 'hw::cfg', or use GFP_NOWAIT while it is held}}
