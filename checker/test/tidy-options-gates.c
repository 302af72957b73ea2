// The clang-tidy checks' gfpdep.LockOrderGates, the plugin's
// lock-order-gates (userspace/lock-order-gates.c): off by default, as
// lockdep reports a cycle whose every edge is taken under one gate lock.
// RUN: %clang_tidy_gfpdep %s -- 2>&1 | FileCheck %s --check-prefixes=CHECK,UNGATED --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.LockOrderGates: false}}' %s -- 2>&1 | FileCheck %s --check-prefixes=CHECK,UNGATED --implicit-check-not=warning:
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.LockOrderGates: true}}' %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
// Booleans as clang-tidy reads them: true/false, yes/no, on/off, numbers.
// RUN: %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.LockOrderGates: 1}}' %s -- 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %clang_tidy_gfpdep -config='{CheckOptions: {gfpdep.LockOrderGates: maybe}}' %s -- 2>&1 | FileCheck %s --check-prefix=BAD --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t d = PTHREAD_MUTEX_INITIALIZER;

void ab_gated(void) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&gate);
}
void ba_gated(void) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&gate);
}

// One side without the gate: a real deadlock, reported either way.
void cd_gated(void) {
  pthread_mutex_lock(&gate);
  pthread_mutex_lock(&c);
  pthread_mutex_lock(&d);
  pthread_mutex_unlock(&d);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&gate);
}
void dc_ungated(void) {
  pthread_mutex_lock(&d);
  pthread_mutex_lock(&c);
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&d);
}

// UNGATED: tidy-options-gates.c:29:3: warning: acquiring mutex 'a' while holding 'b' closes the lock-order cycle 'a' -> 'b' -> 'a': possible deadlock [gfpdep-lock-order]
// CHECK: tidy-options-gates.c:46:3: warning: acquiring mutex 'c' while holding 'd' closes the lock-order cycle 'c' -> 'd' -> 'c': possible deadlock [gfpdep-lock-order]

// BAD: error: gfpdep: invalid value 'maybe' for option 'gfpdep.LockOrderGates': needs true or false [gfpdep-contract]
