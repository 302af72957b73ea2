// gfpdep-clangd shows the rules of the link (here wait-under-lock and
// irq-inversion) like any other, with their chains as related information;
// the off-by-default wait-context is left out by its default configuration.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/dev.c
// RUN: echo "-I%annotations" > %t/compile_flags.txt
// RUN: %lsp_check --timeout 60 --expect-code gfpdep-wait-under-lock -- %lsp_server %t/dev.c | FileCheck %s
// RUN: %lsp_check --timeout 60 --expect-code gfpdep-irq-inversion -- %lsp_server %t/dev.c | FileCheck %s --check-prefix=IRQ
// RUN: %lsp_check --timeout 10 --expect-code gfpdep-wait-context -- %lsp_server %t/dev.c || test $? = 1
#include <gfpdep/kernel.h>

struct dev {
  struct mutex lock;
  spinlock_t slock;
  raw_spinlock_t raw;
  struct work_struct work;
};
static void dev_work(struct work_struct *w) {
  struct dev *d = (struct dev *)w;
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}
static irqreturn_t dev_irq(int irq, void *p) {
  struct dev *d = p;
  spin_lock(&d->slock);
  spin_unlock(&d->slock);
  return 0;
}
void dev_probe(struct dev *d, int irq) {
  INIT_WORK(&d->work, dev_work);
  request_irq(irq, dev_irq, 0, "dev", d);
}
void dev_stop(struct dev *d) {
  mutex_lock(&d->lock);
  cancel_work_sync(&d->work);
  mutex_unlock(&d->lock);
  spin_lock(&d->slock);
  spin_unlock(&d->slock);
  raw_spin_lock(&d->raw);
  spin_lock(&d->slock);
  spin_unlock(&d->slock);
  raw_spin_unlock(&d->raw);
}

// CHECK: "code": "gfpdep-wait-under-lock"
// CHECK: "message": "'cancel_work_sync' waits for work item 'dev::work', whose function 'dev_work' acquires 'dev::lock', while mutex 'dev::lock' is held: possible deadlock"
// CHECK: "relatedInformation": [
// CHECK-DAG: "message": "'dev_work' set up as the work item's function here"
// CHECK-DAG: "message": "Mutex 'dev::lock' acquired here, in 'dev_work'"
// IRQ: "code": "gfpdep-irq-inversion"
// IRQ: "relatedInformation": [
// IRQ-DAG: "message": "'dev_irq' registered as a hard-IRQ handler here"
