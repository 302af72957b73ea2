#include "ops.h"
spinlock_t dev_lock;
void start_device(const struct dev_ops *ops, void *dev) {
  spin_lock(&dev_lock);
  ops->start(dev); /* through the ops table defined in ops.c */
  spin_unlock(&dev_lock);
}
