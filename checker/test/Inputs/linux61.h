/* The shapes Linux 6.1's headers take on x86_64 defconfig (no lockdep, no
 * CONFIG_DEBUG_ATOMIC_SLEEP, PREEMPT_DYNAMIC with static calls), written
 * for gfpdep's tests: inline functions over macros over out-of-line
 * functions, hints that expand to nothing, subclasses that the expansion
 * casts away, locks handed around as values. Not the kernel's code: the
 * same layering, reduced. */
#ifndef GFPDEP_TEST_LINUX61_H
#define GFPDEP_TEST_LINUX61_H

typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
typedef unsigned int gfp_t;
typedef unsigned long pteval_t;

/* gfp_types.h */
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_HIGH 0x20u
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)
#define __GFP_NORETRY ((gfp_t)___GFP_NORETRY)
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define GFP_ATOMIC (__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)

/* compiler.h, bug.h */
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define BUG()                                                                  \
  do {                                                                         \
    __asm__ volatile("ud2");                                                   \
    __builtin_unreachable();                                                   \
  } while (0)
#define BUG_ON(condition)                                                      \
  do {                                                                         \
    if (unlikely(condition))                                                   \
      BUG();                                                                   \
  } while (0)
__attribute__((noreturn)) void panic(const char *fmt, ...);
#define __compiletime_assert(condition, msg, prefix, suffix)                   \
  do {                                                                         \
    __attribute__((noreturn)) extern void prefix##suffix(void);               \
    if (!(condition))                                                          \
      prefix##suffix();                                                        \
  } while (0)
#define _compiletime_assert(condition, msg, prefix, suffix)                    \
  __compiletime_assert(condition, msg, prefix, suffix)
#define compiletime_assert(condition, msg)                                     \
  _compiletime_assert(condition, msg, __compiletime_assert_, __COUNTER__)
#define clamp_t(type, val, lo, hi)                                             \
  ({                                                                           \
    type __val = (val), __lo = (lo), __hi = (hi);                              \
    compiletime_assert(sizeof(type) <= 8, "clamp_t");                          \
    __val < __lo ? __lo : (__val > __hi ? __hi : __val);                       \
  })

/* kernel.h: hints without CONFIG_DEBUG_ATOMIC_SLEEP */
extern void __SCT__might_resched(void);
#define might_resched() __SCT__might_resched()
#define might_sleep() do { might_resched(); } while (0)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
/* sched.h with CONFIG_PREEMPT_DYNAMIC, without CONFIG_DEBUG_ATOMIC_SLEEP */
static inline void __might_resched(const char *file, int line, unsigned int offsets) {}
extern int __SCT__cond_resched(void);
static inline int _cond_resched(void) { return __SCT__cond_resched(); }
#define cond_resched() ({ __might_resched(__FILE__, __LINE__, 0); _cond_resched(); })
struct task_struct;
extern struct task_struct *get_current(void);
#define current get_current()
int fatal_signal_pending(struct task_struct *p);
#define non_block_start() do { } while (0)
#define non_block_end() do { } while (0)
/* lockdep.h without CONFIG_LOCKDEP */
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define SINGLE_DEPTH_NESTING 1
#define lockdep_set_class(lock, key) do { (void)(key); } while (0)
#define lockdep_set_class_and_name(lock, key, name) do { (void)(key); (void)(name); } while (0)
#define lockdep_set_subclass(lock, sub) do { } while (0)

/* bitops: a read with an asm barrier */
static inline bool variable_test_bit(long nr, const volatile unsigned long *addr) {
  bool oldbit;
  __asm__ volatile("bt %2,%1" : "=@ccc"(oldbit) : "m"(*addr), "Ir"(nr) : "memory");
  return oldbit;
}
static inline bool constant_test_bit(long nr, const volatile unsigned long *addr) {
  return 1UL & (addr[nr / 64] >> (nr & 63));
}
#define test_bit(nr, addr)                                                     \
  (__builtin_constant_p(nr) ? constant_test_bit((nr), (addr))                  \
                            : variable_test_bit((nr), (addr)))

/* spinlock_types.h, spinlock.h, spinlock_api_smp.h */
typedef struct raw_spinlock { unsigned int raw_lock; } raw_spinlock_t;
typedef struct spinlock {
  union {
    struct raw_spinlock rlock;
  };
} spinlock_t;
typedef struct { unsigned int cnts; } rwlock_t;
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_bh(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
int _raw_spin_trylock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_unlock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass) _raw_spin_lock(((void)(subclass), (lock)))
#define raw_spin_lock_bh(lock) _raw_spin_lock_bh(lock)
#define raw_spin_lock_irq(lock) _raw_spin_lock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)                                     \
  do {                                                                         \
    flags = _raw_spin_lock_irqsave(lock);                                      \
  } while (0)
