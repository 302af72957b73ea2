// The clang-tidy checks' gfpdep.Models option, the plugin's model=: the rows
// of model files (';'-separated), read once per list for the process.
// Without it nothing here is known:
// RUN: %clang_tidy_gfpdep %s -- 2>&1 | count 0
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: %inputs/bus-model.yaml}}' %s -- 2>&1 | FileCheck %s --implicit-check-not=error:
//
// A relative path in a .clang-tidy file is relative to that file's
// directory, wherever clang-tidy runs (an InheritParentConfig file in
// between that does not set it is passed by); one given any other way
// (-config, --config-file, clangd's config) is relative to the compile
// command's directory (with --, the working directory).
// RUN: rm -rf %t && mkdir -p %t/proj/src %t/proj/models %t/elsewhere
// RUN: cp %s %t/proj/src/bus.c && cp %inputs/bus-model.yaml %t/proj/models/bus.yaml
// RUN: printf 'CheckOptions:\n  gfpdep.Models: models/bus.yaml\n' > %t/proj/.clang-tidy
// RUN: printf 'InheritParentConfig: true\nCheckOptions:\n  gfpdep.StackBudget: 1024\n' > %t/proj/src/.clang-tidy
// RUN: cd %t/elsewhere && %clang_tidy_gfpdep %t/proj/src/bus.c -- 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: cd %t/proj/models && %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: bus.yaml}}' %t/proj/src/bus.c -- 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: cd %t/elsewhere && not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: bus.yaml}}' %t/proj/src/bus.c -- 2>&1 | FileCheck %s --check-prefix=CWD
//
// Several files, one of them twice: each is read once, however many
// checks and units use the list (gfpdep.Stats says when a file is read).
// RUN: cp %s %t/a.c && cp %s %t/b.c && printf 'version: 1\nfunctions: []\n' > %t/empty.yaml
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: "%t/empty.yaml; %inputs/bus-model.yaml;", gfpdep.Stats: true}}' %t/a.c %t/b.c -- > %t/two.out 2> %t/two.err
// RUN: FileCheck %s --check-prefix=ONCE < %t/two.err
// RUN: FileCheck %s --check-prefix=BOTH < %t/two.out
//
// A bad model file is an error naming the option and the problem, and
// nothing is reported but the errors (as a bad plugin option fails the
// compile); the check that carries them is gfpdep-contract.
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: %inputs/bad-op.yaml}}' %s -- 2>&1 | FileCheck %s --check-prefix=BADOP --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: %inputs/bad-arg.yaml}}' %s -- 2>&1 | FileCheck %s --check-prefix=BADARG
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: %inputs/bad-version.yaml}}' %s -- 2>&1 | FileCheck %s --check-prefix=BADVERSION
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.Models: "%inputs/bus-model.yaml;%t/no-such-file.yaml"}}' %s -- 2>&1 | FileCheck %s --check-prefix=NOFILE --implicit-check-not=warning:
// Without gfpdep-contract the first check to report carries them.
// RUN: not %clang_tidy_gfpdep --checks='-*,gfpdep-sleep-in-atomic,gfpdep-lock-order' -config='{CheckOptions: {gfpdep.Models: %inputs/bad-op.yaml}}' %s -- 2>&1 | FileCheck %s --check-prefix=NOCONTRACT

typedef unsigned int gfp_t;
#define GFP_KERNEL 0xcc0u
struct bus { int lock; };
struct pool;
void *pool_alloc(struct pool *p, gfp_t gfp);
void bus_lock(int *l);
void bus_unlock(int *l);
void bus_wait_idle(void);

struct bus the_bus;

void bus_refill(struct pool *p) {
  bus_lock(&the_bus.lock);
  pool_alloc(p, GFP_KERNEL);
  bus_unlock(&the_bus.lock);
}

// CHECK: .c:{{[0-9]+}}:3: warning: 'pool_alloc' with GFP_KERNEL may sleep in atomic context: spinlock 'bus::lock' is held [gfpdep-sleep-in-atomic]
// CHECK: note: spinlock 'bus::lock' acquired here

// CWD: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}elsewhere{{/|\\}}bus.yaml: cannot read model file: No such file or directory [gfpdep-contract]

// ONCE: gfpdep: reading model file '{{.*}}empty.yaml'
// ONCE-NEXT: gfpdep: reading model file '{{.*}}bus-model.yaml'
// ONCE-NOT: reading model file
// BOTH: a.c:{{[0-9]+}}:3: warning: 'pool_alloc' with GFP_KERNEL may sleep in atomic context
// BOTH: b.c:{{[0-9]+}}:3: warning: 'pool_alloc' with GFP_KERNEL may sleep in atomic context

// BADOP: tidy-options-model.c:1:1: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}bad-op.yaml:4:7: function 'bus_lock': unknown op 'aquire'; valid ops: {{.*}} [gfpdep-contract]
// BADARG: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}bad-arg.yaml:3:7: function 'bus_lock': op 'acquire' needs 'arg' (the 1-based position of its lock) [gfpdep-contract]
// BADVERSION: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}bad-version.yaml:1:1: unsupported model file version 2; this gfpdep reads version 1 [gfpdep-contract]
// NOFILE: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}no-such-file.yaml: cannot read model file: No such file or directory [gfpdep-contract]
// NOCONTRACT: error: gfpdep: invalid model file in option 'gfpdep.Models': {{.*}}bad-op.yaml:4:7: {{.*}} [gfpdep-{{lock-order|sleep-in-atomic}}]
// NOCONTRACT-NOT: invalid model file
