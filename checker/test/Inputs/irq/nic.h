#include <gfpdep/kernel.h>
struct nic { spinlock_t lock; int pending; };
void nic_account(struct nic *n);
