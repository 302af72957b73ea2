// RUN: %gfpdep -I%inputs -Xclang -verify %s
// With page faults disabled (pagefault_disable(), kmap_atomic()) a user copy
// fails instead of sleeping: mm/memory.c's copy_huge_page_from_user().
#include <linux61.h>

long copy_from_user_atomic(struct page *page, const void *src, bool allow_pagefault) {
  void *kaddr = kmap_atomic(page);
  long rc = copy_from_user(kaddr, src, 4096); // clean: faults are disabled
  kunmap_atomic(kaddr);
  return rc;
}

// The true positive nearby: preemption off without pagefault_disable().
spinlock_t user_lock;
long copy_under_spinlock(void *dst, const void *src) {
  spin_lock(&user_lock); // #user_lock
  long rc = copy_from_user(dst, src, 4096); // #user_copy
  spin_unlock(&user_lock);
  return rc;
}
// expected-warning@#user_copy {{'copy_from_user' may sleep in atomic context: spinlock 'user_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#user_lock {{spinlock 'user_lock' acquired here}}
// expected-note@#user_copy {{move the call out of the atomic section}}
