#include "dev.h"
static int dev_thread(void *data) {
  dev_update(data);
  return 0;
}
static void dev_work(struct work_struct *w) {
  dev_update((struct dev *)w);
}
void dev_start(struct dev *d) {
  d->thread = kthread_run(dev_thread, d, "dev");
  d->wq = alloc_workqueue("dev", 0, 0);
  INIT_WORK(&d->work, dev_work);
  queue_work(d->wq, &d->work);
}
