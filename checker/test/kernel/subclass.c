// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Subclasses count even when lockdep is configured out, where
// raw_spin_lock_nested(l, s) expands to _raw_spin_lock(((void)(s), (l))) and
// mutex_lock_nested(l, s) to mutex_lock(l): they are read from the macro
// the source spelled, also through a wrapper's parameter (double_rq_lock,
// raw_spin_rq_lock_nested(rq, SINGLE_DEPTH_NESTING)).
#include <linux61.h>

struct node { raw_spinlock_t lock; struct mutex m; };

void lock_pair(struct node *a, struct node *b) {
  raw_spin_lock(&a->lock);
  raw_spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING); // clean: subclass 1
  raw_spin_unlock(&b->lock);
  raw_spin_unlock(&a->lock);
}
void lock_pair_mutex(struct node *a, struct node *b) {
  mutex_lock(&a->m);
  mutex_lock_nested(&b->m, 1); // clean: subclass 1, though lockdep is off
  mutex_unlock(&b->m);
  mutex_unlock(&a->m);
}

// Through a wrapper's parameter.
static void node_lock_nested(struct node *n, int subclass) {
  raw_spin_lock_nested(&n->lock, subclass);
}
void double_node_lock(struct node *a, struct node *b) {
  node_lock_nested(a, 0);
  node_lock_nested(b, SINGLE_DEPTH_NESTING); // clean
  raw_spin_unlock(&b->lock);
  raw_spin_unlock(&a->lock);
}

// The true positive nearby: two of one class without a subclass.
void lock_pair_plain(struct node *a, struct node *b) {
  raw_spin_lock(&a->lock); // #plain_outer
  raw_spin_lock(&b->lock); // #plain_inner
  raw_spin_unlock(&b->lock);
  raw_spin_unlock(&a->lock);
}
// expected-warning@#plain_inner {{acquiring spinlock 'node::lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#plain_outer {{spinlock 'node::lock' acquired here}}
// expected-note@#plain_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
