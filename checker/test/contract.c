// RUN: %gfpdep -Xclang -verify %s
// A function annotated never-sleeping must not reach a blocking operation;
// malformed annotations are errors at their location.
#include <gfpdep/annotations.h>
#include <gfpdep/kernel.h>

struct cvbmp { unsigned long *bits; spinlock_t lock; };

static int grow(struct cvbmp *b, gfp_t gfp) {
  b->bits = kmalloc(64, gfp); // #grow
  return b->bits ? 0 : -ENOMEM;
}

GFPDEP_NEVER_SLEEPS int cvbmp_set(struct cvbmp *b, unsigned long bit) { // #promise
  return grow(b, GFP_NOWAIT); // clean: GFP_NOWAIT never sleeps
}

GFPDEP_NEVER_SLEEPS int cvbmp_set_slow(struct cvbmp *b, unsigned long bit) { // #promise_slow
  return grow(b, GFP_KERNEL); // #slow_call
}
// expected-warning@#grow {{'kmalloc' with GFP_KERNEL may sleep, but 'cvbmp_set_slow' is declared never to sleep [gfpdep-contract]}}
// expected-note@#promise_slow {{'cvbmp_set_slow' is declared never to sleep here}}
// expected-note@#slow_call {{'cvbmp_set_slow' calls 'grow' here}}
// expected-note@#slow_call {{GFP_KERNEL passed here}}
// expected-note@#grow {{remove the sleeping call from this path, or drop the promise}}

// Facts about bodiless functions.
GFPDEP_MIGHT_SLEEP void firmware_wait(void);
GFPDEP_ALLOCATES(2) void *pool_get(void *pool, gfp_t gfp);
GFPDEP_NEVER_SLEEPS void poll_device(void *pool) { // #poll
  pool_get(pool, GFP_ATOMIC); // clean
  firmware_wait(); // #fw
}
// expected-warning@#fw {{'firmware_wait' may sleep, but 'poll_device' is declared never to sleep [gfpdep-contract]}}
// expected-note@#poll {{'poll_device' is declared never to sleep here}}
// expected-note@#fw {{remove the sleeping call from this path, or drop the promise}}

// Misuse is an error naming the problem.
GFPDEP_ALLOCATES(3) void *bad_position(gfp_t gfp); // expected-error {{'gfpdep::allocates' needs the 1-based position of a parameter of 'bad_position' (it has 1)}}
__attribute__((annotate("gfpdep::sleeps_sometimes"))) void typo(void); // expected-error {{unknown gfpdep annotation 'gfpdep::sleeps_sometimes'; known annotations: oom_notifier, shrinker, atomic_context, nonblocking_context, never_sleeps, must_not_hold, might_sleep, allocates, acquires, try_acquires, releases}}
GFPDEP_ACQUIRES(1, "spinny") void lock_it(void *l); // expected-error {{'gfpdep::acquires': 'spinny' is not a lock flavour (mutex, rwsem, semaphore, spin, raw-spin, rwlock)}}

// A function that must not be called with a lock held: by class name, or by
// the position of a lock parameter.
struct vballoon { struct mutex balloon_lock; };
GFPDEP_MUST_NOT_HOLD("vballoon::balloon_lock") void tell_host(struct vballoon *vb); // #mnh
GFPDEP_MUST_NOT_HOLD(1) void wait_for(struct mutex *m); // #mnh_param
static void helper(struct vballoon *vb) { tell_host(vb); } // #helper_call
void fill(struct vballoon *vb) {
  mutex_lock(&vb->balloon_lock); // #fill_lock
  helper(vb); // #fill_call
  wait_for(&vb->balloon_lock); // #fill_wait
  mutex_unlock(&vb->balloon_lock);
  tell_host(vb); // clean: released
}
// expected-warning@#helper_call {{calling 'tell_host' while mutex 'vballoon::balloon_lock' is held, but 'tell_host' is declared must-not-hold 'vballoon::balloon_lock' [gfpdep-contract]}}
// expected-warning@#fill_wait {{calling 'wait_for' while mutex 'vballoon::balloon_lock' is held, but 'wait_for' is declared must-not-hold 'vballoon::balloon_lock' [gfpdep-contract]}}
// expected-note@#fill_lock 2 {{mutex 'vballoon::balloon_lock' acquired here}}
// expected-note@#fill_call {{'fill' calls 'helper' here}}
// expected-note@#mnh {{'tell_host' is declared must-not-hold 'vballoon::balloon_lock' here}}
// expected-note@#mnh_param {{'wait_for' is declared must-not-hold 'vballoon::balloon_lock' here}}
// expected-note@#helper_call {{release 'vballoon::balloon_lock' before the call}}
// expected-note@#fill_wait {{release 'vballoon::balloon_lock' before the call}}

__attribute__((annotate("gfpdep::must_not_hold"))) void no_lock(void); // expected-error {{'gfpdep::must_not_hold' takes one lock: a class name string ("record::field" or a global's name) or the 1-based position of a lock parameter}}
