#!/usr/bin/env python3
"""Writes a program spread over many files into DIR.

  gen_chain.py DIR chain N   top() holds a lock and calls c0() ... c{N-1}(),
                             one per file; the last allocates with GFP_KERNEL;
                             the OOM notifier takes the lock.
  gen_chain.py DIR cycle N   lock-order cycle l0 -> l1 -> ... -> l{N-1} -> l0,
                             each edge taken in its own file.
  gen_chain.py DIR onefile N the chain of "chain N" in one file, DIR/chain.c.
"""
import os
import sys

d, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(d, exist_ok=True)
inc = "#include <gfpdep/kernel.h>\n"
top = ("struct mutex big_lock;\nvoid c0(void);\n"
       "void top(void) { mutex_lock(&big_lock); c0(); mutex_unlock(&big_lock); }\n"
       "static int oom_cb(struct notifier_block *nb, unsigned long a, void *p) {\n"
       "  mutex_lock(&big_lock); mutex_unlock(&big_lock); return 0;\n}\n"
       "static struct notifier_block nb = { .notifier_call = oom_cb };\n"
       "int init(void) { return register_oom_notifier(&nb); }\n")


def link(i):
    if i + 1 < n:
        return "void c%d(void);\nvoid c%d(void) { c%d(); }\n" % (i + 1, i, i + 1)
    return "void c%d(void) { kfree(kmalloc(8, GFP_KERNEL)); }\n" % i


if kind == "chain":
    with open(os.path.join(d, "top.c"), "w") as f:
        f.write(inc + top)
    for i in range(n):
        with open(os.path.join(d, "c%d.c" % i), "w") as f:
            f.write(inc + link(i))
elif kind == "onefile":
    with open(os.path.join(d, "chain.c"), "w") as f:
        f.write(inc + top + "".join(link(i) for i in range(n)))
elif kind == "cycle":
    for i in range(n):
        j = (i + 1) % n
        with open(os.path.join(d, "e%d.c" % i), "w") as f:
            f.write(inc + "struct mutex l%d;\nextern struct mutex l%d;\n" % (i, j))
            f.write("void e%d(void) { mutex_lock(&l%d); mutex_lock(&l%d); "
                    "mutex_unlock(&l%d); mutex_unlock(&l%d); }\n" % (i, i, j, j, i))
else:
    sys.exit("usage: gen_chain.py DIR chain|cycle|onefile N")
