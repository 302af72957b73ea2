// RUN: %gfpdep -Xclang -verify %s
// "// gfpdep-ignore: <rule> <reason>" on the leaf's line or the line above
// silences that rule there, in every front end.
#include <gfpdep/kernel.h>

spinlock_t l;
void f(void) {
  spin_lock(&l); // #lock
  msleep(1); // gfpdep-ignore: sleep-in-atomic the lock is dropped by the IRQ path first
  // gfpdep-ignore: gfpdep-sleep-in-atomic only at boot, before SMP
  msleep(2);
  // gfpdep-ignore: lock-order another rule: not silenced
  msleep(3); // #not_silenced
  spin_unlock(&l);
}
// expected-warning@#not_silenced {{'msleep' may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#lock {{spinlock 'l' acquired here}}
// expected-note@#not_silenced {{move the call out of the atomic section}}
