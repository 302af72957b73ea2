/*===- gfpdep/kernel.h - a small model of the Linux kernel API -----------===*
 *
 * Declarations with the real kernel names, types and GFP values (Linux 6.1),
 * for code written kernel-style outside a kernel tree: gfpdep's own tests and
 * fixtures, and user-space ports of kernel code. Compiles as C and as C++.
 * Only declarations: gfpdep knows what these functions do by name.
 *
 * As in the kernel, some entry points are macros over lower layers
 * (alloc_page -> alloc_pages, spin_lock_irqsave -> _raw_spin_lock_irqsave,
 * local_irq_save -> arch_local_irq_save, wait_event -> might_sleep).
 *===----------------------------------------------------------------------===*/

#ifndef GFPDEP_KERNEL_H
#define GFPDEP_KERNEL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long size_t_k;
typedef unsigned int gfp_t;
typedef long long s64;
typedef unsigned long long u64;
typedef unsigned int u32;
#ifdef __cplusplus
typedef bool bool_k;
#else
typedef _Bool bool_k;
#endif

#ifndef __force
#define __force
#endif

/* ---- GFP flags: Linux 6.1 (include/linux/gfp_types.h) ------------------ */
#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_RECLAIMABLE 0x10u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_WRITE 0x1000u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_NOMEMALLOC 0x80000u
#define ___GFP_HARDWALL 0x100000u
#define ___GFP_THISNODE 0x200000u
#define ___GFP_ACCOUNT 0x400000u

#define __GFP_DMA ((__force gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((__force gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((__force gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE ((__force gfp_t)___GFP_MOVABLE)
#define __GFP_RECLAIMABLE ((__force gfp_t)___GFP_RECLAIMABLE)
#define __GFP_HIGH ((__force gfp_t)___GFP_HIGH)
#define __GFP_IO ((__force gfp_t)___GFP_IO)
#define __GFP_FS ((__force gfp_t)___GFP_FS)
#define __GFP_ZERO ((__force gfp_t)___GFP_ZERO)
#define __GFP_ATOMIC ((__force gfp_t)___GFP_ATOMIC)
#define __GFP_DIRECT_RECLAIM ((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((__force gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_WRITE ((__force gfp_t)___GFP_WRITE)
#define __GFP_NOWARN ((__force gfp_t)___GFP_NOWARN)
#define __GFP_RETRY_MAYFAIL ((__force gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL ((__force gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY ((__force gfp_t)___GFP_NORETRY)
#define __GFP_MEMALLOC ((__force gfp_t)___GFP_MEMALLOC)
#define __GFP_COMP ((__force gfp_t)___GFP_COMP)
#define __GFP_NOMEMALLOC ((__force gfp_t)___GFP_NOMEMALLOC)
#define __GFP_HARDWALL ((__force gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE ((__force gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT ((__force gfp_t)___GFP_ACCOUNT)

#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

/* ---- types -------------------------------------------------------------- */
struct list_head { struct list_head *next, *prev; };
struct mutex { long owner; };
struct raw_spinlock { unsigned int slock; };
typedef struct raw_spinlock raw_spinlock_t;
struct spinlock { struct raw_spinlock rlock; };
typedef struct spinlock spinlock_t;
typedef struct { unsigned int cnts; } rwlock_t;
struct rw_semaphore { long count; raw_spinlock_t wait_lock; };
struct semaphore { unsigned int count; };
typedef struct { s64 counter; } atomic64_t;
struct completion { unsigned int done; };
struct wait_queue_head { spinlock_t lock; struct list_head head; };
typedef struct wait_queue_head wait_queue_head_t;
struct page { unsigned long flags; struct list_head lru; };
struct kmem_cache;
struct mempool_s;
typedef struct mempool_s mempool_t;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct work_struct { unsigned long data; work_func_t func; };
struct workqueue_struct;
struct scatterlist { unsigned long page_link; unsigned int offset, length; };
struct virtqueue { void *priv; };
struct virtio_device { u64 features; };
struct xarray { spinlock_t xa_lock; void *xa_head; };
struct ida { struct xarray xa; };
struct device;
struct sk_buff;
typedef u64 dma_addr_t;

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action,
                             void *data);
struct notifier_block {
  notifier_fn_t notifier_call;
  struct notifier_block *next;
  int priority;
};

struct shrink_control { gfp_t gfp_mask; unsigned long nr_to_scan; };
struct shrinker {
  unsigned long (*count_objects)(struct shrinker *, struct shrink_control *);
  unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *);
  long batch;
  int seeks;
};

struct timer_list { void (*function)(struct timer_list *); unsigned long expires; };
/* As in Linux 6.1: the work item's function is a store into ->func. */
struct delayed_work { struct work_struct work; struct timer_list timer; };
#define INIT_WORK(_work, _func)                                                \
  do {                                                                         \
    (_work)->data = 0;                                                         \
    (_work)->func = (_func);                                                   \
  } while (0)
