// The path-sensitive mode's budgets: per function (analyzer steps) and per
// unit (CPU seconds). A finding a budget leaves unchecked is kept as the
// engine made it, counted in the stats, and the unit says so in one remark.
//
// A call chain 1,000 functions deep (once 3.5 s; the analyzer inlined all of
// it): checked in full with the default budgets, no remark.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %inputs/gen_chain.py %t onefile 1000
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-stats %t/chain.c 2>&1 | FileCheck %s --check-prefix=FULL --implicit-check-not=remark:
// FULL: gfpdep: path-sensitive: 1 findings checked, 1 confirmed, 0 dropped (no feasible path), 0 kept unverified, 0 lock-balance; functions explored completely 2, cut short 0, skipped 1001; budgets: 0 findings unchecked, functions out of steps 0, out of time 0;
// FULL: chain.c:2008:25: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock]
//
// A per-function budget of 5 steps: 'top' stops before its call to c0().
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-stats -fplugin-arg-gfpdep-path-function-budget=5 %t/chain.c 2>&1 | FileCheck %s --check-prefix=STEPS
// STEPS: gfpdep: path-sensitive: 1 findings checked, 0 confirmed, 0 dropped (no feasible path), 1 kept unverified, 0 lock-balance; functions explored completely 0, cut short 2, skipped 1001; budgets: 1 findings unchecked, functions out of steps 2, out of time 0;
// STEPS: chain.c:4:6: remark: gfpdep: path-sensitive: 1 finding kept unchecked: the per-function budget of 5 analyzer steps ran out in 'top' and 1 other function; raise it with -fplugin-arg-gfpdep-path-function-budget=<steps> (0: no limit)
// STEPS: chain.c:2008:25: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock]
// STEPS: chain.c:4:18: note: mutex 'big_lock' acquired here
//
// The same through gfpdep -p --path-sensitive and its own options.
// RUN: %make_cdb %t %annotations chain.c
// RUN: %cli_gfpdep -p %t --path-sensitive --path-function-budget=5 --no-source --pass-stats > %t/cli.txt 2> %t/cli.err; test $? = 1
// RUN: FileCheck %s --check-prefix=CLI < %t/cli.err
// CLI: chain.c:4:6: remark: gfpdep: path-sensitive: 1 finding kept unchecked: the per-function budget of 5 analyzer steps ran out in 'top' and 1 other function; raise it with --path-function-budget=<steps> (0: no limit)
// CLI: gfpdep: path-sensitive (last pass): 1 findings checked, 0 confirmed, 0 dropped, 1 kept unverified (1 of them over a budget), 0 lock-balance
// RUN: FileCheck %s --check-prefix=CLIFOUND < %t/cli.txt
// CLIFOUND: chain.c:2008:25: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim
// RUN: %cli_gfpdep -p %t --path-sensitive --path-budget=-1 > /dev/null 2> %t/cli-bad.err || test $? = 2
// RUN: FileCheck %s --check-prefix=CLIBAD < %t/cli-bad.err
// CLIBAD: gfpdep: error: --path-budget needs a number of CPU seconds, 0 for no limit
//
// A unit budget of a microsecond runs out before the first function.
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-stats -fplugin-arg-gfpdep-path-budget=0.000001 %t/chain.c 2>&1 | FileCheck %s --check-prefix=UNIT
// UNIT: budgets: 1 findings unchecked, functions out of steps 0, out of time 2;
// UNIT: chain.c:4:6: remark: gfpdep: path-sensitive: 1 finding kept unchecked: the unit's budget of 1e-06 CPU seconds ran out, 2 functions not explored in full (the first: 'top'); raise it with -fplugin-arg-gfpdep-path-budget=<seconds> (0: no limit)
// UNIT: chain.c:2008:25: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock]
//
// This file: 2^40 paths through branchy(). With the default budgets its
// function budget runs out; with none, the unit's clock stops it mid-way.
// Either way the finding (infeasible: n > 10 and n <= 10) stays.
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive %s 2>&1 | FileCheck %s --check-prefix=BRANCHY
// BRANCHY: budget.c:62:7: remark: gfpdep: path-sensitive: 1 finding kept unchecked: the per-function budget of 75000 analyzer steps ran out in 'branchy'; raise it with -fplugin-arg-gfpdep-path-function-budget=<steps> (0: no limit)
// BRANCHY: budget.c:108:9: warning: 'kmalloc' with GFP_KERNEL {{.*}} [gfpdep-reclaim-under-lock]
// RUN: %gfpdep -fplugin-arg-gfpdep-path-sensitive -fplugin-arg-gfpdep-path-function-budget=0 -fplugin-arg-gfpdep-path-budget=0.5 %s 2>&1 | FileCheck %s --check-prefix=CLOCK
// CLOCK: budget.c:62:7: remark: gfpdep: path-sensitive: 1 finding kept unchecked: the unit's budget of 0.5 CPU seconds ran out, 1 function not explored in full (the first: 'branchy'); raise it with -fplugin-arg-gfpdep-path-budget=<seconds> (0: no limit)
// CLOCK: budget.c:108:9: warning: 'kmalloc' with GFP_KERNEL {{.*}} [gfpdep-reclaim-under-lock]
//
// Values are checked.
// RUN: not %gfpdep -fplugin-arg-gfpdep-path-budget=-1 %s 2>&1 | FileCheck %s --check-prefix=BAD1
// BAD1: error: gfpdep option 'path-budget=-1' needs a number of CPU seconds, 0 for no limit
// RUN: not %gfpdep -fplugin-arg-gfpdep-path-budget=10s %s 2>&1 | FileCheck %s --check-prefix=BAD2
// BAD2: error: gfpdep option 'path-budget=10s' needs a number of CPU seconds, 0 for no limit
// RUN: not %gfpdep -fplugin-arg-gfpdep-path-function-budget=1.5 %s 2>&1 | FileCheck %s --check-prefix=BAD3
// BAD3: error: gfpdep option 'path-function-budget=1.5' needs a whole number of analyzer steps, 0 for no limit
// RUN: not %gfpdep -fplugin-arg-gfpdep-path-function-budget= %s 2>&1 | FileCheck %s --check-prefix=BAD4
// BAD4: error: gfpdep option 'path-function-budget=' needs a whole number of analyzer steps, 0 for no limit
#include "gfpdep/kernel.h"

