#include "locks.h"
struct mutex config_lock;
void apply_config(void) {
  mutex_lock(&config_lock);
  mutex_unlock(&config_lock);
}
void reload_config(void) {
  mutex_lock(&config_lock);
  count_devices(); /* takes dev_list_lock: config_lock -> dev_list_lock */
  mutex_unlock(&config_lock);
}
