// gfpdep --format=html: one self-contained page, checked as headless
// Chromium renders it (Inputs/check_html.py reads the page's DOM, layout
// and computed styles): findings by rule, every step linked to its source
// line, source text escaped, the lock graph as SVG with cycles in red.
// REQUIRES: chromium
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/graph/locks.c %inputs/html/esc.c %t/
// RUN: %make_cdb %t %annotations locks.c esc.c
// RUN: %cli_gfpdep -p %t --root %t --format=html --output=%t/report.html; test $? = 1
// RUN: %check_html %t/report.html | FileCheck %s
// CHECK:      findings 3
// CHECK-NEXT: errors 0
// CHECK-NEXT: rule gfpdep-lock-order 1
// CHECK-NEXT: rule gfpdep-reclaim-under-lock 1
// CHECK-NEXT: rule gfpdep-sleep-in-atomic 1
// CHECK-NEXT: broken-links 0
// CHECK-NEXT: leaf-targets-highlighted 3/3
// CHECK-NEXT: hit-line s0-5   spin_lock(&d->lock);
// CHECK-NEXT: hit-line s0-6   if (d->n < 2 && !d->buf) d->buf = kmalloc(64, GFP_KERNEL); /* "<a>" & 'b' */
// CHECK-NEXT: hit-line s1-7 void a_then_b(void)
// CHECK-NEXT: hit-line s1-8 void b_then_a(void)
// CHECK-NEXT: hit-line s1-9 void b_then_c(void)
// CHECK-NEXT: hit-line s1-13   mutex_lock(&pool);
// CHECK-NEXT: hit-line s1-14   void *p = kmalloc(64, GFP_KERNEL);
// CHECK-NEXT: hit-line s1-19   mutex_lock(&pool);
// CHECK-NEXT: hit-line s1-24 void pool_init(void) { register_oom_notifier(&pool_nb); }
// CHECK-NEXT: unavailable-sources 0
// CHECK-NEXT: external-resources 0
// CHECK-NEXT: svg visiblexvisible
// The cycles a <-> b and pool -> reclaim -> pool, and the classes one edge
// from them (c, fs_reclaim, dev::lock); not d, e, f.
// CHECK-NEXT: nodes 7 cycle-nodes 4
// CHECK-NEXT: edges 7 cycle-edges 4
// CHECK-NEXT: cycle-edge-stroke rgb(192, 0, 0)
// CHECK-NEXT: clipped-nodes 0
// CHECK-NEXT: overlapping-nodes 0
// CHECK-NEXT: node a cycle
// CHECK-NEXT: node b cycle
// CHECK-NEXT: node c plain
// CHECK-NEXT: node dev::lock plain
// CHECK-NEXT: node fs_reclaim plain
// CHECK-NEXT: node pool cycle
// CHECK-NEXT: node reclaim cycle
// CHECK-NEXT: edge b -> c plain
// CHECK-NEXT: edge dev::lock -> reclaim plain
// CHECK-NEXT: edge pool -> fs_reclaim plain
// CHECK-NEXT: edge a -> b cycle
// CHECK-NEXT: edge b -> a cycle
// CHECK-NEXT: edge pool -> reclaim cycle
// CHECK-NEXT: edge reclaim -> pool cycle
//
// Every class with --graph-scope=all; the same bytes from a second run.
// RUN: %cli_gfpdep -p %t --root %t --format=html --graph-scope=all > %t/all.html; test $? = 1
// RUN: %check_html %t/all.html | FileCheck %s --check-prefix=ALL
// ALL: nodes 10 cycle-nodes 4
// ALL: edges 10 cycle-edges 4
// ALL: clipped-nodes 0
// ALL: overlapping-nodes 0
// RUN: %cli_gfpdep -p %t --root %t --format=html --graph-scope=all > %t/all2.html || true
// RUN: diff %t/all.html %t/all2.html
//
// The whole program from the build's objects, with a source file gone: the
// page says so, and its links land on the file's heading.
// RUN: cd %t && %clang -c -fplugin=%plugin -I %annotations esc.c -o esc.o 2> /dev/null
// RUN: mkdir -p %t/gone && mv %t/esc.o %t/gone/ && mv %t/esc.c %t/esc.c.moved
// RUN: %cli_gfpdep --link %t/gone --format=html > %t/gone.html; test $? = 1
// RUN: mv %t/esc.c.moved %t/esc.c
// RUN: %check_html %t/gone.html | FileCheck %s --check-prefix=GONE
// GONE:      findings 1
// GONE:      broken-links 0
// GONE-NEXT: leaf-targets-highlighted 0/1
// GONE-NOT:  hit-line
// GONE:      unavailable-sources 1
//
// A unit that does not compile: the page lists it, exit status 3.
// RUN: echo 'void broken(void) { undeclared(); }' > %t/broken.c
// RUN: %make_cdb %t %annotations locks.c esc.c broken.c
// RUN: %cli_gfpdep -p %t --root %t --format=html > %t/failed.html 2> /dev/null; test $? = 3
// RUN: %check_html %t/failed.html | FileCheck %s --check-prefix=FAILED
// FAILED:      findings 3
// FAILED-NEXT: errors 1
// RUN: FileCheck %s --check-prefix=FAILEDTEXT < %t/failed.html
// FAILEDTEXT: <li>could not analyse {{.*}}broken.c: broken.c:1:{{[0-9]+}}: call to undeclared function &#39;undeclared&#39;; ISO C99
