// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Bottom halves: local_bh_disable(); spin_lock() closed by spin_unlock_bh()
// (netif_addr_lock_bh / netif_addr_unlock_bh) re-enables them.
#include <linux61.h>

struct net_device { spinlock_t addr_list_lock; int nested_level; };
static inline void netif_addr_lock_bh(struct net_device *dev) {
  local_bh_disable();
  spin_lock_nested(&dev->addr_list_lock, 0);
}
static inline void netif_addr_unlock_bh(struct net_device *dev) {
  spin_unlock_bh(&dev->addr_list_lock);
}

int dev_set_rx_mode(struct net_device *dev) {
  netif_addr_lock_bh(dev);
  dev->nested_level++;
  netif_addr_unlock_bh(dev);
  kmalloc(16, GFP_KERNEL); // clean: the lock and the BH section both ended
  return 0;
}

// The true positive nearby: allocating inside.
int dev_set_rx_mode_sleepy(struct net_device *dev) {
  netif_addr_lock_bh(dev); // #bh_call
  kmalloc(16, GFP_KERNEL); // #bh_alloc
  netif_addr_unlock_bh(dev);
  return 0;
}
// One report per leaf and context kind: the spinlock and the BH section.
// expected-warning@#bh_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'net_device::addr_list_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-warning@#bh_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: bottom halves are disabled [gfpdep-sleep-in-atomic]}}
// expected-note@#bh_call 2 {{'dev_set_rx_mode_sleepy' calls 'netif_addr_lock_bh' here}}
// expected-note@*:* {{spinlock 'net_device::addr_list_lock' acquired here}}
// expected-note@*:* {{bottom halves disabled here}}
// expected-note@#bh_alloc 2 {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
