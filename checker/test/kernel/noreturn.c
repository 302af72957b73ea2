// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A path that ends in a noreturn call (BUG(), BUG_ON(), panic(),
// __builtin_unreachable(), a failed compiletime_assert inside clamp_t) does
// not return: it never makes a function return with a lock held.
#include <linux61.h>

struct buddy { spinlock_t lock; int order; unsigned long len; };

static int take_locked(struct buddy *b) {
  spin_lock(&b->lock);
  if (b->order < 0)
    BUG(); // ends the path: no return with the lock held
  spin_unlock(&b->lock);
  return b->order;
}
static void take_checked(struct buddy *b) {
  spin_lock(&b->lock);
  BUG_ON(b->order > 10);
  spin_unlock(&b->lock);
}
static void take_or_panic(struct buddy *b) {
  spin_lock(&b->lock);
  if (!b->len)
    panic("empty buddy");
  spin_unlock(&b->lock);
}
static unsigned long clamp_len(struct buddy *b) {
  spin_lock(&b->lock);
  unsigned long len = clamp_t(unsigned long, b->len, 1, 64);
  spin_unlock(&b->lock);
  return len;
}
static void never_returns(struct buddy *b) {
  spin_lock(&b->lock);
  __builtin_unreachable();
}
void use_buddies(struct buddy *b) {
  take_locked(b);
  take_checked(b);
  take_or_panic(b);
  clamp_len(b);
  kmalloc(64, GFP_KERNEL); // clean: no callee returns with b->lock held
  if (b->order == 99)
    never_returns(b);
  msleep(1); // clean: the call above never returns
}

// The true positive nearby: a path that does return with the lock.
static int take_leaky(struct buddy *b) {
  spin_lock(&b->lock); // #leaky_lock
  return b->order;
}
void use_leaky(struct buddy *b) {
  take_leaky(b); // #leaky_call
  msleep(1); // #leaky_sleep
}
// expected-warning@#leaky_sleep {{'msleep' may sleep in atomic context: spinlock 'buddy::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#leaky_call {{'use_leaky' calls 'take_leaky' here}}
// expected-note@#leaky_lock {{spinlock 'buddy::lock' acquired here}}
// expected-note@#leaky_sleep {{move the call out of the atomic section}}
