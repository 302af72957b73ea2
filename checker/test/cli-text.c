// The text report in clang's style: each warning and note with its source
// line and a caret (tabs expanded to 8 columns); --no-source leaves them
// out; colour with --color (LLVM's option; by default only on a terminal,
// so never in a pipe or a file); a source file gone since the analysis
// just has no snippet.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/text/tabs.c %t/
// RUN: %make_cdb %t %annotations tabs.c
// RUN: %cli_gfpdep -p %t --root %t > %t/plain.txt; test $? = 1
// RUN: FileCheck %s --strict-whitespace < %t/plain.txt
// CHECK:      tabs.c:5:24: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]
// CHECK-NEXT:     5 |         if (!d->buf)    d->buf = kmalloc(64, GFP_KERNEL);
// CHECK-NEXT:       |                                  ^
// CHECK-NEXT: tabs.c:4:2: note: spinlock 'dev::lock' acquired here
// CHECK-NEXT:     4 |         spin_lock(&d->lock);
// CHECK-NEXT:       |         ^
// CHECK-NEXT: tabs.c:5:24: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// CHECK-NEXT:     5 |         if (!d->buf)    d->buf = kmalloc(64, GFP_KERNEL);
// CHECK-NEXT:       |                                  ^
// CHECK-NEXT: 1 finding
// RUN: %python -c "import sys; sys.exit(b'\x1b' in open(sys.argv[1], 'rb').read())" %t/plain.txt
//
// RUN: %cli_gfpdep -p %t --root %t --no-source > %t/nosource.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=NOSOURCE --match-full-lines < %t/nosource.txt
// NOSOURCE:      tabs.c:5:24: warning: {{.*}} [gfpdep-sleep-in-atomic]
// NOSOURCE-NEXT: tabs.c:4:2: note: spinlock 'dev::lock' acquired here
// NOSOURCE-NEXT: tabs.c:5:24: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// NOSOURCE-NEXT: 1 finding
//
// Colour as clang's: bold location and message, magenta "warning:", dark
// "note:", green caret.
// RUN: %cli_gfpdep -p %t --root %t --color > %t/colour.txt; test $? = 1
// RUN: %python -c "import sys; sys.exit(not (b'\x1b' in open(sys.argv[1], 'rb').read()))" %t/colour.txt
// RUN: %python -c "import sys; sys.stdout.write(open(sys.argv[1]).read().replace('\x1b', '<ESC>'))" %t/colour.txt | FileCheck %s --check-prefix=COLOUR
// COLOUR:      <ESC>[1mtabs.c:5:24: <ESC>[0;1;35mwarning: <ESC>[0m<ESC>[1m'kmalloc' with GFP_KERNEL {{.*}} [gfpdep-sleep-in-atomic]<ESC>[0m
// COLOUR-NEXT:     5 |         if (!d->buf)    d->buf = kmalloc(64, GFP_KERNEL);
// COLOUR-NEXT:       |                                  <ESC>[0;1;32m^<ESC>[0m
// COLOUR-NEXT: <ESC>[1mtabs.c:4:2: <ESC>[0;1;30mnote: <ESC>[0mspinlock 'dev::lock' acquired here
// RUN: %cli_gfpdep -p %t --root %t --color=false > %t/nocolour.txt || true
// RUN: diff %t/plain.txt %t/nocolour.txt
//
// The source gone: the report without snippets, nothing else changes.
// RUN: cd %t && %clang -c -fplugin=%plugin -I %annotations tabs.c -o tabs.o 2> /dev/null
// RUN: mv %t/tabs.c %t/tabs.c.moved
// RUN: %cli_gfpdep --link %t --root %t > %t/gone.txt; test $? = 1
// RUN: mv %t/tabs.c.moved %t/tabs.c
// RUN: diff %t/nosource.txt %t/gone.txt
