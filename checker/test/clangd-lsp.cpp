// gfpdep-clangd over a real LSP session: initialize, didOpen, wait for
// publishDiagnostics; the finding arrives with its range, its code and the
// chain as related information. No .clangd: the checks are on by default.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/balloon.cpp
// RUN: echo "-I%annotations" > %t/compile_flags.txt
// RUN: %lsp_check --timeout 60 --expect-code gfpdep-reclaim-under-lock -- %lsp_server %t/balloon.cpp | FileCheck %s
#include <gfpdep/kernel.h>

struct virtio_balloon {
  struct mutex balloon_lock;
  struct notifier_block nb;
};
static void fill_balloon(struct virtio_balloon *vb) {
  mutex_lock(&vb->balloon_lock);
  alloc_page(GFP_HIGHUSER_MOVABLE);
  mutex_unlock(&vb->balloon_lock);
}
static int virtballoon_oom_notify(struct notifier_block *nb, unsigned long a,
                                  void *p) {
  struct virtio_balloon *vb = (struct virtio_balloon *)nb;
  mutex_lock(&vb->balloon_lock);
  mutex_unlock(&vb->balloon_lock);
  return 0;
}
int virtballoon_probe(struct virtio_balloon *vb) {
  vb->nb.notifier_call = virtballoon_oom_notify;
  fill_balloon(vb);
  return register_oom_notifier(&vb->nb);
}

// LSP lines and characters are 0-based: line 16, column 3 is {15, 2}.
// CHECK:      "code": "gfpdep-reclaim-under-lock",
// CHECK:      "message": "'alloc_page' with GFP_HIGHUSER_MOVABLE may enter direct reclaim and invoke the OOM killer while mutex 'virtio_balloon::balloon_lock' is held, and the OOM notifier 'virtballoon_oom_notify' acquires 'virtio_balloon::balloon_lock': possible deadlock",
// CHECK:      "range": {
// CHECK-NEXT:   "end": {
// CHECK-NEXT:    "character": 12,
// CHECK-NEXT:    "line": 15
// CHECK-NEXT:   },
// CHECK-NEXT:   "start": {
// CHECK-NEXT:    "character": 2,
// CHECK-NEXT:    "line": 15
// CHECK:      "relatedInformation": [
// CHECK:          "line": 14
// CHECK:        "message": "Mutex 'virtio_balloon::balloon_lock' acquired here"
// CHECK:          "line": 28
// CHECK:        "message": "'virtballoon_oom_notify' registered as an OOM notifier here"
// CHECK:          "line": 21
// CHECK:        "message": "Mutex 'virtio_balloon::balloon_lock' acquired here, inside reclaim"
// CHECK:          "line": 15
// CHECK:        "message": "Allocate before acquiring 'virtio_balloon::balloon_lock', or use GFP_NOWAIT while it is held"
// CHECK:      "source": "clang-tidy"
