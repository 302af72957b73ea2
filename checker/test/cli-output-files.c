// --output and --write-baseline write regular files only, through a
// temporary file and a rename: a symbolic link is followed (its target is
// replaced, the link stays), a FIFO or a directory is refused with exit
// status 4 before anything is analysed (the rename used to replace a FIFO
// or a device node with a regular file), and no temporary file stays.
// RUN: rm -rf %t && mkdir -p %t/src %t/out/sub %t/out/dir
// RUN: cp %inputs/xtu/*.c %inputs/xtu/*.h %t/src/
// RUN: %make_cdb %t/src %annotations alloc.c lock.c notifier.c
// RUN: mkfifo %t/out/fifo
// RUN: ln -s fifo %t/out/fifo-link
// RUN: echo old > %t/out/target.txt && chmod 640 %t/out/target.txt
// RUN: ln -s target.txt %t/out/link
// RUN: ln -s sub/new.json %t/out/dangling
//
// A FIFO, directly or through a link, and a directory: refused.
// RUN: timeout 120 %cli_gfpdep -p %t/src --quiet --output=%t/out/fifo > %t/fifo.txt 2>&1; echo rc=$? >> %t/fifo.txt
// RUN: FileCheck %s --check-prefix=FIFO -DP=%t/out/fifo < %t/fifo.txt
// RUN: timeout 120 %cli_gfpdep -p %t/src --quiet --write-baseline=%t/out/fifo > %t/fifo-base.txt 2>&1; echo rc=$? >> %t/fifo-base.txt
// RUN: FileCheck %s --check-prefix=FIFO -DP=%t/out/fifo < %t/fifo-base.txt
// FIFO: gfpdep: error: cannot write '[[P]]': it is a FIFO; gfpdep writes regular files only
// FIFO-NEXT: rc=4
// RUN: timeout 120 %cli_gfpdep -p %t/src --quiet --write-baseline=%t/out/fifo-link > %t/fifo-link.txt 2>&1; echo rc=$? >> %t/fifo-link.txt
// RUN: FileCheck %s --check-prefix=FIFOLINK -DP=%t/out/fifo-link < %t/fifo-link.txt
// FIFOLINK: gfpdep: error: cannot write '[[P]]': it is a FIFO (through a symbolic link: {{.*}}fifo); gfpdep writes regular files only
// FIFOLINK-NEXT: rc=4
// RUN: %cli_gfpdep -p %t/src --quiet --output=%t/out/dir > %t/dir.txt 2>&1; echo rc=$? >> %t/dir.txt
// RUN: FileCheck %s --check-prefix=DIR -DP=%t/out/dir < %t/dir.txt
// DIR: gfpdep: error: cannot write '[[P]]': it is a directory; gfpdep writes regular files only
// DIR-NEXT: rc=4
// RUN: test -p %t/out/fifo && test -L %t/out/fifo-link && test -d %t/out/dir
//
// Through symbolic links: the targets are written, the links stay, an
// existing file keeps its permissions.
// RUN: %cli_gfpdep -p %t/src --quiet --write-baseline=%t/out/link > /dev/null; echo rc=$? > %t/link.txt
// RUN: %cli_gfpdep -p %t/src --quiet --format=json --output=%t/out/dangling; echo rc=$? >> %t/link.txt
// RUN: FileCheck %s --check-prefix=LINK < %t/link.txt
// LINK: rc=1
// LINK-NEXT: rc=1
// RUN: test -L %t/out/link && test -L %t/out/dangling && test -f %t/out/sub/new.json
// RUN: stat -c %%a %t/out/target.txt | FileCheck %s --check-prefix=MODE
// MODE: 640
// RUN: FileCheck %s --check-prefix=BASELINE < %t/out/target.txt
// BASELINE: "format": "gfpdep-baseline"
// RUN: FileCheck %s --check-prefix=JSON < %t/out/sub/new.json
// JSON: "format": "gfpdep-findings"
// RUN: %cli_gfpdep -p %t/src --quiet --baseline=%t/out/link | count 0
//
// '-' is standard output.
// RUN: %cli_gfpdep -p %t/src --quiet --output=- > %t/stdout.txt; echo rc=$? >> %t/stdout.txt
// RUN: FileCheck %s --check-prefix=STDOUT < %t/stdout.txt
// STDOUT: 1 finding
// STDOUT-NEXT: rc=1
//
// No temporary file anywhere.
// RUN: find %t/out %t/src -name '*.tmp-*' | count 0
