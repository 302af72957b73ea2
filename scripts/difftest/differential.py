#!/usr/bin/env python3
"""Differential test of the whole program: for each seed, a random program
in several units (scripts/difftest/gen_program.py) is checked two ways that
must agree:
  - split: each unit compiled with the plugin (-fsyntax-only, facts-dir=),
    then `gfpdep --link` over the side files;
  - whole: the plugin on the same code as one unit (all.c).
The findings are compared by rule and message (locations differ between the
two: the split units and all.c are different files). Exit 1 on the first
disagreement, printing both reports.

  differential.py --clang C --plugin P --gfpdep G --annotations DIR [--seeds N] [--first S]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WARN = re.compile(r"^\S+:\d+:\d+: warning: (.*)$")


def warnings(text):
    return sorted(m.group(1) for m in map(WARN.match, text.splitlines()) if m)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--gfpdep", required=True)
    ap.add_argument("--annotations", required=True)
    ap.add_argument("--seeds", type=int, default=200)
    ap.add_argument("--first", type=int, default=1)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gfpdep-diff-")
    total = 0
    try:
        for seed in range(a.first, a.first + a.seeds):
            d = os.path.join(work, str(seed))
            subprocess.run([sys.executable, os.path.join(HERE, "gen_program.py"),
                            str(seed), d], check=True)
            base = [a.clang, "-fsyntax-only", "-fplugin=" + a.plugin,
                    "-I" + a.annotations, "-I" + d]
            units = sorted(f for f in os.listdir(d) if f.startswith("u") and f.endswith(".c"))
            for u in units:
                p = subprocess.run(base + ["-fplugin-arg-gfpdep-facts-dir=" + d + "/facts",
                                           os.path.join(d, u)],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                if p.returncode != 0:
                    print("seed %d: %s does not compile:\n%s" % (seed, u, p.stdout))
                    return 1
            split = subprocess.run([a.gfpdep, "--link", d + "/facts"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if split.returncode not in (0, 1):
                print("seed %d: gfpdep --link failed (%d):\n%s" % (seed, split.returncode,
                                                                split.stderr))
                return 1
            whole = subprocess.run(base + [os.path.join(d, "all.c")],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            ws, ww = warnings(split.stdout), warnings(whole.stdout)
            if ws != ww:
                print("seed %d: the split program and the one unit disagree" % seed)
                print("--- gfpdep --link over the units:\n" + split.stdout)
                print("--- the plugin on all.c:\n" + whole.stdout)
                print("(program kept in %s)" % d)
                work = None
                return 1
            total += len(ws)
            shutil.rmtree(d)
        print("differential: %d programs agree (%d findings in all)" % (a.seeds, total))
        return 0
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
