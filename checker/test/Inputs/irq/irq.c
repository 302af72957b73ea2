#include "nic.h"
static irqreturn_t nic_irq(int irq, void *p) {
  nic_account(p);
  return 0;
}
void nic_probe(struct nic *n, int irq) {
  request_irq(irq, nic_irq, 0, "nic", n);
}
