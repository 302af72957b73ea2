// RUN: %gfpdep -Xclang -verify %s
// Cycles in the lock-class graph, across functions: AB-BA, A->B->C->A, and
// recursive locking of one class (unless a _nested() subclass says the two
// are different).
#include <gfpdep/kernel.h>

struct device { struct mutex lock; spinlock_t stats_lock; };
struct mutex registry_lock;
struct mutex a, b, c;

void register_device(struct device *d) {
  mutex_lock(&registry_lock); // #reg_outer
  mutex_lock(&d->lock); // #reg_inner
  mutex_unlock(&d->lock);
  mutex_unlock(&registry_lock);
}

static void unlink_from_registry(void) {
  mutex_lock(&registry_lock); // #unlink_lock
  mutex_unlock(&registry_lock);
}

void remove_device(struct device *d) {
  mutex_lock(&d->lock); // #rm_outer
  unlink_from_registry(); // #rm_call
  mutex_unlock(&d->lock);
}
// The closing edge is the one entering the smallest class of the cycle.
// expected-warning@#reg_inner {{acquiring mutex 'device::lock' while holding 'registry_lock' closes the lock-order cycle 'device::lock' -> 'registry_lock' -> 'device::lock': possible deadlock [gfpdep-lock-order]}}
// expected-note@#reg_outer {{mutex 'registry_lock' acquired here}}
// expected-note@#rm_outer {{mutex 'device::lock' acquired here}}
// expected-note@#rm_call {{'remove_device' calls 'unlink_from_registry' here}}
// expected-note@#unlink_lock {{mutex 'registry_lock' acquired here while 'device::lock' is held}}
// expected-note@#reg_inner {{take these locks in one order everywhere}}

void ab(void) { mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); } // #ab
void bc(void) { mutex_lock(&b); mutex_lock(&c); mutex_unlock(&c); mutex_unlock(&b); } // #bc
void ca(void) { mutex_lock(&c); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&c); } // #ca
// expected-warning@#ca {{acquiring mutex 'a' while holding 'c' closes the lock-order cycle 'a' -> 'b' -> 'c' -> 'a': possible deadlock [gfpdep-lock-order]}}
// expected-note@#ca {{mutex 'c' acquired here}}
// expected-note@#ab {{mutex 'a' acquired here}}
// expected-note@#ab {{mutex 'b' acquired here while 'a' is held}}
// expected-note@#bc {{mutex 'b' acquired here}}
// expected-note@#bc {{mutex 'c' acquired here while 'b' is held}}
// expected-note@#ca {{take these locks in one order everywhere}}

void transfer(struct device *from, struct device *to) {
  spin_lock(&from->stats_lock); // #xfer_outer
  spin_lock(&to->stats_lock); // #xfer_inner
  spin_unlock(&to->stats_lock);
  spin_unlock(&from->stats_lock);
}
// expected-warning@#xfer_inner {{acquiring spinlock 'device::stats_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#xfer_outer {{spinlock 'device::stats_lock' acquired here}}
// expected-note@#xfer_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

void transfer_nested(struct device *from, struct device *to) {
  spin_lock(&from->stats_lock);
  spin_lock_nested(&to->stats_lock, 1); // clean: its own subclass
  spin_unlock(&to->stats_lock);
  spin_unlock(&from->stats_lock);
}

void trylock_is_no_edge(void) {
  mutex_lock(&c);
  if (mutex_trylock(&registry_lock)) // clean: a trylock cannot deadlock
    mutex_unlock(&registry_lock);
  mutex_unlock(&c);
}

// One acquisition closing two cycles, through two held classes: one report
// (rule, leaf, class), the second cycle a note where its held class is taken.
struct mutex grp_a, grp_b, grp_c;
static void take_a(void) {
  mutex_lock(&grp_a); // #grp_close
  mutex_unlock(&grp_a);
}
void under_b(void) {
  mutex_lock(&grp_b); // #grp_b_held
  take_a(); // #grp_b_call
  mutex_unlock(&grp_b);
}
void under_c(void) {
  mutex_lock(&grp_c); // #grp_c_held
  take_a();
  mutex_unlock(&grp_c);
}
void a_then_b_and_c(void) {
  mutex_lock(&grp_a); // #grp_a_outer
  mutex_lock(&grp_b); // #grp_ab
  mutex_unlock(&grp_b);
  mutex_lock(&grp_c);
  mutex_unlock(&grp_c);
  mutex_unlock(&grp_a);
}
// expected-warning@#grp_close {{acquiring mutex 'grp_a' while holding 'grp_b' closes the lock-order cycle 'grp_a' -> 'grp_b' -> 'grp_a': possible deadlock [gfpdep-lock-order]}}
// expected-note@#grp_b_held {{mutex 'grp_b' acquired here}}
// expected-note@#grp_b_call {{'under_b' calls 'take_a' here}}
// expected-note@#grp_a_outer {{mutex 'grp_a' acquired here}}
// expected-note@#grp_ab {{mutex 'grp_b' acquired here while 'grp_a' is held}}
// expected-note@#grp_c_held {{'grp_c' acquired here; with it held, the same acquisition also closes the lock-order cycle 'grp_a' -> 'grp_c' -> 'grp_a'}}
// expected-note@#grp_close {{take these locks in one order everywhere}}
