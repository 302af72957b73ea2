// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A function that returns with a lock held only on some results is a
// conditional acquirer, like a trylock: find_lock_task_mm() holds the
// task's alloc_lock iff it returns non-NULL.
#include <linux61.h>

struct task_struct *find_lock_task_mm(struct task_struct *p) {
  struct task_struct *t;
  rcu_read_lock();
  for (t = p; t; t = t->next) {
    task_lock(t);
    if (likely(t->mm))
      goto found;
    task_unlock(t);
  }
  t = NULL;
found:
  rcu_read_unlock();
  return t;
}

int oom_badness(struct task_struct *p) {
  struct task_struct *t = find_lock_task_mm(p);
  if (!t) {
    msleep(1); // clean: NULL, nothing held
    return 0;
  }
  int points = t->mm->map_count;
  task_unlock(t);
  msleep(1); // clean: released
  return points;
}

// The true positive nearby: sleeping while the task lock is held.
int dump_task(struct task_struct *p) {
  struct task_struct *t = find_lock_task_mm(p); // #find_call
  if (!t)
    return 0;
  msleep(2); // #held_sleep
  task_unlock(t);
  return 1;
}
// expected-warning@#held_sleep {{'msleep' may sleep in atomic context: spinlock 'task_struct::alloc_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#find_call {{'dump_task' calls 'find_lock_task_mm' here}}
// expected-note@*:* {{'find_lock_task_mm' calls 'task_lock' here}}
// expected-note@*:* {{spinlock 'task_struct::alloc_lock' acquired here}}
// expected-note@#held_sleep {{move the call out of the atomic section}}
