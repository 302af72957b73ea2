// RUN: %gfpdep -Xclang -verify %s
// A pointer cleared exactly when a trylock fails: mm/page_alloc.c's
// pcp_spin_trylock() is a statement expression "({ _ret = this_cpu_ptr(p);
// if (!spin_trylock(&_ret->lock)) _ret = NULL; _ret; })", and
// alloc_pages_bulk() goes on "if (!pcp) goto failed_irq;" to a
// GFP_KERNEL allocation that is not under the lock. The lock is held where
// the pointer is non-NULL; the copy into pcp says so as the original does.
#include <gfpdep/kernel.h>

struct per_cpu_pages { spinlock_t lock; int count; };
#define pcp_spin_trylock(ptr)                                                  \
  ({                                                                           \
    struct per_cpu_pages *_ret = (ptr);                                        \
    if (!spin_trylock(&_ret->lock))                                            \
      _ret = 0;                                                                \
    _ret;                                                                      \
  })

// False positives that must go: through the macro, and written out.
int alloc_bulk(struct per_cpu_pages *base, int n) {
  struct per_cpu_pages *pcp = pcp_spin_trylock(base);
  if (!pcp)
    goto failed;
  if (n > 3) {
    spin_unlock(&pcp->lock);
    goto failed;
  }
  spin_unlock(&pcp->lock);
  return 0;
failed:
  kmalloc(8, GFP_KERNEL);
  return 1;
}

int alloc_bulk_open(struct per_cpu_pages *base) {
  struct per_cpu_pages *pcp = base;
  if (!spin_trylock(&pcp->lock))
    pcp = 0;
  if (!pcp) {
    kmalloc(8, GFP_KERNEL);
    return 1;
  }
  spin_unlock(&pcp->lock);
  return 0;
}

// True positive that must stay: where the pointer is non-NULL the lock is
// held.
int alloc_bulk_held(struct per_cpu_pages *base) {
  struct per_cpu_pages *pcp = pcp_spin_trylock(base); // #held_trylock
  if (pcp) {
    kmalloc(8, GFP_KERNEL); // #held_alloc
    spin_unlock(&pcp->lock);
  }
  return 0;
}
// expected-warning@#held_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'per_cpu_pages::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#held_trylock {{spinlock 'per_cpu_pages::lock' acquired here}}
// expected-note@#held_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
