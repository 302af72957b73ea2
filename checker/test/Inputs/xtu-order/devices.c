#include "locks.h"
struct mutex dev_list_lock;
static int ndevices;
void walk_devices(void) {
  mutex_lock(&dev_list_lock);
  apply_config(); /* takes config_lock: dev_list_lock -> config_lock */
  mutex_unlock(&dev_list_lock);
}
int count_devices(void) {
  mutex_lock(&dev_list_lock);
  int n = ndevices;
  mutex_unlock(&dev_list_lock);
  return n;
}
