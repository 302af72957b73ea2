// A lock graph with one lock-order cycle (a <-> b), a class one edge from
// it (c), one two edges away (d), a chain apart from both (e -> f), and a
// reclaim deadlock (pool held across a GFP_KERNEL allocation, taken by the
// OOM notifier).
#include <gfpdep/kernel.h>
struct mutex a, b, c, d, e, f, pool;
void a_then_b(void) { mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); }
void b_then_a(void) { mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b); }
void b_then_c(void) { mutex_lock(&b); mutex_lock(&c); mutex_unlock(&c); mutex_unlock(&b); }
void c_then_d(void) { mutex_lock(&c); mutex_lock(&d); mutex_unlock(&d); mutex_unlock(&c); }
void e_then_f(void) { mutex_lock(&e); mutex_lock(&f); mutex_unlock(&f); mutex_unlock(&e); }
void *pool_refill(void) {
  mutex_lock(&pool);
  void *p = kmalloc(64, GFP_KERNEL);
  mutex_unlock(&pool);
  return p;
}
static int pool_oom(struct notifier_block *nb, unsigned long a, void *p) {
  mutex_lock(&pool);
  mutex_unlock(&pool);
  return 0;
}
static struct notifier_block pool_nb = { .notifier_call = pool_oom };
void pool_init(void) { register_oom_notifier(&pool_nb); }
