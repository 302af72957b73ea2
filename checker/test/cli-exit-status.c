// The gfpdep command's exit statuses, each its own: 0 no findings, 1
// findings, 2 usage or set-up error (llvm::cl's own errors included, which
// used to exit 1 like findings), 3 a unit could not be analysed, 4 the
// report or the baseline could not be written.
// RUN: rm -rf %t && mkdir -p %t/clean %t/found
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/found/
// RUN: %make_cdb %t/found %annotations alloc.c lock.c notifier.c
// RUN: echo 'void nothing(void) {}' > %t/clean/clean.c
// RUN: %make_cdb %t/clean %annotations clean.c
//
// RUN: %cli_gfpdep -p %t/clean --quiet; echo rc=$? > %t/0.txt
// RUN: FileCheck %s --check-prefix=RC0 < %t/0.txt
// RC0: rc=0
// RUN: %cli_gfpdep -p %t/found --quiet > /dev/null; echo rc=$? > %t/1.txt
// RUN: FileCheck %s --check-prefix=RC1 < %t/1.txt
// RC1: rc=1
//
// Usage errors: an unknown option, a bad value, a missing value, no -p.
// RUN: %cli_gfpdep -p %t/found --frobnicate > %t/2a.txt 2>&1; echo rc=$? >> %t/2a.txt
// RUN: FileCheck %s --check-prefix=UNKNOWN < %t/2a.txt
// UNKNOWN: Unknown command line argument '--frobnicate'
// UNKNOWN: rc=2
// RUN: %cli_gfpdep -p %t/found --format=xml > %t/2b.txt 2>&1; echo rc=$? >> %t/2b.txt
// RUN: FileCheck %s --check-prefix=XML < %t/2b.txt
// XML: for the --format option: Cannot find option named 'xml'!
// XML: rc=2
// RUN: %cli_gfpdep -p %t/found -j -1 > %t/2c.txt 2>&1; echo rc=$? >> %t/2c.txt
// RUN: FileCheck %s --check-prefix=JNEG < %t/2c.txt
// JNEG: for the -j option: '-1' value invalid for uint argument!
// JNEG: rc=2
// RUN: %cli_gfpdep -p > %t/2d.txt 2>&1; echo rc=$? >> %t/2d.txt
// RUN: FileCheck %s --check-prefix=NOVALUE < %t/2d.txt
// NOVALUE: for the -p option: requires a value!
// NOVALUE: rc=2
// RUN: %cli_gfpdep --disable=sleeping -p %t/found > %t/2e.txt 2>&1; echo rc=$? >> %t/2e.txt
// RUN: FileCheck %s --check-prefix=RULE < %t/2e.txt
// RULE: gfpdep: error: unknown rule 'sleeping'
// RULE: rc=2
//
// A unit that does not compile.
// RUN: echo 'void broken(void) { undeclared(); }' > %t/found/broken.c
// RUN: %make_cdb %t/found %annotations alloc.c lock.c notifier.c broken.c
// RUN: %cli_gfpdep -p %t/found --quiet > /dev/null 2>&1; echo rc=$? > %t/3.txt
// RUN: FileCheck %s --check-prefix=RC3 < %t/3.txt
// RC3: rc=3
// RUN: %make_cdb %t/found %annotations alloc.c lock.c notifier.c
//
// I/O failures: standard output full, --output or --write-baseline in a
// directory that is not there.
// RUN: %cli_gfpdep -p %t/found --quiet > /dev/full 2> %t/4a.txt; echo rc=$? >> %t/4a.txt
// RUN: FileCheck %s --check-prefix=FULL < %t/4a.txt
// FULL: gfpdep: error: cannot write the report to standard output: {{[Nn]}}o space left on device
// FULL-NOT: LLVM ERROR
// FULL: rc=4
// RUN: %cli_gfpdep -p %t/found --quiet --output=%t/nosuch/out.txt > %t/4b.txt 2>&1; echo rc=$? >> %t/4b.txt
// RUN: FileCheck %s --check-prefix=NODIR < %t/4b.txt
// NODIR: gfpdep: error: cannot write '{{.*}}nosuch{{/|\\}}out.txt': {{[Nn]}}o such file or directory
// NODIR: rc=4
// RUN: %cli_gfpdep -p %t/found --quiet --write-baseline=%t/nosuch/base.json > %t/4c.txt 2>&1; echo rc=$? >> %t/4c.txt
// RUN: FileCheck %s --check-prefix=NOBASE < %t/4c.txt
// NOBASE: gfpdep: error: cannot {{.*}}nosuch{{/|\\}}base.json
// NOBASE: rc=4
//
// RUN: %cli_gfpdep --help | FileCheck %s --check-prefix=HELP
// HELP: Exit status: 0 no findings, 1 findings, 2 usage or set-up error,
// HELP-NEXT: 3 some translation unit could not be analysed (the others'
// HELP-NEXT: findings are still reported), 4 the report or the baseline could
// HELP-NEXT: not be written.
