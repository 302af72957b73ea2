#include "ops.h"
static void slow_start(void *dev) {
  msleep(10); /* sleeps */
}
const struct dev_ops slow_ops = {.start = slow_start};
