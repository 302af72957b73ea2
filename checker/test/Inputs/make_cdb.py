#!/usr/bin/env python3
"""make_cdb.py DIR INCLUDE FILE...: writes DIR/compile_commands.json for
FILEs (names relative to DIR), each compiled with -I INCLUDE."""
import json
import os
import sys

d, inc, files = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3:]
cmds = [{"directory": d, "file": os.path.join(d, f),
         "arguments": ["clang", "-c", "-I" + inc, f]} for f in files]
with open(os.path.join(d, "compile_commands.json"), "w") as out:
    json.dump(cmds, out, indent=1)
