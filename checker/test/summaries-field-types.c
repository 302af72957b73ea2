// Summary files: every field of the wrong type or out of range is an error
// naming the file, the field's path and the problem (docs/summaries.md), never
// a silent default: "functions": {} used to read as no functions, "unit": 5
// as no unit, a [name, value] pair of gfpLayout that was not one was dropped,
// and "mask.param": 2^40 wrapped to parameter 0. The other files still load.
// RUN: rm -rf %t && mkdir -p %t/s %t/bad %t/good
// RUN: for p in 1 2; do for f in alloc lock notifier; do %gfpdep -fplugin-arg-gfpdep-summary-dir=%t/s -fplugin-arg-gfpdep-summaries=%t/s %inputs/xtu/$f.c 2>/dev/null || exit 1; done; done
// RUN: for f in alloc lock notifier; do cp %t/s/$f.c.*.gfpdep.json %t/$f.json; done
//
// Each file gets one bad field (set_json.py IN OUT PATH VALUE).
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/01.gfpdep.json 'functions' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/02.gfpdep.json 'unit' '5'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/03.gfpdep.json 'gfpLayout.bits[0]' 'true'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/04.gfpdep.json 'gfpLayout.bits[0]' '[["__GFP_DMA", 1]]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/05.gfpdep.json 'gfpLayout.bits[0]' '[["__GFP_DMA"], 1]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/06.gfpdep.json 'functions[0].summary.effects[0].mask.param' '1099511627776'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/07.gfpdep.json 'functions[0].summary.effects[0].mask.param' '-1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/08.gfpdep.json 'functions[0].summary.effects[0].mask.param' '"0"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/09.gfpdep.json 'functions[0].summary.effects[0].mask.paramOr' '-1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/10.gfpdep.json 'functions[0].summary.effects[0].mask.clear' '1.5'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/11.gfpdep.json 'functions[0].summary.effects[0].mask.noReclaim' '"yes"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/12.gfpdep.json 'functions[0].summary.effects[0].mask.values' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/13.gfpdep.json 'functions[0].summary.effects[0].mask.scopeAt' '5'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/14.gfpdep.json 'functions[0].summary.effects[0].mask' '[]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/15.gfpdep.json 'functions[0].summary.effects[0].mask' 'DELETE'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/16.gfpdep.json 'functions[0].summary.effects[0].leaf[1]' '4294967296'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/17.gfpdep.json 'functions[0].summary.effects[0].leaf[2]' '-1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/18.gfpdep.json 'functions[0].summary.effects[0].leaf[0]' '7'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/19.gfpdep.json 'functions[0].summary.effects[0].leaf' '["a.c", 1]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/20.gfpdep.json 'functions[0].summary.effects[0].what' '5'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/21.gfpdep.json 'functions[0].summary.effects[0].kind' '"frobnicate"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/22.gfpdep.json 'functions[0].summary.effects[0].chain' '"x"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/23.gfpdep.json 'functions[0].summary.effects[0].under' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/24.gfpdep.json 'functions[0].summary.effects[0]' 'null'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/25.gfpdep.json 'functions[0].summary.effects' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/26.gfpdep.json 'functions[0].summary.netAcquire' '1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/27.gfpdep.json 'functions[0].summary.netRelease' '[5]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/28.gfpdep.json 'functions[0].summary' '[]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/29.gfpdep.json 'functions[0].summary' 'DELETE'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/30.gfpdep.json 'functions[0].usr' '3'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/31.gfpdep.json 'functions[0].name' 'false'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/32.gfpdep.json 'functions[0]' '3'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/33.gfpdep.json 'version' '"1"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/34.gfpdep.json 'version' 'DELETE'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/35.gfpdep.json 'gfpLayout' '[]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/36.gfpdep.json 'gfpLayout.bits' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/37.gfpdep.json 'gfpLayout.bits[0][1]' '-1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/38.gfpdep.json 'gfpLayout.bits[0][1]' '3'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/39.gfpdep.json 'gfpLayout.masks[0][1]' '"3264"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/40.gfpdep.json 'gfpLayout.masks[0][0]' 'null'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/41.gfpdep.json 'lockEdges' '"x"'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/42.gfpdep.json 'lockEdges' '[{"from": 1}]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/43.gfpdep.json 'lockEdges' '[7]'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/44.gfpdep.json 'checks' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/45.gfpdep.json 'entries' '1'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/46.gfpdep.json 'reclaimAcquired' '{}'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/bad/47.gfpdep.json 'fieldStores' '[]'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/48.gfpdep.json 'functions[0].summary.effects[0].lock.class' '5'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/49.gfpdep.json 'functions[0].summary.effects[0].lock.param' '2147483648'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/50.gfpdep.json 'functions[0].summary.effects[0].lock.display' '[]'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/51.gfpdep.json 'functions[0].summary.effects[0].lock' '"l"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/52.gfpdep.json 'functions[0].summary.effects[0].subclass' '4294967296'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/53.gfpdep.json 'functions[0].summary.effects[0].flavor' '"sleepy"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/54.gfpdep.json 'functions[0].summary.effects[0].recursive' '"no"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/55.gfpdep.json 'functions[1].summary.effects[0].mask.values[0].value' '"3264"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/56.gfpdep.json 'functions[1].summary.effects[0].mask.values[0].atLeaf' '1'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/57.gfpdep.json 'functions[1].summary.effects[0].mask.values[0]' '[]'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/58.gfpdep.json 'steps[0].text' '5'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/59.gfpdep.json 'steps[0]' '"step"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/60.gfpdep.json 'checks[0].under.chainLen' '-1'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/61.gfpdep.json 'checks[0].under.context.lock' '"x"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/62.gfpdep.json 'checks[0].under.context.subclass' '4294967296'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/63.gfpdep.json 'checks[0].under.context.implicit' '0'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/64.gfpdep.json 'checks[0].under.context.via' '1'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/65.gfpdep.json 'checks[0].under.context.kind' '"held"'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/66.gfpdep.json 'checks[0].under' '[]'
// RUN: %python %inputs/set_json.py %t/lock.json %t/bad/67.gfpdep.json 'checks[0].effect' 'DELETE'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/68.gfpdep.json 'fieldStores.notifier_block::notifier_call' '"c:@F@x"'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/69.gfpdep.json 'fieldStores.notifier_block::notifier_call[0]' '5'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/70.gfpdep.json 'reclaimAcquired[0].fsReclaim' '"false"'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/71.gfpdep.json 'reclaimAcquired[0].inside.chainLen' '4294967296'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/72.gfpdep.json 'reclaimAcquired[0].inside' 'DELETE'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/73.gfpdep.json 'entries[0].context.kind' '7'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/74.gfpdep.json 'entries[0].context.entry' '{}'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/75.gfpdep.json 'entries[0].context.origin[1]' '1e10'
// RUN: %python %inputs/set_json.py %t/notifier.json %t/bad/76.gfpdep.json 'entries[0].summary' '5'
//
// The plugin reports every bad file (one error each, in file name order).
// RUN: not %gfpdep -ferror-limit=0 -fplugin-arg-gfpdep-summaries=%t/bad %s 2>&1 | FileCheck %s -DBAD=%t/bad
// CHECK: error: gfpdep: [[BAD]]/01.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions
// CHECK-NEXT: error: gfpdep: [[BAD]]/02.gfpdep.json: invalid summary file: expected a string, got 5 at summary.unit
// CHECK-NEXT: error: gfpdep: [[BAD]]/03.gfpdep.json: invalid summary file: expected a [name, value] pair, got true at summary.gfpLayout.bits[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/04.gfpdep.json: invalid summary file: expected a [name, value] pair, got an array of 1 element at summary.gfpLayout.bits[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/05.gfpdep.json: invalid summary file: expected a string, got an array at summary.gfpLayout.bits[0][0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/06.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got 1099511627776 at summary.functions[0].summary.effects[0].mask.param
// CHECK-NEXT: error: gfpdep: [[BAD]]/07.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got -1 at summary.functions[0].summary.effects[0].mask.param
// CHECK-NEXT: error: gfpdep: [[BAD]]/08.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got the string "0" at summary.functions[0].summary.effects[0].mask.param
// CHECK-NEXT: error: gfpdep: [[BAD]]/09.gfpdep.json: invalid summary file: expected an integer from 0 to 18446744073709551615, got -1 at summary.functions[0].summary.effects[0].mask.paramOr
// CHECK-NEXT: error: gfpdep: [[BAD]]/10.gfpdep.json: invalid summary file: expected an integer from 0 to 18446744073709551615, got 1.5 at summary.functions[0].summary.effects[0].mask.clear
// CHECK-NEXT: error: gfpdep: [[BAD]]/11.gfpdep.json: invalid summary file: expected true or false, got the string "yes" at summary.functions[0].summary.effects[0].mask.noReclaim
// CHECK-NEXT: error: gfpdep: [[BAD]]/12.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions[0].summary.effects[0].mask.values
// CHECK-NEXT: error: gfpdep: [[BAD]]/13.gfpdep.json: invalid summary file: expected a location [file, line, column], got 5 at summary.functions[0].summary.effects[0].mask.scopeAt
// CHECK-NEXT: error: gfpdep: [[BAD]]/14.gfpdep.json: invalid summary file: expected a mask object, got an array at summary.functions[0].summary.effects[0].mask
// CHECK-NEXT: error: gfpdep: [[BAD]]/15.gfpdep.json: invalid summary file: missing required field at summary.functions[0].summary.effects[0].mask
// CHECK-NEXT: error: gfpdep: [[BAD]]/16.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got 4294967296 at summary.functions[0].summary.effects[0].leaf[1]
// CHECK-NEXT: error: gfpdep: [[BAD]]/17.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got -1 at summary.functions[0].summary.effects[0].leaf[2]
// CHECK-NEXT: error: gfpdep: [[BAD]]/18.gfpdep.json: invalid summary file: expected a string, got 7 at summary.functions[0].summary.effects[0].leaf[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/19.gfpdep.json: invalid summary file: expected a location [file, line, column], got an array of 2 elements at summary.functions[0].summary.effects[0].leaf
// CHECK-NEXT: error: gfpdep: [[BAD]]/20.gfpdep.json: invalid summary file: expected a string, got 5 at summary.functions[0].summary.effects[0].what
// CHECK-NEXT: error: gfpdep: [[BAD]]/21.gfpdep.json: invalid summary file: unknown effect kind 'frobnicate' at summary.functions[0].summary.effects[0].kind
// CHECK-NEXT: error: gfpdep: [[BAD]]/22.gfpdep.json: invalid summary file: expected the index of a step in "steps" (the file has none), got the string "x" at summary.functions[0].summary.effects[0].chain
// CHECK-NEXT: error: gfpdep: [[BAD]]/23.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions[0].summary.effects[0].under
// CHECK-NEXT: error: gfpdep: [[BAD]]/24.gfpdep.json: invalid summary file: expected an effect object, got null at summary.functions[0].summary.effects[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/25.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions[0].summary.effects
// CHECK-NEXT: error: gfpdep: [[BAD]]/26.gfpdep.json: invalid summary file: expected an array, got 1 at summary.functions[0].summary.netAcquire
// CHECK-NEXT: error: gfpdep: [[BAD]]/27.gfpdep.json: invalid summary file: expected a context object, got 5 at summary.functions[0].summary.netRelease[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/28.gfpdep.json: invalid summary file: expected a summary object, got an array at summary.functions[0].summary
// CHECK-NEXT: error: gfpdep: [[BAD]]/29.gfpdep.json: invalid summary file: missing required field at summary.functions[0].summary
// CHECK-NEXT: error: gfpdep: [[BAD]]/30.gfpdep.json: invalid summary file: expected a string, got 3 at summary.functions[0].usr
// CHECK-NEXT: error: gfpdep: [[BAD]]/31.gfpdep.json: invalid summary file: expected a string, got false at summary.functions[0].name
// CHECK-NEXT: error: gfpdep: [[BAD]]/32.gfpdep.json: invalid summary file: expected {usr, name, summary}, got 3 at summary.functions[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/33.gfpdep.json: invalid summary file: expected an integer, got the string "1" at summary.version
// CHECK-NEXT: error: gfpdep: [[BAD]]/34.gfpdep.json: invalid summary file: missing required field at summary.version
// CHECK-NEXT: error: gfpdep: [[BAD]]/35.gfpdep.json: invalid summary file: expected an object {bits, masks}, got an array at summary.gfpLayout
// CHECK-NEXT: error: gfpdep: [[BAD]]/36.gfpdep.json: invalid summary file: expected an array, got an object at summary.gfpLayout.bits
// CHECK-NEXT: error: gfpdep: [[BAD]]/37.gfpdep.json: invalid summary file: expected an integer from 0 to 18446744073709551615, got -1 at summary.gfpLayout.bits[0][1]
// CHECK-NEXT: error: gfpdep: [[BAD]]/38.gfpdep.json: invalid summary file: expected a single GFP bit (a power of two), got 3 at summary.gfpLayout.bits[0][1]
// CHECK-NEXT: error: gfpdep: [[BAD]]/39.gfpdep.json: invalid summary file: expected an integer from 0 to 18446744073709551615, got the string "3264" at summary.gfpLayout.masks[0][1]
// CHECK-NEXT: error: gfpdep: [[BAD]]/40.gfpdep.json: invalid summary file: expected a string, got null at summary.gfpLayout.masks[0][0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/41.gfpdep.json: invalid summary file: expected an array, got the string "x" at summary.lockEdges
// CHECK-NEXT: error: gfpdep: [[BAD]]/42.gfpdep.json: invalid summary file: expected a string, got 1 at summary.lockEdges[0].from
// CHECK-NEXT: error: gfpdep: [[BAD]]/43.gfpdep.json: invalid summary file: expected {from, to, acquire, held}, got 7 at summary.lockEdges[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/44.gfpdep.json: invalid summary file: expected an array, got an object at summary.checks
// CHECK-NEXT: error: gfpdep: [[BAD]]/45.gfpdep.json: invalid summary file: expected an array, got 1 at summary.entries
// CHECK-NEXT: error: gfpdep: [[BAD]]/46.gfpdep.json: invalid summary file: expected an array, got an object at summary.reclaimAcquired
// CHECK-NEXT: error: gfpdep: [[BAD]]/47.gfpdep.json: invalid summary file: expected an object {"record::field": [USR...]}, got an array at summary.fieldStores
// CHECK-NEXT: error: gfpdep: [[BAD]]/48.gfpdep.json: invalid summary file: expected a string, got 5 at summary.functions[0].summary.effects[0].lock.class
// CHECK-NEXT: error: gfpdep: [[BAD]]/49.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got 2147483648 at summary.functions[0].summary.effects[0].lock.param
// CHECK-NEXT: error: gfpdep: [[BAD]]/50.gfpdep.json: invalid summary file: expected a string, got an array at summary.functions[0].summary.effects[0].lock.display
// CHECK-NEXT: error: gfpdep: [[BAD]]/51.gfpdep.json: invalid summary file: expected a lock {class, param, display}, got the string "l" at summary.functions[0].summary.effects[0].lock
// CHECK-NEXT: error: gfpdep: [[BAD]]/52.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got 4294967296 at summary.functions[0].summary.effects[0].subclass
// CHECK-NEXT: error: gfpdep: [[BAD]]/53.gfpdep.json: invalid summary file: unknown flavor 'sleepy' at summary.functions[0].summary.effects[0].flavor
// CHECK-NEXT: error: gfpdep: [[BAD]]/54.gfpdep.json: invalid summary file: expected true or false, got the string "no" at summary.functions[0].summary.effects[0].recursive
// CHECK-NEXT: error: gfpdep: [[BAD]]/55.gfpdep.json: invalid summary file: expected an integer from 0 to 18446744073709551615, got the string "3264" at summary.functions[1].summary.effects[0].mask.values[0].value
// CHECK-NEXT: error: gfpdep: [[BAD]]/56.gfpdep.json: invalid summary file: expected true or false, got 1 at summary.functions[1].summary.effects[0].mask.values[0].atLeaf
// CHECK-NEXT: error: gfpdep: [[BAD]]/57.gfpdep.json: invalid summary file: expected {value, at, atLeaf}, got an array at summary.functions[1].summary.effects[0].mask.values[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/58.gfpdep.json: invalid summary file: expected a string, got 5 at summary.steps[0].text
// CHECK-NEXT: error: gfpdep: [[BAD]]/59.gfpdep.json: invalid summary file: expected {at, text}, got the string "step" at summary.steps[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/60.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got -1 at summary.checks[0].under.chainLen
// CHECK-NEXT: error: gfpdep: [[BAD]]/61.gfpdep.json: invalid summary file: expected a lock {class, param, display}, got the string "x" at summary.checks[0].under.context.lock
// CHECK-NEXT: error: gfpdep: [[BAD]]/62.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got 4294967296 at summary.checks[0].under.context.subclass
// CHECK-NEXT: error: gfpdep: [[BAD]]/63.gfpdep.json: invalid summary file: expected true or false, got 0 at summary.checks[0].under.context.implicit
// CHECK-NEXT: error: gfpdep: [[BAD]]/64.gfpdep.json: invalid summary file: expected a string, got 1 at summary.checks[0].under.context.via
// CHECK-NEXT: error: gfpdep: [[BAD]]/65.gfpdep.json: invalid summary file: unknown context kind 'held' at summary.checks[0].under.context.kind
// CHECK-NEXT: error: gfpdep: [[BAD]]/66.gfpdep.json: invalid summary file: expected {context, chainLen}, got an array at summary.checks[0].under
// CHECK-NEXT: error: gfpdep: [[BAD]]/67.gfpdep.json: invalid summary file: missing required field at summary.checks[0].effect
// CHECK-NEXT: error: gfpdep: [[BAD]]/68.gfpdep.json: invalid summary file: expected an array of USRs, got the string "c:@F@x" at summary.fieldStores.notifier_block::notifier_call
// CHECK-NEXT: error: gfpdep: [[BAD]]/69.gfpdep.json: invalid summary file: expected a string, got 5 at summary.fieldStores.notifier_block::notifier_call[0]
// CHECK-NEXT: error: gfpdep: [[BAD]]/70.gfpdep.json: invalid summary file: expected true or false, got the string "false" at summary.reclaimAcquired[0].fsReclaim
// CHECK-NEXT: error: gfpdep: [[BAD]]/71.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got 4294967296 at summary.reclaimAcquired[0].inside.chainLen
// CHECK-NEXT: error: gfpdep: [[BAD]]/72.gfpdep.json: invalid summary file: missing required field at summary.reclaimAcquired[0].inside
// CHECK-NEXT: error: gfpdep: [[BAD]]/73.gfpdep.json: invalid summary file: expected a string, got 7 at summary.entries[0].context.kind
// CHECK-NEXT: error: gfpdep: [[BAD]]/74.gfpdep.json: invalid summary file: expected a string, got an object at summary.entries[0].context.entry
// CHECK-NEXT: error: gfpdep: [[BAD]]/75.gfpdep.json: invalid summary file: expected an integer from 0 to 4294967295, got 10000000000 at summary.entries[0].context.origin[1]
// CHECK-NEXT: error: gfpdep: [[BAD]]/76.gfpdep.json: invalid summary file: expected a summary object, got 5 at summary.entries[0].summary
// CHECK-NEXT: {{^}}76 errors generated.
//
// The same files read through GFPDEP_SUMMARIES, by the plugin and by the
// clang-tidy module.
// RUN: env GFPDEP_SUMMARIES=%t/bad not %gfpdep -ferror-limit=0 %s 2>&1 | FileCheck %s -DBAD=%t/bad
// RUN: mkdir -p %t/four && cp %t/bad/01.gfpdep.json %t/bad/02.gfpdep.json %t/bad/03.gfpdep.json %t/bad/06.gfpdep.json %t/four/
// RUN: env GFPDEP_SUMMARIES=%t/four not %clang_tidy_gfpdep %s -- -I%annotations 2>&1 | FileCheck %s --check-prefix=TIDY -DBAD=%t/four
// TIDY-DAG: [[BAD]]/01.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions
// TIDY-DAG: [[BAD]]/02.gfpdep.json: invalid summary file: expected a string, got 5 at summary.unit
// TIDY-DAG: [[BAD]]/03.gfpdep.json: invalid summary file: expected a [name, value] pair, got true at summary.gfpLayout.bits[0]
// TIDY-DAG: [[BAD]]/06.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got 1099511627776 at summary.functions[0].summary.effects[0].mask.param
//
// gfpdep --summaries: a usage error (exit 2) naming the first bad file.
// RUN: for n in 01 02 03 06; do mkdir -p %t/cli$n && cp %t/lock.json %t/notifier.json %t/cli$n/ && cp %t/bad/$n.gfpdep.json %t/cli$n/; done
// RUN: %cli_gfpdep --summaries %t/cli01 >> %t/cli.txt 2>&1; echo rc=$? >> %t/cli.txt
// RUN: %cli_gfpdep --summaries %t/cli02 >> %t/cli.txt 2>&1; echo rc=$? >> %t/cli.txt
// RUN: %cli_gfpdep --summaries %t/cli03 >> %t/cli.txt 2>&1; echo rc=$? >> %t/cli.txt
// RUN: %cli_gfpdep --summaries %t/cli06 >> %t/cli.txt 2>&1; echo rc=$? >> %t/cli.txt
// RUN: FileCheck %s --check-prefix=CLI -DT=%t < %t/cli.txt
// CLI: gfpdep: error: [[T]]/cli01/01.gfpdep.json: invalid summary file: expected an array, got an object at summary.functions
// CLI-NEXT: rc=2
// CLI-NEXT: gfpdep: error: [[T]]/cli02/02.gfpdep.json: invalid summary file: expected a string, got 5 at summary.unit
// CLI-NEXT: rc=2
// CLI-NEXT: gfpdep: error: [[T]]/cli03/03.gfpdep.json: invalid summary file: expected a [name, value] pair, got true at summary.gfpLayout.bits[0]
// CLI-NEXT: rc=2
// CLI-NEXT: gfpdep: error: [[T]]/cli06/06.gfpdep.json: invalid summary file: expected a parameter index from 0 to 2147483647, got 1099511627776 at summary.functions[0].summary.effects[0].mask.param
// CLI-NEXT: rc=2
//
// What the writer writes still reads back, with the 64-bit values a mask may
// hold (written unsigned) and parameter 2^31-1 at the bound.
// RUN: %python %inputs/set_json.py %t/alloc.json %t/good/a.gfpdep.json 'gfpLayout.masks[0][1]' '18446744073709551615'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/good/b.gfpdep.json 'gfpLayout.bits[0][1]' '9223372036854775808'
// RUN: %python %inputs/set_json.py %t/alloc.json %t/good/c.gfpdep.json 'functions[0].summary.effects[0].mask.param' '2147483647'
// RUN: cp %t/lock.json %t/good/lock.gfpdep.json && cp %t/notifier.json %t/good/notifier.gfpdep.json
// RUN: %gfpdep -fplugin-arg-gfpdep-summaries=%t/good %s 2>&1 | count 0
// RUN: %cli_gfpdep --summaries %t/s --quiet > /dev/null; test $? = 1

void f(void) {}
