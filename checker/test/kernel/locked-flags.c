// RUN: %gfpdep -I%inputs -Xclang -verify %s
// The compaction idiom (mm/compaction.c): a flag or pointer says whether the
// lock is held; a helper drops the lock and clears the flag through a
// pointer (compact_unlock_should_abort()'s "if (*locked) unlock; *locked =
// false"), and a loop drops it "if (locked)" before cond_resched(). The lock
// is held exactly when the flag says so, also when another flag was set
// together with it (isolate_migratepages_block()'s skip_updated).
#include <linux61.h>

struct zone { spinlock_t lock; };
struct lruvec { spinlock_t lru_lock; };
struct compact_control { struct zone *zone; int contended; int mode; };
bool page_buddy(unsigned long pfn);
struct lruvec *pfn_lruvec(unsigned long pfn);
bool test_and_set_skip(struct compact_control *cc, unsigned long pfn);

static bool compact_lock_irqsave(spinlock_t *lock, unsigned long *flags,
                                 struct compact_control *cc) {
  if (cc->mode == 0 && !cc->contended) {
    if (spin_trylock_irqsave(lock, *flags))
      return true;
    cc->contended = true;
  }
  spin_lock_irqsave(lock, *flags); // #lock
  return true;
}

static bool compact_unlock_should_abort(spinlock_t *lock, unsigned long flags,
                                        bool *locked, struct compact_control *cc) {
  if (*locked) {
    spin_unlock_irqrestore(lock, flags);
    *locked = false;
  }
  if (fatal_signal_pending(current)) {
    cc->contended = true;
    return true;
  }
  cond_resched(); // clean: the caller's lock is held only when *locked was
  return false;
}

unsigned long isolate_freepages_block(struct compact_control *cc, unsigned long pfn,
                                      unsigned long end_pfn) {
  unsigned long flags = 0, total = 0;
  bool locked = false;
  for (; pfn < end_pfn; pfn++) {
    if (!(pfn % 32) && compact_unlock_should_abort(&cc->zone->lock, flags, &locked, cc))
      break;
    if (!page_buddy(pfn))
      goto isolate_fail;
    if (!locked) {
      locked = compact_lock_irqsave(&cc->zone->lock, &flags, cc);
      if (!page_buddy(pfn))
        goto isolate_fail;
    }
    total++;
    continue;
isolate_fail:
    ;
  }
  if (locked)
    spin_unlock_irqrestore(&cc->zone->lock, flags);
  return total;
}

unsigned long isolate_migratepages_block(struct compact_control *cc, unsigned long pfn,
                                         unsigned long end_pfn) {
  unsigned long flags = 0, total = 0;
  struct lruvec *locked = NULL;
  bool skip_updated = false;
  for (; pfn < end_pfn; pfn++) {
    if (!(pfn % 32)) {
      if (locked) {
        spin_unlock_irqrestore(&locked->lru_lock, flags);
        locked = NULL;
      }
      if (fatal_signal_pending(current))
        break;
      cond_resched(); // clean: unlocked just above whenever locked
    }
    struct lruvec *lruvec = pfn_lruvec(pfn);
    if (lruvec != locked) {
      if (locked)
        spin_unlock_irqrestore(&locked->lru_lock, flags);
      compact_lock_irqsave(&lruvec->lru_lock, &flags, cc);
      locked = lruvec;
      if (!skip_updated) {
        skip_updated = true;
        if (test_and_set_skip(cc, pfn))
          break;
      }
    }
    total++;
  }
  if (locked)
    spin_unlock_irqrestore(&locked->lru_lock, flags);
  return total;
}

// The true positive nearby: the flag is cleared but the lock is not dropped.
static bool unlock_forgetful(spinlock_t *lock, unsigned long flags, bool *locked) {
  if (*locked)
    *locked = false; // forgot spin_unlock_irqrestore(lock, flags)
  cond_resched(); // #forgetful
  return false;
}
unsigned long isolate_forgetful(struct compact_control *cc, unsigned long pfn,
                                unsigned long end_pfn) {
  unsigned long flags = 0;
  bool locked = false;
  for (; pfn < end_pfn; pfn++) {
    if (!(pfn % 32) && unlock_forgetful(&cc->zone->lock, flags, &locked)) // #forgetful_call
      break;
    if (!locked)
      locked = compact_lock_irqsave(&cc->zone->lock, &flags, cc); // #forgetful_lock
  }
  if (locked)
    spin_unlock_irqrestore(&cc->zone->lock, flags);
  return 0;
}
// expected-warning@#forgetful {{'cond_resched' may sleep in atomic context: spinlock 'zone::lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#forgetful_lock {{'isolate_forgetful' calls 'compact_lock_irqsave' here}}
// expected-note@#lock {{spinlock 'zone::lock' acquired here}}
// expected-note@#forgetful_call {{'isolate_forgetful' calls 'unlock_forgetful' here}}
// expected-note@#forgetful {{move the call out of the atomic section}}
