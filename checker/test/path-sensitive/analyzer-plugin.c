// gfpdep.so is also a Clang Static Analyzer plugin: loaded with -load, its
// checker (package gfpdep) runs the engine itself and reports what it
// confirms on a path, with the path, plus lock-balance.
// RUN: %clang --analyze -Xclang -load -Xclang %plugin -Xclang -analyzer-checker=gfpdep \
// RUN:   -Xclang -analyzer-output=text -I%annotations %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang --analyze -Xclang -load -Xclang %plugin -Xclang -analyzer-checker=gfpdep \
// RUN:   -I%annotations %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=DROP
// The checker is listed under its package.
// RUN: %clang -cc1 -load %plugin -analyzer-checker-help 2>&1 | FileCheck %s --check-prefix=HELP
// HELP: gfpdep.PathSensitive {{.*}}held locks, atomic and non-block sections
#include "gfpdep/kernel.h"

struct dev {
  spinlock_t lock;
  void *buf;
};

void *locked_alloc(struct dev *d, int n) {
  void *p = 0;
  if (n > 10)
    spin_lock(&d->lock);
  if (n > 20)
    p = kmalloc(16, GFP_KERNEL);
  if (n <= 10)
    p = kmalloc(32, GFP_KERNEL); // no path holds the lock here: not reported
  if (n > 10)
    spin_unlock(&d->lock);
  return p;
}
// CHECK: analyzer-plugin.c:23:9: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep.PathSensitive]
// CHECK: analyzer-plugin.c:20:7: note: Assuming 'n' is > 10
// CHECK: analyzer-plugin.c:21:5: note: spinlock 'dev::lock' acquired here
// CHECK: analyzer-plugin.c:22:7: note: Assuming 'n' is > 20

int leak(struct dev *d, int err) {
  spin_lock(&d->lock);
  if (err)
    return -1;
  spin_unlock(&d->lock);
  return 0;
}
// CHECK: analyzer-plugin.c:38:5: warning: spinlock 'dev::lock' is still held when 'leak' returns on this path, but other paths release it [gfpdep.PathSensitive]
// CHECK: analyzer-plugin.c:36:3: note: spinlock 'dev::lock' acquired here
// Sections get their note too.
void poll_hw(int atomic) {
  if (atomic)
    local_irq_disable();
  msleep(1);
  if (atomic)
    local_irq_enable();
}
// CHECK: analyzer-plugin.c:48:3: warning: 'msleep' may sleep in atomic context: interrupts are disabled [gfpdep.PathSensitive]
// CHECK: analyzer-plugin.c:46:7: note: Assuming 'atomic' is not equal to 0
// CHECK: analyzer-plugin.c:47:5: note: interrupts disabled here (local_irq_disable)
// CHECK: 3 warnings generated.
// DROP-NOT: analyzer-plugin.c:25:{{.*}}warning
