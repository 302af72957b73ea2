// RUN: %gfpdep -Xclang -verify %s
// RUN: %gfpdep -Xclang -verify=chain -fplugin-arg-gfpdep-stack-budget=8192 -fplugin-arg-gfpdep-stack-chain-budget=1200 %s
// RUN: %gfpdep -Xclang -verify=small -fplugin-arg-gfpdep-stack-budget=2048 %s
// RUN: not %gfpdep -fplugin-arg-gfpdep-stack-budget=8 %s 2>&1 | FileCheck %s --check-prefix=BAD
// Large frames below an OOM notifier, a shrinker or an fs_reclaim section:
// seed 001, Tetsuo Handa on leak_balloon()'s pfns[] array: "This array
// consumes 1024 bytes of kernel stack, doesn't it? leak_balloon() might be
// called from out_of_memory() where kernel stack is already largely
// consumed".
#include <gfpdep/kernel.h>

typedef unsigned int u32;
struct vb {
  struct notifier_block nb;
  u32 pfns[256]; // the fix: the buffer lives in the device
};

static void tell_host(struct vb *v, u32 *pfns, unsigned n) {}

static unsigned leak_balloon(struct vb *v, unsigned num) {
  unsigned int num_pfns = 0;
  u32 pfns[256]; // #pfns
  u32 scratch[40]; // #scratch
  for (; num_pfns < num && num_pfns < 256; ++num_pfns)
    pfns[num_pfns] = scratch[num_pfns % 40] = num_pfns;
  tell_host(v, pfns, num_pfns);
  return num_pfns;
}
// expected-warning@#pfns {{'leak_balloon' keeps 1188 bytes of locals on the stack ('pfns': 1024), over the 512-byte budget, below the OOM notifier 'oom_notify', on a stack the failing allocation has already used deeply}}
// expected-note@#reg {{'oom_notify' registered as an OOM notifier here}}
// expected-note@#call {{'oom_notify' calls 'leak_balloon' here}}
// expected-note@#scratch {{'scratch' takes 160 bytes of the frame}}
// expected-note@#pfns {{allocate 'pfns' in advance (a field of the object, set up at probe time, as the virtio_balloon fix did with vb->pfns) instead of on the stack}}
// With a chain budget (and no frame over its own): reported where the sum
// of the frames from the entry first goes over it, the entry's own frame
// (608 bytes) included.
// chain-warning@#pfns {{the frames of the chain down to 'leak_balloon' keep 1796 bytes of locals on the stack, over the 1200-byte chain budget, below the OOM notifier 'oom_notify'}}
// chain-note@#reg {{'oom_notify' registered as an OOM notifier here}}
// chain-note@#call {{'oom_notify' calls 'leak_balloon' here}}
// chain-note@#scratch {{'scratch' takes 160 bytes of the frame}}
// chain-note@#pfns {{allocate 'pfns' in advance}}

// The fix the thread settled on: the array is vb->pfns.
static unsigned leak_balloon_fixed(struct vb *v, unsigned num) {
  unsigned int num_pfns;
  for (num_pfns = 0; num_pfns < num && num_pfns < 256; ++num_pfns)
    v->pfns[num_pfns] = num_pfns;
  tell_host(v, v->pfns, num_pfns);
  return num_pfns;
}

// A static buffer is not on the stack (out_of_memory() is serialised by
// oom_lock, as Tetsuo notes, so one buffer is enough): clean.
static unsigned leak_balloon_static(struct vb *v, unsigned num) {
  static u32 oom_pfns[256];
  unsigned int n;
  for (n = 0; n < num && n < 256; ++n)
    oom_pfns[n] = n;
  tell_host(v, oom_pfns, n);
  return n;
}

static int oom_notify(struct notifier_block *nb, unsigned long a, void *p) {
  struct vb *v = (struct vb *)nb;
  char buf[600]; // #buf
  buf[0] = 0;
  leak_balloon(v, 256); // #call
  leak_balloon_fixed(v, 256);
  leak_balloon_static(v, 256);
  return buf[0];
}
// expected-warning@#buf {{'oom_notify' keeps 608 bytes of locals on the stack ('buf': 600), over the 512-byte budget, in the OOM notifier 'oom_notify', on a stack the failing allocation has already used deeply}}
// expected-note@#reg {{'oom_notify' registered as an OOM notifier here}}
// expected-note@#buf {{allocate 'buf' in advance}}

