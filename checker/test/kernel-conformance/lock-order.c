// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Lock order through Linux 6.1's headers: an AB-BA cycle where one side is
// taken through a helper, recursive locking of one class, and what lockdep
// accepts: mutex_lock_nested() with a distinct subclass, trylocks, and a
// lock released by a callee before the next is taken.
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct conf_a { struct mutex lock; int n; };
struct conf_b { struct mutex lock; int n; };

static noinline void conf_lock_b(struct conf_b *b) { mutex_lock(&b->lock); }

void conf_ab(struct conf_a *a, struct conf_b *b)
{
	mutex_lock(&a->lock);
	conf_lock_b(b);
	b->n = a->n;
	mutex_unlock(&b->lock);
	mutex_unlock(&a->lock);
}
void conf_ba(struct conf_a *a, struct conf_b *b)
{
	mutex_lock(&b->lock);
	mutex_lock(&a->lock);
	a->n = b->n;
	mutex_unlock(&a->lock);
	mutex_unlock(&b->lock);
}
void conf_twice(struct conf_a *x, struct conf_a *y)
{
	mutex_lock(&x->lock);
	mutex_lock(&y->lock);
	mutex_unlock(&y->lock);
	mutex_unlock(&x->lock);
}
void conf_nested_ok(struct conf_a *x, struct conf_a *y)
{
	mutex_lock(&x->lock);
	mutex_lock_nested(&y->lock, SINGLE_DEPTH_NESTING);
	mutex_unlock(&y->lock);
	mutex_unlock(&x->lock);
	if (mutex_trylock(&y->lock))
		mutex_unlock(&y->lock);
}
MODULE_LICENSE("GPL");

// CHECK:      lock-order.c:26:{{[0-9]+}}: warning: acquiring mutex 'conf_a::lock' while holding 'conf_b::lock' closes the lock-order cycle 'conf_a::lock' -> 'conf_b::lock' -> 'conf_a::lock': possible deadlock [gfpdep-lock-order]
// CHECK-NEXT: lock-order.c:25:{{[0-9]+}}: note: mutex 'conf_b::lock' acquired here
// CHECK-NEXT: lock-order.c:17:{{[0-9]+}}: note: mutex 'conf_a::lock' acquired here
// CHECK-NEXT: lock-order.c:18:{{[0-9]+}}: note: 'conf_ab' calls 'conf_lock_b' here
// CHECK-NEXT: lock-order.c:13:{{[0-9]+}}: note: mutex 'conf_b::lock' acquired here while 'conf_a::lock' is held
// CHECK:      lock-order.c:34:{{[0-9]+}}: warning: acquiring mutex 'conf_a::lock' while it is already held: possible recursive locking [gfpdep-lock-order]
// CHECK-NEXT: lock-order.c:33:{{[0-9]+}}: note: mutex 'conf_a::lock' acquired here
// Nothing in conf_nested_ok (--implicit-check-not).
