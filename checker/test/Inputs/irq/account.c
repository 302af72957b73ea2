#include "nic.h"
void nic_account(struct nic *n) {
  spin_lock(&n->lock);
  n->pending--;
  spin_unlock(&n->lock);
}
