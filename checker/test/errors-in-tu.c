// A unit with errors: gfpdep analyses what it can and never crashes clang.
// RUN: not %gfpdep %s 2>&1 | FileCheck %s
#include <gfpdep/kernel.h>

spinlock_t l;
void broken(void) {
  spin_lock(&l);
  kmalloc(64, GFP_KERNL);
  spin_unlock(&l);
}
void fine(void) {
  spin_lock(&l);
  msleep(1);
  spin_unlock(&l);
}
struct incomplete;
void worse(struct incomplete *p) { p->field = undefined_fn(1, 2); }

// CHECK: error: use of undeclared identifier 'GFP_KERNL'
// CHECK: errors-in-tu.c:13:3: warning: 'msleep' may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]
// CHECK-NOT: Stack dump
