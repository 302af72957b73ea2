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
