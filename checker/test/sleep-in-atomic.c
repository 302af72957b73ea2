// RUN: %gfpdep -Xclang -verify %s
#include <gfpdep/kernel.h>

spinlock_t pages_lock;
struct mutex m;

void direct(void) {
  spin_lock(&pages_lock);
  kmalloc(64, GFP_KERNEL); // expected-warning {{'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'pages_lock' is held [gfpdep-sleep-in-atomic]}} \
                           // expected-note {{use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins}}
  spin_unlock(&pages_lock);
}
// expected-note@-5 {{spinlock 'pages_lock' acquired here}}
