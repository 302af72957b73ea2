// Annotation misuse in C++: references and guards passed by value are lock
// parameters, `this` is not counted, a template's parameter is checked where
// its type is known, a member is not a function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %gfpdep_cxx -ferror-limit=0 -Xclang -verify %s
// RUN: %gfpdep_cxx -ferror-limit=0 -Xclang -verify -fplugin-arg-gfpdep-summary-dir=%t/s %s
#include <gfpdep/annotations.h>
#include <gfpdep/kernel.h>

struct Lock { int word; };
template <class M> struct Guard { M *m; };

// Valid.
GFPDEP_ACQUIRES(1) void lock_ref(Lock &l);
GFPDEP_RELEASES(1) void unlock_guard(Guard<Lock> g); // a guard moved in
GFPDEP_ALLOCATES(1) void *alloc_ref(const gfp_t &gfp);
struct Pool {
  GFPDEP_ALLOCATES(1) void *get(gfp_t gfp); // positions do not count `this`
  GFPDEP_ACQUIRES(1, "spin") void lock(Lock *l);
  static GFPDEP_MIGHT_SLEEP void drain();
};
template <class T> GFPDEP_ALLOCATES(1) void *talloc(T gfp) { return nullptr; }
void *use_talloc() { return talloc(GFP_KERNEL); } // T = unsigned int

// Errors.
struct Cache {
  GFPDEP_ALLOCATES(1) void *get(int n); // expected-error {{'gfpdep::allocates' needs parameter 1 of 'Cache::get' to be a GFP mask (gfp_t or another unsigned integer type), but 'n' is 'int'; give the position of the parameter that holds the GFP mask}}
  GFPDEP_NEVER_SLEEPS static int hits; // expected-error {{'gfpdep::never_sleeps' applies to functions, but it is on variable 'Cache::hits'; put it on a function's declaration}}
  GFPDEP_MIGHT_SLEEP int budget; // expected-error {{'gfpdep::might_sleep' applies to functions, but it is on field 'Cache::budget'; put it on a function's declaration}}
};
template <class T> GFPDEP_RELEASES(1) void tunlock(T l) {} // expected-error {{'gfpdep::releases' needs parameter 1 of 'tunlock<int>' to be a pointer to a lock, but 'l' is 'int'; give the position of the parameter that points to the lock}}
void use_tunlock(Lock *l) {
  tunlock(l); // fine: T = Lock *
  tunlock(1);
}
struct GFPDEP_MIGHT_SLEEP Device { int x; }; // expected-error {{'gfpdep::might_sleep' applies to functions, but it is on struct 'Device'; put it on a function's declaration}}
GFPDEP_NEVER_SLEEPS GFPDEP_MIGHT_SLEEP void Pool::drain() {} // expected-error {{'gfpdep::never_sleeps' contradicts 'gfpdep::might_sleep' on 'Pool::drain'}}
