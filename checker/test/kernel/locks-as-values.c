// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Locks are values: helpers return the lock they took (pmd_lock, pud_lock),
// pass it out (pte_offset_map_lock(..., &ptl) / pte_unmap_unlock,
// pte_alloc_map_lock), or reach it through an accessor (rq_lockp,
// raw_spin_rq_lock). An unlock through the pointer releases what the helper
// took, and classes are named after the lock (page::ptl, rq::__lock), never
// after a function or a local variable.
#include <linux61.h>

void install_pmd(struct mm_struct *mm, pmd_t *pmd) {
  spinlock_t *ptl = pmd_lock(mm, pmd);
  mm->map_count++;
  spin_unlock(ptl);
  kmalloc(64, GFP_KERNEL); // clean: released through the pointer
}

// The true positive: allocating between the two. The origin note reaches
// the acquisition inside the helper.
void install_pmd_sleepy(struct mm_struct *mm, pmd_t *pmd) {
  spinlock_t *ptl = pmd_lock(mm, pmd); // #pmd_call
  kmalloc(64, GFP_KERNEL); // #pmd_alloc
  spin_unlock(ptl);
}
// expected-warning@#pmd_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'page::ptl' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#pmd_call {{'install_pmd_sleepy' calls 'pmd_lock' here}}
// expected-note@*:* {{spinlock 'page::ptl' acquired here}}
// expected-note@#pmd_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}

// Assigned rather than initialised, and another helper's class.
void install_pud(struct mm_struct *mm, pud_t *pud) {
  spinlock_t *ptl;
  ptl = pud_lock(mm, pud);
  mm->map_count--;
  spin_unlock(ptl);
  msleep(1); // clean
}

// The lock passed out through "&ptl".
int zap_pte(struct mm_struct *mm, pmd_t *pmd, unsigned long addr) {
  spinlock_t *ptl;
  pte_t *pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
  pte->pte = 0;
  pte_unmap_unlock(pte, ptl);
  msleep(1); // clean
  return 0;
}
int zap_pte_sleepy(struct mm_struct *mm, pmd_t *pmd, unsigned long addr) {
  spinlock_t *ptl;
  pte_t *pte = pte_offset_map_lock(mm, pmd, addr, &ptl); // #pte_lock
  msleep(2); // #pte_sleep
  pte_unmap_unlock(pte, ptl);
  return 0;
}
// expected-warning@#pte_sleep {{'msleep' may sleep in atomic context: spinlock 'page::ptl' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#pte_lock {{spinlock 'page::ptl' acquired here}}
// expected-note@#pte_sleep {{move the call out of the atomic section}}

// NULL, and no lock, when the table cannot be allocated.
int map_pte(struct mm_struct *mm, pmd_t *pmd, unsigned long addr) {
  spinlock_t *ptl;
  pte_t *pte = pte_alloc_map_lock(mm, pmd, addr, &ptl);
  if (!pte)
    return -12;
  pte->pte = 1;
  pte_unmap_unlock(pte, ptl);
  msleep(1); // clean
  return 0;
}

// The runqueue lock: an accessor, an out-of-line helper that retries until
// the lock it took is still the runqueue's, and its unlock.
void raw_spin_rq_lock_nested(struct rq *rq, int subclass) {
  raw_spinlock_t *lock;
  for (;;) {
    lock = rq_lockp(rq);
    raw_spin_lock_nested(lock, subclass); // #rq_acquire
    if (likely(lock == rq_lockp(rq)))
      return;
    raw_spin_unlock(lock);
  }
}
void raw_spin_rq_unlock(struct rq *rq) { raw_spin_unlock(rq_lockp(rq)); }
void enqueue_task(struct rq *rq) {
  raw_spin_rq_lock(rq);
  rq->nr_running++;
  raw_spin_rq_unlock(rq);
  msleep(1); // clean
}
void enqueue_task_sleepy(struct rq *rq) {
  raw_spin_rq_lock(rq); // #rq_call
  msleep(1); // #rq_sleep
  raw_spin_rq_unlock(rq);
}
// expected-warning@#rq_sleep {{'msleep' may sleep in atomic context: spinlock 'rq::__lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#rq_call {{'enqueue_task_sleepy' calls 'raw_spin_rq_lock' here}}
// expected-note@*:* {{'raw_spin_rq_lock' calls 'raw_spin_rq_lock_nested' here}}
// expected-note@#rq_acquire {{spinlock 'rq::__lock' acquired here}}
// expected-note@#rq_sleep {{move the call out of the atomic section}}

// One lock pointer, two helpers: a huge-page lock from another unit
// (pmd_trans_huge_lock(), whose body is elsewhere) or the page-table lock
// pte_offset_map_lock() passes out; the one unlock at the end releases
// whichever was taken (mm/mlock.c's mlock_pte_range()).
spinlock_t *__pmd_trans_huge_lock(pmd_t *pmd, struct mm_struct *mm); // elsewhere
int mlock_pte_range(struct mm_struct *mm, pmd_t *pmd, unsigned long addr) {
  spinlock_t *ptl;
  pte_t *pte;
  ptl = __pmd_trans_huge_lock(pmd, mm);
  if (ptl)
    goto out;
  pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
  pte_unmap(pte);
out:
  spin_unlock(ptl);
  msleep(1); // clean: whichever lock was taken is released
  return 0;
}

// The true positive nearby: a lock held on every path is not released by an
// unlock through a pointer that names it on some paths only.
struct two_locks { spinlock_t a, b; };
void unlock_which(struct two_locks *t, bool c) {
  spinlock_t *ptl;
  spin_lock(&t->a); // #which_a
  if (c) {
    ptl = &t->b;
    spin_lock(ptl);
  } else {
    ptl = &t->a;
  }
  spin_unlock(ptl);
  msleep(1); // #which_sleep
  if (c)
    spin_unlock(&t->a);
}
// expected-warning@#which_sleep {{'msleep' may sleep in atomic context: spinlock 'two_locks::a' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#which_a {{spinlock 'two_locks::a' acquired here}}
// expected-note@#which_sleep {{move the call out of the atomic section}}
