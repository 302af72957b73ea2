#!/usr/bin/env python3
"""Writes a random multi-file C program for gfpdep's differential test.

  gen_program.py SEED DIR

DIR gets prog.h (the shared declarations), u0.c ... u{N-1}.c (the units;
u0.c defines the locks) and all.c (the same code as one unit). Functions
call each other across units (no recursion), take mutexes and spinlocks in
balanced nests, allocate with GFP_KERNEL / GFP_NOWAIT / GFP_ATOMIC, sleep,
and some are OOM notifiers or shrinkers registered in another unit.
"""
import os
import random
import sys

seed, d = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)
os.makedirs(d, exist_ok=True)
n_units = rnd.randint(2, 6)
n_fns = rnd.randint(6, 24)
n_mutex = rnd.randint(1, 4)
n_spin = rnd.randint(0, 2)
unit_of = [rnd.randrange(n_units) for _ in range(n_fns)]
mutexes = ["m%d" % i for i in range(n_mutex)]
spins = ["s%d" % i for i in range(n_spin)]


def body(i, depth=0):
    out = []
    for _ in range(rnd.randint(1, 4)):
        k = rnd.random()
        if k < 0.30 and i + 1 < n_fns:
            out.append("f%d();" % rnd.randrange(i + 1, n_fns))
        elif k < 0.50 and depth < 2:
            m = rnd.choice(mutexes)
            out.append("mutex_lock(&%s);" % m)
            out += ["  " + s for s in body(i, depth + 1)]
            out.append("mutex_unlock(&%s);" % m)
        elif k < 0.60 and spins and depth < 2:
            s_ = rnd.choice(spins)
            out.append("spin_lock(&%s);" % s_)
            out += ["  " + s for s in body(i, depth + 1)]
            out.append("spin_unlock(&%s);" % s_)
        elif k < 0.85:
            out.append("kfree(kmalloc(8, %s));" % rnd.choice(
                ["GFP_KERNEL", "GFP_KERNEL", "GFP_NOWAIT", "GFP_ATOMIC", "GFP_NOFS"]))
        else:
            out.append("msleep(1);")
    return out


header = ["#include <gfpdep/kernel.h>"]
header += ["extern struct mutex %s;" % m for m in mutexes]
header += ["extern spinlock_t %s;" % s for s in spins]
header += ["void f%d(void);" % i for i in range(n_fns)]
units = [[] for _ in range(n_units)]
units[0] += ["struct mutex %s;" % m for m in mutexes]
units[0] += ["spinlock_t %s;" % s for s in spins]
for i in range(n_fns):
    units[unit_of[i]].append("void f%d(void) {\n%s\n}" % (
        i, "\n".join("  " + s for s in body(i))))
# Callbacks: OOM notifiers and shrinkers calling into the program.
for c in range(rnd.randint(1, 3)):
    u = rnd.randrange(n_units)
    target = rnd.randrange(n_fns)
    if rnd.random() < 0.5:
        units[u].append(
            "static int oom%d(struct notifier_block *nb, unsigned long a, void *p) {\n"
            "  f%d();\n  return 0;\n}\n"
            "static struct notifier_block nb%d = { .notifier_call = oom%d };\n"
            "int init_oom%d(void) { return register_oom_notifier(&nb%d); }"
            % (c, target, c, c, c, c))
    else:
        units[u].append(
            "static unsigned long count%d(struct shrinker *s, struct shrink_control *sc) { return 0; }\n"
            "static unsigned long scan%d(struct shrinker *s, struct shrink_control *sc) {\n"
            "  f%d();\n  return 0;\n}\n"
            "static struct shrinker sh%d = { .count_objects = count%d, .scan_objects = scan%d };\n"
            "int init_sh%d(void) { return register_shrinker(&sh%d, \"sh%d\"); }"
            % (c, c, target, c, c, c, c, c, c))
with open(os.path.join(d, "prog.h"), "w") as f:
    f.write("\n".join(header) + "\n")
for u, lines in enumerate(units):
    with open(os.path.join(d, "u%d.c" % u), "w") as f:
        f.write('#include "prog.h"\n' + "\n".join(lines) + "\n")
with open(os.path.join(d, "all.c"), "w") as f:
    f.write('#include "prog.h"\n')
    for lines in units:
        f.write("\n".join(lines) + "\n")
