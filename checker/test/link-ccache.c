// REQUIRES: ccache
// Facts travel in the object, so a ccache hit brings them back with it: a
// second build of the same units is all cache hits and `gfpdep --link`
// reports the same findings.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %inputs/gen_chain.py %t/src chain 4
// RUN: cd %t/src && for f in top c0 c1 c2 c3; do CCACHE_DIR=%t/cache ccache %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --link %t/src --root %t/src > %t/first.txt; test $? = 1
// RUN: rm %t/src/*.o
// RUN: cd %t/src && for f in top c0 c1 c2 c3; do CCACHE_DIR=%t/cache ccache %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: CCACHE_DIR=%t/cache ccache --print-stats | FileCheck %s --check-prefix=STATS
// STATS-DAG: direct_cache_hit{{[[:space:]]+}}5
// RUN: %cli_gfpdep --link %t/src --root %t/src > %t/second.txt; test $? = 1
// RUN: diff %t/first.txt %t/second.txt
// RUN: FileCheck %s < %t/second.txt
// CHECK: c3.c:2:23: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'big_lock' is held
// CHECK: 1 finding
