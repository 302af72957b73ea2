// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Findings on Linux 6.1 (docs/kernel.md) that are false for reasons the
// analysis cannot see, reduced. Each stays a named test until the mechanism
// that would drop it exists.
#include <linux61.h>

// ---- kernel/sched/core.c: migrate_enable() -> affine_move_task() -----------
// With SCA_MIGRATE_ENABLE the task is current, so task_on_cpu() is true and
// the function returns before wait_for_completion(); that p == current is on
// its CPU is a fact about the scheduler, not about this code.
struct task { int on_cpu; struct completion done; };
enum { SCA_MIGRATE_ENABLE = 1 << 3 };
static int affine_move_task(struct task *p, unsigned int flags) {
  if (p->on_cpu) {
    if (flags & SCA_MIGRATE_ENABLE)
      return 0;
  }
  wait_for_completion(&p->done); // #affine_wait
  return 0;
}
void migrate_enable_CurrentlyFalsePositive(struct task *p) {
  preempt_disable(); // #migrate_preempt
  affine_move_task(p, SCA_MIGRATE_ENABLE); // #migrate_call
  preempt_enable();
}
// expected-warning@#affine_wait {{'wait_for_completion' may sleep in atomic context: preemption is disabled [gfpdep-sleep-in-atomic]}}
// expected-note@#migrate_preempt {{preemption disabled here}}
// expected-note@#migrate_call {{'migrate_enable_CurrentlyFalsePositive' calls 'affine_move_task' here}}
// expected-note@#affine_wait {{move the call out of the atomic section}}

// ---- mm/hugetlb.c: hugetlb_change_protection() -> huge_pmd_share() ---------
// Only userfaultfd passes MM_CP_UFFD_WP (not built without
// CONFIG_USERFAULTFD), and a userfaultfd-wp VMA never shares PMDs; the
// callers are in another unit, so per file the flag is unknown.
struct address_space { struct rw_semaphore i_mmap_rwsem; };
enum { MM_CP_UFFD_WP = 1 << 2 };
static void *huge_pmd_share(struct address_space *mapping) {
  down_read(&mapping->i_mmap_rwsem); // #share_read
  up_read(&mapping->i_mmap_rwsem);
  return mapping;
}
void *huge_pte_offset(struct address_space *mapping, unsigned long addr);
long hugetlb_change_protection_CurrentlyFalsePositive(struct address_space *mapping,
                                                       unsigned long addr,
                                                       unsigned long end,
                                                       unsigned long cp_flags) {
  bool uffd_wp = cp_flags & MM_CP_UFFD_WP;
  down_write(&mapping->i_mmap_rwsem); // #change_write
  for (; addr < end; addr += 4096) {
    void *ptep = huge_pte_offset(mapping, addr);
    if (!ptep) {
      if (!uffd_wp)
        continue;
      ptep = huge_pmd_share(mapping); // #change_share
    }
  }
  up_write(&mapping->i_mmap_rwsem);
  return 0;
}
// expected-warning@#share_read {{acquiring rw_semaphore 'address_space::i_mmap_rwsem' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#change_write {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here}}
// expected-note@#change_share {{'hugetlb_change_protection_CurrentlyFalsePositive' calls 'huge_pmd_share' here}}
// expected-note@#share_read {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// ---- mm/mmu_gather.c: tlb_remove_table_rcu() -> free_swap_cache() ---------
// The RCU callback frees page-table pages through free_page_and_swap_cache();
// free_swap_cache() takes the swap locks only for a page in the swap cache,
// and a page-table page never is (a fact about the page's use, not about
// this code). Lockdep never sees swap locks in soft-IRQ context; gfpdep
// reports every swap lock taken with BHs enabled (irq-inversion, 6 of the 7
// on Linux 6.1).
struct rcu_head_ki { struct rcu_head_ki *next; };
void call_rcu(struct rcu_head_ki *head, void (*func)(struct rcu_head_ki *));
struct swap_info { spinlock_t lock; };
static struct swap_info swap_info0;
struct pg { unsigned long flags; };
static void swap_free_entry(void) {
  spin_lock(&swap_info0.lock); // #swap_rcu_lock
  spin_unlock(&swap_info0.lock);
}
static void free_swap_cache(struct pg *p) {
  if (p->flags & 1) // PG_swapcache: never set for page tables
    swap_free_entry(); // #swap_rcu_call
}
static void tlb_remove_table_rcu(struct rcu_head_ki *head) {
  free_swap_cache((struct pg *)head); // #swap_rcu_free
}
void tlb_remove_table_CurrentlyFalsePositive(struct rcu_head_ki *head) {
  call_rcu(head, tlb_remove_table_rcu); // #swap_rcu_queue
}
void swapoff_CurrentlyFalsePositive(void) { // #swapoff
  might_sleep();
  spin_lock(&swap_info0.lock); // #swapoff_lock
  spin_unlock(&swap_info0.lock);
}
// expected-warning@#swapoff_lock {{spinlock 'swap_info::lock' is acquired here with bottom halves enabled, and the RCU callback 'tlb_remove_table_rcu' (soft-IRQ context) acquires it too: inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage}}
// expected-note@#swapoff {{'swapoff_CurrentlyFalsePositive' runs in process context with bottom halves enabled}}
// expected-note@#swap_rcu_queue {{'tlb_remove_table_rcu' queued as an RCU callback here}}
// expected-note@#swap_rcu_free {{'tlb_remove_table_rcu' calls 'free_swap_cache' here}}
// expected-note@#swap_rcu_call {{'free_swap_cache' calls 'swap_free_entry' here}}
// expected-note@#swap_rcu_lock {{spinlock 'swap_info::lock' acquired here, in soft-IRQ context}}
// expected-note@#swapoff_lock {{use spin_lock_bh() here}}
