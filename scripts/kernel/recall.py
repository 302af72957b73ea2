#!/usr/bin/env python3
"""Recall benchmark: known, fixed kernel bugs re-created in copies of the real
Linux 6.1 files, checked with gfpdep per file and whole program.

    scripts/kernel/recall.py [--plugin SO] [--gfpdep BIN] [--verbose] [BUG ...]

Every bug is a directory of scripts/kernel/recall/ (docs/recall.md):

  files             tree-relative paths, one a line, copied flat into a temp dir
  fix.revert.patch  re-introduces the bug in the flat copies (patch -p1 there)
  fix.patch         instead of fix.revert.patch, for a bug 6.1 ships: the
                    upstream fix, applied to the baseline; the bug's build
                    is the copy as shipped
  expect            JSON: kind, rule, file, line, notes (strings that must
                    appear in the finding's message or notes), route
                    ("per-file" or "whole-program"), optional "ccflags",
                    optional "builtin" (true: obj-y, built as kernel code)
  README.md         the bug, its commit, the chain

For each bug, two fresh temp dirs: the baseline (the copy as shipped, or with
fix.patch applied; the expected finding must not be reported by either
route) and the bug's copy (with fix.revert.patch, or as shipped). Each is
built as single objects with `make -s -C TREE M=DIR CC=clang-19
KCFLAGS=-fplugin=PLUGIN x.o ...` (the plugin's per-file findings), then
`GFPDEP --link DIR --root DIR` (the whole program). The tree comes from
`bash scripts/kernel/setup.sh` (GFPDEP_KERNEL_DIR honoured); only the temp
dirs are written, and they are removed.

Exit status: 0 when every bug is found by the route its expect names and not
in its baseline, 1 otherwise, 2 on a usage or set-up error.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUGS = os.path.join(REPO, "scripts", "kernel", "recall")
DIAG = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note): (?P<msg>.*)$")
RULE = re.compile(r"\[gfpdep-(?P<rule>[a-z-]+)\]$")


class Finding:
    def __init__(self, path, line, col, msg):
        self.path, self.line, self.col, self.msg = path, line, col, msg
        m = RULE.search(msg)
        self.rule = m.group("rule") if m else None
        self.notes = []  # (path, line, col, text)

    def text(self):
        out = ["%s:%d:%d: warning: %s" % (self.path, self.line, self.col, self.msg)]
        out += ["%s:%d:%d: note: %s" % n for n in self.notes]
        return "\n".join(out)

    def key(self):
        return (self.path, self.line, self.col, self.msg,
                tuple(self.notes))


def rel(path, work, tree):
    for root in (work, tree):
        if path.startswith(root + "/"):
            return path[len(root) + 1:]
    return path


def parse(output, work, tree):
    """gfpdep's warnings with the notes that follow each, paths relative to
    the temp dir (the copies) or the tree (headers). Duplicates (a finding
    printed by two units) are folded."""
    found, cur, seen = [], None, set()
    for line in output.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        path = rel(m.group("path"), work, tree)
        ln, col, msg = int(m.group("line")), int(m.group("col")), m.group("msg")
        if m.group("kind") == "warning" and RULE.search(msg):
            cur = Finding(path, ln, col, msg)
            found.append(cur)
        elif m.group("kind") == "note" and cur is not None:
            cur.notes.append((path, ln, col, msg))
        else:
            cur = None
    out = []
    for f in found:
        if f.key() not in seen:
            seen.add(f.key())
            out.append(f)
    return out


def matches(f, exp):
    if f.rule != exp["rule"] or f.path != exp["file"] or f.line != exp["line"]:
        return False
    blob = "\n".join([f.msg] + [n[3] for n in f.notes])
    return all(s in blob for s in exp.get("notes", []))


def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    return p.returncode, p.stdout


def build(bug, exp, files, tree, plugin, gfpdep, patch, verbose):
    """Copies, applies `patch` (a file of the bug's dir) when given, builds per file and links. Returns
    (per-file findings, whole-program findings, error or None)."""
    work = tempfile.mkdtemp(prefix="gfpdep-recall-%s-" % bug)
    try:
        objs = []
        for f in files:
            src = os.path.join(tree, f)
            dst = os.path.join(work, os.path.basename(f))
            if os.path.exists(dst):
                return [], [], "two files named %s" % os.path.basename(f)
            shutil.copy(src, dst)
            if f.endswith(".c"):
                objs.append(os.path.basename(f)[:-2] + ".o")
        with open(os.path.join(work, "Kbuild"), "w") as k:
            # "builtin": compiled as kernel code (obj-y, no -DMODULE), for
            # files that use what the headers hide from modules
            k.write("obj-%s += %s\n" % ("y" if exp.get("builtin") else "m",
                                         " ".join(objs)))
            for fl in exp.get("ccflags", []):
                k.write("ccflags-y += %s\n" % fl)
        if patch:
            with open(os.path.join(BUGS, bug, patch)) as p:
                r = subprocess.run(["patch", "-p1", "-s", "--no-backup-if-mismatch"],
                                   cwd=work, stdin=p, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, universal_newlines=True)
            if r.returncode != 0:
                return [], [], "%s failed:\n%s" % (patch, r.stdout)
        rc, out = run(["make", "-s", "-C", tree, "M=" + work, "CC=clang-19",
                       "KCFLAGS=-fplugin=" + plugin] + objs)
        if verbose:
            print(out)
        if rc != 0:
            return [], [], "make failed (%d):\n%s" % (rc, out[-4000:])
        per_file = parse(out, work, tree)
        rc, lout = run([gfpdep, "--link", work, "--root", work, "--quiet"])
        if verbose:
            print(lout)
        if rc not in (0, 1):
            return per_file, [], "gfpdep --link failed (%d):\n%s" % (rc, lout[-4000:])
        return per_file, parse(lout, work, tree), None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plugin", default=os.path.join(REPO, "build", "lib", "gfpdep.so"))
    ap.add_argument("--gfpdep", default=os.path.join(REPO, "build", "bin", "gfpdep"))
    ap.add_argument("--verbose", action="store_true",
                    help="print the build and link output too")
    ap.add_argument("--list", action="store_true", help="list the bugs and exit")
    ap.add_argument("bugs", nargs="*")
    a = ap.parse_args()
    allbugs = sorted(d for d in os.listdir(BUGS)
                     if os.path.isfile(os.path.join(BUGS, d, "expect")))
    if a.list:
        for b in allbugs:
            print(b)
        return 0
    bugs = a.bugs or allbugs
    for b in bugs:
        if b not in allbugs:
            print("recall: no bug %s (have: %s)" % (b, ", ".join(allbugs)), file=sys.stderr)
            return 2
    plugin, gfpdep = os.path.abspath(a.plugin), os.path.abspath(a.gfpdep)
    for p in (plugin, gfpdep):
        if not os.path.isfile(p):
            print("recall: %s not found" % p, file=sys.stderr)
            return 2
    r = subprocess.run(["bash", os.path.join(REPO, "scripts", "kernel", "setup.sh")],
                       stdout=subprocess.PIPE, universal_newlines=True)
    tree = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    if r.returncode != 0 or not os.path.isfile(os.path.join(tree, "Makefile")):
        print("recall: setup.sh gave no kernel tree", file=sys.stderr)
        return 2

    rows, details, ok = [], [], True
    for b in bugs:
        with open(os.path.join(BUGS, b, "expect")) as f:
            exp = json.load(f)
        with open(os.path.join(BUGS, b, "files")) as f:
            files = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        shipped = os.path.isfile(os.path.join(BUGS, b, "fix.patch"))
        base_patch, bug_patch = (("fix.patch", None) if shipped else
                                 (None, "fix.revert.patch"))
        print("recall: %s: baseline (%s)" %
              (b, "upstream fix applied" if shipped else "copy as shipped"),
              file=sys.stderr)
        bpf, bwp, berr = build(b, exp, files, tree, plugin, gfpdep, base_patch, a.verbose)
        print("recall: %s: the bug (%s)" %
              (b, "copy as shipped" if shipped else "fix reverted"), file=sys.stderr)
        ppf, pwp, perr = build(b, exp, files, tree, plugin, gfpdep, bug_patch, a.verbose)
        err = berr or perr
        base_hit = [f for f in bpf + bwp if matches(f, exp)]
        hit_pf = [f for f in ppf if matches(f, exp)]
        hit_wp = [f for f in pwp if matches(f, exp)]
        want = hit_pf if exp["route"] == "per-file" else hit_wp
        passed = err is None and not base_hit and bool(want)
        ok = ok and passed
        verdict = ("ERROR" if err else "BASELINE-HIT" if base_hit else
                   "ok" if passed else "MISSED")
        rows.append((b, exp["kind"], "yes" if hit_pf else "no",
                     "yes" if hit_wp else "no", exp["route"], verdict,
                     "%d/%d" % (len(bpf), len(bwp)), "%d/%d" % (len(ppf), len(pwp))))
        d = ["== %s (%s): expected %s at %s:%d, route %s" %
             (b, exp["kind"], exp["rule"], exp["file"], exp["line"], exp["route"])]
        if err:
            d.append(err)
        for f in base_hit:
            d.append("baseline already reports it:\n" + f.text())
        if exp["route"] == "per-file" and hit_pf or not hit_wp:
            shown, how = hit_pf[:1], "per file"
        else:
            shown, how = hit_wp[:1], "whole program"
        for f in shown:
            d.append("found (%s):\n%s" % (how, f.text()))
        if not hit_pf and not hit_wp and not err:
            d.append("not found; the bug's copy's findings (per file / whole program):")
            for f in ppf + pwp:
                d.append(f.text())
        details.append("\n".join(d))

    hdr = ("bug", "kind", "per-file", "whole-program", "expected route", "result",
           "findings base pf/wp", "findings bug pf/wp")
    widths = [max(len(str(r[i])) for r in rows + [hdr]) for i in range(len(hdr))]
    fmt = "  ".join("%%-%ds" % w for w in widths)
    print(fmt % hdr)
    for r in rows:
        print(fmt % r)
    print()
    print("\n\n".join(details))
    print()
    print("recall: %d of %d bugs found by their expected route" %
          (sum(1 for r in rows if r[5] == "ok"), len(rows)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
