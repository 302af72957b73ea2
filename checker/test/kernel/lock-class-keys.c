// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A lock initialised with a class key kept in its own object
// (mm/hugetlb.c: __mutex_init(&h->resize_lock, "resize mutex",
// &h->resize_key)) is a lockdep class per object: holding two hstates'
// resize_lock at once (demote_free_huge_page()) is not recursion. One
// static key (mutex_init()) is one class for all objects.
#include <linux61.h>

struct hstate {
  struct mutex resize_lock;
  struct lock_class_key resize_key;
  struct hstate *target;
};

void hugetlb_add_hstate(struct hstate *h) {
  __mutex_init(&h->resize_lock, "resize mutex", &h->resize_key);
}

static void demote_free_huge_page(struct hstate *h) {
  mutex_lock(&h->target->resize_lock); // clean: the target's own class
  mutex_unlock(&h->target->resize_lock);
}

void demote_store(struct hstate *h) {
  mutex_lock(&h->resize_lock);
  demote_free_huge_page(h);
  mutex_unlock(&h->resize_lock);
}

// The true positive nearby: one static key for every object.
struct pool {
  struct mutex lock;
  struct pool *parent;
};
void pool_init(struct pool *p) { mutex_init(&p->lock); }
void pool_merge(struct pool *p) {
  mutex_lock(&p->lock); // #pool_outer
  mutex_lock(&p->parent->lock); // #pool_inner
  mutex_unlock(&p->parent->lock);
  mutex_unlock(&p->lock);
}
// expected-warning@#pool_inner {{acquiring mutex 'pool::lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#pool_outer {{mutex 'pool::lock' acquired here}}
// expected-note@#pool_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
