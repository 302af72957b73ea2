#!/usr/bin/env python3
"""The kernel benchmark: builds directories of a prepared Linux 6.1 tree
(scripts/kernel/setup.sh) plain and with the gfpdep plugin in KCFLAGS, side by
side in one run, and prints per directory the objects built, the CPU time of
each build, their ratio, the findings per rule and any crash.

It is a benchmark, not a test: the figures go into docs/kernel.md. Every
finding, with its notes, is written to OUT/findings.txt for triage, and the
figures to OUT/summary.json.

  python3 scripts/kernel/bench.py [--dirs mm/ fs/ext4/ ...] [--out DIR] [--repeat N]
"""
import argparse
import collections
import json
import os
import re
import resource
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DIRS = ["drivers/virtio/", "mm/", "kernel/locking/", "kernel/sched/",
                "fs/ext4/", "net/core/"]
WARNING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): "
                     r"(?:warning|error): (?P<msg>.*) \[gfpdep-(?P<rule>[a-z-]+)\]$")
NOTE = re.compile(r"^[^:\s]+:\d+:\d+: note: ")
CRASH = re.compile(r"PLEASE submit a bug report|Stack dump:|clang-19: error: unable to "
                   r"execute command|clang-19: error: clang frontend command failed")


def cpu_of_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def objects_in(tree, d):
    out = []
    for root, _, files in os.walk(os.path.join(tree, d)):
        out += [os.path.join(root, f) for f in files if f.endswith(".o")]
    return out


def clean(tree, d):
    for o in objects_in(tree, d):
        os.unlink(o)


