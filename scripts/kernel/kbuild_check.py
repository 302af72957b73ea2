#!/usr/bin/env python3
"""Compiles test modules through kbuild against a prepared Linux tree with the
gfpdep plugin and prints gfpdep's diagnostics, with file names relative to the
module directory, for FileCheck.

    kbuild_check.py --tree T --plugin P [--arg A ...] FILE.c [FILE.c ...]

The files are copied into a fresh temporary directory with a Kbuild file of
their own and built there as single objects (`make M=dir file.o`), so the
tree and the test directory are never written; the temporary directory is
removed. Exit status: that of make (a compile error fails the test), 2 on a
usage error.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note|remark): (?P<msg>.*)$")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", required=True, help="prepared kernel tree")
    ap.add_argument("--plugin", required=True, help="gfpdep.so")
    ap.add_argument("--arg", action="append", default=[],
                    help="a -fplugin-arg-gfpdep-... option, without the prefix")
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--modules", action="store_true",
                    help="link the .ko modules too (modpost included); print "
                         "modpost's warnings, except unresolved symbols (a "
                         "modules_prepare tree has no Module.symvers)")
    ap.add_argument("--keep", metavar="DIR",
                    help="copy the built .o and .ko files into DIR")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.tree, "Makefile")):
        print("kbuild_check: %s is not a kernel tree" % a.tree, file=sys.stderr)
        return 2
    if not os.path.isfile(a.plugin):
        print("kbuild_check: %s not found" % a.plugin, file=sys.stderr)
        return 2
    kcflags = ["-fplugin=" + os.path.abspath(a.plugin)]
    kcflags += ["-fplugin-arg-gfpdep-" + x for x in a.arg]
    work = tempfile.mkdtemp(prefix="gfpdep-kbuild-")
    try:
        objs = []
        for f in a.files:
            if not f.endswith(".c"):
                print("kbuild_check: %s: not a .c file" % f, file=sys.stderr)
                return 2
            base = os.path.basename(f)
            shutil.copy(f, os.path.join(work, base))
            objs.append(base[:-2] + ".o")
        with open(os.path.join(work, "Kbuild"), "w") as k:
            for o in objs:
                k.write("obj-m += %s\n" % o)
        cmd = ["make", "-s", "-C", a.tree, "M=" + work, "CC=" + a.cc,
               "KCFLAGS=" + " ".join(kcflags)] + (["modules"] if a.modules else objs)
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           universal_newlines=True)
        lines = p.stdout.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("WARNING: modpost:") and not line.endswith("undefined!") \
                    and "suppressed" not in line:
                print(line.replace(work + "/", ""))
            m = DIAG.match(line)
            if m:
                path = m.group("path")
                if path.startswith(work + "/"):
                    path = path[len(work) + 1:]
                elif path.startswith(a.tree + "/"):
                    path = path[len(a.tree) + 1:]
                print("%s:%s:%s: %s: %s" % (path, m.group("line"), m.group("col"),
                                            m.group("kind"), m.group("msg")))
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            for f in sorted(os.listdir(work)):
                if f.endswith(".o") and not f.endswith(".mod.o") or f.endswith(".ko"):
                    shutil.copy(os.path.join(work, f), os.path.join(a.keep, f))
        if p.returncode != 0:
            sys.stderr.write(p.stdout)
            print("kbuild_check: make failed (%d)" % p.returncode, file=sys.stderr)
        return p.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
