#include "dev.h"
void dev_update(struct dev *d) {
  mutex_lock(&d->lock);
  d->state++;
  mutex_unlock(&d->lock);
}