def build(tree, d, jobs, cc, kcflags, log):
    """One build of directory d; returns (cpu seconds, output)."""
    cmd = ["make", "-O", "-j%d" % jobs, "CC=" + cc, d]
    if kcflags:
        cmd.insert(3, "KCFLAGS=" + kcflags)
    before = cpu_of_children()
    p = subprocess.run(cmd, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    cpu = cpu_of_children() - before
    with open(log, "w") as f:
        f.write(p.stdout)
    if p.returncode != 0:
        print("bench: '%s' failed (exit %d); see %s" % (" ".join(cmd), p.returncode, log),
              file=sys.stderr)
    return cpu, p.stdout, p.returncode


def findings_of(output):
    """[(key, rule, text)] for every gfpdep finding, its notes appended."""
    out = []
    cur = None
    for line in output.splitlines():
        m = WARNING.match(line)
        if m:
            cur = [m.group("file") + ":" + m.group("line") + ":" + m.group("col") + " " +
                   m.group("msg"), m.group("rule"), [line]]
            out.append(cur)
            continue
        if cur is not None and NOTE.match(line):
            cur[2].append(line)
            continue
        if cur is not None and (line.startswith(" ") or line.startswith("\t")):
            continue  # source excerpt and caret lines
        cur = None
    return [(k, r, "\n".join(t)) for k, r, t in out]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dirs", nargs="+", default=DEFAULT_DIRS)
    ap.add_argument("--out", default=os.path.join(REPO, "build", "kernel-bench"))
    ap.add_argument("--plugin", default=os.path.join(REPO, "build", "lib", "gfpdep.so"))
    ap.add_argument("--plugin-args", default="",
                    help="extra -fplugin-arg-gfpdep-... options, space-separated")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--cc", default="clang-19")
    ap.add_argument("--no-plain", action="store_true",
                    help="skip the plain builds (findings only, no ratio)")
    ap.add_argument("--gfpdep", default=os.path.join(REPO, "build", "bin", "gfpdep"),
                    help="the CLI for the whole-program step")
    ap.add_argument("--no-link", action="store_true",
                    help="skip the whole-program step (gfpdep --link over the "
                         "plugin build's objects)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="build each directory this many times per mode, plain and "
                         "plugin alternating, and count the least CPU time of each "
                         "(the machine is shared: the minimum is the least noisy)")
    a = ap.parse_args()

    if not os.path.exists(a.plugin):
        sys.exit("bench: %s not found; run scripts/build.sh first" % a.plugin)
    tree = subprocess.run(["bash", os.path.join(REPO, "scripts", "kernel", "setup.sh")],
                          check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    os.makedirs(a.out, exist_ok=True)
    kcflags = "-fplugin=" + os.path.abspath(a.plugin)
    for opt in a.plugin_args.split():
        kcflags += " -fplugin-arg-gfpdep-" + opt.lstrip("-")

    rows = []
    all_findings = collections.OrderedDict()
    for d in a.dirs:
        name = d.strip("/").replace("/", "_")
        plain = None
        cpu = None
        for _ in range(max(1, a.repeat)):
            if not a.no_plain:
                clean(tree, d)
                t, _, _ = build(tree, d, a.jobs, a.cc, "",
                                os.path.join(a.out, name + ".plain.log"))
                plain = t if plain is None else min(plain, t)
            clean(tree, d)
            t, output, rc = build(tree, d, a.jobs, a.cc, kcflags,
                                  os.path.join(a.out, name + ".plugin.log"))
            cpu = t if cpu is None else min(cpu, t)
        objs = len(objects_in(tree, d))
        found = findings_of(output)
        per_rule = collections.Counter()
        for key, rule, text in found:
            if key not in all_findings:
                all_findings[key] = (rule, text)
                per_rule[rule] += 1
        crashes = len(CRASH.findall(output))
        rows.append({"dir": d, "objects": objs, "plain_cpu": plain, "plugin_cpu": cpu,
                     "findings": dict(per_rule), "reported": len(found),
                     "crashes": crashes, "build_ok": rc == 0})
        print("%-16s %4d objects  plain %s  plugin %7.1fs  %s  findings %d (%s)  crashes %d"
              % (d, objs, "%7.1fs" % plain if plain is not None else "      -", cpu,
                 "%.2fx" % (cpu / plain) if plain else "    -", sum(per_rule.values()),
                 ", ".join("%s %d" % kv for kv in sorted(per_rule.items())) or "none",
                 crashes), flush=True)

    tot_plain = sum(r["plain_cpu"] or 0 for r in rows)
    tot_plugin = sum(r["plugin_cpu"] for r in rows)
    rules = collections.Counter(r for r, _ in all_findings.values())
    print("total            %4d objects  plain %7.1fs  plugin %7.1fs  %s  findings %d (%s)  "
          "crashes %d" % (sum(r["objects"] for r in rows), tot_plain, tot_plugin,
                          "%.2fx" % (tot_plugin / tot_plain) if tot_plain else "-",
                          len(all_findings),
                          ", ".join("%s %d" % kv for kv in sorted(rules.items())) or "none",
                          sum(r["crashes"] for r in rows)))
    with open(os.path.join(a.out, "findings.txt"), "w") as f:
        for key, (rule, text) in sorted(all_findings.items()):
            f.write(text + "\n\n")
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump({"dirs": rows, "total_plain_cpu": tot_plain, "total_plugin_cpu": tot_plugin,
                   "findings": dict(rules)}, f, indent=1, sort_keys=True)
    if not a.no_link:
        link_step(a, tree)
    print("bench: findings with their notes in %s" % os.path.join(a.out, "findings.txt"))


def link_step(a, tree):
    """gfpdep --link over the directories' objects (the plugin build, last,
    left its facts in them): CPU time, peak memory, findings."""
    out = os.path.join(a.out, "link.txt")
    err = os.path.join(a.out, "link.err")
    with open(out, "w") as fo, open(err, "w") as fe:
        p = subprocess.Popen([a.gfpdep, "--link", "--pass-stats", "--root", tree] +
                             [os.path.join(tree, d) for d in a.dirs],
                             stdout=fo, stderr=fe)
        _, status, ru = os.wait4(p.pid, 0)
    rc = os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    with open(out) as f:
        found = findings_of(f.read())
    rules = collections.Counter(r for _, r, _ in found)
    print("link             gfpdep --link: exit %d, CPU %.1fs, peak %.0f MB, findings %d (%s)"
          % (rc, cpu, ru.ru_maxrss / 1024.0, len(found),
             ", ".join("%s %d" % kv for kv in sorted(rules.items())) or "none"))
    with open(err) as f:
        for line in f:
            if line.startswith("gfpdep:"):
                print("                 " + line.rstrip())
    with open(os.path.join(a.out, "link.json"), "w") as f:
        json.dump({"exit": rc, "cpu": cpu, "peak_mb": ru.ru_maxrss / 1024.0,
                   "findings": dict(rules)}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
