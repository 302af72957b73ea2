// RUN: %gfpdep -Xclang -verify %s
// The fs_reclaim half: a lock taken inside an fs_reclaim section (as
// filesystem writeback under reclaim does) and held elsewhere across a
// __GFP_FS allocation. GFP_NOFS and memalloc_nofs_save() break the cycle.
#include <gfpdep/kernel.h>

struct inode_info { struct mutex i_lock; };

void writeback(struct inode_info *ii) {
  fs_reclaim_acquire(GFP_KERNEL); // #fsr
  mutex_lock(&ii->i_lock); // #fsr_lock
  mutex_unlock(&ii->i_lock);
  fs_reclaim_release(GFP_KERNEL);
}

void update(struct inode_info *ii) {
  mutex_lock(&ii->i_lock); // #upd_lock
  kmalloc(64, GFP_KERNEL); // #upd_alloc
  kmalloc(64, GFP_NOFS);   // no __GFP_FS: clean
  unsigned int flags = memalloc_nofs_save();
  kmalloc(64, GFP_KERNEL); // inside memalloc_nofs_save(): clean
  memalloc_nofs_restore(flags);
  mutex_unlock(&ii->i_lock);
}

// expected-warning@#upd_alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim while mutex 'inode_info::i_lock' is held, and fs reclaim acquires 'inode_info::i_lock': possible deadlock [gfpdep-reclaim-under-lock]}}
// expected-note@#upd_lock {{mutex 'inode_info::i_lock' acquired here}}
// expected-note@#fsr {{fs_reclaim acquired here}}
// expected-note@#fsr_lock {{mutex 'inode_info::i_lock' acquired here, inside fs_reclaim}}
// expected-note@#upd_alloc {{allocate before acquiring 'inode_info::i_lock', or use GFP_NOWAIT while it is held}}
