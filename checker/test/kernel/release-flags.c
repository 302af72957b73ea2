// RUN: %gfpdep -Xclang -verify %s
// A callee that drops its caller's lock and says so through a flag the
// caller passes by pointer (fs/ext4/indirect.c:
// ext4_ind_trunc_restart_fn() ends with "up_write(&EXT4_I(inode)->
// i_data_sem); *dropped = 1; return 0;" and returns early, lock kept and
// flag untouched, on errors; ext4_ind_truncate_ensure_credits() calls it
// inside ext4_journal_ensure_credits_fn()'s statement expression and
// then "if (dropped) down_write(...)"). Where the flag is set the lock is
// not held; where it is clear, it still is.
#include <gfpdep/kernel.h>

struct ext4_inode_info { struct rw_semaphore i_data_sem; int dirty; };
int mark_inode_dirty(struct ext4_inode_info *ei);
int journal_ensure_credits(void);
int journal_restart(void);

static int trunc_restart_fn(struct ext4_inode_info *ei, int *dropped) {
  int err = mark_inode_dirty(ei);
  if (err)
    return err;
  up_write(&ei->i_data_sem);
  *dropped = 1;
  return 0;
}

#define ensure_credits_fn(fn)                                                  \
  ({                                                                           \
    __label__ __ensure_end;                                                    \
    int err = journal_ensure_credits();                                        \
    if (err <= 0)                                                              \
      goto __ensure_end;                                                       \
    err = (fn);                                                                \
    if (err < 0)                                                               \
      goto __ensure_end;                                                       \
    err = journal_restart();                                                   \
    if (err == 0)                                                              \
      err = 1;                                                                 \
  __ensure_end:                                                                \
    err;                                                                       \
  })

// Clean: the lock is taken back only where the callee dropped it.
static int truncate_ensure_credits(struct ext4_inode_info *ei) {
  int ret;
  int dropped = 0;
  ret = ensure_credits_fn(trunc_restart_fn(ei, &dropped));
  if (dropped)
    down_write(&ei->i_data_sem);
  return ret;
}

void punch_hole(struct ext4_inode_info *ei) {
  down_write(&ei->i_data_sem);
  truncate_ensure_credits(ei);
  ei->dirty = 0;
  up_write(&ei->i_data_sem);
}

// The true positive nearby: taking the lock back where the flag is clear,
// where the callee kept it.
static void retake_when_kept(struct ext4_inode_info *ei) {
  int dropped = 0;
  trunc_restart_fn(ei, &dropped);
  if (!dropped)
    down_write(&ei->i_data_sem); // #kept_retake
}
void punch_hole_bad(struct ext4_inode_info *ei) {
  down_write(&ei->i_data_sem); // #bad_outer
  retake_when_kept(ei); // #bad_call
  up_write(&ei->i_data_sem);
}
// expected-warning@#kept_retake {{acquiring rw_semaphore 'ext4_inode_info::i_data_sem' while it is already held: possible recursive locking}}
// expected-note@#bad_outer {{rw_semaphore 'ext4_inode_info::i_data_sem' acquired here}}
// expected-note@#bad_call {{'punch_hole_bad' calls 'retake_when_kept' here}}
// expected-note@#kept_retake {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// A flag that may be set before the call says nothing of this call: the
// lock may still be held where it is set.
static void retake_stale_flag(struct ext4_inode_info *ei, int *dropped) {
  trunc_restart_fn(ei, dropped);
  if (*dropped)
    down_write(&ei->i_data_sem); // #stale_retake
}
void punch_hole_stale(struct ext4_inode_info *ei, int *dropped) {
  down_write(&ei->i_data_sem); // #stale_outer
  retake_stale_flag(ei, dropped); // #stale_call
  up_write(&ei->i_data_sem);
}
// expected-warning@#stale_retake {{acquiring rw_semaphore 'ext4_inode_info::i_data_sem' while it is already held: possible recursive locking}}
// expected-note@#stale_outer {{rw_semaphore 'ext4_inode_info::i_data_sem' acquired here}}
// expected-note@#stale_call {{'punch_hole_stale' calls 'retake_stale_flag' here}}
// expected-note@#stale_retake {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
