// REQUIRES: distcc
// A distributed compile and the facts. distccd refuses a compile with
// -fplugin ("-fplugin= and/or -specs= passed, which are insecure and not
// supported"), so distcc runs that unit on the local machine, where the
// plugin puts the facts into the object as in any build: `gfpdep --link`
// over the distcc build reports what it reports over a plain build. The
// same daemon does distribute a compile without the plugin, so the test
// knows it is talking to a working distccd (127.0.0.1 only).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %inputs/gen_chain.py %t/src chain 4
// RUN: cp -r %t/src %t/local
// RUN: echo 'int plain(void) { return 1; }' > %t/src/plain.c
// RUN: cd %t/src && %python %inputs/with_distccd.py %t/distccd.log -- sh -c 'DISTCC_FALLBACK=0 distcc %clang -c plain.c -o plain.o && for f in top c0 c1 c2 c3; do distcc %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o || exit 1; done' 2> %t/client.err
// RUN: FileCheck %s --check-prefix=DAEMON < %t/distccd.log
// DAEMON: COMPILE_OK {{.*}} plain.c
// DAEMON: -fplugin= and/or -specs= passed, which are insecure and not supported
// RUN: FileCheck %s --check-prefix=CLIENT < %t/client.err
// CLIENT: failed to distribute, running locally instead
// RUN: rm %t/src/plain.o
// RUN: %cli_gfpdep --link %t/src --root %t/src > %t/distcc.txt; test $? = 1
// RUN: cd %t/local && for f in top c0 c1 c2 c3; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --link %t/local --root %t/local > %t/local.txt; test $? = 1
// RUN: diff %t/local.txt %t/distcc.txt
// RUN: FileCheck %s < %t/distcc.txt
// CHECK: c3.c:2:23: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'big_lock' is held
// CHECK: 1 finding
