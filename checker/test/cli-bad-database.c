// A compilation database that is not one is an error naming the file and
// the problem (exit 2), and its bytes are not echoed to the terminal
// (LLVM's own loader prints the offending line, raw): one line of output.
// RUN: rm -rf %t && mkdir -p %t/bin %t/obj %t/arr
// RUN: printf '\000\001\002binary\377' > %t/bin/compile_commands.json
// RUN: %cli_gfpdep -p %t/bin > %t/bin.txt 2>&1; test $? = 2
// RUN: FileCheck %s --check-prefix=BIN < %t/bin.txt
// RUN: count 1 < %t/bin.txt
// BIN: gfpdep: error: '{{.*}}bin{{/|\\}}compile_commands.json' is not a JSON compilation database: it holds NUL bytes (a binary file?)
// RUN: echo '{"directory": "/"}' > %t/obj/compile_commands.json
// RUN: not %cli_gfpdep -p %t/obj 2>&1 | FileCheck %s --check-prefix=OBJ
// OBJ: is not a JSON compilation database: the top level is not an array of compile commands
// RUN: echo '[{"directory": "/tmp", "file": "x.c",' > %t/arr/compile_commands.json
// RUN: not %cli_gfpdep -p %t/arr 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: is not a JSON compilation database: [2:0, byte={{[0-9]+}}]: Expected object key