// The same function reached only from process context is fine.
void deflate_work(struct vb *v) {
  leak_balloon(v, 256);
}

static void flush_all(void);

// Disjoint scopes share their slots: two blocks of 400 bytes each keep 400
// bytes on the stack, not 800 (under the budget: clean).
static int sibling_scopes(void) {
  int r;
  {
    char a[400]; // #a
    a[0] = 1;
    r = a[0];
  }
  {
    char b[400]; // #b
    b[0] = 2;
    r += b[0];
  }
  return r;
}
// With the chain budget the shrinker's 804 bytes and these 404 go over it.
// chain-warning@#a {{the frames of the chain down to 'sibling_scopes' keep 1208 bytes of locals on the stack, over the 1200-byte chain budget, below the shrinker callback 'shrink_scan'}}
// chain-note@#shr {{'shrink_scan' registered as a shrinker callback here}}
// chain-note@#sib {{'shrink_scan' calls 'sibling_scopes' here}}
// chain-note@#b {{'b' takes 400 bytes of the frame}}
// chain-note@#a {{allocate 'a' in advance}}

// A shrinker's callbacks run inside reclaim; a leaf with no calls counts too.
static unsigned long shrink_scan(struct shrinker *s, struct shrink_control *sc) {
  long table[100]; // #table
  for (int i = 0; i < 100; ++i)
    table[i] = i;
  flush_all(); // #scall
  return table[99] + sibling_scopes(); // #sib
}
// expected-warning@#table {{'shrink_scan' keeps 804 bytes of locals on the stack ('table': 800), over the 512-byte budget, in the shrinker callback 'shrink_scan'}}
// expected-note@#shr {{'shrink_scan' registered as a shrinker callback here}}
// expected-note@#table {{allocate 'table' in advance}}
static struct shrinker my_shrinker = {.scan_objects = shrink_scan};

// Inside an fs_reclaim section.
static void flush_all(void) {
  char page[4096]; // #page
  page[0] = 1;
  (void)page;
}
void reclaim_path(void) {
  fs_reclaim_acquire(GFP_KERNEL); // #fsr
  flush_all(); // #fcall
  fs_reclaim_release(GFP_KERNEL);
  flush_all(); // clean: the section ended
}
// expected-warning@#page {{'flush_all' keeps 4096 bytes of locals on the stack ('page': 4096), over the 512-byte budget, inside an fs_reclaim section}}
// expected-note@#fsr {{fs_reclaim acquired here}}
// expected-note@#fcall {{'reclaim_path' calls 'flush_all' here}}
// expected-note@#page {{allocate 'page' in advance}}
// One report for the frame, whatever reaches it: the shrinker is a note.
// expected-note@#shr {{also reached from here}}
// chain-warning@#page {{the frames of the chain down to 'flush_all' keep 4096 bytes of locals on the stack, over the 1200-byte chain budget, inside an fs_reclaim section}}
// chain-note@#fsr {{fs_reclaim acquired here}}
// chain-note@#fcall {{'reclaim_path' calls 'flush_all' here}}
// chain-note@#page {{allocate 'page' in advance}}
// chain-note@#shr {{also reached from here}}
// small-warning@#page {{'flush_all' keeps 4096 bytes of locals on the stack ('page': 4096), over the 2048-byte budget, inside an fs_reclaim section}}
// small-note@#fsr {{fs_reclaim acquired here}}
// small-note@#fcall {{'reclaim_path' calls 'flush_all' here}}
// small-note@#page {{allocate 'page' in advance}}
// small-note@#shr {{also reached from here}}

void setup(struct vb *v) {
  v->nb.notifier_call = oom_notify;
  register_oom_notifier(&v->nb); // #reg
  register_shrinker(&my_shrinker, "vb"); // #shr
}

// BAD: error: gfpdep option 'stack-budget=8' needs a whole number of bytes, at least 64
