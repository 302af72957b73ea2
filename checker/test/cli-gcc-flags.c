// A gcc-built database: flags clang does not know (-fconserve-stack,
// -mrecord-mcount, -fno-allow-store-data-races) are dropped, as clang-tidy
// users expect, instead of failing the unit; --extra-arg and
// --extra-arg-before add to every unit's command.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cp %s %t/unit.c
// RUN: printf '[{"directory": "%t", "file": "unit.c", "command": "gcc -c -O2 -fconserve-stack -mrecord-mcount -fno-allow-store-data-races unit.c -o unit.o"}]' > %t/compile_commands.json
// RUN: %cli_gfpdep -p %t --root %t --extra-arg-before=-I%annotations --extra-arg=-DSLEEPY > %t/out.txt 2>&1; test $? = 1
// RUN: FileCheck %s < %t/out.txt
// RUN: %cli_gfpdep -p %t --root %t --extra-arg-before=-I%annotations > %t/clean.txt 2>&1; test $? = 0
// RUN: not grep -q 'warning:' %t/clean.txt
// CHECK: unit.c:20:3: warning: 'msleep' may sleep in atomic context: spinlock 'lock' is held [gfpdep-sleep-in-atomic]
// CHECK: 1 finding
#include <gfpdep/kernel.h>
void msleep(unsigned int ms);
spinlock_t lock;
void f(void) {
  spin_lock(&lock);
#ifdef SLEEPY
  msleep(1);
#endif
  spin_unlock(&lock);
}