#define INIT_DELAYED_WORK(_work, _func) INIT_WORK(&(_work)->work, (_func))
#define DECLARE_WORK(n, f) struct work_struct n = {.data = 0, .func = (f)}
struct tasklet_struct { void (*func)(unsigned long); unsigned long data; };
typedef int irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int, void *);

/* ---- allocation ----------------------------------------------------------- */
void *__kmalloc(size_t_k size, gfp_t flags);
void *kmalloc(size_t_k size, gfp_t flags);
void *kzalloc(size_t_k size, gfp_t flags);
void *kcalloc(size_t_k n, size_t_k size, gfp_t flags);
void *kmalloc_array(size_t_k n, size_t_k size, gfp_t flags);
void *krealloc(const void *p, size_t_k new_size, gfp_t flags);
void *kvmalloc(size_t_k size, gfp_t flags);
void kfree(const void *p);
void kvfree(const void *p);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *p);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void *mempool_alloc(mempool_t *pool, gfp_t gfp);
char *kstrdup(const char *s, gfp_t gfp);
void *kmemdup(const void *src, size_t_k len, gfp_t gfp);
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void vfree(const void *addr);
int radix_tree_preload(gfp_t gfp);
void radix_tree_preload_end(void);
void idr_preload(gfp_t gfp);
void idr_preload_end(void);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_load(struct xarray *xa, unsigned long index);
void *xa_erase(struct xarray *xa, unsigned long index);
int ida_alloc(struct ida *ida, gfp_t gfp);
int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist *sg,
                        unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist *sg,
                         unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[],
                      unsigned int out_sgs, unsigned int in_sgs, void *data,
                      gfp_t gfp);
bool_k virtqueue_kick(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
struct sk_buff *alloc_skb(unsigned int size, gfp_t priority);
void *dma_alloc_coherent(struct device *dev, size_t_k size, dma_addr_t *handle,
                         gfp_t gfp);
void might_alloc(gfp_t gfp);
gfp_t current_gfp_context(gfp_t flags);

/* ---- sleeping locks ---------------------------------------------------------- */
void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
void down_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void down_write_nested(struct rw_semaphore *sem, int subclass);
void down_read_nested(struct rw_semaphore *sem, int subclass);
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_trylock(struct semaphore *sem);
void up(struct semaphore *sem);

/* ---- spinning locks -------------------------------------------------------------- */
void spin_lock_init(spinlock_t *lock);
void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);
void spin_lock(spinlock_t *lock);
void spin_lock_nested(spinlock_t *lock, int subclass);
void spin_lock_bh(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
#define spin_lock_irqsave(lock, flags)                                         \
  do {                                                                         \
    (flags) = _raw_spin_lock_irqsave(&(lock)->rlock);                          \
  } while (0)
int spin_trylock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
void raw_spin_lock(raw_spinlock_t *lock);
void raw_spin_unlock(raw_spinlock_t *lock);
void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock(rwlock_t *lock);
void write_unlock(rwlock_t *lock);
void write_lock_irq(rwlock_t *lock);
void write_unlock_irq(rwlock_t *lock);
#define xa_lock(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa) spin_unlock(&(xa)->xa_lock)
#define xa_lock_irq(xa) spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa) spin_unlock_irq(&(xa)->xa_lock)

/* ---- scope guards (include/linux/cleanup.h style) ------------------------ */
#define __GFPDEP_PASTE_(a, b) a##b
#define __GFPDEP_PASTE(a, b) __GFPDEP_PASTE_(a, b)
#define DEFINE_GUARD(_name, _type, _lock, _unlock)                             \
  typedef _type class_##_name##_t;                                             \
  static inline void class_##_name##_destructor(_type *p) {                    \
    _type _T = *p;                                                             \
    if (_T) {                                                                  \
      _unlock;                                                                 \
    }                                                                          \
  }                                                                            \
  static inline _type class_##_name##_constructor(_type _T) {                  \
    _lock;                                                                     \
    return _T;                                                                 \
  }
#define CLASS(_name, var)                                                      \
  class_##_name##_t var __attribute__((cleanup(class_##_name##_destructor))) = \
      class_##_name##_constructor
#define guard(_name) CLASS(_name, __GFPDEP_PASTE(__guard_, __COUNTER__))
#define scoped_guard(_name, ...)                                               \
  for (CLASS(_name, scope)(__VA_ARGS__), *__done = 0; !__done;                 \
       __done = (void *)1)

/* ---- atomic and non-blocking sections ---------------------------------------------- */
unsigned long arch_local_irq_save(void);
void arch_local_irq_restore(unsigned long flags);
#define local_irq_save(flags) ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
void local_irq_disable(void);
void local_irq_enable(void);
void preempt_disable(void);
void preempt_enable(void);
void rcu_read_lock(void);
void rcu_read_unlock(void);
void local_bh_disable(void);
void local_bh_enable(void);
void non_block_start(void);
void non_block_end(void);

