// gfpdep -p applies the engine options the build's commands give the
// plugin (-fplugin-arg-gfpdep-...), as it does their model= files: what a
// compile with the plugin reports, gfpdep -p reports. The command line
// wins; commands that disagree are an error (the whole program has one
// value); options of the compile itself are named as not applied.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/stack/*.c %t/
// RUN: %python %inputs/build_options_cdb.py %t %annotations plain > /dev/null
// RUN: %cli_gfpdep -p %t --no-source > %t/plain.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=FOUND < %t/plain.txt
// FOUND: leak.c:5:7: warning: 'leak_balloon' keeps 1028 bytes of locals on the stack ('pfns': 1024), over the 512-byte budget
//
// The build's stack-budget=2048, as the plugin would: no finding, and a note.
// RUN: %python %inputs/build_options_cdb.py %t %annotations budget > /dev/null
// RUN: %cli_gfpdep -p %t --no-source > %t/budget.txt 2> %t/budget.err; test $? = 0
// RUN: FileCheck %s --check-prefix=NOTE < %t/budget.err
// NOTE: gfpdep: note: using stack-budget=2048 from the build's commands to the plugin
// NOTE: gfpdep: note: the build's commands also give the plugin 'werror', which concern the compile itself: gfpdep -p does not apply them
// The command line wins.
// RUN: %cli_gfpdep -p %t --no-source --stack-budget=512 > /dev/null; test $? = 1
//
// The build's disable=stack-in-reclaim: no finding.
// RUN: %python %inputs/build_options_cdb.py %t %annotations disable > /dev/null
// RUN: %cli_gfpdep -p %t --no-source --quiet | count 0
// RUN: %cli_gfpdep -p %t --no-source --quiet --enable=stack-in-reclaim --disable=lock-order > /dev/null; test $? = 1
//
// Commands that disagree: exit 2, saying how to choose.
// RUN: %python %inputs/build_options_cdb.py %t %annotations conflict > /dev/null
// RUN: %cli_gfpdep -p %t > /dev/null 2> %t/conflict.err || test $? = 2
// RUN: FileCheck %s --check-prefix=CONFLICT < %t/conflict.err
// CONFLICT: gfpdep: error: the build's commands give the plugin different stack-budget options ('stack-budget=1024', 'stack-budget=2048'), but the whole program has one: give --stack-budget to choose
// RUN: %cli_gfpdep -p %t --no-source --stack-budget=4096 > /dev/null; test $? = 0
// A bad value: exit 2.
// RUN: %python %inputs/build_options_cdb.py %t %annotations bad > /dev/null
// RUN: %cli_gfpdep -p %t > /dev/null 2> %t/bad.err || test $? = 2
// RUN: FileCheck %s --check-prefix=BAD < %t/bad.err
// BAD: gfpdep: error: invalid value '1k' for 'stack-budget=' in the build's commands: needs a whole number of bytes, at least 64
