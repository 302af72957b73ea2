// RUN: %gfpdep -I%inputs -Xclang -verify %s
// A function with a gfp_t parameter and no body allocates with it, unless
// the model says it only reads the mask (cpuset and mempolicy lookups such
// as __cpuset_node_allowed(), which hugetlb calls under hugetlb_lock).
#include <linux61.h>

bool __cpuset_node_allowed(int node, gfp_t gfp_mask);
void *unknown_allocator(size_t n, gfp_t gfp);
spinlock_t hugetlb_lock;

int dequeue_huge_page(int node, gfp_t gfp) {
  spin_lock(&hugetlb_lock);
  int ok = __cpuset_node_allowed(node, gfp); // clean: only reads the mask
  spin_unlock(&hugetlb_lock);
  return ok;
}
void *caller(void) {
  dequeue_huge_page(0, GFP_KERNEL);
  spin_lock(&hugetlb_lock); // #hl_lock
  void *p = unknown_allocator(64, GFP_KERNEL); // #unknown_alloc
  spin_unlock(&hugetlb_lock);
  return p;
}
// The true positive nearby: an unknown function given the mask.
// expected-warning@#unknown_alloc {{'unknown_allocator' with GFP_KERNEL may sleep in atomic context: spinlock 'hugetlb_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#hl_lock {{spinlock 'hugetlb_lock' acquired here}}
// expected-note@#unknown_alloc {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
