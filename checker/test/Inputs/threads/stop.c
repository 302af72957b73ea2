#include "dev.h"
void dev_stop(struct dev *d) {
  mutex_lock(&d->lock);
  kthread_stop(d->thread);
  destroy_workqueue(d->wq);
  mutex_unlock(&d->lock);
}
