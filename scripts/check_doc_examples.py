#!/usr/bin/env python3
"""Checks the examples of every rule page in docs/rules/.

The first ```c block after '## Example' must produce a finding of the page's
rule, and the first ```c block after '## Fixed' must compile with no
diagnostic at all (lock-balance's in the path-sensitive mode, rules off by
default with the rule enabled). Keeps the docs honest as the engine changes.

Usage: check_doc_examples.py <clang> <plugin> <annotations-dir> <docs/rules>
"""
import pathlib
import re
import subprocess
import sys
import tempfile

# Rules only the path-sensitive mode reports: their examples run with it.
PATH_SENSITIVE_ONLY = {"lock-balance"}
# Rules off by default: their examples run with the rule enabled.
OFF_BY_DEFAULT = {"wait-context", "block-under-lock"}


def first_c_block(text, heading):
    at = text.find("\n" + heading)
    if at < 0:
        return None
    m = re.search(r"```c\n(.*?)```", text[at:], re.S)
    return m.group(1) if m else None


def main():
    clang, plugin, annotations, rules_dir = sys.argv[1:5]
    failures = 0
    pages = sorted(pathlib.Path(rules_dir).glob("*.md"))
    if not pages:
        print("no rule pages in", rules_dir)
        return 1
    for page in pages:
        rule = page.stem
        text = page.read_text()
        for heading, want in (("## Example", True), ("## Fixed", False)):
            code = first_c_block(text, heading)
            if code is None:
                print("FAIL %s: no ```c block after '%s'" % (page.name, heading))
                failures += 1
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
                f.write(code)
            extra = (["-fplugin-arg-gfpdep-path-sensitive"]
                     if rule in PATH_SENSITIVE_ONLY else [])
            if rule in OFF_BY_DEFAULT:
                extra.append("-fplugin-arg-gfpdep-enable=" + rule)
            r = subprocess.run([clang, "-fsyntax-only", "-fplugin=" + plugin,
                                "-I" + annotations] + extra + [f.name],
                               capture_output=True, text=True)
            pathlib.Path(f.name).unlink()
            tag = "[gfpdep-%s]" % rule
            if want and (r.returncode != 0 or tag not in r.stderr):
                print("FAIL %s: the bad example does not report %s:\n%s"
                      % (page.name, tag, r.stderr))
                failures += 1
            elif not want and (r.returncode != 0 or r.stderr.strip()):
                print("FAIL %s: the fixed example is not clean:\n%s"
                      % (page.name, r.stderr))
                failures += 1
            else:
                print("ok   %s %s" % (page.name, heading[3:].lower()))
    checked = 2 * len(pages)
    print("%d passed, %d failed" % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
