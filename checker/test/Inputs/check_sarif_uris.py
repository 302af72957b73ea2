"""check_sarif_uris.py MODE FILE DIR: cli-sarif.c's checks of one SARIF file."""
import json
import sys

mode, path, base = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")
run = json.load(open(path))["runs"][0]
loc = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
inv = run["invocations"][0]
assert "informationUri" not in run["tool"]["driver"], "a placeholder informationUri"
assert run["tool"]["driver"]["version"].count(".") == 2, run["tool"]["driver"]["version"]
if mode == "abs":
    assert loc == {"uri": "file://" + base + "/a.c"}, loc
    assert "originalUriBaseIds" not in run
    assert inv == {"executionSuccessful": True}, inv
elif mode == "rel":
    assert loc == {"uri": "src/a.c", "uriBaseId": "SRCROOT"}, loc
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": "file://" + base + "/"}}, \
        run["originalUriBaseIds"]
    assert inv == {"executionSuccessful": True}, inv
else:
    assert inv["executionSuccessful"] is False, inv
    notes = inv["toolExecutionNotifications"]
    assert len(notes) == 1 and notes[0]["level"] == "error", notes
    text = notes[0]["message"]["text"]
    assert text.startswith("could not analyse ") and "b.c" in text, notes
    assert loc["uri"] == "file://" + base + "/a.c", loc
print("ok", mode)