struct mutex m;
int knob[40];

void *branchy(int n) {
  int x = 0;
  void *p = 0;
  if (n > 10)
    mutex_lock(&m);
  if (knob[0]) x++;
  if (knob[1]) x++;
  if (knob[2]) x++;
  if (knob[3]) x++;
  if (knob[4]) x++;
  if (knob[5]) x++;
  if (knob[6]) x++;
  if (knob[7]) x++;
  if (knob[8]) x++;
  if (knob[9]) x++;
  if (knob[10]) x++;
  if (knob[11]) x++;
  if (knob[12]) x++;
  if (knob[13]) x++;
  if (knob[14]) x++;
  if (knob[15]) x++;
  if (knob[16]) x++;
  if (knob[17]) x++;
  if (knob[18]) x++;
  if (knob[19]) x++;
  if (knob[20]) x++;
  if (knob[21]) x++;
  if (knob[22]) x++;
  if (knob[23]) x++;
  if (knob[24]) x++;
  if (knob[25]) x++;
  if (knob[26]) x++;
  if (knob[27]) x++;
  if (knob[28]) x++;
  if (knob[29]) x++;
  if (knob[30]) x++;
  if (knob[31]) x++;
  if (knob[32]) x++;
  if (knob[33]) x++;
  if (knob[34]) x++;
  if (knob[35]) x++;
  if (knob[36]) x++;
  if (knob[37]) x++;
  if (knob[38]) x++;
  if (knob[39]) x++;
  if (n <= 10)
    p = kmalloc(x, GFP_KERNEL);
  if (n > 10)
    mutex_unlock(&m);
  return p;
}

static int oom_cb(struct notifier_block *nb, unsigned long a, void *p) {
  mutex_lock(&m);
  mutex_unlock(&m);
  return 0;
}
static struct notifier_block nb = {.notifier_call = oom_cb};
int init(void) { return register_oom_notifier(&nb); }
