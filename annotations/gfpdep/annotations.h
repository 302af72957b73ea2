/*===- gfpdep/annotations.h - promises and facts for gfpdep -------------===*
 *
 * Attribute macros gfpdep reads. Each expands to
 * __attribute__((annotate("gfpdep::NAME", ...))) under clang and to nothing
 * elsewhere, so annotated code builds with any compiler. Kernel-style code
 * needs none of them: the built-in model knows the kernel API by name.
 *
 * Parameter positions are 1-based, like clang's alloc_size and format.
 *===----------------------------------------------------------------------===*/

#ifndef GFPDEP_ANNOTATIONS_H
#define GFPDEP_ANNOTATIONS_H

#if defined(__clang__) && !defined(GFPDEP_NO_ANNOTATIONS)
#define GFPDEP_ANNOTATE(...) __attribute__((annotate(__VA_ARGS__)))
#else
#define GFPDEP_ANNOTATE(...)
#endif

/* Entry points: the whole function runs in this context. */
/** Runs inside reclaim on the OOM path (like an OOM notifier's callback). */
#define GFPDEP_OOM_NOTIFIER GFPDEP_ANNOTATE("gfpdep::oom_notifier")
/** Runs inside reclaim as a shrinker callback (with PF_MEMALLOC). */
#define GFPDEP_SHRINKER GFPDEP_ANNOTATE("gfpdep::shrinker")
/** Runs in atomic context (locks held, IRQs off): must not sleep. */
#define GFPDEP_ATOMIC_CONTEXT GFPDEP_ANNOTATE("gfpdep::atomic_context")
/** Runs in a non-blocking context (like an OOM-reaper mmu notifier). */
#define GFPDEP_NONBLOCKING_CONTEXT GFPDEP_ANNOTATE("gfpdep::nonblocking_context")

/* Promises, checked by rule gfpdep-contract. */
/** The function never sleeps, on any path. */
#define GFPDEP_NEVER_SLEEPS GFPDEP_ANNOTATE("gfpdep::never_sleeps")

/** Callers must not hold LOCK when calling the function: LOCK is a lock
 *  class name string ("record::field", or a global's name) or the 1-based
 *  position of a lock parameter. */
#define GFPDEP_MUST_NOT_HOLD(lock) GFPDEP_ANNOTATE("gfpdep::must_not_hold", lock)

/* Facts about functions whose bodies gfpdep does not see. */
/** The function may sleep. */
#define GFPDEP_MIGHT_SLEEP GFPDEP_ANNOTATE("gfpdep::might_sleep")
/** The function allocates with the GFP mask in parameter POS. */
#define GFPDEP_ALLOCATES(pos) GFPDEP_ANNOTATE("gfpdep::allocates", pos)
/** The function acquires the lock in parameter POS; FLAVOUR is one of
 *  "mutex" (default), "rwsem", "semaphore", "spin", "raw-spin", "rwlock". */
#define GFPDEP_ACQUIRES(pos, ...) GFPDEP_ANNOTATE("gfpdep::acquires", pos, ##__VA_ARGS__)
/** The function acquires the lock in parameter POS when it returns non-zero. */
#define GFPDEP_TRY_ACQUIRES(pos, ...) GFPDEP_ANNOTATE("gfpdep::try_acquires", pos, ##__VA_ARGS__)
/** The function releases the lock in parameter POS. */
#define GFPDEP_RELEASES(pos, ...) GFPDEP_ANNOTATE("gfpdep::releases", pos, ##__VA_ARGS__)

#endif /* GFPDEP_ANNOTATIONS_H */
