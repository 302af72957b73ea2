// stack-in-reclaim across files: the OOM notifier in notifier.c, the frame
// in leak.c; found by the whole-program link of the objects' facts (in
// either compile order), in every output format, and in a compile of leak.c
// given the other unit's facts.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/stack/*.c %t/
// RUN: cd %t && %clang -c -fplugin=%plugin -I%annotations leak.c -o leak.o && %clang -c -fplugin=%plugin -I%annotations notifier.c -o notifier.o
// RUN: %cli_gfpdep --no-source --link %t --root %t > %t/out.txt; test $? = 1
// RUN: FileCheck %s < %t/out.txt
// RUN: %cli_gfpdep --no-source --link %t --root %t --format=json > %t/out.json; test $? = 1
// RUN: FileCheck %s --check-prefix=JSON < %t/out.json
// RUN: %cli_gfpdep --no-source --link %t --root %t --format=sarif > %t/out.sarif; test $? = 1
// RUN: FileCheck %s --check-prefix=SARIF < %t/out.sarif
// RUN: %cli_gfpdep --no-source --link %t --root %t --stack-budget=2048; test $? = 0
// RUN: not %cli_gfpdep --no-source --link %t --root %t --stack-budget=10 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: cd %t && %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-facts=%t/notifier.o -I%annotations leak.c 2>&1 | FileCheck %s --check-prefix=ONE

// CHECK: leak.c:5:7: warning: 'leak_balloon' keeps 1028 bytes of locals on the stack ('pfns': 1024), over the 512-byte budget, below the OOM notifier 'oom_notify', on a stack the failing allocation has already used deeply [gfpdep-stack-in-reclaim]
// CHECK-NEXT: notifier.c:9:3: note: 'oom_notify' registered as an OOM notifier here
// CHECK-NEXT: notifier.c:5:10: note: 'oom_notify' calls 'leak_balloon' here
// CHECK-NEXT: leak.c:5:7: note: allocate 'pfns' in advance
// CHECK-NEXT: 1 finding

// JSON: "rule": "gfpdep-stack-in-reclaim"
// SARIF: "ruleId": "gfpdep-stack-in-reclaim"
// SARIF: "id": "gfpdep-stack-in-reclaim"
// BAD: --stack-budget and --stack-chain-budget need at least 64 bytes
// ONE: leak.c:5:7: warning: 'leak_balloon' keeps 1028 bytes
