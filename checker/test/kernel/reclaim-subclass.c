// RUN: %gfpdep -Xclang -verify %s
// Reclaim's locks are lockdep's classes: a class and its subclass. Writeback
// under fs_reclaim taking a nested inode lock (inode_lock_nested(inode,
// I_MUTEX_XATTR) for an EA inode, fs/ext4/xattr.c) is another class than the
// subclass-0 lock a task holds across a GFP_KERNEL allocation (swapon's
// inode_lock()): no cycle. The same subclass on both sides is one.
#include <gfpdep/kernel.h>

struct inode { struct rw_semaphore i_rwsem; };
enum { I_MUTEX_NORMAL, I_MUTEX_PARENT, I_MUTEX_CHILD, I_MUTEX_XATTR };
static inline void inode_lock(struct inode *inode) { down_write(&inode->i_rwsem); } // #plain
static inline void inode_unlock(struct inode *inode) { up_write(&inode->i_rwsem); }
static inline void inode_lock_nested(struct inode *inode, unsigned subclass) {
  down_write_nested(&inode->i_rwsem, subclass); // #nested
}

void ea_writeback(struct inode *ea) {
  fs_reclaim_acquire(GFP_KERNEL); // #fsr
  inode_lock_nested(ea, I_MUTEX_XATTR); // #fsr_call
  inode_unlock(ea);
  fs_reclaim_release(GFP_KERNEL);
}

// False positive that must go: subclass 0 held, subclass 3 in reclaim.
void swapon_like(struct inode *swap) {
  inode_lock(swap);
  kmalloc(64, GFP_KERNEL);
  inode_unlock(swap);
}

// True positive that must stay: the same subclass held across the
// allocation.
void xattr_update(struct inode *ea) {
  inode_lock_nested(ea, I_MUTEX_XATTR); // #held_call
  kmalloc(64, GFP_KERNEL); // #alloc
  inode_unlock(ea);
}
// expected-warning@#alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim while rw_semaphore 'inode::i_rwsem' (subclass 3) is held, and fs reclaim acquires 'inode::i_rwsem' (subclass 3): possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#held_call {{'xattr_update' calls 'inode_lock_nested' here}}
// expected-note@#nested {{rw_semaphore 'inode::i_rwsem' (subclass 3) acquired here}}
// expected-note@#fsr {{fs_reclaim acquired here}}
// expected-note@#fsr_call {{'ea_writeback' calls 'inode_lock_nested' here}}
// expected-note@#nested {{rw_semaphore 'inode::i_rwsem' (subclass 3) acquired here, inside fs_reclaim}}
// expected-note@#alloc {{allocate before acquiring 'inode::i_rwsem' (subclass 3), or use GFP_NOWAIT while it is held}}
