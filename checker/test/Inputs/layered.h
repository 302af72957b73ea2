/* The kernel's layering, as in real trees: inline functions over macros over
 * out-of-line functions. gfpdep must recognise each modelled name at
 * whatever layer the code calls, and see through the rest. */
typedef unsigned long size_t;
typedef unsigned int gfp_t;
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_ATOMIC (__GFP_KSWAPD_RECLAIM | 0x20u)

typedef struct raw_spinlock { unsigned int slock; } raw_spinlock_t;
typedef struct spinlock {
  union {
    struct raw_spinlock rlock;
  };
} spinlock_t;
struct mutex { long owner; };
struct page;
struct kmem_cache;
extern struct kmem_cache *kmalloc_caches[4];

/* spinlock_api_smp.h / spinlock.h */
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags)                                     \
  do {                                                                         \
    flags = _raw_spin_lock_irqsave(lock);                                      \
  } while (0)
static inline raw_spinlock_t *spinlock_check(spinlock_t *lock) {
  return &lock->rlock;
}
static inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static inline void spin_unlock(spinlock_t *lock) { raw_spin_unlock(&lock->rlock); }
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    raw_spin_lock_irqsave(spinlock_check(lock), flags);                        \
  } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags) {
  _raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

/* mutex.h: mutex_lock is a macro over mutex_lock_nested with lockdep */
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
void mutex_unlock(struct mutex *lock);
#define mutex_lock(lock) mutex_lock_nested(lock, 0)

/* slab.h: kmalloc inline over kmalloc_trace / __kmalloc */
void *__kmalloc(size_t size, gfp_t flags);
void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size);
static inline void *kmalloc(size_t size, gfp_t flags) {
  if (__builtin_constant_p(size) && size <= 64)
    return kmalloc_trace(kmalloc_caches[0], flags, size);
  return __kmalloc(size, flags);
}

/* gfp.h: alloc_page is a macro over alloc_pages */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)

/* kernel.h: might_sleep over __might_sleep; preempt.h over preempt_count */
void __might_sleep(const char *file, int line);
#define might_sleep() do { __might_sleep(__FILE__, __LINE__); } while (0)
void preempt_count_add(int val);
void preempt_count_sub(int val);
#define preempt_count_inc() preempt_count_add(1)
#define preempt_count_dec() preempt_count_sub(1)
#define preempt_disable() do { preempt_count_inc(); __asm__ volatile("" ::: "memory"); } while (0)
#define preempt_enable() do { __asm__ volatile("" ::: "memory"); preempt_count_dec(); } while (0)
