#include "gfpdep/kernel.h"

struct dev {
  spinlock_t lock;
  int state;
};

void *dev_buffer(struct dev *d, int n);
int dev_update(struct dev *d, int err);
