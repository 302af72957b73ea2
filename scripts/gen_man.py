#!/usr/bin/env python3
"""Writes the gfpdep(1) man page from `gfpdep --help` (and --version).

Usage: gen_man.py <gfpdep executable> <output gfpdep.1>
The page is generated at build time, so it always says what the built
command accepts.
"""
import re
import subprocess
import sys


def roff(text):
    text = text.replace("\\", "\\\\")
    # A line starting with '.' or "'" would be a roff request.
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    exe, out = sys.argv[1], sys.argv[2]
    helptext = subprocess.run([exe, "--help"], capture_output=True, text=True,
                              check=True).stdout
    version = subprocess.run([exe, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip().splitlines()[0]
    m = re.search(r"gfpdep (\S+)", version)
    ver = m.group(1) if m else "unknown"
    lines = [
        '.TH GFPDEP 1 "" "gfpdep %s" "User Commands"' % ver,
        ".SH NAME",
        "gfpdep \\- lockdep-style static checker for C and C++, whole program",
        ".SH SYNOPSIS",
        ".B gfpdep",
        "\\-\\-link [\\fIoptions\\fR] \\fIobjects-or-directories\\fR...",
        ".br",
        ".B gfpdep",
        "\\-p \\fIbuild-dir\\fR [\\fIoptions\\fR] [\\fIfiles\\fR...]",
        ".SH DESCRIPTION",
        "gfpdep reports, with the whole call chain, locks held across "
        "allocations that may enter reclaim, sleeping in atomic context, "
        "lock-order cycles, IRQ-state inversions, waits under a lock for a "
        "callback that needs it and large stack frames on the OOM path. "
        "Compile with \\fB\\-fplugin=gfpdep.so\\fR (clang 19) to check each "
        "file and to record its facts in the object; \\fBgfpdep \\-\\-link\\fR "
        "checks the whole program from those objects.",
        ".SH OPTIONS",
        ".nf",
        roff(helptext.rstrip()),
        ".fi",
        ".SH FILES",
        "The plugin \\fIgfpdep.so\\fR and the clang-tidy module "
        "\\fIGfpdepTidyModule.so\\fR are installed under the library "
        "directory's \\fIgfpdep/\\fR; the annotations under "
        "\\fIinclude/gfpdep/\\fR; the documentation, one page per rule, "
        "under the doc directory.",
        ".SH SEE ALSO",
        ".BR clang (1),",
        ".BR clang-tidy (1)",
        "",
    ]
    with open(out, "w") as f:
        f.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
