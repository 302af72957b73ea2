// RUN: %gfpdep -Xclang -verify %s
// A lock's first member is the lock itself (spin_lock() is
// raw_spin_lock(&lock->rlock)), but a lock further inside a lock record is
// a lock of its own: rwsem_downgrade_wake() takes &sem->wait_lock while
// its caller holds the rw_semaphore (kernel/locking/rwsem.c, reached from
// mmap_write_downgrade()); that is 'rw_semaphore::wait_lock', not the
// caller's 'mm_struct::mmap_lock' taken again.
#include <gfpdep/kernel.h>

struct mm_struct { struct rw_semaphore mmap_lock; };

static void downgrade_wake(struct rw_semaphore *sem) {
  raw_spin_lock(&sem->wait_lock);
  raw_spin_unlock(&sem->wait_lock);
}
static void downgrade(struct rw_semaphore *sem) { downgrade_wake(sem); }

// False positive that must go: not recursion on mmap_lock.
void expand_stack(struct mm_struct *mm) {
  down_write(&mm->mmap_lock);
  downgrade(&mm->mmap_lock);
  up_read(&mm->mmap_lock);
}

// True positive that must stay: the first member is the lock, so taking
// it through its innards while it is held is recursion.
struct stats { spinlock_t lock; };
static void stats_lock_raw(spinlock_t *l) {
  raw_spin_lock(&l->rlock); // #raw
  raw_spin_unlock(&l->rlock);
}
void stats_update(struct stats *s) {
  spin_lock(&s->lock); // #outer
  stats_lock_raw(&s->lock); // #call
  spin_unlock(&s->lock);
}
// expected-warning@#raw {{acquiring raw spinlock 'stats::lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#outer {{spinlock 'stats::lock' acquired here}}
// expected-note@#call {{'stats_update' calls 'stats_lock_raw' here}}
// expected-note@#raw {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// A wait queue's lock is named after the wait queue: lockdep gives each
// init_waitqueue_head() call site (each DECLARE_WAIT_QUEUE_HEAD) a class of
// its own, so two wait queues of one device are two classes, and the same
// queue taken twice is still recursion.
struct twoq {
  wait_queue_head_t rx, tx;
};
static void wake_both(struct twoq *q) {
  spin_lock(&q->rx.lock);
  spin_lock(&q->tx.lock); // clean: 'twoq::tx' under 'twoq::rx'
  spin_unlock(&q->tx.lock);
  spin_unlock(&q->rx.lock);
}
static void wake_twice(struct twoq *q) {
  spin_lock(&q->rx.lock); // #rx1
  spin_lock(&q->rx.lock); // #rx2
  spin_unlock(&q->rx.lock);
  spin_unlock(&q->rx.lock);
}
void use_queues(struct twoq *q) {
  wake_both(q);
  wake_twice(q);
}
// expected-warning@#rx2 {{acquiring spinlock 'twoq::rx' while it is already held: possible recursive locking}}
// expected-note@#rx1 {{spinlock 'twoq::rx' acquired here}}
// expected-note@#rx2 {{if these are different objects of one class}}
