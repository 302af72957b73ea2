#!/usr/bin/env python3
"""Generates a large kernel-style C translation unit for benchmarking gfpdep.

The unit has LAYERS layers of WIDTH functions each. Every function takes a
struct pointer and a gfp_t, and calls FANOUT functions of the next layer;
functions take and drop locks of a few classes (mutexes and spinlocks),
allocate with the mask they were passed or a literal one, and sleep. A few
are OOM notifiers and shrinkers. The shape is what a driver subsystem looks
like to gfpdep: many short functions, locks and allocations, deep call chains.

Usage: gen_kernel_tu.py [--functions N] [--fanout K] [--seed S] > big.c
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--functions", type=int, default=4000)
    ap.add_argument("--layers", type=int, default=10)
    ap.add_argument("--fanout", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--header-inlines", type=int, default=0,
                    help="unused static inline helpers first, as kernel "
                         "headers bring into every unit")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    width = max(1, a.functions // a.layers)
    out = ['#include <gfpdep/kernel.h>', '']
    if a.header_inlines:
        # A header's worth of inline helpers: locks, allocations, calls,
        # but used by nobody in this unit (written as if in a header: the
        # line marker makes them belong to another file).
        out.append('# 1 "include/linux/generated_helpers.h" 1')
        for i in range(a.header_inlines):
            out.append("struct hdr%d { struct mutex lock; spinlock_t s; int n; };" % i)
            out.append("static inline int hdr_fn%d(struct hdr%d *h, gfp_t gfp) {" % (i, i))
            out.append("  mutex_lock(&h->lock);")
            out.append("  void *p = kmalloc(h->n, gfp);")
            out.append("  if (i%d_check(h->n)) msleep(1);" % i if False else "  if (h->n > 3) kfree(p);")
            out.append("  mutex_unlock(&h->lock);")
            out.append("  return h->n;")
            out.append("}")
        out.append('# 3 "bench.c" 2')
    # One struct type per layer: a function of layer l takes layer l's locks
    # and calls layer l+1, so the lock order follows the layers (no cycles),
    # as in well-behaved code.
    nstructs = a.layers
    for s in range(nstructs):
        out.append("struct dev%d { struct mutex lock; spinlock_t slock; "
                   "struct notifier_block nb; struct shrinker shr; int n; };" % s)
    out.append("")
    # Declarations first so calls may go anywhere below.
    for l in range(a.layers):
        for w in range(width):
            out.append("static int f%d_%d(struct dev%d *d, gfp_t gfp);"
                       % (l, w, l))
    out.append("")
    masks = ["gfp", "GFP_KERNEL", "GFP_NOWAIT", "GFP_ATOMIC", "GFP_NOFS",
             "gfp | __GFP_NOWARN"]
    atomic_masks = ["GFP_ATOMIC", "GFP_NOWAIT", "GFP_ATOMIC | __GFP_NOWARN"]
    for l in range(a.layers):
        for w in range(width):
            s = l
            body = []
            kind = rng.random()
            # Spinlocked sections are short, as in real code: they only
            # call into the last layer (leaf helpers).
            spin_ok = l + 2 >= a.layers
            if kind < 0.25:
                body.append("  mutex_lock(&d->lock);")
                close = "  mutex_unlock(&d->lock);"
            elif kind < 0.35 and spin_ok:
                body.append("  spin_lock(&d->slock);")
                close = "  spin_unlock(&d->slock);"
            else:
                close = None
            if rng.random() < 0.5:
                # Mostly right: atomic masks under spinlocks, 2% wrong.
                pool = masks if close != "  spin_unlock(&d->slock);" or \
                    rng.random() < 0.02 else atomic_masks
                body.append("  void *p = kmalloc(%d, %s);" % (
                    rng.choice([16, 64, 256]), rng.choice(pool)))
                body.append("  kfree(p);")
            if l + 1 < a.layers:
                for _ in range(a.fanout):
                    t = rng.randrange(width)
                    ts = l + 1
                    arg = rng.choice(["gfp", "GFP_KERNEL", "GFP_NOWAIT"])
                    if close == "  spin_unlock(&d->slock);":
                        arg = "GFP_ATOMIC" if rng.random() > 0.02 else "gfp"
                    body.append("  if (d->n > %d) f%d_%d((struct dev%d *)d, %s);"
                                % (rng.randrange(100), l + 1, t, ts, arg))
            if rng.random() < 0.1 and close is None:
                body.append("  msleep(1);")
            if close:
                body.append(close)
            body.append("  return d->n;")
            out.append("static int f%d_%d(struct dev%d *d, gfp_t gfp) {"
                       % (l, w, s))
            out.extend(body)
            out.append("}")
    # Entry points: a few OOM notifiers and shrinkers calling into layer 1.
    last = a.layers - 1
    for s in range(4):
        out.append("static int oom%d(struct notifier_block *nb, unsigned long a,"
                   " void *p) { return f%d_%d((struct dev%d *)nb, GFP_NOWAIT); }"
                   % (s, last, s, last))
        out.append("static unsigned long cnt%d(struct shrinker *s, "
                   "struct shrink_control *sc) { return f%d_%d((struct dev%d *)s,"
                   " GFP_NOWAIT); }" % (s, last, s + 4, last))
    out.append("void bench_init(struct dev0 *d) {")
    for s in range(4):
        out.append("  ((struct dev%d *)d)->nb.notifier_call = oom%d;" % (s, s))
        out.append("  register_oom_notifier(&((struct dev%d *)d)->nb);" % s)
        out.append("  ((struct dev%d *)d)->shr.count_objects = cnt%d;" % (s + 4, s))
        out.append("  register_shrinker(&((struct dev%d *)d)->shr, \"b\");" % (s + 4))
    for w in range(min(width, 50)):
        out.append("  f0_%d((struct dev0 *)d, GFP_KERNEL);" % w)
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
