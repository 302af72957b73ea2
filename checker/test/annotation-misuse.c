// Annotation misuse is an error at the annotation, naming the annotation, the
// problem and the fix, in every front end that reads annotations: the
// plugin's default route, the per-unit engine (summaries), clang-tidy.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %gfpdep -ferror-limit=0 -Xclang -verify %s
// RUN: %gfpdep -ferror-limit=0 -Xclang -verify -fplugin-arg-gfpdep-summary-dir=%t/s %s
// RUN: not %clang_tidy_gfpdep %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=TIDY
#include <gfpdep/annotations.h>
#include <gfpdep/kernel.h>

struct dev { struct mutex lock; spinlock_t slock; unsigned long flags; };

// A parameter of the wrong type: a GFP mask is a gfp_t (or another unsigned
// integer), a lock parameter points to the lock.
GFPDEP_ALLOCATES(1) void *alloc_int(int n, gfp_t gfp); // expected-error {{'gfpdep::allocates' needs parameter 1 of 'alloc_int' to be a GFP mask (gfp_t or another unsigned integer type), but 'n' is 'int'; did you mean parameter 2 ('gfp')?}}
GFPDEP_ALLOCATES(1) void *alloc_ptr(struct dev *d); // expected-error {{'gfpdep::allocates' needs parameter 1 of 'alloc_ptr' to be a GFP mask (gfp_t or another unsigned integer type), but 'd' is 'struct dev *'; give the position of the parameter that holds the GFP mask}}
GFPDEP_RELEASES(1) void release_int(int n); // expected-error {{'gfpdep::releases' needs parameter 1 of 'release_int' to be a pointer to a lock, but 'n' is 'int'; give the position of the parameter that points to the lock}}
GFPDEP_ACQUIRES(1, "spin") void acquire_int(int n, struct dev *d); // expected-error {{'gfpdep::acquires' needs parameter 1 of 'acquire_int' to be a pointer to a lock, but 'n' is 'int'; did you mean parameter 2 ('d')?}}
GFPDEP_TRY_ACQUIRES(1) int trylock_fnptr(void (*cb)(void)); // expected-error {{'gfpdep::try_acquires' needs parameter 1 of 'trylock_fnptr' to be a pointer to a lock, but 'cb' is 'void (*)(void)'; give the position of the parameter that points to the lock}}
GFPDEP_MUST_NOT_HOLD(1) void wait_int(int timeout); // expected-error {{'gfpdep::must_not_hold' needs parameter 1 of 'wait_int' to be a pointer to a lock, but 'timeout' is 'int'; give the position of the parameter that points to the lock, or name the lock class as a string ("record::field" or a global's name)}}
// Reported once, not again at each redeclaration that inherits it.
GFPDEP_RELEASES(1) void release_flags(unsigned long flags); // expected-error {{'gfpdep::releases' needs parameter 1 of 'release_flags' to be a pointer to a lock, but 'flags' is 'unsigned long'; give the position of the parameter that points to the lock}}
void release_flags(unsigned long f);

// A function annotation on something that is not a function.
GFPDEP_MIGHT_SLEEP int firmware_ready; // expected-error {{'gfpdep::might_sleep' applies to functions, but it is on variable 'firmware_ready'; put it on a function's declaration}}
struct ops {
  GFPDEP_NEVER_SLEEPS unsigned long budget; // expected-error {{'gfpdep::never_sleeps' applies to functions, but it is on field 'ops::budget'; put it on a function's declaration}}
  GFPDEP_NEVER_SLEEPS int (*poll)(struct dev *); // expected-error {{'gfpdep::never_sleeps' applies to functions, but it is on field 'ops::poll', a function pointer; put it on the functions stored in it instead (gfpdep follows calls through the pointer to them)}}
};
GFPDEP_ATOMIC_CONTEXT void (*irq_hook)(void); // expected-error {{'gfpdep::atomic_context' applies to functions, but it is on variable 'irq_hook', a function pointer; put it on the functions stored in it instead (gfpdep follows calls through the pointer to them)}}
typedef GFPDEP_MIGHT_SLEEP void flush_fn(struct dev *); // expected-error {{'gfpdep::might_sleep' applies to functions, but it is on type 'flush_fn', a function type; put it on each function of this type}}
void set_mode(GFPDEP_ALLOCATES(1) gfp_t gfp); // expected-error {{'gfpdep::allocates' applies to functions, but it is on parameter 'gfp'; put it on a function's declaration}}
__attribute__((annotate("gfpdep::sleeps_sometimes"))) int typo_var; // expected-error {{unknown gfpdep annotation 'gfpdep::sleeps_sometimes'; known annotations: oom_notifier, shrinker, atomic_context, nonblocking_context, never_sleeps, must_not_hold, might_sleep, allocates, acquires, try_acquires, releases}}

