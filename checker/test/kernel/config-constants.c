// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A predicate whose body returns a constant for this configuration
// (seqprop_preemptible() on a plain seqcount_t, sched_core_disabled()
// without CONFIG_SCHED_CORE) decides its branch: the other one is dead.
// mm/memory.c's copy_page_range() "disables preemption" only that way.
#include <linux61.h>

struct mm { seqcount_t write_protect_seq; };
int copy_pages(struct mm *src, int is_cow);
int copy_page_range(struct mm *src, int is_cow) {
  if (is_cow)
    raw_write_seqcount_begin(&src->write_protect_seq);
  int ret = copy_pages(src, is_cow);
  kmalloc(64, GFP_KERNEL); // clean: preemption is never disabled here
  if (is_cow)
    raw_write_seqcount_end(&src->write_protect_seq);
  return ret;
}

static inline bool feature_enabled(void) { return true; }
spinlock_t feature_lock;
void take_feature_lock(void) {
  if (feature_enabled())
    spin_lock(&feature_lock); // #feature_lock
  kmalloc(64, GFP_KERNEL); // #feature_alloc
  spin_unlock(&feature_lock);
}
// The true positive nearby: the constant branch is the taken one.
// expected-warning@#feature_alloc {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'feature_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#feature_lock {{spinlock 'feature_lock' acquired here}}
// expected-note@#feature_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
