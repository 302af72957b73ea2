#include <gfpdep/kernel.h>
struct dev {
  struct mutex lock;
  struct work_struct work;
  int state;
};
void dev_setup_work(struct dev *d);
void dev_update(struct dev *d);
