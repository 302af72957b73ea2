// The gfpdep command writes none of the files the build's commands would:
// dependency files (-MD, -MMD, -MF, -MT, -MQ, and the -Wp, spellings
// Kbuild uses), -MJ fragments, serialized diagnostics. Other flags given
// with -Wp, stay.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/xtu/*.c %inputs/xtu/*.h %t/
// RUN: printf '#ifndef KEPT\n#error -Wp,-DKEPT was dropped\n#endif\nvoid f(void) {}\n' > %t/kept.c
// RUN: echo '[{"directory": "%t", "file": "alloc.c", "arguments": ["clang", "-c", "-I%annotations", "-Wp,-MD,foo.o.d", "-MD", "-MF", "bar.d", "-o", "alloc.o", "alloc.c"]},' > %t/compile_commands.json
// RUN: echo ' {"directory": "%t", "file": "lock.c", "arguments": ["clang", "-c", "-I%annotations", "-Wp,-MMD,lock.o.d", "-MMD", "-MT", "lock.o", "-MQ", "lock.o", "-MFlock.d", "-MJ", "lock.json", "lock.c"]},' >> %t/compile_commands.json
// RUN: echo ' {"directory": "%t", "file": "notifier.c", "command": "clang -c -I%annotations -Wp,-MD,notifier.o.d,-DUNUSED --serialize-diagnostics notifier.dia -MJnotifier.json notifier.c"},' >> %t/compile_commands.json
// RUN: echo ' {"directory": "%t", "file": "kept.c", "arguments": ["clang", "-c", "-Wp,-MMD,kept.o.d", "-Wp,-MT,kept.o,-DKEPT,-MQ,kept.o,-MP", "kept.c"]}]' >> %t/compile_commands.json
// RUN: cd %t && %cli_gfpdep -p %t --quiet --root %t > %t/out.txt 2>&1; echo rc=$? >> %t/out.txt
// RUN: FileCheck %s < %t/out.txt
// CHECK-NOT: error
// CHECK: alloc.c:4:10: warning: {{.*}} [gfpdep-reclaim-under-lock]
// CHECK: 1 finding
// CHECK-NEXT: rc=1
// RUN: ls %t > %t/files.txt
// RUN: FileCheck %s --check-prefix=FILES < %t/files.txt
// FILES-NOT: {{\.d$|\.dia$|\.json$|\.o$}}
// FILES: alloc.c
// FILES-NOT: {{\.d$|\.dia$|\.json$|\.o$}}
// FILES: compile_commands.json
// FILES-NOT: {{\.d$|\.dia$|\.json$|\.o$}}
