// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A callee may release a lock (or end a section) its caller holds, often to
// take it again: what it does in between is not under the lock, and taking
// it back is not recursive locking. Shapes of net/core/sock.c,
// kernel/sched/completion.c, fs/ext4/fast_commit.c, include/linux/fs.h and
// mm/filemap.c.
#include <linux61.h>

struct sock_lock { spinlock_t slock; int owned; };
struct sock { struct sock_lock sk_lock; };

// __lock_sock(): drops the socket's spinlock to sleep, then takes it back.
void __lock_sock(struct sock *sk) {
  for (;;) {
    spin_unlock_bh(&sk->sk_lock.slock);
    schedule();                       // clean: the caller's lock is dropped
    spin_lock_bh(&sk->sk_lock.slock); // clean: taken back, not recursive
    if (!sk->sk_lock.owned)
      break;
  }
}
void lock_sock(struct sock *sk) {
  spin_lock_bh(&sk->sk_lock.slock);
  if (sk->sk_lock.owned)
    __lock_sock(sk);
  sk->sk_lock.owned = 1;
  spin_unlock_bh(&sk->sk_lock.slock);
  msleep(1); // clean: released, whichever way the branch went
}

// The true positive nearby: sleeping before the callee drops the lock.
static void sleep_then_drop(struct sock *sk) {
  msleep(2); // #sleep_first
  spin_unlock_bh(&sk->sk_lock.slock);
  spin_lock_bh(&sk->sk_lock.slock);
}
void lock_sock_badly(struct sock *sk) {
  spin_lock_bh(&sk->sk_lock.slock); // #bad_lock
  sleep_then_drop(sk); // #bad_call
  spin_unlock_bh(&sk->sk_lock.slock);
}
// expected-warning@#sleep_first {{'msleep' may sleep in atomic context: spinlock 'sock_lock::slock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#bad_lock {{spinlock 'sock_lock::slock' acquired here}}
// expected-note@#bad_call {{'lock_sock_badly' calls 'sleep_then_drop' here}}
// expected-note@#sleep_first {{move the call out of the atomic section}}

// do_wait_for_common(): the wait's raw spinlock (and IRQs) dropped around
// the action, a function pointer the caller passes.
struct swait_queue_head { raw_spinlock_t lock; };
struct swait_completion { unsigned int done; struct swait_queue_head wait; };
static long do_wait_for_common(struct swait_completion *x, long (*action)(long),
                               long timeout) {
  if (!x->done) {
    do {
      raw_spin_unlock_irq(&x->wait.lock);
      timeout = action(timeout); // clean
      raw_spin_lock_irq(&x->wait.lock);
    } while (!x->done && timeout);
  }
  return timeout;
}
long wait_for_common(struct swait_completion *x, long timeout) {
  raw_spin_lock_irq(&x->wait.lock);
  timeout = do_wait_for_common(x, schedule_timeout, timeout);
  raw_spin_unlock_irq(&x->wait.lock);
  return timeout;
}

// ext4_fc_wait_committing_inode(): releases the caller's lock for good; the
// caller takes it again from the top.
struct sb_info { spinlock_t s_fc_lock; int committing; };
static void wait_committing(struct sb_info *sbi) {
  lockdep_assert_held(&sbi->s_fc_lock);
  spin_unlock(&sbi->s_fc_lock);
  schedule(); // clean
}
void track_inode(struct sb_info *sbi) {
restart:
  spin_lock(&sbi->s_fc_lock); // clean: not held again after the callee
  if (sbi->committing) {
    wait_committing(sbi);
    goto restart;
  }
  spin_unlock(&sbi->s_fc_lock);
}

// dir_relax_shared(): an inline helper that drops and retakes the inode's
// rw_semaphore.
struct inode { struct rw_semaphore i_rwsem; int dead; };
static inline bool dir_relax_shared(struct inode *inode) {
  up_read(&inode->i_rwsem);
  down_read(&inode->i_rwsem); // clean: not recursive
  return !inode->dead;
}
int iterate_dir(struct inode *inode, int n) {
  down_read(&inode->i_rwsem);
  while (n-- > 0)
    if (!dir_relax_shared(inode))
      break;
  up_read(&inode->i_rwsem);
  return n;
}

// folio_seek_hole_data(): ends the caller's RCU read-side section to take a
// sleeping lock, and begins it again.
struct folio { struct mutex lock; };
static inline long seek_hole_data(struct folio *folio, long start) {
  rcu_read_unlock();
  mutex_lock(&folio->lock); // clean: outside the RCU section
  mutex_unlock(&folio->lock);
  rcu_read_lock();
  return start;
}
long mapping_seek_hole_data(struct folio *folio, long start) {
  rcu_read_lock();
  start = seek_hole_data(folio, start);
  rcu_read_unlock();
  return start;
}

// gather_surplus_pages(): the caller's lock released and taken back on one
// path, untouched on an early return: for the caller, still its own lock
// (not a second acquisition that would make its unlock leave one held).
struct hstate { int needed; };
spinlock_t hugetlb_lock;
static int gather_surplus(struct hstate *h) {
  if (h->needed <= 0)
    return 0;
  spin_unlock(&hugetlb_lock);
  kmalloc(64, GFP_KERNEL); // clean: dropped
  spin_lock(&hugetlb_lock);
  return -12;
}
int acct_memory(struct hstate *h) {
  spin_lock(&hugetlb_lock);
  int ret = gather_surplus(h);
  spin_unlock(&hugetlb_lock);
  msleep(1); // clean: released
  return ret;
}

// task_blocks_on_rt_mutex(): a lock the function only asserts held (its
// caller's), dropped and taken back on a path that also depends on a
// parameter; two levels up, the caller that took it is not acquiring it
// again.
struct rt_mutex_base { raw_spinlock_t wait_lock; int owner; };
struct ww_ctx { int stamp; };
static int adjust_prio_chain(struct rt_mutex_base *lock) { return lock->owner; }
static int task_blocks_on(struct rt_mutex_base *lock, struct ww_ctx *ww) {
  int res;
  lockdep_assert_held(&lock->wait_lock);
  if (ww)
    return 0;
  raw_spin_unlock(&lock->wait_lock);
  res = adjust_prio_chain(lock);
  raw_spin_lock(&lock->wait_lock); // clean: taken back
  return res;
}
static int start_proxy_lock_inner(struct rt_mutex_base *lock) {
  lockdep_assert_held(&lock->wait_lock);
  return task_blocks_on(lock, NULL);
}
int start_proxy_lock(struct rt_mutex_base *lock) {
  raw_spin_lock(&lock->wait_lock);
  int ret = start_proxy_lock_inner(lock);
  raw_spin_unlock(&lock->wait_lock);
  return ret;
}
