// The gfpdep command reads the compilation database the way the build wrote
// it, from wherever it is started: relative `directory` entries are taken
// from the database's own directory and relative `file` entries from the
// command's directory; a command whose directory is missing fails that unit
// only (exit status 3), the others are still reported.
// RUN: rm -rf %t && mkdir -p %t/db/src %t/elsewhere
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/db/src/
// RUN: echo '[{"directory": "src", "file": "alloc.c", "arguments": ["clang", "-c", "-I%annotations", "alloc.c"]},' > %t/db/compile_commands.json
// RUN: echo ' {"directory": "./src/../src", "file": "lock.c", "arguments": ["clang", "-c", "-I%annotations", "lock.c"]},' >> %t/db/compile_commands.json
// RUN: echo ' {"directory": ".", "file": "src/notifier.c", "arguments": ["clang", "-c", "-I%annotations", "src/notifier.c"]}]' >> %t/db/compile_commands.json
//
// From the database's directory, from elsewhere, and with a relative -p.
// RUN: cd %t/db && %cli_gfpdep -p . --quiet --root %t/db > %t/here.txt; echo rc=$? >> %t/here.txt
// RUN: FileCheck %s --check-prefix=FOUND < %t/here.txt
// RUN: cd %t/elsewhere && %cli_gfpdep -p ../db --quiet --root %t/db > %t/there.txt; echo rc=$? >> %t/there.txt
// RUN: FileCheck %s --check-prefix=FOUND < %t/there.txt
// RUN: cd / && %cli_gfpdep -p %t/db --quiet --root %t/db > %t/abs.txt; echo rc=$? >> %t/abs.txt
// RUN: FileCheck %s --check-prefix=FOUND < %t/abs.txt
// FOUND: src/alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim {{.*}} [gfpdep-reclaim-under-lock]
// FOUND: src/notifier.c:9:10: note: 'virtballoon_oom_notify' registered as an OOM notifier here
// FOUND: 1 finding
// FOUND-NEXT: rc=1
//
// Some units named on the command line, relative to the working directory.
// RUN: cd %t/db/src && %cli_gfpdep -p .. --quiet alloc.c lock.c > %t/some.txt; echo rc=$? >> %t/some.txt
// RUN: FileCheck %s --check-prefix=SOME < %t/some.txt
// SOME: rc=0
//
// A command whose directory does not exist: that unit fails with an error,
// the other units' findings are still reported.
// RUN: sed -i '$s/]$/,/' %t/db/compile_commands.json
// RUN: echo ' {"directory": "%t/nosuch", "file": "ghost.c", "arguments": ["clang", "-c", "ghost.c"]}]' >> %t/db/compile_commands.json
// RUN: cd %t/elsewhere && %cli_gfpdep -p ../db --quiet --root %t/db > %t/missing.txt 2> %t/missing.err; echo rc=$? >> %t/missing.txt
// RUN: FileCheck %s --check-prefix=MISSING-ERR < %t/missing.err
// RUN: FileCheck %s --check-prefix=FOUND-3 < %t/missing.txt
// MISSING-ERR: gfpdep: error: could not analyse {{.*}}nosuch{{/|\\}}ghost.c: cannot enter the directory '{{.*}}nosuch' of its compile command: {{[Nn]}}o such file or directory
// MISSING-ERR-NOT: LLVM ERROR
// FOUND-3: src/alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL {{.*}} [gfpdep-reclaim-under-lock]
// FOUND-3: 1 finding
// FOUND-3-NEXT: rc=3
