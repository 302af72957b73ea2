// RUN: %gfpdep -Xclang -verify %s
// A callee that drops its caller's lock exactly when it returns non-zero
// (fs/jbd2/transaction.c: add_transaction_credits() "releases j_state_lock
// on a non-zero return", and start_this_handle() goes back to "repeat:"
// to take it again). On the branch where the result says "dropped" the
// lock is not held; where it says "kept", and where nobody looks, it may be.
#include <gfpdep/kernel.h>

struct journal { rwlock_t state_lock; int running, barrier; };

static void wait_locked(struct journal *j) {
  read_unlock(&j->state_lock);
  schedule();
}

static int add_credits(struct journal *j, int blocks) {
  if (j->running < blocks) {
    wait_locked(j); // drops the lock
    return 1;
  }
  return 0; // keeps it
}

// False positive that must go: the retry loop takes the lock again at
// "repeat:", and nothing sleeps with it held.
int start_handle(struct journal *j, int blocks) {
repeat:
  if (j->barrier)
    schedule();
  read_lock(&j->state_lock);
  if (add_credits(j, blocks))
    goto repeat;
  j->running -= blocks;
  read_unlock(&j->state_lock);
  return 0;
}

// True positives that must stay: sleeping where the result says the lock
// was kept, and where the result is not looked at.
int start_kept(struct journal *j, int blocks) {
  read_lock(&j->state_lock); // #kept_lock
  if (!add_credits(j, blocks)) {
    msleep(1); // #kept_sleep
    read_unlock(&j->state_lock);
    return 0;
  }
  return 1;
}
// expected-warning@#kept_sleep {{'msleep' may sleep in atomic context: rwlock 'journal::state_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#kept_lock {{rwlock 'journal::state_lock' acquired here}}
// expected-note@#kept_sleep {{move the call out of the atomic section}}

void start_ignored(struct journal *j, int blocks) {
  read_lock(&j->state_lock); // #ign_lock
  add_credits(j, blocks);
  msleep(1); // #ign_sleep
}
// expected-warning@#ign_sleep {{'msleep' may sleep in atomic context: rwlock 'journal::state_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#ign_lock {{rwlock 'journal::state_lock' acquired here}}
// expected-note@#ign_sleep {{move the call out of the atomic section}}

// The caller's caller's lock: a function that passes the result on tests it
// for its own caller.
static int try_credits(struct journal *j) {
  if (add_credits(j, 1))
    return 1; // dropped
  return 0;
}
int start_outer(struct journal *j) {
  read_lock(&j->state_lock);
  if (try_credits(j)) {
    msleep(1); // clean: dropped
    return 1;
  }
  read_unlock(&j->state_lock);
  return 0;
}
