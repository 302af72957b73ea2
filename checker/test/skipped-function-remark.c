// A function whose control-flow graph is larger than the limit (20000 blocks)
// is not analysed, and every front end says so with a remark at the function
// (it used to be visible only in the plugin's "stats" line). 10001 ifs make
// more than 20000 blocks.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "print('#include <gfpdep/kernel.h>\nint big(int x) {\n' + ''.join('  if (x == ' + str(i) + ') x += 3;\n' for i in range(10001)) + '  msleep(1);\n  return x;\n}')" > %t/big.c
//
// The plugin; with stats the function is counted as skipped too.
// RUN: %gfpdep %t/big.c 2>&1 | FileCheck %s --check-prefix=REMARK -DFILE=%t/big.c
// RUN: %gfpdep -fplugin-arg-gfpdep-stats %t/big.c 2>&1 | FileCheck %s --check-prefix=STATS
// STATS: 1 skipped
// STATS: remark: gfpdep did not analyse 'big'
//
// The gfpdep command.
// RUN: %make_cdb %t %annotations big.c
// RUN: %cli_gfpdep -p %t 2>&1 | FileCheck %s --check-prefix=REMARK -DFILE=%t/big.c
//
// The clang-tidy module.
// RUN: %clang_tidy_gfpdep %t/big.c -- -I%annotations 2>&1 | FileCheck %s --check-prefix=REMARK -DFILE=%t/big.c
//
// REMARK: [[FILE]]:2:5: remark: gfpdep did not analyse 'big': its control-flow graph is larger than the limit of 20000 blocks
