// Summary files carry a deadlock's halves across translation units: the OOM
// notifier (notifier.c), the lock-holding allocation path (lock.c) and the
// allocation helper (alloc.c) live in three files.
// RUN: rm -rf %t && mkdir -p %t
// Each pass compiles every unit, writing its summary and reading the others'
// from the pass before; two passes carry facts two files deep.
// RUN: for f in alloc lock notifier; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/s %inputs/xtu/$f.c || exit 1; done
// RUN: for f in alloc lock notifier; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/s -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/$f.c 2>/dev/null || exit 1; done
// RUN: ls %t/s | FileCheck %s --check-prefix=FILES
// RUN: %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s
// Without the summaries lock.c alone shows nothing.
// RUN: %gfpdep %inputs/xtu/lock.c 2>&1 | count 0
// The same through the environment, as gfpdep-clangd reads it.
// RUN: env GFPDEP_SUMMARIES=%t/s %gfpdep %inputs/xtu/lock.c 2>&1 | FileCheck %s
// A corrupted summary file is an error naming the file.
// RUN: echo '{"format": "gfpdep-summaries", "version": 2, "functions": [{"usr": 3}]}' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=BROKEN
// RUN: echo '{"format": "gfpdep-summaries", "version": 2, "functions": [3]}' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=NOTOBJECT
// Chain steps are stored once ("steps"), each naming the one after it.
// RUN: echo '{"format": "gfpdep-summaries", "version": 2, "steps": [{"at": ["a.c", 1, 1], "text": "t"}, {"at": ["a.c", 2, 1], "text": "u", "next": 1}]}' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=NEXT
// RUN: echo '{"format": "gfpdep-summaries", "version": 2, "steps": [{"at": ["a.c", 1, 1], "text": "t"}], "checks": [{"effect": {"kind": "block", "leaf": ["a.c", 1, 1], "what": "f", "chain": 1}, "under": {"context": {"kind": "atomic", "origin": ["a.c", 1, 1]}, "chainLen": 0}}]}' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=CHAIN
// RUN: echo '{"format": "gfpdep-summaries", "version": 7}' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=VERSION
// RUN: echo '{"format": "gfpdep-summ' > %t/s/broken.gfpdep.json
// RUN: not %gfpdep -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/lock.c 2>&1 | FileCheck %s --check-prefix=TRUNCATED

// FILES: alloc.c.{{[0-9a-f]+}}.gfpdep.json
// FILES: lock.c.{{[0-9a-f]+}}.gfpdep.json
// FILES: notifier.c.{{[0-9a-f]+}}.gfpdep.json

// CHECK: alloc.c:4:10: warning: 'kmalloc' with GFP_KERNEL may enter direct reclaim and invoke the OOM killer while mutex 'vballoon::balloon_lock' is held, and the OOM notifier 'virtballoon_oom_notify' acquires 'vballoon::balloon_lock': possible deadlock [gfpdep-reclaim-under-lock]
// CHECK: lock.c:9:3: note: mutex 'vballoon::balloon_lock' acquired here
// CHECK: lock.c:11:5: note: 'fill_balloon' calls 'balloon_alloc_page' here
// CHECK: lock.c:11:24: note: GFP_KERNEL passed here
// CHECK: notifier.c:9:10: note: 'virtballoon_oom_notify' registered as an OOM notifier here
// CHECK: notifier.c:4:3: note: 'virtballoon_oom_notify' calls 'leak_balloon' here
// CHECK: lock.c:3:3: note: mutex 'vballoon::balloon_lock' acquired here, inside reclaim
// CHECK: alloc.c:4:10: note: allocate before acquiring 'vballoon::balloon_lock', or use GFP_NOWAIT while it is held

// BROKEN: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: expected a string, got 3 at summary.functions[0].usr
// NOTOBJECT: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: expected {usr, name, summary}, got 3 at summary.functions[0]
// NEXT: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: expected the index of an earlier step (0 to 0), got 1 at summary.steps[1].next
// CHAIN: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: expected the index of a step in "steps" (0 to 0), got 1 at summary.checks[0].effect.chain
// VERSION: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: summary format version 7, but this gfpdep reads version 2: rebuild the summaries with this gfpdep
// TRUNCATED: error: gfpdep: {{.*}}broken.gfpdep.json: invalid summary file: {{.*}}
