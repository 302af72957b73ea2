#include <gfpdep/kernel.h>
struct dev_ops {
  void (*start)(void *dev);
};
extern const struct dev_ops slow_ops;