/* ---- allocation scopes, fs_reclaim, lockdep hints ------------------------------------ */
unsigned int memalloc_noreclaim_save(void);
void memalloc_noreclaim_restore(unsigned int flags);
unsigned int memalloc_noio_save(void);
void memalloc_noio_restore(unsigned int flags);
unsigned int memalloc_nofs_save(void);
void memalloc_nofs_restore(unsigned int flags);
void fs_reclaim_acquire(gfp_t gfp_mask);
void fs_reclaim_release(gfp_t gfp_mask);
void might_sleep(void);
void __lockdep_assert_held(const void *lock);
#define lockdep_assert_held(l) __lockdep_assert_held(l)

/* ---- blocking ---------------------------------------------------------------------------- */
void msleep(unsigned int msecs);
void ssleep(unsigned int seconds);
void usleep_range(unsigned long min, unsigned long max);
void schedule(void);
long schedule_timeout(long timeout);
int cond_resched(void);
void wait_for_completion(struct completion *x);
void complete(struct completion *x);
void init_completion(struct completion *x);
void synchronize_rcu(void);
bool_k flush_work(struct work_struct *work);
bool_k cancel_work_sync(struct work_struct *work);
bool_k cancel_work(struct work_struct *work);
bool_k flush_delayed_work(struct delayed_work *dwork);
bool_k cancel_delayed_work_sync(struct delayed_work *dwork);
int del_timer_sync(struct timer_list *timer);
int del_timer(struct timer_list *timer);
void complete_all(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
unsigned long copy_from_user(void *to, const void *from, unsigned long n);
unsigned long copy_to_user(void *to, const void *from, unsigned long n);
#define wait_event(wq_head, condition)                                         \
  do {                                                                         \
    might_sleep();                                                             \
    while (!(condition))                                                       \
      schedule();                                                              \
  } while (0)

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_GUARD(spinlock, spinlock_t *, spin_lock(_T), spin_unlock(_T))

/* ---- callbacks --------------------------------------------------------------------------- */
int register_oom_notifier(struct notifier_block *nb);
int unregister_oom_notifier(struct notifier_block *nb);
int register_shrinker(struct shrinker *shrinker, const char *fmt, ...);
void unregister_shrinker(struct shrinker *shrinker);
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
                const char *name, void *dev);
int request_threaded_irq(unsigned int irq, irq_handler_t handler,
                         irq_handler_t thread_fn, unsigned long flags,
                         const char *name, void *dev);
const void *free_irq(unsigned int irq, void *dev_id);
void synchronize_irq(unsigned int irq);
/* Kernel threads and workqueues, shaped as in Linux 6.1: kthread_run() is a
   statement expression over kthread_create_on_node(). */
struct task_struct;
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
                                           int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, ...)                           \
  kthread_create_on_node(threadfn, data, -1, namefmt, ##__VA_ARGS__)
int wake_up_process(struct task_struct *p);
#define kthread_run(threadfn, data, namefmt, ...)                              \
  ({                                                                           \
    struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
    if (__k)                                                                   \
      wake_up_process(__k);                                                    \
    __k;                                                                       \
  })
int kthread_stop(struct task_struct *k);
bool_k kthread_should_stop(void);
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
                                         int max_active, ...);
bool_k queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool_k queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
                             struct delayed_work *dwork, unsigned long delay);
static inline bool_k queue_work(struct workqueue_struct *wq, struct work_struct *work) {
  return queue_work_on(-1, wq, work);
}
static inline bool_k queue_delayed_work(struct workqueue_struct *wq,
                                        struct delayed_work *dwork, unsigned long delay) {
  return queue_delayed_work_on(-1, wq, dwork, delay);
}
void __flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq) __flush_workqueue(wq)
void drain_workqueue(struct workqueue_struct *wq);
void destroy_workqueue(struct workqueue_struct *wq);
extern struct workqueue_struct *system_wq;
static inline bool_k schedule_work(struct work_struct *work) {
  return queue_work(system_wq, work);
}
#define flush_scheduled_work() __flush_workqueue(system_wq)
void timer_setup(struct timer_list *timer,
                 void (*callback)(struct timer_list *), unsigned int flags);
void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long),
                  unsigned long data);

/* ---- misc ---------------------------------------------------------------------------------- */
s64 atomic64_read(const atomic64_t *v);
void atomic64_add(s64 i, atomic64_t *v);
void atomic64_sub(s64 i, atomic64_t *v);
bool_k virtio_has_feature(const struct virtio_device *vdev, unsigned int fbit);
void list_add(struct list_head *entry, struct list_head *head);
void list_del(struct list_head *entry);
int list_empty(const struct list_head *head);
void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen);

#define ENOMEM 12
#define EAGAIN 11
#define NOTIFY_OK 0x0001
#define IRQ_HANDLED 1

#ifdef __cplusplus
}
#endif

#endif /* GFPDEP_KERNEL_H */
