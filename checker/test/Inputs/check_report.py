#!/usr/bin/env python3
"""check_report.py json|sarif FILE RULE NOTES: structural checks of a
gfpdep report: one finding of RULE whose chain has NOTES steps, with every
required field present and well-typed (a small SARIF 2.1.0 validator)."""
import json
import sys

kind, path, rule, notes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
doc = json.load(open(path))


def loc_ok(l):
    return isinstance(l["file"], str) and l["line"] > 0 and l["column"] > 0


if kind == "json":
    assert doc["format"] == "gfpdep-findings" and doc["version"] == 1
    fs = [f for f in doc["findings"] if f["rule"] == rule]
    assert len(fs) == 1, fs
    f = fs[0]
    assert loc_ok(f["location"]) and isinstance(f["message"], str)
    assert len(f["notes"]) == notes, len(f["notes"])
    assert all(loc_ok(n["location"]) and n["message"] for n in f["notes"])
    assert len(f["fingerprint"]) == 40
else:
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert rule in ids and len(set(ids)) == len(ids) == 11, ids
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    rs = [r for r in run["results"] if r["ruleId"] == rule]
    assert len(rs) == 1, rs
    r = rs[0]
    assert ids[r["ruleIndex"]] == rule
    assert r["level"] == "warning" and r["message"]["text"]
    pl = r["locations"][0]["physicalLocation"]
    assert pl["artifactLocation"]["uri"] and pl["region"]["startLine"] > 0
    flow = r["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(flow) == notes + 1, len(flow)  # every note, then the leaf
    for step in flow:
        p = step["location"]["physicalLocation"]
        assert p["region"]["startLine"] > 0 and step["location"]["message"]["text"]
    assert r["partialFingerprints"]["gfpdep/v1"]
print("ok: %s report of %s with %d notes" % (kind, rule, notes))
