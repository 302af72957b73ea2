#!/usr/bin/env python3
"""Generates a multi-file kernel-style project with a compile_commands.json,
for measuring `gfpdep -p` against plain `clang -fsyntax-only`.

  gen_project.py DIR --files 200 --functions 100000 [--seed 1]

Each file holds FUNCTIONS/FILES functions in layers (as gen_kernel_tu.py):
locks of the file's own struct types, allocations with passed or literal
masks, calls to the next layer of the same file, and one call in eight to a
function of the next file (declared in the shared header), so summaries must
cross files. A few files register OOM notifiers and shrinkers.
"""
import argparse
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--functions", type=int, default=100000)
    ap.add_argument("--layers", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--include", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "annotations"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)
    per = max(a.layers, a.functions // a.files)
    width = per // a.layers
    hdr = ["#include <gfpdep/kernel.h>", "struct shared { struct mutex lock; int n; };"]
    for f in range(a.files):
        hdr.append("int entry%d(struct shared *s, gfp_t gfp);" % f)
    with open(os.path.join(a.dir, "project.h"), "w") as out:
        out.write("\n".join(hdr) + "\n")
    cmds = []
    masks = ["gfp", "GFP_KERNEL", "GFP_NOWAIT", "GFP_NOFS", "gfp | __GFP_NOWARN"]
    for f in range(a.files):
        src = ['#include "project.h"']
        for l in range(a.layers):
            src.append("struct f%d_l%d { struct mutex lock; spinlock_t s; int n; };" % (f, l))
        for l in range(a.layers):
            for w in range(width):
                src.append("static int g%d_%d(struct f%d_l%d *d, gfp_t gfp);" % (l, w, f, l))
        for l in range(a.layers):
            for w in range(width):
                body = []
                k = rng.random()
                close = None
                if k < 0.25:
                    body.append("  mutex_lock(&d->lock);")
                    close = "  mutex_unlock(&d->lock);"
                elif k < 0.32 and l + 1 == a.layers:
                    body.append("  spin_lock(&d->s);")
                    close = "  spin_unlock(&d->s);"
                if rng.random() < 0.5:
                    m = "GFP_ATOMIC" if close == "  spin_unlock(&d->s);" else rng.choice(masks)
                    body.append("  kfree(kmalloc(%d, %s));" % (rng.choice([16, 64]), m))
                if l + 1 < a.layers:
                    for _ in range(2):
                        body.append("  if (d->n > %d) g%d_%d((struct f%d_l%d *)d, %s);" % (
                            rng.randrange(100), l + 1, rng.randrange(width), f, l + 1,
                            rng.choice(["gfp", "GFP_KERNEL", "GFP_NOWAIT"])))
                elif rng.random() < 0.125 and close is None:
                    body.append("  entry%d((struct shared *)d, gfp);" % ((f + 1) % a.files))
                if close:
                    body.append(close)
                body.append("  return d->n;")
                src.append("static int g%d_%d(struct f%d_l%d *d, gfp_t gfp) {" % (l, w, f, l))
                src += body
                src.append("}")
        src.append("int entry%d(struct shared *s, gfp_t gfp) {" % f)
        src.append("  mutex_lock(&s->lock);")
        src.append("  s->n++;")
        src.append("  mutex_unlock(&s->lock);")
        src.append("  return g0_0((struct f%d_l0 *)s, gfp);" % f)
        src.append("}")
        if f % 50 == 0:
            src.append("static int on_oom(struct notifier_block *nb, unsigned long a, void *p) {")
            src.append("  return g%d_0((struct f%d_l%d *)nb, GFP_NOWAIT);" % (a.layers - 1, f, a.layers - 1))
            src.append("}")
            src.append("static struct notifier_block oom_nb = { .notifier_call = on_oom };")
            src.append("void init%d(void) { register_oom_notifier(&oom_nb); }" % f)
        name = "unit%03d.c" % f
        with open(os.path.join(a.dir, name), "w") as out:
            out.write("\n".join(src) + "\n")
        cmds.append({"directory": os.path.abspath(a.dir), "file": name,
                     "arguments": ["clang", "-c", "-I" + os.path.abspath(a.include), name]})
    with open(os.path.join(a.dir, "compile_commands.json"), "w") as out:
        json.dump(cmds, out, indent=1)
    print("%d files, %d functions" % (a.files, a.files * (width * a.layers + 1)))


if __name__ == "__main__":
    main()
