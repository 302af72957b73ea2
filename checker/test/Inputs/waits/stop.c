#include "dev.h"
static void stop_work(struct work_struct *w) {
  cancel_work_sync(w);
}
void dev_stop(struct dev *d) {
  mutex_lock(&d->lock);
  stop_work(&d->work);
  mutex_unlock(&d->lock);
}
