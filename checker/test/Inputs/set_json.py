#!/usr/bin/env python3
"""set_json.py IN OUT PATH VALUE: copies the JSON file IN to OUT with the
value at PATH replaced by VALUE (JSON text; "DELETE" removes the key).
PATH is written as in gfpdep's messages without the leading "summary.":
functions[0].summary.effects[0].mask.param, gfpLayout.bits[0]."""
import json
import re
import sys

src, dst, path, value = sys.argv[1:5]
with open(src) as f:
    doc = json.load(f)
steps = []
for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
    steps.append(int(part[1:-1]) if part.startswith("[") else part)
node = doc
for s in steps[:-1]:
    node = node[s]
if value == "DELETE":
    del node[steps[-1]]
else:
    node[steps[-1]] = json.loads(value)
with open(dst, "w") as f:
    json.dump(doc, f, indent=1, sort_keys=True)
