#include "dev.h"

int dev_update(struct dev *d, int err) {
  spin_lock(&d->lock);
  if (err)
    return -1;
  d->state = 1;
  spin_unlock(&d->lock);
  return 0;
}
