// The gfpdep command over a compilation database: whole program, findings
// whose halves live in different files, every output format, exit status,
// baseline round trip.
// RUN: rm -rf %t && mkdir -p %t/balloon %t/order
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/balloon/
// RUN: cp %inputs/xtu-order/*.c %inputs/xtu-order/*.h %t/order/
// RUN: %make_cdb %t/balloon %annotations alloc.c lock.c notifier.c
// RUN: %make_cdb %t/order %annotations devices.c config.c
//
// Cross-file reclaim-under-lock: notifier, lock path and allocation helper in
// three files. Exit status 1: findings.
// RUN: %cli_gfpdep --no-source -p %t/balloon --root %t/balloon -j 2 > %t/text.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=TEXT < %t/text.txt
// TEXT: alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'vballoon::balloon_lock' is held, and the OOM notifier 'virtballoon_oom_notify' acquires 'vballoon::balloon_lock': possible deadlock [gfpdep-reclaim-under-lock]
// TEXT-NEXT: lock.c:9:3: note: mutex 'vballoon::balloon_lock' acquired here
// TEXT-NEXT: lock.c:11:5: note: 'fill_balloon' calls 'balloon_alloc_page' here
// TEXT-NEXT: lock.c:11:24: note: GFP_KERNEL passed here
// TEXT-NEXT: notifier.c:9:10: note: 'virtballoon_oom_notify' registered as an OOM notifier here
// TEXT-NEXT: notifier.c:4:3: note: 'virtballoon_oom_notify' calls 'leak_balloon' here
// TEXT-NEXT: lock.c:3:3: note: mutex 'vballoon::balloon_lock' acquired here, inside reclaim
// TEXT-NEXT: alloc.c:4:10: note: allocate before acquiring 'vballoon::balloon_lock', or use GFP_NOWAIT while it is held
// TEXT-NEXT: 1 finding
//
// Cross-file lock-order cycle.
// RUN: %cli_gfpdep --no-source -p %t/order --root %t/order > %t/order.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=ORDER < %t/order.txt
// ORDER: config.c:4:3: warning: acquiring mutex 'config_lock' while holding 'dev_list_lock' closes the lock-order cycle 'config_lock' -> 'dev_list_lock' -> 'config_lock': possible deadlock [gfpdep-lock-order]
// ORDER-NEXT: devices.c:5:3: note: mutex 'dev_list_lock' acquired here
// ORDER-NEXT: devices.c:6:3: note: 'walk_devices' calls 'apply_config' here
// ORDER-NEXT: config.c:8:3: note: mutex 'config_lock' acquired here
// ORDER-NEXT: config.c:9:3: note: 'reload_config' calls 'count_devices' here
// ORDER-NEXT: devices.c:10:3: note: mutex 'dev_list_lock' acquired here while 'config_lock' is held
// ORDER-NEXT: config.c:4:3: note: take these locks in one order everywhere
//
// JSON and SARIF, checked structurally.
// RUN: %cli_gfpdep --no-source -p %t/balloon --root %t/balloon --format=json --output=%t/out.json || test $? = 1
// RUN: %python %inputs/check_report.py json %t/out.json gfpdep-reclaim-under-lock 7
// RUN: %cli_gfpdep --no-source -p %t/balloon --root %t/balloon --format=sarif --output=%t/out.sarif || test $? = 1
// RUN: %python %inputs/check_report.py sarif %t/out.sarif gfpdep-reclaim-under-lock 7
//
// Baseline: written, then nothing new to report (exit 0); the same baseline
// survives a line shift.
// RUN: %cli_gfpdep --no-source -p %t/balloon --write-baseline=%t/base.json > /dev/null || test $? = 1
// RUN: %cli_gfpdep --no-source -p %t/balloon --baseline=%t/base.json | count 0
// RUN: sed -i '1i /* a new first line shifts everything */' %t/balloon/lock.c
// RUN: %cli_gfpdep --no-source -p %t/balloon --baseline=%t/base.json | count 0
//
// An ops table in one file, the indirect call through it in another.
// RUN: mkdir -p %t/ops && cp %inputs/xtu-ops/* %t/ops/
// RUN: %make_cdb %t/ops %annotations ops.c user.c
// RUN: %cli_gfpdep --no-source -p %t/ops --root %t/ops > %t/ops.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=OPS < %t/ops.txt
// OPS: ops.c:3:3: warning: 'msleep' may sleep in atomic context: spinlock 'dev_lock' is held [gfpdep-sleep-in-atomic]
// OPS-NEXT: user.c:4:3: note: spinlock 'dev_lock' acquired here
// OPS-NEXT: user.c:5:3: note: 'start_device' calls 'slow_start' here
// OPS-NEXT: ops.c:3:3: note: move the call out of the atomic section
//
// Linking the summary files a build wrote, without parsing: two plugin
// passes over both projects (the second reads the first's summaries).
// RUN: for p in 1 2; do for f in balloon/alloc balloon/lock balloon/notifier order/devices order/config; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/sum -fplugin-arg-gfpdep-summaries=%t/sum %t/$f.c 2>/dev/null; done; done
// RUN: %cli_gfpdep --no-source --summaries %t/sum --root %t > %t/link.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=LINK < %t/link.txt
// LINK: balloon/alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'vballoon::balloon_lock' is held, and the OOM notifier 'virtballoon_oom_notify' acquires 'vballoon::balloon_lock': possible deadlock [gfpdep-reclaim-under-lock]
// LINK: order/config.c:4:3: warning: acquiring mutex 'config_lock' while holding 'dev_list_lock' closes the lock-order cycle 'config_lock' -> 'dev_list_lock' -> 'config_lock': possible deadlock [gfpdep-lock-order]
// LINK: 2 findings
// RUN: %cli_gfpdep --no-source --summaries %t/nosuch > %t/link-err.txt 2>&1 || test $? = 2
// RUN: FileCheck %s --check-prefix=LINKERR < %t/link-err.txt
// LINKERR: gfpdep: error: cannot read summary directory '{{.*}}nosuch'
// RUN: %cli_gfpdep --no-source --summaries %t/sum -p %t/balloon > %t/link-both.txt 2>&1 || test $? = 2
// RUN: FileCheck %s --check-prefix=LINKBOTH < %t/link-both.txt
// LINKBOTH: gfpdep: error: --summaries links a build's summary files: give either it or -p, not both
//
// Usage and set-up errors: exit status 2.
// RUN: %cli_gfpdep --no-source -p %t/nowhere > %t/err.txt 2>&1 || test $? = 2
// RUN: FileCheck %s --check-prefix=NODB < %t/err.txt
// NODB: gfpdep: error: cannot load a compilation database from '{{.*}}nowhere'
// RUN: %cli_gfpdep --no-source > %t/err2.txt 2>&1 || test $? = 2
// RUN: FileCheck %s --check-prefix=NOP < %t/err2.txt
// NOP: gfpdep: error: no build directory: give -p <dir with compile_commands.json>, or --summaries <dir>
//
// The lock-class graph: classes, the reclaim pseudo-locks, cycles in red;
// the reclaim deadlock is a cycle through "reclaim" (more in cli-graph.c).
// RUN: %cli_gfpdep --no-source -p %t/order --graph=dot | FileCheck %s --check-prefix=DOT
// DOT: digraph gfpdep_locks {
// DOT: label="1 cycle and its neighbours: 2 of 2 lock classes (--graph-scope=all shows every edge)";
// DOT: "config_lock" -> "dev_list_lock" [label="devices.c:10", color=red, fontcolor=red];
// DOT: "dev_list_lock" -> "config_lock" [label="config.c:4", color=red, fontcolor=red];
// RUN: %cli_gfpdep --no-source -p %t/balloon --graph=dot | FileCheck %s --check-prefix=DOTRECLAIM
// DOTRECLAIM: "reclaim" [shape=ellipse, style=dashed, color=red];
// DOTRECLAIM: "vballoon::balloon_lock" [color=red];
// DOTRECLAIM: "reclaim" -> "vballoon::balloon_lock" [label="lock.c:{{[0-9]+}}", color=red, fontcolor=red, style=dashed];
// DOTRECLAIM: "vballoon::balloon_lock" -> "reclaim" [label="alloc.c:{{[0-9]+}}", color=red, fontcolor=red, style=dashed];
//
// A unit that does not compile: exit status 3, the others still reported.
// RUN: echo 'void broken(void) { undeclared(); }' > %t/balloon/broken.c
// RUN: %make_cdb %t/balloon %annotations alloc.c lock.c notifier.c broken.c
// RUN: %cli_gfpdep --no-source -p %t/balloon > %t/three.txt 2> %t/three.err || test $? = 3
// RUN: FileCheck %s --check-prefix=THREE < %t/three.err
// Only gfpdep's line: not clang's "N errors generated." nor ClangTool's
// "Error while processing".
// RUN: not grep -E 'generated\.|Error while processing' %t/three.err
// THREE: gfpdep: error: could not analyse {{.*}}broken.c: {{.*}}broken.c:1:{{[0-9]+}}: call to undeclared function 'undeclared'
// RUN: FileCheck %s --check-prefix=STILL < %t/three.txt
// STILL: [gfpdep-reclaim-under-lock]
//
// RUN: %cli_gfpdep --no-source --help | FileCheck %s --check-prefix=HELP
// HELP: gfpdep: lockdep-style static checker, whole program
// RUN: %cli_gfpdep --no-source --version | FileCheck %s --check-prefix=VERSION
// VERSION: gfpdep {{[0-9]+\.[0-9]+\.[0-9]+}} (LLVM 19.
// HELP: --baseline=<file>
// HELP: --format=<value>
// HELP: --graph=<value>
// HELP: -p <dir>
// --disable=all, as the plugin's disable=all.
// RUN: %cli_gfpdep --no-source -p %t/order --disable=all | count 0
