// RUN: %gfpdep_cxx -Xclang -verify %s
// std::mutex with std::lock_guard, std::unique_lock (and its unlock()),
// std::scoped_lock, and direct lock()/unlock(): sleeping locks whose scope
// ends with the guard.
#include <gfpdep/kernel.h>
#include <mutex>
#include <utility>

struct Inventory {
  std::mutex items_lock;
  std::mutex audit_lock;
  spinlock_t stats;
};

void add_item(Inventory &inv) {
  std::lock_guard<std::mutex> g(inv.items_lock); // #add_items
  std::lock_guard<std::mutex> a(inv.audit_lock); // #add_audit
}

void audit(Inventory &inv) {
  std::unique_lock<std::mutex> a(inv.audit_lock); // #audit_audit
  {
    std::lock_guard<std::mutex> g(inv.items_lock); // #audit_items
  }
  a.unlock();
  std::lock_guard<std::mutex> g(inv.items_lock); // clean: audit_lock released
}
// The cycle closes at the edge entering the smallest class, audit_lock.
// expected-warning@#add_audit {{acquiring mutex 'Inventory::audit_lock' while holding 'Inventory::items_lock' closes the lock-order cycle 'Inventory::audit_lock' -> 'Inventory::items_lock' -> 'Inventory::audit_lock': possible deadlock [gfpdep-lock-order]}}
// expected-note@#add_items {{mutex 'Inventory::items_lock' acquired here}}
// expected-note@#audit_audit {{mutex 'Inventory::audit_lock' acquired here}}
// expected-note@#audit_items {{mutex 'Inventory::items_lock' acquired here while 'Inventory::audit_lock' is held}}
// expected-note@#add_audit {{take these locks in one order everywhere}}

void both(Inventory &inv) {
  std::scoped_lock s(inv.audit_lock, inv.items_lock); // clean: std::lock avoids deadlock
}

void under_spinlock(Inventory &inv) {
  spin_lock(&inv.stats); // #spin
  inv.items_lock.lock(); // #direct_lock
  inv.items_lock.unlock();
  spin_unlock(&inv.stats);
  std::lock_guard<std::mutex> g(inv.items_lock); // clean: spinlock released
}
// expected-warning@#direct_lock {{acquiring mutex 'Inventory::items_lock' may sleep in atomic context: spinlock 'Inventory::stats' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#spin {{spinlock 'Inventory::stats' acquired here}}
// expected-note@#direct_lock {{take the sleeping lock before the atomic section begins}}

// A guard passed by reference to a helper that unlocks it: the caller's
// guard holds nothing after the call, so taking the mutex again is clean.
static void drop(std::unique_lock<std::mutex> &g) { g.unlock(); }
static void keep(std::unique_lock<std::mutex> &g) { (void)g.owns_lock(); }
void handoff(Inventory &inv) {
  std::unique_lock<std::mutex> g(inv.audit_lock);
  drop(g);
  std::lock_guard<std::mutex> again(inv.audit_lock); // clean
}
// The true positive next to it: a helper that does not unlock it.
void handoff_kept(Inventory &inv) {
  std::unique_lock<std::mutex> g(inv.audit_lock); // #kept_guard
  keep(g);
  std::lock_guard<std::mutex> again(inv.audit_lock); // #kept_again
}
// expected-warning@#kept_again {{acquiring mutex 'Inventory::audit_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#kept_guard {{mutex 'Inventory::audit_lock' acquired here}}
// expected-note@#kept_again {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// Guards moved: into a by-value parameter, which releases the lock at the
// callee's end (clean after the call); into another guard, which holds it
// until its own scope ends (recursive while it lives, clean after).
static void consume(std::unique_lock<std::mutex> g) { (void)g; }
void moved_guard(Inventory &inv) {
  std::unique_lock<std::mutex> g(inv.audit_lock);
  consume(std::move(g));
  std::lock_guard<std::mutex> again(inv.audit_lock); // clean
}
void moved_into_guard(Inventory &inv) {
  std::unique_lock<std::mutex> g(inv.audit_lock); // #moved_guard
  std::unique_lock<std::mutex> h(std::move(g));
  std::lock_guard<std::mutex> again(inv.audit_lock); // #moved_again
}
// expected-warning@#moved_again {{acquiring mutex 'Inventory::audit_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#moved_guard {{mutex 'Inventory::audit_lock' acquired here}}
// expected-note@#moved_again {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
void moved_into_inner_guard(Inventory &inv) {
  std::unique_lock<std::mutex> g(inv.audit_lock);
  {
    std::unique_lock<std::mutex> h(std::move(g));
  }
  std::lock_guard<std::mutex> again(inv.audit_lock); // clean: h released it
}
