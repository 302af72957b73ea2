// RUN: %gfpdep -Xclang -verify %s
// RUN: %gfpdep -Xclang -verify=walker -DWALK_ALL %s
// RUN: %gfpdep -Xclang -verify=reset -DRESET %s
// RUN: %gfpdep -Xclang -verify -DHELPER %s
// RUN: %gfpdep -Xclang -verify=helper -DHELPER -DWALK_ALL %s
// A walker told by a field of its caller's struct whether it may block:
// reclaim's folio_referenced() walks the rmap with a local "struct
// rmap_walk_control rwc = { ..., .try_lock = true }", and rmap_walk_file()
// returns before i_mmap_lock_read() when rwc->try_lock is set (only the
// trylock runs). Reclaim through that walker does not acquire the lock, so
// holding it across a GFP_KERNEL allocation is no deadlock. A walker whose
// caller leaves try_lock 0 (or sets it to 0 on the way) does acquire it.
// With -DHELPER the walker takes the lock in a helper (i_mmap_lock_read()):
// the helper's acquisition is concrete there, and the constant must reach
// it top-down, through the walker's test on the way to the call.
#include <gfpdep/kernel.h>
#include <stdbool.h>

struct address_space { struct rw_semaphore i_mmap_rwsem; };
struct walk_control {
  void *arg;
  bool try_lock;
  bool contended;
};

static int mapping_trylock(struct address_space *m) {
  return down_read_trylock(&m->i_mmap_rwsem);
}

static void mapping_lock(struct address_space *m) {
  down_read(&m->i_mmap_rwsem); // #helper_acquire
}

static void walk_file(struct address_space *m, struct walk_control *wc) {
  if (mapping_trylock(m))
    goto found;
  if (wc->try_lock) {
    wc->contended = true; // another field: try_lock keeps its value
    return;
  }
#ifdef HELPER
  mapping_lock(m); // #acquire_call
#else
  down_read(&m->i_mmap_rwsem); // #acquire
#endif
found:
  up_read(&m->i_mmap_rwsem);
}

// The walker's parameter passed on: the caller's constant follows it.
static void walk(struct address_space *m, struct walk_control *wc) {
  walk_file(m, wc); // #walk_file
}

static int referenced(struct address_space *m) {
#ifdef WALK_ALL
  struct walk_control wc = { .arg = 0 }; // try_lock left out: 0
#else
  struct walk_control wc = { .arg = 0, .try_lock = true };
#endif
  walk(m, &wc); // #walk
  return wc.contended;
}

void shrink_list(struct address_space *m) {
  fs_reclaim_acquire(GFP_KERNEL); // #fsr
  referenced(m); // #referenced
  fs_reclaim_release(GFP_KERNEL);
}

// Holds the lock across an allocation that may enter fs reclaim: a deadlock
// only where reclaim's walker takes the lock.
void holder(struct address_space *m) {
  down_write(&m->i_mmap_rwsem); // #held
  kmalloc(64, GFP_KERNEL); // #alloc
  up_write(&m->i_mmap_rwsem);
}

#ifdef RESET
// The field written before the test: the caller's constant says nothing.
static void walk_reset(struct address_space *m, struct walk_control *wc) {
  wc->try_lock = false;
  if (wc->try_lock)
    return;
  down_read(&m->i_mmap_rwsem); // #reset_acquire
  up_read(&m->i_mmap_rwsem);
}

void shrink_reset(struct address_space *m) {
  struct walk_control wc = { .try_lock = true };
  fs_reclaim_acquire(GFP_KERNEL); // #reset_fsr
  walk_reset(m, &wc); // #reset_call
  fs_reclaim_release(GFP_KERNEL);
}
#endif

// expected-no-diagnostics

// reset-warning@#alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim while rw_semaphore 'address_space::i_mmap_rwsem' is held, and fs reclaim acquires 'address_space::i_mmap_rwsem': possible deadlock [gfpdep-reclaim-under-lock]}}
// reset-note@#held {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here}}
// reset-note@#reset_fsr {{fs_reclaim acquired here}}
// reset-note@#reset_call {{'shrink_reset' calls 'walk_reset' here}}
// reset-note@#reset_acquire {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here, inside fs_reclaim}}
// reset-note@#alloc {{allocate before acquiring 'address_space::i_mmap_rwsem', or use GFP_NOWAIT while it is held}}

// walker-warning@#alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim while rw_semaphore 'address_space::i_mmap_rwsem' is held, and fs reclaim acquires 'address_space::i_mmap_rwsem': possible deadlock [gfpdep-reclaim-under-lock]}}
// walker-note@#held {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here}}
// walker-note@#fsr {{fs_reclaim acquired here}}
// walker-note@#referenced {{'shrink_list' calls 'referenced' here}}
// walker-note@#walk {{'referenced' calls 'walk' here}}
// walker-note@#walk_file {{'walk' calls 'walk_file' here}}
// walker-note@#acquire {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here, inside fs_reclaim}}
// walker-note@#alloc {{allocate before acquiring 'address_space::i_mmap_rwsem', or use GFP_NOWAIT while it is held}}

// helper-warning@#alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim while rw_semaphore 'address_space::i_mmap_rwsem' is held, and fs reclaim acquires 'address_space::i_mmap_rwsem': possible deadlock [gfpdep-reclaim-under-lock]}}
// helper-note@#held {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here}}
// helper-note@#fsr {{fs_reclaim acquired here}}
// helper-note@#referenced {{'shrink_list' calls 'referenced' here}}
// helper-note@#walk {{'referenced' calls 'walk' here}}
// helper-note@#walk_file {{'walk' calls 'walk_file' here}}
// helper-note@#acquire_call {{'walk_file' calls 'mapping_lock' here}}
// helper-note@#helper_acquire {{rw_semaphore 'address_space::i_mmap_rwsem' acquired here, inside fs_reclaim}}
// helper-note@#alloc {{allocate before acquiring 'address_space::i_mmap_rwsem', or use GFP_NOWAIT while it is held}}