#define raw_spin_trylock(lock) _raw_spin_trylock(lock)
#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_unlock_bh(lock) _raw_spin_unlock_bh(lock)
#define raw_spin_unlock_irq(lock) _raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags) _raw_spin_unlock_irqrestore(lock, flags)
/* rwlock.h, rwlock_api_smp.h */
void _raw_read_lock(rwlock_t *lock);
void _raw_write_lock(rwlock_t *lock);
void _raw_read_unlock(rwlock_t *lock);
void _raw_write_unlock(rwlock_t *lock);
void _raw_write_lock_bh(rwlock_t *lock);
void _raw_write_unlock_bh(rwlock_t *lock);
#define read_lock(lock) _raw_read_lock(lock)
#define write_lock(lock) _raw_write_lock(lock)
#define read_unlock(lock) _raw_read_unlock(lock)
#define write_unlock(lock) _raw_write_unlock(lock)
#define write_lock_bh(lock) _raw_write_lock_bh(lock)
#define write_unlock_bh(lock) _raw_write_unlock_bh(lock)
static inline raw_spinlock_t *spinlock_check(spinlock_t *lock) { return &lock->rlock; }
static inline void spin_lock(spinlock_t *lock) { raw_spin_lock(&lock->rlock); }
static inline void spin_lock_bh(spinlock_t *lock) { raw_spin_lock_bh(&lock->rlock); }
static inline void spin_lock_irq(spinlock_t *lock) { raw_spin_lock_irq(&lock->rlock); }
#define spin_lock_nested(lock, subclass)                                       \
  raw_spin_lock_nested(spinlock_check(lock), subclass)
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    raw_spin_lock_irqsave(spinlock_check(lock), flags);                        \
  } while (0)
