#include "dev.h"

void *dev_buffer(struct dev *d, int n) {
  void *p = 0;
  if (n > 10)
    spin_lock(&d->lock);
  if (n <= 10)
    p = kmalloc(16, GFP_KERNEL);
  if (n > 10) {
    p = kmalloc(32, GFP_KERNEL);
    spin_unlock(&d->lock);
  }
  return p;
}
