// irq-inversion across files (the handler in irq.c, its acquisition in
// account.c, the process-context acquisition in xmit.c), through the link
// of the objects' facts; and the C++ form in one unit.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/irq/* %t/
// RUN: cd %t && for f in xmit irq account; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/out.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=LINK < %t/out.txt
// RUN: %gfpdep_cxx -Xclang -verify %s
// LINK: xmit.c:4:3: warning: spinlock 'nic::lock' is acquired here with interrupts enabled, and the hard-IRQ handler 'nic_irq' acquires it too: inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage
// LINK-NEXT: xmit.c:2:6: note: 'nic_xmit' runs in process context with interrupts enabled
// LINK-NEXT: irq.c:7:3: note: 'nic_irq' registered as a hard-IRQ handler here
// LINK-NEXT: irq.c:3:3: note: 'nic_irq' calls 'nic_account' here
// LINK-NEXT: account.c:3:3: note: spinlock 'nic::lock' acquired here, in hard-IRQ context
// LINK-NEXT: xmit.c:4:3: note: use spin_lock_irqsave() here
// LINK-NEXT: 1 finding
#include <gfpdep/kernel.h>

class Counter {
public:
  void bump() {
    spin_lock(&lock_); // #bump
    ++n_;
    spin_unlock(&lock_);
  }
  void bumpSafe() {
    unsigned long flags;
    spin_lock_irqsave(&lock_, flags);
    ++n_;
    spin_unlock_irqrestore(&lock_, flags);
  }
  spinlock_t lock_;
  int n_ = 0;
};

static irqreturn_t counter_irq(int, void *p) {
  static_cast<Counter *>(p)->bumpSafe();
  static_cast<Counter *>(p)->bump(); // #irq_bump
  return 0;
}
void counter_setup(Counter &c, int irq) { // #setup
  might_sleep();
  request_irq(irq, counter_irq, 0, "counter", &c); // #req
  c.bump(); // #user
}
// The same member function runs in both contexts: its acquisition is the
// one made with interrupts enabled (from counter_setup).
// expected-warning@#bump {{spinlock 'Counter::lock_' is acquired here with interrupts enabled, and the hard-IRQ handler 'counter_irq' acquires it too}}
// expected-note@#setup {{'counter_setup' runs in process context with interrupts enabled}}
// expected-note@#user {{'counter_setup' calls 'Counter::bump' here}}
// expected-note@#req {{'counter_irq' registered as a hard-IRQ handler here}}
// expected-note@#irq_bump {{'counter_irq' calls 'Counter::bump' here}}
// expected-note@#bump {{spinlock 'Counter::lock_' acquired here, in hard-IRQ context}}
// expected-note@#bump {{use spin_lock_irqsave() here}}
