// Options: help, werror, disable=, enable=, and clear errors for bad ones.
// RUN: %gfpdep %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %gfpdep -fplugin-arg-gfpdep-werror %s 2>&1 | FileCheck %s --check-prefix=WERROR
// RUN: %gfpdep -fplugin-arg-gfpdep-disable=sleep-in-atomic %s 2>&1 | count 0
// RUN: %gfpdep -fplugin-arg-gfpdep-disable=sleep-in-atomic,lock-order -fplugin-arg-gfpdep-enable=gfpdep-sleep-in-atomic %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not %gfpdep -fplugin-arg-gfpdep-frobnicate %s 2>&1 | FileCheck %s --check-prefix=BADOPT
// RUN: not %gfpdep -fplugin-arg-gfpdep-disable=sleeping %s 2>&1 | FileCheck %s --check-prefix=BADRULE
// RUN: %gfpdep -fplugin-arg-gfpdep-help %s 2>&1 | FileCheck %s --check-prefix=HELP
#include <gfpdep/kernel.h>

spinlock_t l;
void f(void) {
  spin_lock(&l);
  msleep(1);
  spin_unlock(&l);
}

// DEFAULT: plugin-options.c:14:3: warning: 'msleep' may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]
// DEFAULT-NEXT: 14 |   msleep(1);
// DEFAULT: plugin-options.c:13:3: note: spinlock 'l' acquired here
// DEFAULT: plugin-options.c:14:3: note: move the call out of the atomic section
// DEFAULT: 1 warning generated.

// WERROR: plugin-options.c:14:3: error: 'msleep' may sleep in atomic context: spinlock 'l' is held [gfpdep-sleep-in-atomic]
// WERROR: 1 error generated.

// BADOPT: error: unknown gfpdep option 'frobnicate'; valid options: help, werror, stats, path-sensitive, model=<file>, facts-dir=<dir>, facts=<path>, embed-facts=0|1, summary-dir=<dir>, summaries=<dir>, stack-budget=<n>, stack-chain-budget=<n>, lock-order-gates, max-effects=<n>, disable=<rule>[,...], enable=<rule>[,...]

// BADRULE: error: unknown gfpdep rule 'sleeping' in 'disable=sleeping'; valid rules: reclaim-under-lock, reclaim-in-reclaim, sleep-in-atomic, block-in-nonblock, lock-order, contract, lock-balance, stack-in-reclaim, wait-under-lock, irq-inversion, wait-context, block-under-lock

// HELP: gfpdep options (-fplugin-arg-gfpdep-<option>):
// HELP: disable=<rule>[,...]
// RUN: not %gfpdep -fplugin-arg-gfpdep-embed-facts=2 %s 2>&1 | FileCheck %s --check-prefix=BADEMBED
// BADEMBED: error: gfpdep option 'embed-facts=2' takes 0 or 1
// disable=all reports nothing, as "gfpdep-ignore: all" does; enable= after it
// turns one rule back on.
// RUN: %gfpdep -fplugin-arg-gfpdep-disable=all %s 2>&1 | count 0
// RUN: %gfpdep -fplugin-arg-gfpdep-disable=all -fplugin-arg-gfpdep-enable=sleep-in-atomic %s 2>&1 | FileCheck %s --check-prefix=ONLYSLEEP --implicit-check-not=warning:
// ONLYSLEEP: warning: {{.*}}[gfpdep-sleep-in-atomic]
// An empty path is an error naming the option: summary-dir= and facts-dir=
// used to write nothing, silently; summaries= and facts= failed later with
// "gfpdep: : ...".
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: not %gfpdep -fplugin-arg-gfpdep-summary-dir= %s 2>&1 | FileCheck %s --check-prefix=EMPTYSUMDIR --implicit-check-not=warning:
// EMPTYSUMDIR: error: empty path in 'summary-dir=': gfpdep option 'summary-dir=<dir>' needs a directory
// EMPTYSUMDIR-NEXT: 1 error generated.
// RUN: not %gfpdep -fplugin-arg-gfpdep-facts-dir= %s 2>&1 | FileCheck %s --check-prefix=EMPTYFACTSDIR --implicit-check-not=warning:
// EMPTYFACTSDIR: error: empty path in 'facts-dir=': gfpdep option 'facts-dir=<dir>' needs a directory
// EMPTYFACTSDIR-NEXT: 1 error generated.
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries= %s 2>&1 | FileCheck %s --check-prefix=EMPTYSUMS --implicit-check-not=warning: --implicit-check-not='gfpdep: :'
// EMPTYSUMS: error: empty path in 'summaries=': gfpdep option 'summaries=<dir>' needs a directory
// EMPTYSUMS-NEXT: 1 error generated.
// RUN: not %gfpdep -fplugin-arg-gfpdep-facts= %s 2>&1 | FileCheck %s --check-prefix=EMPTYFACTS --implicit-check-not=warning: --implicit-check-not='gfpdep: :'
// EMPTYFACTS: error: empty path in 'facts=': gfpdep option 'facts=<path>' needs an object, an archive, a side file or a directory
// EMPTYFACTS-NEXT: 1 error generated.
// Nothing was written.
// RUN: ls -A %t | count 0
