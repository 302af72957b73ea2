#include "nic.h"
void nic_xmit(struct nic *n) {
  might_sleep();
  spin_lock(&n->lock);
  n->pending++;
  spin_unlock(&n->lock);
}
