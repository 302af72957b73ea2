// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A trylock macro that expands to more than the trylock (spin_trylock_irqsave:
// local_irq_save(), then the trylock ? 1 : 0) is a trylock: its value says
// whether the lock is held. mm/compaction.c's compact_lock_irqsave().
#include <linux61.h>

struct compact_control { int async; int contended; };
static bool compact_lock_irqsave(spinlock_t *lock, unsigned long *flags,
                                 struct compact_control *cc) {
  if (cc->async && !cc->contended) {
    if (spin_trylock_irqsave(lock, *flags))
      return true;
    cc->contended = true;
  }
  spin_lock_irqsave(lock, *flags); // clean: the trylock failed on this path
  return true;
}
struct zone { spinlock_t lock; };
void isolate_freepages(struct zone *zone, struct compact_control *cc) {
  unsigned long flags;
  compact_lock_irqsave(&zone->lock, &flags, cc);
  spin_unlock_irqrestore(&zone->lock, flags);
  msleep(1); // clean: released on every path
}

// The true positive nearby: holding it across a sleep.
void isolate_freepages_sleepy(struct zone *zone, struct compact_control *cc) {
  unsigned long flags;
  compact_lock_irqsave(&zone->lock, &flags, cc); // #cl_call
  msleep(1); // #cl_sleep
  spin_unlock_irqrestore(&zone->lock, flags);
}
// expected-warning@#cl_sleep {{'msleep' may sleep in atomic context: spinlock 'zone::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#cl_call {{'isolate_freepages_sleepy' calls 'compact_lock_irqsave' here}}
// expected-note@*:* {{spinlock 'zone::lock' acquired here}}
// expected-note@#cl_sleep {{move the call out of the atomic section}}