// Contradictory annotations on one function.
GFPDEP_NEVER_SLEEPS GFPDEP_MIGHT_SLEEP void never_and_might(void); // expected-error {{'gfpdep::never_sleeps' contradicts 'gfpdep::might_sleep' on 'never_and_might': a function that promises never to sleep cannot be declared to sleep; drop one of them}}
// On two declarations: the error is at the second.
GFPDEP_MIGHT_SLEEP void split_decls(void);
GFPDEP_NEVER_SLEEPS void split_decls(void); // expected-error {{'gfpdep::never_sleeps' contradicts 'gfpdep::might_sleep' on 'split_decls'}}
void split_decls(void);
GFPDEP_ATOMIC_CONTEXT GFPDEP_MIGHT_SLEEP void atomic_and_might(void); // expected-error {{'gfpdep::atomic_context' contradicts 'gfpdep::might_sleep' on 'atomic_and_might': a function that runs in atomic context cannot be declared to sleep; drop one of them}}
GFPDEP_NONBLOCKING_CONTEXT GFPDEP_MIGHT_SLEEP void nonblock_and_might(void); // expected-error {{'gfpdep::nonblocking_context' contradicts 'gfpdep::might_sleep' on 'nonblock_and_might': a function that runs in a non-blocking context cannot be declared to sleep; drop one of them}}
GFPDEP_NEVER_SLEEPS GFPDEP_ACQUIRES(1) void never_and_mutex(struct dev *d); // expected-error {{'gfpdep::never_sleeps' contradicts 'gfpdep::acquires' on 'never_and_mutex': a function that promises never to sleep cannot acquire a mutex, which may sleep; give a spinning flavour ("spin", "raw-spin" or "rwlock"), or drop one of them}}
GFPDEP_MUST_NOT_HOLD(1) GFPDEP_RELEASES(1) void unheld_release(struct dev *d); // expected-error {{'gfpdep::must_not_hold' contradicts 'gfpdep::releases' on 'unheld_release': callers must hold the lock in parameter 1 for 'unheld_release' to release it; drop one of them}}
GFPDEP_ACQUIRES(1) GFPDEP_RELEASES(1) void lock_and_unlock(struct dev *d); // expected-error {{'gfpdep::acquires' conflicts with 'gfpdep::releases' on 'lock_and_unlock': gfpdep describes a function by one of might_sleep, allocates, acquires, try_acquires and releases, and would ignore the other; keep one}}
GFPDEP_ACQUIRES(1, "spin") GFPDEP_ACQUIRES(1, "mutex") void two_flavours(struct dev *d); // expected-error {{'gfpdep::acquires' is given twice on 'two_flavours' with different arguments; keep one}}

// Valid: none of these is an error.
typedef unsigned int my_flags_t;
GFPDEP_ALLOCATES(2) void *pool_get(void *pool, gfp_t gfp);
GFPDEP_ALLOCATES(2) void *port_alloc(unsigned long size, my_flags_t flags);
GFPDEP_ACQUIRES(1, "spin") void dev_lock(struct dev *d);
GFPDEP_RELEASES(1, "spin") void dev_unlock(struct dev *d);
GFPDEP_ACQUIRES(2, "spin") void bit_lock(int bit, unsigned long *word);
GFPDEP_RELEASES(1) void opaque_unlock(void *handle);
GFPDEP_MUST_NOT_HOLD(1) GFPDEP_ACQUIRES(1) void plain_lock(struct mutex *m);
GFPDEP_NEVER_SLEEPS GFPDEP_ACQUIRES(1, "spin") void spin_only(struct dev *d);
GFPDEP_NEVER_SLEEPS GFPDEP_TRY_ACQUIRES(1) int try_only(struct dev *d);
GFPDEP_ATOMIC_CONTEXT GFPDEP_NEVER_SLEEPS void quiet(struct dev *d);
GFPDEP_MIGHT_SLEEP void resync(struct dev *d);
GFPDEP_MIGHT_SLEEP void resync(struct dev *d); // the same annotation again
void use(struct dev *d) {
  dev_lock(d);
  pool_get(d, GFP_ATOMIC);
  dev_unlock(d);
}

// clang-tidy reports them under gfpdep-contract.
// TIDY-DAG: error: 'gfpdep::allocates' needs parameter 1 of 'alloc_int' to be a GFP mask (gfp_t or another unsigned integer type), but 'n' is 'int'; did you mean parameter 2 ('gfp')? [gfpdep-contract]
// TIDY-DAG: error: 'gfpdep::releases' needs parameter 1 of 'release_int' to be a pointer to a lock, but 'n' is 'int'; give the position of the parameter that points to the lock [gfpdep-contract]
// TIDY-DAG: error: 'gfpdep::might_sleep' applies to functions, but it is on variable 'firmware_ready'; put it on a function's declaration [gfpdep-contract]
// TIDY-DAG: error: 'gfpdep::never_sleeps' applies to functions, but it is on field 'ops::budget'; put it on a function's declaration [gfpdep-contract]
// TIDY-DAG: error: 'gfpdep::never_sleeps' contradicts 'gfpdep::might_sleep' on 'never_and_might': a function that promises never to sleep cannot be declared to sleep; drop one of them [gfpdep-contract]
