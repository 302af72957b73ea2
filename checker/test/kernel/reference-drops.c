// RUN: %gfpdep -I%inputs -Xclang -verify %s
// The branch where refcount_dec_and_test() finds the last reference is the
// object's destruction. Nobody holding the object's own lock takes it: the
// holder would unlock freed memory (net/core/neighbour.c: neigh_flush_dev()
// holds n->lock across neigh_del_timer() -> neigh_release() ->
// neigh_destroy(), which takes n->lock; the table still holds a reference).
#include <linux61.h>

struct neighbour { rwlock_t lock; refcount_t refcnt; int nud_state; };
void neigh_destroy(struct neighbour *neigh) {
  write_lock_bh(&neigh->lock); // #destroy_lock
  write_unlock_bh(&neigh->lock);
}
static inline void neigh_release(struct neighbour *neigh) {
  if (refcount_dec_and_test(&neigh->refcnt))
    neigh_destroy(neigh); // #release_call
}
static int neigh_del_timer(struct neighbour *n) {
  if (n->nud_state & 4) {
    neigh_release(n); // #del_timer_call
    return 1;
  }
  return 0;
}
void neigh_flush_dev(struct neighbour *n) {
  write_lock(&n->lock);
  neigh_del_timer(n); // clean
  write_unlock(&n->lock);
}

// The true positive nearby: a lock of another record is held across the
// destruction, which takes it.
struct neigh_table { rwlock_t lock; struct neighbour *n; };
void neigh_destroy_tbl(struct neighbour *neigh, struct neigh_table *tbl) {
  write_lock_bh(&tbl->lock); // #tbl_inner
  write_unlock_bh(&tbl->lock);
}
void neigh_release_tbl(struct neigh_table *tbl) {
  write_lock(&tbl->lock); // #tbl_outer
  if (refcount_dec_and_test(&tbl->n->refcnt))
    neigh_destroy_tbl(tbl->n, tbl); // #tbl_call
  write_unlock(&tbl->lock);
}
// expected-warning@#tbl_inner {{acquiring rwlock 'neigh_table::lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#tbl_outer {{rwlock 'neigh_table::lock' acquired here}}
// expected-note@#tbl_call {{'neigh_release_tbl' calls 'neigh_destroy_tbl' here}}
// expected-note@#tbl_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