static inline int spin_trylock(spinlock_t *lock) { return raw_spin_trylock(&lock->rlock); }
static inline void spin_unlock(spinlock_t *lock) { raw_spin_unlock(&lock->rlock); }
static inline void spin_unlock_bh(spinlock_t *lock) { raw_spin_unlock_bh(&lock->rlock); }
static inline void spin_unlock_irq(spinlock_t *lock) { raw_spin_unlock_irq(&lock->rlock); }
static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags) {
  raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

/* irqflags.h, spinlock.h's trylock with IRQs saved */
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
#define local_irq_save(flags) do { flags = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) do { arch_local_irq_restore(flags); } while (0)
#define raw_spin_trylock_irqsave(lock, flags)                                  \
  ({                                                                           \
    local_irq_save(flags);                                                     \
    raw_spin_trylock(lock) ? 1 : ({ local_irq_restore(flags); 0; });           \
  })
#define spin_trylock_irqsave(lock, flags)                                      \
  ({ raw_spin_trylock_irqsave(spinlock_check(lock), flags); })

/* seqlock.h: a plain seqcount is never preemptible */
typedef struct seqcount { unsigned sequence; } seqcount_t;
static inline bool __seqprop_preemptible(const seqcount_t *s) { return false; }
#define seqprop_preemptible(s) __seqprop_preemptible(s)
#define raw_write_seqcount_begin(s)                                            \
  do {                                                                         \
    if (seqprop_preemptible(s))                                                \
      preempt_disable();                                                       \
    (s)->sequence++;                                                           \
  } while (0)
#define raw_write_seqcount_end(s)                                              \
  do {                                                                         \
    (s)->sequence++;                                                           \
    if (seqprop_preemptible(s))                                                \
      preempt_enable();                                                        \
  } while (0)

/* mutex.h without CONFIG_DEBUG_LOCK_ALLOC */
struct mutex { long owner; };
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
struct lock_class_key { int dummy; };
extern void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#define mutex_init(mutex)                                                      \
  do {                                                                         \
    static struct lock_class_key __key;                                        \
    __mutex_init((mutex), #mutex, &__key);                                     \
  } while (0)
struct rw_semaphore { long count; };
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);

/* bottom halves, preemption, RCU */
void __local_bh_disable_ip(unsigned long ip, unsigned int cnt);
void __local_bh_enable_ip(unsigned long ip, unsigned int cnt);
static inline void local_bh_disable(void) { __local_bh_disable_ip(0, 0x200); }
static inline void local_bh_enable(void) { __local_bh_enable_ip(0, 0x200); }
void __rcu_read_lock(void);
void __rcu_read_unlock(void);
static inline void rcu_read_lock(void) { __rcu_read_lock(); }
static inline void rcu_read_unlock(void) { __rcu_read_unlock(); }
extern int __preempt_count;
#define preempt_disable() do { __preempt_count++; __asm__ volatile("" ::: "memory"); } while (0)
#define preempt_enable() do { __asm__ volatile("" ::: "memory"); __preempt_count--; } while (0)

/* slab.h, gfp.h */
void *__kmalloc(size_t size, gfp_t flags);
static inline void *kmalloc(size_t size, gfp_t flags) { return __kmalloc(size, flags); }
static inline void *kzalloc(size_t size, gfp_t flags) { return kmalloc(size, flags | __GFP_ZERO); }
void kfree(const void *p);
struct page;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
void schedule(void);
void msleep(unsigned int msecs);
long schedule_timeout(long timeout);

/* uaccess.h, highmem: user copies, and page faults disabled by kmap_atomic */
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
extern int __pagefault_disabled;
static inline void pagefault_disable(void) { __pagefault_disabled++; }
static inline void pagefault_enable(void) { __pagefault_disabled--; }
void *page_address(const struct page *page);
static inline void *kmap_atomic(struct page *page) {
  preempt_disable();
  pagefault_disable();
  return page_address(page);
}
static inline void kunmap_atomic(void *addr) {
  pagefault_enable();
  preempt_enable();
}

/* refcount.h */
typedef struct refcount_struct { int refs; } refcount_t;
bool __refcount_sub_and_test(int i, refcount_t *r, int *oldp);
static inline bool __refcount_dec_and_test(refcount_t *r, int *oldp) {
  return __refcount_sub_and_test(1, r, oldp);
}
static inline bool refcount_dec_and_test(refcount_t *r) {
  return __refcount_dec_and_test(r, NULL);
}

/* mm_types.h, mm.h: page-table locks handed around as values */
struct page { unsigned long flags; spinlock_t ptl; };
struct mm_struct { spinlock_t page_table_lock; int map_count; };
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { pteval_t pte; } pte_t;
struct page *pmd_pgtable_page(pmd_t *pmd);
static inline spinlock_t *ptlock_ptr(struct page *page) { return &page->ptl; }
static inline spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd) {
  return ptlock_ptr(pmd_pgtable_page(pmd));
}
static inline spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd) {
  spinlock_t *ptl = pmd_lockptr(mm, pmd);
  spin_lock(ptl);
  return ptl;
}
static inline spinlock_t *pud_lockptr(struct mm_struct *mm, pud_t *pud) {
  return &mm->page_table_lock;
}
static inline spinlock_t *pud_lock(struct mm_struct *mm, pud_t *pud) {
  spinlock_t *ptl = pud_lockptr(mm, pud);
  spin_lock(ptl);
  return ptl;
}
struct page *pmd_page(pmd_t pmd);
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd) {
  return ptlock_ptr(pmd_page(*pmd));
}
pte_t *pte_offset_map(pmd_t *pmd, unsigned long address);
#define pte_offset_map_lock(mm, pmd, address, ptlp)                            \
  ({                                                                           \
    spinlock_t *__ptl = pte_lockptr(mm, pmd);                                  \
    pte_t *__pte = pte_offset_map(pmd, address);                               \
    *(ptlp) = __ptl;                                                           \
    spin_lock(__ptl);                                                          \
    __pte;                                                                     \
  })
#define pte_unmap(pte) ((void)(pte))
#define pte_unmap_unlock(pte, ptl)                                             \
  do {                                                                         \
    spin_unlock(ptl);                                                          \
    pte_unmap(pte);                                                            \
  } while (0)
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
#define pte_alloc(mm, pmd) (unlikely(!(pmd)->pmd) && __pte_alloc(mm, pmd))
#define pte_alloc_map_lock(mm, pmd, address, ptlp)                             \
  (pte_alloc(mm, pmd) ? NULL : pte_offset_map_lock(mm, pmd, address, ptlp))

/* sched.h: the runqueue lock through an accessor */
struct rq { raw_spinlock_t __lock; unsigned int nr_running; };
static inline raw_spinlock_t *rq_lockp(struct rq *rq) { return &rq->__lock; }
void raw_spin_rq_lock_nested(struct rq *rq, int subclass);
void raw_spin_rq_unlock(struct rq *rq);
static inline void raw_spin_rq_lock(struct rq *rq) { raw_spin_rq_lock_nested(rq, 0); }

/* sched/task.h, oom.c */
struct task_struct { spinlock_t alloc_lock; struct mm_struct *mm; struct task_struct *next; };
static inline void task_lock(struct task_struct *p) { spin_lock(&p->alloc_lock); }
static inline void task_unlock(struct task_struct *p) { spin_unlock(&p->alloc_lock); }

/* wait.h */
struct wait_queue_head { spinlock_t lock; };
struct completion { unsigned int done; struct wait_queue_head wait; };
void complete(struct completion *x);
void wait_for_completion(struct completion *x);

#endif
