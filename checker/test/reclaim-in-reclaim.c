// RUN: %gfpdep -Xclang -verify %s
// Reclaim-capable allocations reachable from an OOM notifier, and __GFP_FS
// allocations inside an fs_reclaim section. Shrinkers run with PF_MEMALLOC:
// their allocations do not recurse.
#include <gfpdep/kernel.h>

static struct notifier_block oom_nb;

static void *grab(gfp_t gfp) { return kmalloc(32, gfp); } // #grab

static int on_oom(struct notifier_block *nb, unsigned long a, void *p) {
  grab(GFP_KERNEL);  // #oom_kernel
  grab(GFP_NOWAIT);  // clean: no direct reclaim
  grab(GFP_ATOMIC);  // clean
  unsigned int f = memalloc_noreclaim_save();
  grab(GFP_KERNEL);  // clean: PF_MEMALLOC
  memalloc_noreclaim_restore(f);
  return 0;
}

static unsigned long shrink_count(struct shrinker *s, struct shrink_control *sc) {
  kmalloc(8, GFP_KERNEL); // clean: shrinkers run with PF_MEMALLOC
  return 0;
}
static struct shrinker my_shrinker = {
    .count_objects = shrink_count,
};

void setup(void) {
  oom_nb.notifier_call = on_oom;
  register_oom_notifier(&oom_nb); // #reg
  register_shrinker(&my_shrinker, "mine");
}

void fs_section(void) {
  fs_reclaim_acquire(GFP_KERNEL); // #fsr
  kmalloc(16, GFP_KERNEL); // #fs_alloc
  kmalloc(16, GFP_NOFS);   // clean
  fs_reclaim_release(GFP_KERNEL);
  kmalloc(16, GFP_KERNEL); // clean: section ended
}

// expected-warning@#grab {{'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer from inside the OOM notifier 'on_oom': reclaim recursion on the OOM path [gfpdep-reclaim-in-reclaim]}}
// expected-note@#reg {{'on_oom' registered as an OOM notifier here}}
// expected-note@#oom_kernel {{'on_oom' calls 'grab' here}}
// expected-note@#oom_kernel {{GFP_KERNEL passed here}}
// expected-note@#grab {{use GFP_NOWAIT on paths reachable from the OOM notifier, or allocate in advance}}

// expected-warning@#fs_alloc {{'kmalloc' with GFP_KERNEL may enter fs reclaim inside an fs_reclaim section: reclaim recursion [gfpdep-reclaim-in-reclaim]}}
// expected-note@#fsr {{fs_reclaim acquired here}}
// expected-note@#fs_alloc {{use GFP_NOFS here, or memalloc_nofs_save() around the section}}
