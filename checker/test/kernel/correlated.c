// RUN: %gfpdep -I%inputs -Xclang -verify %s
// Conditions tested twice are correlated when nothing in between can change
// them: the same side-effect-free call on the same arguments
// (__remove_mapping's folio_test_swapcache()), a flag set together with the
// lock (ext4's sem_held), a pointer that is non-NULL exactly when locked
// (sch_direct_xmit's root_lock, __slab_free's n), the same field test in a
// lock and an unlock macro (HARD_TX_LOCK / HARD_TX_UNLOCK).
#include <linux61.h>

// ---- the same side-effect-free call twice -----------------------------------
enum { PG_swapcache = 10, PG_swapbacked = 19 };
struct host_inode { spinlock_t i_lock; };
struct address_space { struct host_inode *host; spinlock_t i_pages_lock; };
struct folio { unsigned long flags; int refs; };
static inline bool folio_test_swapbacked(struct folio *f) {
  return test_bit(PG_swapbacked, &f->flags);
}
static inline bool folio_test_swapcache(struct folio *f) {
  return folio_test_swapbacked(f) && test_bit(PG_swapcache, &f->flags);
}
int folio_ref_freeze(struct folio *f, int count); // changes the folio
void put_swap_folio(struct folio *f);             // may sleep
static inline void put_swap(struct folio *f) { might_sleep(); put_swap_folio(f); } // #put_swap

int remove_mapping(struct address_space *mapping, struct folio *folio) {
  if (!folio_test_swapcache(folio))
    spin_lock(&mapping->host->i_lock);
  spin_lock(&mapping->i_pages_lock);
  if (!folio_ref_freeze(folio, 2))
    goto cannot_free;
  if (folio_test_swapcache(folio)) {
    spin_unlock(&mapping->i_pages_lock);
    put_swap(folio); // clean: i_lock is taken only when not in the swap cache
  } else {
    spin_unlock(&mapping->i_pages_lock);
    spin_unlock(&mapping->host->i_lock);
  }
  return 1;
cannot_free:
  spin_unlock(&mapping->i_pages_lock);
  if (!folio_test_swapcache(folio))
    spin_unlock(&mapping->host->i_lock);
  return 0;
}

// The true positive nearby: a test that changes what it tests is not the
// same condition twice.
bool folio_try_claim(struct folio *f); // not side-effect free
int remove_mapping_unstable(struct address_space *mapping, struct folio *folio) {
  if (!folio_try_claim(folio))
    spin_lock(&mapping->host->i_lock); // #unstable_lock
  if (folio_try_claim(folio)) {
    put_swap(folio); // #unstable_sleep
    return 1;
  }
  spin_unlock(&mapping->host->i_lock);
  return 0;
}
// expected-warning@#put_swap {{'might_sleep' may sleep in atomic context: spinlock 'host_inode::i_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#unstable_lock {{spinlock 'host_inode::i_lock' acquired here}}
// expected-note@#unstable_sleep {{'remove_mapping_unstable' calls 'put_swap' here}}
// expected-note@#put_swap {{move the call out of the atomic section}}

// ---- a flag set together with the lock ---------------------------------------
struct ext4_inode { struct rw_semaphore xattr_sem; int inline_data; };
static inline void write_lock_xattr(struct ext4_inode *inode, int *save) {
  down_write(&inode->xattr_sem);
  *save = inode->inline_data;
}
static inline void write_unlock_xattr(struct ext4_inode *inode, int *save) {
  up_write(&inode->xattr_sem);
}
int prepare_write(struct ext4_inode *inode);
int convert_inline_data(struct ext4_inode *inode) {
  int ret, no_expand, sem_held = 0;
retry:
  ret = prepare_write(inode);
  if (ret)
    goto out;
  write_lock_xattr(inode, &no_expand);
  sem_held = 1;
  ret = prepare_write(inode);
  if (ret) {
    write_unlock_xattr(inode, &no_expand);
    sem_held = 0;
    if (ret == -28)
      goto retry; // clean: the semaphore was released with the flag
  }
out:
  if (sem_held)
    write_unlock_xattr(inode, &no_expand);
  kmalloc(16, GFP_KERNEL);
  return ret;
}

// ---- a pointer that is non-NULL exactly when locked --------------------------
struct Qdisc { spinlock_t q_lock; };
struct netdev_queue { spinlock_t _xmit_lock; int xmit_lock_owner; };
struct net_device { unsigned long features; };
#define NETIF_F_LLTX (1UL << 12)
static inline void __netif_tx_lock(struct netdev_queue *txq, int cpu) {
  spin_lock(&txq->_xmit_lock);
  txq->xmit_lock_owner = cpu;
}
static inline void __netif_tx_unlock(struct netdev_queue *txq) {
  txq->xmit_lock_owner = -1;
  spin_unlock(&txq->_xmit_lock);
}
#define HARD_TX_LOCK(dev, txq, cpu)                                            \
  {                                                                            \
    if ((dev->features & NETIF_F_LLTX) == 0)                                   \
      __netif_tx_lock(txq, cpu);                                               \
  }
#define HARD_TX_UNLOCK(dev, txq)                                               \
  {                                                                            \
    if ((dev->features & NETIF_F_LLTX) == 0)                                   \
      __netif_tx_unlock(txq);                                                  \
  }
int dev_hard_start_xmit(struct net_device *dev, struct netdev_queue *txq);

bool sch_direct_xmit(struct Qdisc *q, struct net_device *dev,
                     struct netdev_queue *txq, spinlock_t *root_lock) {
  int ret;
  if (root_lock)
    spin_unlock(root_lock);
  HARD_TX_LOCK(dev, txq, 0); // clean: root_lock is not held here
  ret = dev_hard_start_xmit(dev, txq);
  HARD_TX_UNLOCK(dev, txq);
  msleep(1); // clean: the tx lock is released under the same test
  if (root_lock)
    spin_lock(root_lock); // clean: taken back, not recursive
  return ret;
}
int dev_xmit_skb(struct Qdisc *q, struct net_device *dev, struct netdev_queue *txq) {
  spinlock_t *root_lock = &q->q_lock;
  spin_lock(root_lock);
  sch_direct_xmit(q, dev, txq, root_lock);
  spin_unlock(root_lock);
  return 0;
}
// The other order elsewhere: no cycle, since sch_direct_xmit() drops the
// qdisc lock before taking the tx lock.
void netif_tx_then_qdisc(struct Qdisc *q, struct netdev_queue *txq) {
  spin_lock(&txq->_xmit_lock);
  spin_lock(&q->q_lock);
  spin_unlock(&q->q_lock);
  spin_unlock(&txq->_xmit_lock);
}

// __slab_free(): n is set exactly when n->list_lock is held.
struct kmem_cache_node { spinlock_t list_lock; };
struct kmem_cache_node *get_node(int nid);
bool cmpxchg_counters(int *counters);
void slab_free(int *counters, int nid) {
  struct kmem_cache_node *n = NULL;
  unsigned long flags;
  do {
    if (unlikely(n)) {
      spin_unlock_irqrestore(&n->list_lock, flags);
      n = NULL;
    }
    if (*counters) {
      n = get_node(nid);
      spin_lock_irqsave(&n->list_lock, flags);
    }
  } while (!cmpxchg_counters(counters));
  if (likely(!n)) {
    msleep(1); // clean: no lock when n is NULL
    return;
  }
  spin_unlock_irqrestore(&n->list_lock, flags);
}
