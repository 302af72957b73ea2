// A summary or baseline file nested deeper than 64 levels is an error naming
// the file before the JSON parser sees it (llvm::json::parse recurses once a
// level: 40,000 '[' overflowed the stack). Brackets inside strings do not
// count.
// RUN: rm -rf %t && mkdir -p %t/sum %t/deep
// RUN: %python -c "print('[' * 40000)" > %t/deep/a.gfpdep.json
// RUN: %python -c "print('{\"a\": ' * 40000)" > %t/deep.json
//
// The plugin (summaries=) and the clang-tidy module (GFPDEP_SUMMARIES).
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/deep %s 2>&1 | FileCheck %s --check-prefix=SUM -DFILE=%t/deep/a.gfpdep.json
// RUN: env GFPDEP_SUMMARIES=%t/deep not %clang_tidy_gfpdep %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=SUM -DFILE=%t/deep/a.gfpdep.json
// SUM: error: gfpdep: [[FILE]]: invalid summary file: JSON nested deeper than 64 levels at line 1
// SUM-NOT: PLEASE submit a bug report
//
// The gfpdep command: --summaries and --baseline; usage errors (exit 2).
// RUN: %cli_gfpdep --summaries %t/deep > %t/link.txt 2>&1; echo rc=$? >> %t/link.txt
// RUN: FileCheck %s --check-prefix=LINK -DFILE=%t/deep/a.gfpdep.json < %t/link.txt
// LINK: gfpdep: error: [[FILE]]: invalid summary file: JSON nested deeper than 64 levels at line 1
// LINK-NEXT: rc=2
// RUN: %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/sum %s
// RUN: %cli_gfpdep --summaries %t/sum --baseline=%t/deep.json > %t/base.txt 2>&1; echo rc=$? >> %t/base.txt
// RUN: FileCheck %s --check-prefix=BASE -DFILE=%t/deep.json < %t/base.txt
// BASE: gfpdep: error: cannot read baseline '[[FILE]]': JSON nested deeper than 64 levels at line 1
// BASE-NEXT: rc=2
//
// At the bound and with brackets in strings: an ordinary baseline.
// RUN: %python -c "print('{\"format\": \"gfpdep-baseline\", \"version\": 1, \"x\": ' + '[' * 63 + ']' * 63 + ', \"fingerprints\": [\"[[[[\\\\\"[[[\"]}')" > %t/ok.json
// RUN: %cli_gfpdep --summaries %t/sum --baseline=%t/ok.json > %t/ok.txt 2>&1; echo rc=$? >> %t/ok.txt
// RUN: FileCheck %s --check-prefix=OK < %t/ok.txt
// OK: rc=0
// RUN: %python -c "print('[' * 65 + ']' * 65)" > %t/over.json
// RUN: not %cli_gfpdep --summaries %t/sum --baseline=%t/over.json 2>&1 | FileCheck %s --check-prefix=OVER
// OVER: JSON nested deeper than 64 levels at line 1

void f(void) {}
