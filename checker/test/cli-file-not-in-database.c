// A file named on the gfpdep command line that the compilation database does
// not list is a usage error (exit status 2) naming it: it is not analysed
// with a guessed command.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/
// RUN: cp %t/notifier.c %t/other.c
// RUN: %make_cdb %t %annotations alloc.c lock.c notifier.c
//
// RUN: cd %t && %cli_gfpdep -p . other.c > %t/one.txt 2>&1; echo rc=$? >> %t/one.txt
// RUN: FileCheck %s --check-prefix=ONE < %t/one.txt
// ONE: gfpdep: error: 'other.c' is not in the compilation database
// ONE-NEXT: rc=2
//
// Also next to files that are listed, and named by an absolute path.
// RUN: %cli_gfpdep -p %t %t/lock.c %t/other.c > %t/two.txt 2>&1; echo rc=$? >> %t/two.txt
// RUN: FileCheck %s --check-prefix=TWO -DFILE=%t/other.c < %t/two.txt
// TWO-NOT: warning:
// TWO: gfpdep: error: '[[FILE]]' is not in the compilation database
// TWO-NEXT: rc=2
//
// Listed files are analysed as usual.
// RUN: %cli_gfpdep -p %t %t/alloc.c %t/lock.c %t/notifier.c --quiet > %t/listed.txt 2>&1; echo rc=$? >> %t/listed.txt
// RUN: FileCheck %s --check-prefix=LISTED < %t/listed.txt
// LISTED: alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock]
// LISTED: rc=1
