// gfpdep --graph=dot: by default the cycles (lock-order cycles, and reclaim
// deadlocks: cycles through the "reclaim" pseudo-lock) and the classes one
// edge from them; --graph-scope=all draws every class. The same graph from
// gfpdep -p and from --link of the build's objects.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/graph/locks.c %t/
// RUN: %make_cdb %t %annotations locks.c
// RUN: %cli_gfpdep -p %t --graph=dot > %t/cycles.dot
// RUN: FileCheck %s --check-prefix=CYCLES < %t/cycles.dot
// CYCLES:      digraph gfpdep_locks {
// CYCLES-NEXT:   rankdir=LR;
// CYCLES-NEXT:   node [shape=box];
// CYCLES-NEXT:   label="2 cycles and their neighbours: 6 of 9 lock classes (--graph-scope=all shows every edge)";
// CYCLES-NEXT:   labelloc=t;
// CYCLES-NEXT:   "a" [color=red];
// CYCLES-NEXT:   "b" [color=red];
// CYCLES-NEXT:   "c";
// CYCLES-NEXT:   "fs_reclaim" [shape=ellipse, style=dashed];
// CYCLES-NEXT:   "pool" [color=red];
// CYCLES-NEXT:   "reclaim" [shape=ellipse, style=dashed, color=red];
// CYCLES-NEXT:   "a" -> "b" [label="locks.c:7", color=red, fontcolor=red];
// CYCLES-NEXT:   "b" -> "a" [label="locks.c:8", color=red, fontcolor=red];
// CYCLES-NEXT:   "b" -> "c" [label="locks.c:9"];
// CYCLES-NEXT:   "pool" -> "fs_reclaim" [label="locks.c:14", style=dashed];
// CYCLES-NEXT:   "pool" -> "reclaim" [label="locks.c:14", color=red, fontcolor=red, style=dashed];
// CYCLES-NEXT:   "reclaim" -> "pool" [label="locks.c:19", color=red, fontcolor=red, style=dashed];
// CYCLES-NEXT: }
// RUN: %cli_gfpdep -p %t --graph=dot --graph-scope=all > %t/all.dot
// RUN: FileCheck %s --check-prefix=ALL < %t/all.dot
// ALL-NOT: label="{{[0-9]+}} cycle
// ALL:     "c" -> "d" [label="locks.c:10"];
// ALL:     "e" -> "f" [label="locks.c:11"];
// The whole program from the build's objects: the same graph.
// RUN: cd %t && %clang -c -fplugin=%plugin -I %annotations locks.c -o locks.o 2> /dev/null
// RUN: %cli_gfpdep --link %t --graph=dot > %t/link.dot
// RUN: diff %t/cycles.dot %t/link.dot
// No cycle: the label says so, and how to see the rest.
// RUN: mkdir -p %t/acyclic && sed -n '1,7p;9,11p' %inputs/graph/locks.c > %t/acyclic/locks.c
// RUN: %make_cdb %t/acyclic %annotations locks.c
// RUN: %cli_gfpdep -p %t/acyclic --graph=dot --graph-scope=cycles | FileCheck %s --check-prefix=NONE
// NONE: label="no cycles among 6 lock classes (--graph-scope=all shows every edge)";
// NONE-NOT: ->
