// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -Xclang -verify %s
//
// lock-balance on the shapes of mm/hugetlb.c (Linux 6.1) that the
// path-sensitive mode once reported as leaks. None is one; the last
// function shows the rule still firing next to them.
#include "gfpdep/kernel.h"

struct vma_lock {
  struct rw_semaphore rw_sema;
};
struct vma {
  unsigned long flags;
  struct vma_lock *priv;
};
struct resv {
  spinlock_t lock;
  long cache;
};
static spinlock_t pool_lock;
void *kmalloc(unsigned long size, gfp_t flags);

// hugetlb_vma_lock_read(): takes the lock on some paths and never releases
// it; its callers unlock under the same test (hugetlb_vma_unlock_read()).
void vma_lock_read(struct vma *v) {
  if (v->flags & 8)
    down_read(&v->priv->rw_sema);
}
void vma_unlock_read(struct vma *v) {
  if (v->flags & 8)
    up_read(&v->priv->rw_sema);
}

// gather_surplus_pages(): the caller's lock dropped around an allocation
// and taken back before one return, still dropped at none.
int gather(long needed) {
  int ret = -12;
  spin_unlock(&pool_lock);
  void *p = kmalloc(64, GFP_KERNEL);
  spin_lock(&pool_lock);
  if (!p)
    goto out;
  if (needed > 0)
    ret = 0;
out:
  return ret;
}

// allocate_file_region_entries(): drops the caller's lock on its -ENOMEM
// return only; region_chg() returns at once on that result.
static int alloc_entries(struct resv *r, int n) {
  while (r->cache < n) {
    spin_unlock(&r->lock);
    void *p = kmalloc(64, GFP_KERNEL);
    if (!p)
      return -12;
    spin_lock(&r->lock);
    r->cache++;
  }
  return 0;
}
long region_chg(struct resv *r, int n) {
  spin_lock(&r->lock);
  if (alloc_entries(r, n))
    return -12;
  r->cache -= n;
  spin_unlock(&r->lock);
  return 0;
}

// Still a leak: the error return forgets the unlock.
long region_leak(struct resv *r, int n) {
  spin_lock(&r->lock);
  if (n < 0)
    return -22; // expected-warning {{spinlock 'resv::lock' is still held when 'region_leak' returns on this path, but other paths release it [gfpdep-lock-balance]}}
  // expected-note@-1 {{release 'resv::lock' on this path too}}
  spin_unlock(&r->lock);
  return 0;
}
// expected-note@72 {{spinlock 'resv::lock' acquired here}}
// expected-note@73 {{assuming 'n' is < 0}}
// expected-note@73 {{taking true branch}}
