// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Lock pointers kept in a struct the function tracks (struct vm_fault's ptl,
// struct page_vma_mapped_walk's ptl) and flags passed by pointer ("int
// *locked"): what was stored there is what an unlock through it releases,
// also when a callee stored it (map_pte) or releases it (do_wp_page).
#include <linux61.h>

struct vm_fault { struct mm_struct *mm; pmd_t *pmd; unsigned long address;
                  pte_t *pte; spinlock_t *ptl; };

// The caller takes the lock into vmf->ptl; the callee releases it.
static int wp_page(struct vm_fault *vmf) {
  pte_unmap_unlock(vmf->pte, vmf->ptl);
  msleep(1); // clean: released through the caller's vmf->ptl
  return 0;
}
int swap_page(struct vm_fault *vmf) {
  vmf->pte = pte_offset_map_lock(vmf->mm, vmf->pmd, vmf->address, &vmf->ptl);
  if (vmf->address & 1)
    return wp_page(vmf);
  pte_unmap_unlock(vmf->pte, vmf->ptl);
  return 0;
}

// The true positive nearby: sleeping before the callee releases it.
static int wp_page_sleepy(struct vm_fault *vmf) {
  msleep(1); // #wp_sleep
  pte_unmap_unlock(vmf->pte, vmf->ptl);
  return 0;
}
int swap_page_sleepy(struct vm_fault *vmf) {
  vmf->pte = pte_offset_map_lock(vmf->mm, vmf->pmd, vmf->address, &vmf->ptl); // #vmf_lock
  return wp_page_sleepy(vmf); // #vmf_call
}
// expected-warning@#wp_sleep {{'msleep' may sleep in atomic context: spinlock 'page::ptl' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#vmf_lock {{spinlock 'page::ptl' acquired here}}
// expected-note@#vmf_call {{'swap_page_sleepy' calls 'wp_page_sleepy' here}}
// expected-note@#wp_sleep {{move the call out of the atomic section}}

// A callee stores the lock it takes into the walk's field.
struct pvm_walk { struct mm_struct *mm; pmd_t *pmd; spinlock_t *ptl; };
static void map_pte(struct pvm_walk *pvmw) {
  pvmw->ptl = pte_lockptr(pvmw->mm, pvmw->pmd);
  spin_lock(pvmw->ptl);
}
bool page_vma_mapped_walk(struct pvm_walk *pvmw, int n) {
  while (n-- > 0) {
    map_pte(pvmw);
    spin_unlock(pvmw->ptl); // clean: releases what map_pte() took
    pvmw->ptl = NULL;
  }
  return true;
}

// "int *locked": the callee drops the lock and clears the flag together.
struct mm_with_lock { struct rw_semaphore mmap_lock; };
long faultin(struct mm_with_lock *mm, int *locked);
long get_user_pages_locked(struct mm_with_lock *mm, int *locked, int n) {
  long ret = 0;
  if (!*locked) {
    down_read(&mm->mmap_lock);
    *locked = 1;
  }
  while (n-- > 0) {
    ret = faultin(mm, locked);
    if (!*locked) {
      down_read(&mm->mmap_lock); // clean: not held when *locked is 0
      *locked = 1;
    }
  }
  return ret;
}
