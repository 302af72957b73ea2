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

// Lockdep's own class settings, read from the macros that compile to
// nothing without CONFIG_LOCKDEP: i915's virtual engines put their
// sched_engine's lock into a subclass of its own
// (intel_execlists_create_virtual(): lockdep_set_subclass(&ve->base.
// sched_engine->lock, SINGLE_DEPTH_NESTING)), and execlists_dequeue() takes
// it under the physical engine's; a socket's queues get classes per
// address family (sk_init_common(): lockdep_set_class_and_name(
// &sk->sk_receive_queue.lock, ...)).
struct sched_engine { spinlock_t lock; };
struct engine { struct sched_engine *sched_engine; };
struct virtual_engine { struct engine base; struct engine *sibling; };

void create_virtual(struct virtual_engine *ve) {
  lockdep_set_subclass(&ve->base.sched_engine->lock, SINGLE_DEPTH_NESTING);
}
void execlists_dequeue(struct virtual_engine *ve) {
  struct sched_engine *sched_engine = ve->sibling->sched_engine;
  spin_lock(&sched_engine->lock);
  spin_lock(&ve->base.sched_engine->lock); // clean: another lockdep class
  spin_unlock(&ve->base.sched_engine->lock);
  spin_unlock(&sched_engine->lock);
}

struct sk_buff_head { spinlock_t lock; int qlen; };
struct sock { struct sk_buff_head sk_receive_queue, sk_error_queue; int sk_family; };
static struct lock_class_key af_rlock_keys[4], af_elock_keys[4];
static const char *const af_rlock_names[4], *const af_elock_names[4];
void sk_init_common(struct sock *sk) {
  lockdep_set_class_and_name(&sk->sk_receive_queue.lock, &af_rlock_keys[sk->sk_family],
                             af_rlock_names[sk->sk_family]);
  lockdep_set_class_and_name(&sk->sk_error_queue.lock, &af_elock_keys[sk->sk_family],
                             af_elock_names[sk->sk_family]);
}
void recv_error(struct sock *sk) {
  spin_lock(&sk->sk_receive_queue.lock);
  spin_lock(&sk->sk_error_queue.lock); // clean: the error queue's class
  spin_unlock(&sk->sk_error_queue.lock);
  spin_unlock(&sk->sk_receive_queue.lock);
}
