// RUN: %gfpdep -I%inputs -Xclang -verify %s
// RUN: env GFPDEP_DUMP_FACTS=1 %gfpdep -I%inputs %s 2>&1 | FileCheck %s --check-prefix=FACTS
// A flags parameter the function widens with constants, the page cache's
// __filemap_get_folio() (mm/filemap.c): "if (fgp_flags & FGP_LOCK)
// folio_lock(folio);", and further down, under "if (fgp_flags &
// FGP_CREAT)", "fgp_flags |= FGP_LOCK;" before "goto repeat". A caller
// passing 0 (filemap_get_folio(), from __try_to_reclaim_swap() under a
// page table lock) never takes the folio lock; one passing FGP_LOCK, or
// FGP_CREAT, does.
#include <linux61.h>

#define FGP_ACCESSED 0x1
#define FGP_LOCK 0x2
#define FGP_CREAT 0x4
#define FGP_WRITE 0x8
#define FGP_NOWAIT 0x20
#define FGP_DIRTY 0x200
struct folio;
struct folio *mapping_get_entry(unsigned long index);
bool folio_trylock(struct folio *f);
struct folio *filemap_alloc_folio(gfp_t gfp);
int filemap_add_folio(struct folio *f, unsigned long index);

static void folio_lock(struct folio *f) {
  might_sleep(); // #sleep
}

struct folio *__filemap_get_folio(unsigned long index, int fgp_flags, gfp_t gfp) {
  struct folio *folio;
repeat:
  folio = mapping_get_entry(index);
  if (!folio)
    goto no_page;
  if (fgp_flags & FGP_LOCK) {
    if (fgp_flags & FGP_NOWAIT) {
      if (!folio_trylock(folio))
        return NULL;
    } else {
      folio_lock(folio); // #lock_call
    }
  }
  return folio;
no_page:
  if (fgp_flags & FGP_CREAT) {
    if ((fgp_flags & FGP_WRITE) && gfp)
      fgp_flags |= FGP_DIRTY;
    folio = filemap_alloc_folio(gfp);
    if (!folio)
      return NULL;
    if (!(fgp_flags & FGP_LOCK))
      fgp_flags |= FGP_LOCK;
    if (filemap_add_folio(folio, index))
      goto repeat;
  }
  return folio;
}
// FACTS-DAG: widens param1 by 0x200 if 0x8 and 0x4
// FACTS-DAG: widens param1 by 0x2 if 0x4 and 0x0

static inline struct folio *filemap_get_folio(unsigned long index) {
  return __filemap_get_folio(index, 0, 0);
}

spinlock_t ptl;

// Clean: 0 neither locks nor creates.
void try_to_reclaim_swap(unsigned long off) {
  spin_lock(&ptl); // #reclaim_lock
  filemap_get_folio(off);
  spin_unlock(&ptl);
}

// FGP_CREAT alone: created folios are locked ("fgp_flags |= FGP_LOCK") and
// "goto repeat" reaches the folio_lock() test with the bit set.
void grab_created(unsigned long off) {
  spin_lock(&ptl); // #created_lock
  __filemap_get_folio(off, FGP_CREAT, GFP_ATOMIC); // #created_call
  spin_unlock(&ptl);
}
// expected-warning@#sleep {{'might_sleep' may sleep in atomic context: spinlock 'ptl' is held}}
// expected-note@#created_lock {{spinlock 'ptl' acquired here}}
// expected-note@#created_call {{'grab_created' calls '__filemap_get_folio' here}}
// expected-note@#lock_call {{'__filemap_get_folio' calls 'folio_lock' here}}
// expected-note@#locked_lock {{also held via this acquisition of spinlock 'ptl'}}
// Known imprecision of the notes, not of the findings: the contexts of
// every caller that reaches __filemap_get_folio() holding 'ptl' are one
// context there, so its "also held via" list names the clean callers too.
// expected-note@#reclaim_lock {{also held via this acquisition of spinlock 'ptl'}}
// expected-note@#nowait_lock {{also held via this acquisition of spinlock 'ptl'}}
// expected-note@#sleep {{move the call out of the atomic section}}

// FGP_LOCK itself: the true positive.
void grab_locked(unsigned long off) {
  spin_lock(&ptl); // #locked_lock
  __filemap_get_folio(off, FGP_LOCK, 0);
  spin_unlock(&ptl);
}

// FGP_LOCK | FGP_NOWAIT: the trylock branch, clean.
void grab_nowait(unsigned long off) {
  spin_lock(&ptl); // #nowait_lock
  __filemap_get_folio(off, FGP_LOCK | FGP_NOWAIT, 0);
  spin_unlock(&ptl);
}

// A widening outside any test of the flags: every caller may lock.
// FACTS: widens param1 by 0x2 if 0x0 and 0x0
static void lock_maybe(struct folio *f, int flags) {
  flags |= FGP_LOCK;
  if (flags & FGP_LOCK)
    folio_lock(f); // #always_call
}
void always(struct folio *f) {
  spin_lock(&ptl); // #always_lock
  lock_maybe(f, 0); // #always_site
  spin_unlock(&ptl);
}
// expected-note@#always_lock {{also held via this acquisition of spinlock 'ptl'}}
