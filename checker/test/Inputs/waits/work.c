#include "dev.h"
static void dev_work(struct work_struct *w) {
  dev_update((struct dev *)w);
}
void dev_setup_work(struct dev *d) {
  INIT_WORK(&d->work, dev_work);
}
