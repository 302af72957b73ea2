// gfpdep --model: the rows of a model file, as the plugin's model=, in the
// whole-program link of objects built without it and in gfpdep -p; a bad
// file is an error naming it (exit 2).
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/bus.c
// RUN: cd %t && %clang -c -fplugin=%plugin bus.c -o bus.o
// RUN: %cli_gfpdep --link %t --root %t > %t/none.txt; test $? = 0
// RUN: %cli_gfpdep --link %t --root %t --model=%inputs/bus-model.yaml > %t/link.txt; test $? = 1
// RUN: FileCheck %s < %t/link.txt
// RUN: %python %inputs/make_cdb.py %t %annotations %t/bus.c
// RUN: %cli_gfpdep -p %t --root %t --model=%inputs/bus-model.yaml > %t/db.txt; test $? = 1
// RUN: FileCheck %s < %t/db.txt
// The path-sensitive mode (its per-unit passes) takes the model too.
// RUN: %cli_gfpdep -p %t --root %t --path-sensitive > %t/ps-none.txt; test $? = 0
// RUN: %cli_gfpdep -p %t --root %t --path-sensitive --model=%inputs/bus-model.yaml > %t/ps.txt; test $? = 1
// RUN: FileCheck %s < %t/ps.txt
// The model file the build's own commands give the plugin (a path
// relative to the command's directory) is read too.
// RUN: rm -rf %t/b && mkdir -p %t/b && cp %s %t/b/bus.c && cp %inputs/bus-model.yaml %t/b/
// RUN: %python -c "import json,sys; d=sys.argv[1]; json.dump([dict(directory=d, file='bus.c', arguments=['clang','-c','-fplugin=gfpdep.so','-fplugin-arg-gfpdep-model=bus-model.yaml','bus.c'])], open(d+'/compile_commands.json','w'))" %t/b
// RUN: %cli_gfpdep -p %t/b --root %t/b > %t/b.txt 2> %t/b.err; test $? = 1
// RUN: FileCheck %s < %t/b.txt
// RUN: FileCheck %s --check-prefix=NOTE < %t/b.err
// NOTE: gfpdep: note: using the model file '{{.*}}b{{/|\\}}bus-model.yaml' the build's commands give the plugin
// RUN: %cli_gfpdep --link %t --model=%inputs/bad-op.yaml > /dev/null 2> %t/bad.txt; test $? = 2
// RUN: FileCheck %s --check-prefix=BAD < %t/bad.txt
// CHECK: bus.c:{{[0-9]+}}:3: warning: 'pool_alloc' with GFP_KERNEL may sleep in atomic context: spinlock 'bus::lock' is held [gfpdep-sleep-in-atomic]
// CHECK: 2 findings
// BAD: gfpdep: error: invalid model file: {{.*}}bad-op.yaml:4:7: function 'bus_lock': unknown op 'aquire'
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
  bus_wait_idle();
  bus_unlock(&the_bus.lock);
}
