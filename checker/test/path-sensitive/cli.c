// The gfpdep command's --path-sensitive: each unit's findings checked on its
// paths, lock-balance added, in every output format.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cp %inputs/path-cli/*.c %inputs/path-cli/*.h %t/
// RUN: %make_cdb %t %annotations buffer.c update.c
//
// The default mode: both allocations of dev_buffer() (the first cannot run
// with the lock held: n <= 10 and n > 10 exclude each other).
// RUN: %cli_gfpdep --no-source -p %t --root %t -j 2 > %t/default.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=DEFAULT < %t/default.txt
// DEFAULT: buffer.c:8:9: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]
// DEFAULT: buffer.c:10:9: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context
// DEFAULT-NOT: lock-balance
// DEFAULT: 2 findings
//
// RUN: %cli_gfpdep --no-source -p %t --root %t -j 2 --path-sensitive --pass-stats > %t/path.txt 2> %t/stats.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=STATS < %t/stats.txt
// STATS: gfpdep: path-sensitive (last pass): 2 findings checked, 1 confirmed, 1 dropped, 0 kept unverified (0 of them over a budget), 1 lock-balance
// RUN: FileCheck %s --check-prefix=PATH < %t/path.txt
// PATH-NOT: buffer.c:8:9
// PATH: buffer.c:10:9: warning: 'kmalloc' with GFP_KERNEL may sleep in atomic context: spinlock 'dev::lock' is held [gfpdep-sleep-in-atomic]
// PATH-NEXT: buffer.c:6:5: note: spinlock 'dev::lock' acquired here
// PATH-NEXT: buffer.c:10:9: note: use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic section begins
// PATH-NEXT: update.c:6:5: warning: spinlock 'dev::lock' is still held when 'dev_update' returns on this path, but other paths release it [gfpdep-lock-balance]
// PATH-NEXT: update.c:4:3: note: spinlock 'dev::lock' acquired here
// PATH-NEXT: update.c:5:7: note: assuming 'err' is not equal to 0
// PATH-NEXT: update.c:5:3: note: taking true branch
// PATH-NEXT: update.c:6:5: note: release 'dev::lock' on this path too, or annotate 'dev_update' with GFPDEP_ACQUIRES() or GFPDEP_TRY_ACQUIRES() if callers are to release it
// PATH-NEXT: 2 findings
//
// SARIF lists the rule, and the result points at it.
// RUN: %cli_gfpdep --no-source -p %t --root %t --path-sensitive --format=sarif --output=%t/path.sarif || test $? = 1
// RUN: %python -c "import json,sys; r=json.load(open(sys.argv[1]))['runs'][0]; ids=[x['id'] for x in r['tool']['driver']['rules']]; b=[x for x in r['results'] if x['ruleId']=='gfpdep-lock-balance']; assert len(ids)==12 and len(b)==1 and ids[b[0]['ruleIndex']]=='gfpdep-lock-balance', (ids, b); print('ok')" %t/path.sarif | FileCheck %s --check-prefix=SARIF
// SARIF: ok
//
// --disable works for it like for any rule.
// RUN: %cli_gfpdep --no-source -p %t --root %t --path-sensitive --disable=lock-balance > %t/off.txt || test $? = 1
// RUN: FileCheck %s --check-prefix=OFF < %t/off.txt
// OFF-NOT: lock-balance
// OFF: 1 finding
