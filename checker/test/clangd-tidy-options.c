// gfpdep-clangd reads the gfpdep.* options of a project's .clang-tidy (as
// clangd reads any CheckOptions): a model file named relative to the
// .clang-tidy file's directory makes the findings on its rows appear, and
// a bad value is an error diagnostic at the top of the file.
// REQUIRES: gfpdep-clangd
// RUN: rm -rf %t && mkdir -p %t/proj/models %t/plain && cp %s %t/proj/bus.c && cp %s %t/plain/bus.c
// RUN: cp %inputs/bus-model.yaml %t/proj/models/bus.yaml
// RUN: printf 'CheckOptions:\n  gfpdep.Models: models/bus.yaml\n' > %t/proj/.clang-tidy
// RUN: %lsp_check --timeout 60 --expect-code gfpdep-sleep-in-atomic -- %lsp_server %t/proj/bus.c | FileCheck %s
// Without the option, nothing is known about bus_lock.
// RUN: %lsp_check --timeout 10 --expect-code gfpdep-sleep-in-atomic -- %lsp_server %t/plain/bus.c || test $? = 1
// RUN: printf 'CheckOptions:\n  gfpdep.StackBudget: lots\n' > %t/plain/.clang-tidy
// RUN: %lsp_check --timeout 60 --expect-code gfpdep-contract -- %lsp_server %t/plain/bus.c | FileCheck %s --check-prefix=BAD

typedef unsigned int gfp_t;
#define GFP_KERNEL 0xcc0u
struct bus { int lock; };
struct pool;
void *pool_alloc(struct pool *p, gfp_t gfp);
void bus_lock(int *l);
void bus_unlock(int *l);

struct bus the_bus;

void bus_refill(struct pool *p) {
  bus_lock(&the_bus.lock);
  pool_alloc(p, GFP_KERNEL);
  bus_unlock(&the_bus.lock);
}

// CHECK: "code": "gfpdep-sleep-in-atomic",
// CHECK: "message": "'pool_alloc' with GFP_KERNEL may sleep in atomic context: spinlock 'bus::lock' is held",
// CHECK: "message": "Spinlock 'bus::lock' acquired here"

// clangd capitalises the first letter of every message.
// BAD: "code": "gfpdep-contract",
// BAD: "message": "Gfpdep: invalid value 'lots' for option 'gfpdep.StackBudget': needs a whole number of bytes, at least 64",
// BAD: "line": 0
// BAD: "severity": 1
