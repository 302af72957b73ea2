// The whole program in one step: each unit's facts travel in its object
// (section .note.gfpdep.facts, dropped by the final link), `gfpdep --link` links
// them once. The result does not depend on compile order or input order.
//
// A chain through ten files: top() holds big_lock, c0() ... c9() each call
// the next, c9() allocates with GFP_KERNEL; the OOM notifier takes big_lock.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %inputs/gen_chain.py %t/chain chain 10
// Callers first, then callees first: the same objects either way.
// RUN: cd %t/chain && for f in top c0 c1 c2 c3 c4 c5 c6 c7 c8 c9; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t/chain --root %t/chain > %t/fwd.txt; test $? = 1
// RUN: cd %t/chain && rm *.o && for f in c9 c8 c7 c6 c5 c4 c3 c2 c1 c0 top; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t/chain/top.o %t/chain --root %t/chain > %t/rev.txt; test $? = 1
// RUN: diff %t/fwd.txt %t/rev.txt
// RUN: FileCheck %s --check-prefix=CHAIN < %t/fwd.txt
// CHAIN: c9.c:2:23: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'big_lock' is held, and the OOM notifier 'oom_cb' acquires 'big_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHAIN-NEXT: top.c:4:18: note: mutex 'big_lock' acquired here
// CHAIN-NEXT: top.c:4:41: note: 'top' calls 'c0' here
// CHAIN-NEXT: c0.c:3:17: note: 'c0' calls 'c1' here
// CHAIN:      c8.c:3:17: note: 'c8' calls 'c9' here
// CHAIN-NEXT: top.c:9:25: note: 'oom_cb' registered as an OOM notifier here
// CHAIN-NEXT: top.c:6:3: note: mutex 'big_lock' acquired here, inside reclaim
// CHAIN-NEXT: c9.c:2:23: note: allocate before acquiring 'big_lock', or use GFP_NOWAIT while it is held
// CHAIN-NEXT: 1 finding
//
// The plain compile of one unit sees only its own facts; given the others'
// (facts=), it reports the chain too.
// RUN: cd %t/chain && %clang -fsyntax-only -fplugin=%plugin -I%annotations c9.c 2>&1 | count 0
// RUN: cd %t/chain && %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-facts=%t/chain -I%annotations c9.c 2>&1 | FileCheck %s --check-prefix=ONE
// ONE: c9.c:2:23: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim
//
// An archive of the objects, and a relocatable link of some of them (one
// section holding several units) beside the rest: each unit counted once.
// RUN: cd %t/chain && rm -f lib.a && ar rcs lib.a c0.o c1.o c2.o c3.o c4.o c5.o c6.o c7.o c8.o c9.o top.o
// RUN: cd %t/chain && ld -r top.o c0.o c1.o -o part.o
// RUN: %cli_gfpdep --no-source --link %t/chain/lib.a --root %t/chain > %t/ar.txt; test $? = 1
// RUN: diff %t/fwd.txt %t/ar.txt
// RUN: %cli_gfpdep --no-source --link %t/chain/part.o %t/chain/lib.a --root %t/chain --pass-stats > %t/part.txt 2> %t/part.err; test $? = 1
// RUN: diff %t/fwd.txt %t/part.txt
// RUN: FileCheck %s --check-prefix=PART < %t/part.err
// PART: gfpdep: linked 11 units
//
// A lock-order cycle through six files, each edge in its own.
// RUN: %python %inputs/gen_chain.py %t/cycle cycle 6
// RUN: cd %t/cycle && for f in e5 e4 e3 e2 e1 e0; do %clang -c -fplugin=%plugin -I%annotations $f.c -o $f.o; done
// RUN: %cli_gfpdep --no-source --link %t/cycle --root %t/cycle > %t/cycle.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=CYCLE < %t/cycle.txt
// CYCLE: e5.c:4:34: warning: acquiring mutex 'l0' while holding 'l5' closes the lock-order cycle 'l0' -> 'l1' -> 'l2' -> 'l3' -> 'l4' -> 'l5' -> 'l0': possible deadlock [gfpdep-lock-order]
// CYCLE: 1 finding
//
// -fsyntax-only writes no object: facts-dir= writes a side file, one per
// unit whatever the output name.
// RUN: cd %t/cycle && for f in e0 e1 e2 e3 e4 e5; do %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-facts-dir=%t/side -I%annotations $f.c; done
// RUN: ls %t/side | count 6
// RUN: %cli_gfpdep --no-source --link %t/side --root %t/cycle > %t/side.txt; test $? = 1
// RUN: diff %t/cycle.txt %t/side.txt
// RUN: cd %t/cycle && %clang -c -fplugin=%plugin -fplugin-arg-gfpdep-facts-dir=%t/side2 -I%annotations e0.c -o /dev/null
// RUN: cd %t/cycle && %clang -c -fplugin=%plugin -fplugin-arg-gfpdep-facts-dir=%t/side2 -I%annotations e1.c -o /dev/null
// RUN: ls %t/side2 | count 2
//
// embed-facts=0: no section.
// RUN: cd %t/cycle && %clang -c -fplugin=%plugin -fplugin-arg-gfpdep-embed-facts=0 -I%annotations e0.c -o %t/plain.o
// RUN: not %cli_gfpdep --no-source --link %t/plain.o 2>&1 | FileCheck %s --check-prefix=NOFACTS
// NOFACTS: gfpdep: error: no gfpdep facts in the inputs: build with -fplugin=gfpdep.so
//
// Inputs that are not facts: an error naming each, exit status 2 or 3.
// RUN: echo hello > %t/junk.o
// RUN: not %cli_gfpdep --no-source --link %t/junk.o %t/missing.o %t/chain/c9.o 2>&1 | FileCheck %s --check-prefix=BAD
// BAD-DAG: gfpdep: error: {{.*}}junk.o: not a facts file, an object file or an archive
// BAD-DAG: gfpdep: error: {{.*}}missing.o: No such file or directory
// RUN: not %cli_gfpdep --no-source --link 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: --link needs the build's objects
// RUN: not %cli_gfpdep --no-source --link -p %t %t/chain 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: --link links a build's facts
//
// gfpdep -p parses each unit once and links once: the same ten-file chain
// and six-file cycle, the same report as --link over the objects, whatever
// order the database lists the files in.
// RUN: %make_cdb %t/chain %annotations top.c c0.c c1.c c2.c c3.c c4.c c5.c c6.c c7.c c8.c c9.c
// RUN: %cli_gfpdep --no-source -p %t/chain --root %t/chain -j 2 > %t/p-fwd.txt; test $? = 1
// RUN: diff %t/fwd.txt %t/p-fwd.txt
// RUN: %make_cdb %t/chain %annotations c9.c c8.c c7.c c6.c c5.c c4.c c3.c c2.c c1.c c0.c top.c
// RUN: %cli_gfpdep --no-source -p %t/chain --root %t/chain -j 1 > %t/p-rev.txt; test $? = 1
// RUN: diff %t/fwd.txt %t/p-rev.txt
// RUN: %make_cdb %t/cycle %annotations e0.c e1.c e2.c e3.c e4.c e5.c
// RUN: %cli_gfpdep --no-source -p %t/cycle --root %t/cycle > %t/p-cycle.txt; test $? = 1
// RUN: diff %t/cycle.txt %t/p-cycle.txt

// A linked executable (vmlinux, a program) has no facts: the final link
// drops the SHF_EXCLUDE section. Given one, the link says so and what to
// give it instead, rather than linking nothing.
// RUN: printf 'int main(void) { return 0; }\n' > %t/prog.c && %clang -fplugin=%plugin %t/prog.c -o %t/prog
// RUN: not %cli_gfpdep --no-source --link %t/prog 2>&1 | FileCheck %s --check-prefix=EXE
// EXE: gfpdep: error: {{.*}}prog: a linked executable or shared object; the final link drops the .note.gfpdep.facts section, so give gfpdep --link the objects, archives (built-in.a) or the build directory it was linked from
