// RUN: %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-stats -I%annotations %s 2>&1 | FileCheck %s --implicit-check-not="iteration limit"
// A recursion that takes a lock again at every level (fs/jbd2/journal.c:
// jbd2_journal_abort() -> jbd2_journal_update_sb_errno() ->
// jbd2_write_superblock() -> jbd2_journal_abort()): the effects below keep
// one entry per held context, so the component's summaries reach their
// fixpoint instead of growing by one held lock per round until the
// iteration limit cuts them (which the stats line would report).
#include <gfpdep/kernel.h>

struct journal { struct mutex abort_mutex; rwlock_t state_lock; int flags, err; };

void journal_abort(struct journal *j, int err);

static int write_superblock(struct journal *j) {
  if (j->err)
    journal_abort(j, j->err);
  return j->err;
}

static void update_sb_errno(struct journal *j) {
  write_lock(&j->state_lock);
  j->flags |= 2;
  write_unlock(&j->state_lock);
  write_superblock(j);
}

void journal_abort(struct journal *j, int err) {
  mutex_lock(&j->abort_mutex); // #abort_lock
  write_lock(&j->state_lock);
  j->err = err;
  write_unlock(&j->state_lock);
  update_sb_errno(j);
  mutex_unlock(&j->abort_mutex);
}

// CHECK: gfpdep: {{[0-9]+}} functions extracted,
// CHECK: recursion-around.c:28:3: warning: acquiring mutex 'journal::abort_mutex' while it is already held: possible recursive locking [gfpdep-lock-order]
// CHECK: 1 warning generated.
