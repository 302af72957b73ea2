// RUN: %kbuild %s | FileCheck %s --implicit-check-not=warning:
// Masks through Linux 6.1's headers, where they are not written literally at
// the allocation: returned by a helper (balloon_mapping_gfp_mask(), the
// 4.14 fill_balloon() mask; a helper of our own), a parameter passed through
// a helper, current_gfp_context(), a field read whose stores the program
// makes (an initialiser; mapping_set_gfp_mask() storing its parameter, read
// back by mapping_gfp_mask()). Each is GFP_KERNEL-like under a lock the OOM
// notifier takes; the GFP_NOWAIT one is clean.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/notifier.h>
#include <linux/gfp.h>
#include <linux/balloon_compaction.h>
#include <linux/pagemap.h>
#include <linux/sched/mm.h>

static DEFINE_MUTEX(conf_lock);
static int conf_oom_notify(struct notifier_block *nb, unsigned long unused, void *freed)
{
	mutex_lock(&conf_lock);
	mutex_unlock(&conf_lock);
	return NOTIFY_OK;
}
static struct notifier_block conf_oom_nb = { .notifier_call = conf_oom_notify };
static gfp_t conf_gfp(void) { return GFP_KERNEL; }
static gfp_t conf_pass(gfp_t g) { return g | __GFP_NOWARN; }
struct conf_s { gfp_t gfp; };

void conf_a(void)
{
	struct page *p;
	mutex_lock(&conf_lock);
	p = alloc_page(balloon_mapping_gfp_mask() | __GFP_NOMEMALLOC | __GFP_NORETRY);
	mutex_unlock(&conf_lock);
}
void conf_b(void) { mutex_lock(&conf_lock); kfree(kmalloc(8, conf_gfp())); mutex_unlock(&conf_lock); }
void conf_c(void) { mutex_lock(&conf_lock); kfree(kmalloc(8, conf_pass(GFP_KERNEL))); mutex_unlock(&conf_lock); }
void conf_d(void) { mutex_lock(&conf_lock); kfree(kmalloc(8, current_gfp_context(GFP_KERNEL))); mutex_unlock(&conf_lock); }
void conf_e(struct address_space *m) { mutex_lock(&conf_lock); kfree(kmalloc(8, mapping_gfp_mask(m))); mutex_unlock(&conf_lock); }
void conf_e_set(struct address_space *m) { mapping_set_gfp_mask(m, GFP_KERNEL); }
struct conf_s conf_cs = { .gfp = GFP_KERNEL };
void conf_f(struct conf_s *s) { mutex_lock(&conf_lock); kfree(kmalloc(8, s->gfp)); mutex_unlock(&conf_lock); }
void conf_g(void) { mutex_lock(&conf_lock); kfree(kmalloc(8, conf_pass(GFP_NOWAIT))); mutex_unlock(&conf_lock); }
int conf_init(void) { return register_oom_notifier(&conf_oom_nb); }
MODULE_LICENSE("GPL");

// CHECK:      masks.c:35:{{[0-9]+}}: warning: 'alloc_page' with GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | __GFP_NOMEMALLOC may enter direct reclaim (it does not invoke the OOM killer itself: __GFP_NORETRY) while mutex 'conf_lock' is held, and the OOM notifier 'conf_oom_notify' acquires 'conf_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK-NEXT: masks.c:34:{{[0-9]+}}: note: mutex 'conf_lock' acquired here
// CHECK-NEXT: masks.c:35:{{[0-9]+}}: note: GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | __GFP_NOMEMALLOC passed here
// CHECK:      masks.c:38:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'conf_lock' is held
// CHECK:      masks.c:27:{{[0-9]+}}: note: GFP_KERNEL passed here
// CHECK:      masks.c:39:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL | __GFP_NOWARN may enter direct reclaim
// CHECK:      masks.c:40:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim
// CHECK:      masks.c:41:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim
// CHECK:      masks.c:42:{{[0-9]+}}: note: GFP_KERNEL passed here
// CHECK:      masks.c:44:{{[0-9]+}}: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim
// CHECK:      masks.c:43:{{[0-9]+}}: note: GFP_KERNEL passed here
// conf_g (GFP_NOWAIT through the same helper, line 45) gives nothing.
