// RUN: %python %annotations/../scripts/kernel/recall.py --plugin %plugin --gfpdep %cli_gfpdep | FileCheck %s
// The recall benchmark (docs/recall.md) as a test: every re-created real bug
// is found by its route (per file, or only by the whole-program link), and
// its unpatched copy does not give it.
// CHECK: compaction_hugetlb_lru_lock {{.*}}) no yes whole-program ok
// CHECK: fill_balloon {{.*}}) no yes whole-program ok
// CHECK: io_wq_sleeping_recursion {{.*}}) yes yes per-file ok
// CHECK: nfc_fw_download_timeout {{.*}}) no yes whole-program ok
// CHECK: trace_tgid_record_lock_inversion {{.*}}) no yes whole-program ok
// CHECK: recall: 5 of 5 bugs found by their expected route
