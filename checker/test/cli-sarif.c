// SARIF as tools read it: without --root the locations are absolute
// file:// URIs; with --root relative ones against SRCROOT, given in
// originalUriBaseIds; the invocation says whether every unit was analysed,
// with the error of each one that was not (exit 3 then).
// RUN: rm -rf %t && mkdir -p %t/src && cp %s %t/src/a.c
// RUN: %python %inputs/make_cdb.py %t/src %annotations a.c
// RUN: %cli_gfpdep -p %t/src --format=sarif > %t/abs.sarif; test $? = 1
// RUN: %python %inputs/check_sarif_uris.py abs %t/abs.sarif %t/src
// RUN: %cli_gfpdep -p %t/src --root %t --format=sarif > %t/rel.sarif; test $? = 1
// RUN: %python %inputs/check_sarif_uris.py rel %t/rel.sarif %t
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); d.append(dict(directory=sys.argv[2]+'/gone', file='b.c', arguments=['clang','-c','b.c'])); json.dump(d, open(sys.argv[1],'w'))" %t/src/compile_commands.json %t/src
// RUN: %cli_gfpdep -p %t/src --format=sarif > %t/fail.sarif 2> %t/fail.err; test $? = 3
// RUN: %python %inputs/check_sarif_uris.py fail %t/fail.sarif %t/src
#include <gfpdep/kernel.h>
spinlock_t lock;
void f(void) {
  spin_lock(&lock);
  kmalloc(8, GFP_KERNEL);
  spin_unlock(&lock);
}
