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

// A subclass computed at run time (netif_addr_lock(): "nest_level =
// dev->nested_level" under CONFIG_LOCKDEP, 0 without): the source asks for
// nesting by design, so two such acquisitions are not recursion.
struct net_device { spinlock_t addr_list_lock; int addr_len; };
static inline void netif_addr_lock(struct net_device *dev) {
  unsigned char nest_level = 0;
  spin_lock_nested(&dev->addr_list_lock, nest_level);
}
static inline void netif_addr_unlock(struct net_device *dev) {
  spin_unlock(&dev->addr_list_lock);
}
void dev_mc_unsync(struct net_device *to, struct net_device *from) {
  netif_addr_lock(from);
  netif_addr_lock(to); // clean
  netif_addr_unlock(to);
  netif_addr_unlock(from);
}

// The true positive nearby: under it, two plain acquisitions of the class
// are subclass 0 twice.
void dev_mc_plain_twice(struct net_device *to, struct net_device *from) {
  netif_addr_lock(from);
  spin_lock(&to->addr_list_lock); // #addr_outer
  spin_lock(&from->addr_list_lock); // #addr_inner
  spin_unlock(&from->addr_list_lock);
  spin_unlock(&to->addr_list_lock);
  netif_addr_unlock(from);
}
// expected-warning@#addr_inner {{acquiring spinlock 'net_device::addr_list_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#addr_outer {{spinlock 'net_device::addr_list_lock' acquired here}}
// expected-note@#addr_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
