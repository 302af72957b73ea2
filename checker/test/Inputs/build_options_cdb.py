"""build_options_cdb.py DIR INCLUDE CASE: writes DIR/compile_commands.json
for leak.c and notifier.c (-I INCLUDE), with the plugin options of CASE on
the commands (cli-build-options.c)."""
import json, os, sys
d, inc, case = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
extra = {
    "plain": [[], []],
    "budget": [["-fplugin-arg-gfpdep-stack-budget=2048", "-fplugin-arg-gfpdep-werror"]] * 2,
    "disable": [["-fplugin-arg-gfpdep-disable=stack-in-reclaim"]] * 2,
    "conflict": [["-fplugin-arg-gfpdep-stack-budget=1024"], ["-fplugin-arg-gfpdep-stack-budget=2048"]],
    "bad": [["-fplugin-arg-gfpdep-stack-budget=1k"]] * 2,
}[case]
cmds = [{"directory": d, "file": os.path.join(d, f),
         "arguments": ["clang", "-c", "-I" + inc, "-fplugin=gfpdep.so"] + e + [f]}
        for f, e in zip(["leak.c", "notifier.c"], extra)]
json.dump(cmds, open(os.path.join(d, "compile_commands.json"), "w"), indent=1)
