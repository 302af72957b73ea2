#include <gfpdep/kernel.h>
struct dev {
  struct mutex lock;
  struct task_struct *thread;
  struct workqueue_struct *wq;
  struct work_struct work;
  int state;
};
void dev_update(struct dev *d);
