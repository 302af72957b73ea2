// A baseline gfpdep cannot read exactly is an error naming the problem
// (exit 2), never a silent match that hides findings.
// RUN: rm -rf %t && mkdir -p %t && cp %inputs/html/esc.c %t/
// RUN: %make_cdb %t %annotations esc.c
// RUN: %cli_gfpdep -p %t --quiet --write-baseline=%t/base.json > /dev/null; test $? = 1
// RUN: %cli_gfpdep -p %t --quiet --baseline=%t/base.json | count 0
// RUN: sed 's/"version": 1/"version": 99/' %t/base.json > %t/v99.json
// RUN: %cli_gfpdep -p %t --quiet --baseline=%t/v99.json 2> %t/v99.txt || true
// RUN: FileCheck %s --check-prefix=V99 < %t/v99.txt
// V99: gfpdep: error: cannot read baseline '{{.*}}v99.json': version 99 is not supported (this gfpdep reads version 1); write it again with --write-baseline
// RUN: sed 's/"version": 1/"version": "1"/' %t/base.json > %t/vstr.json
// RUN: %cli_gfpdep -p %t --quiet --baseline=%t/vstr.json 2> %t/vstr.txt || true
// RUN: FileCheck %s --check-prefix=VSTR < %t/vstr.txt
// VSTR: gfpdep: error: cannot read baseline '{{.*}}vstr.json': version of the wrong type is not supported
// RUN: echo '{"format": "gfpdep-baseline", "version": 1, "fingerprints": ["abc", 5]}' > %t/fp.json
// RUN: %cli_gfpdep -p %t --quiet --baseline=%t/fp.json 2> %t/fp.txt || true
// RUN: FileCheck %s --check-prefix=FP < %t/fp.txt
// FP: gfpdep: error: cannot read baseline '{{.*}}fp.json': fingerprints[1] is not a string
// RUN: echo '{"format": "gfpdep-findings", "version": 1, "fingerprints": []}' > %t/fmt.json
// RUN: %cli_gfpdep -p %t --quiet --baseline=%t/fmt.json 2> %t/fmt.txt || true
// RUN: FileCheck %s --check-prefix=FMT < %t/fmt.txt
// FMT: gfpdep: error: '{{.*}}fmt.json' is not a gfpdep baseline: its format is 'gfpdep-findings', not 'gfpdep-baseline'
// Each of them: exit status 2.
// RUN: for f in v99 vstr fp fmt; do %cli_gfpdep -p %t --quiet --baseline=%t/$f.json > /dev/null 2>&1; echo $?; done | FileCheck %s --check-prefix=RC
// RC-COUNT-4: 2
