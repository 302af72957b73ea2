// RUN: %clang -fsyntax-only -fplugin=%plugin -Xclang -verify=default %s
// RUN: %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-lock-order-gates -Xclang -verify=gated %s
// The gate-lock filter (opt-in): a cycle whose every edge is taken while one
// other lock is held cannot deadlock, since the gate serialises both
// orders. Lockdep reports it (it has no such filter), so by default gfpdep
// does too.
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
  pthread_mutex_lock(&b); // #ba_b
  pthread_mutex_lock(&a); // #ba_a
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&gate);
}
// default-warning@#ba_a {{acquiring mutex 'a' while holding 'b' closes the lock-order cycle 'a' -> 'b' -> 'a': possible deadlock}}
// default-note@#ba_b {{mutex 'b' acquired here}}
// default-note@* {{mutex 'a' acquired here}}
// default-note@* {{mutex 'b' acquired here while 'a' is held}}
// default-note@#ba_a {{take these locks in one order everywhere}}

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
  pthread_mutex_lock(&d); // #dc_d
  pthread_mutex_lock(&c); // #dc_c
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&d);
}
// default-warning@#dc_c {{acquiring mutex 'c' while holding 'd' closes the lock-order cycle 'c' -> 'd' -> 'c': possible deadlock}}
// default-note@#dc_d {{mutex 'd' acquired here}}
// default-note@* {{mutex 'c' acquired here}}
// default-note@* {{mutex 'd' acquired here while 'c' is held}}
// default-note@#dc_c {{take these locks in one order everywhere}}
// gated-warning@#dc_c {{acquiring mutex 'c' while holding 'd' closes the lock-order cycle 'c' -> 'd' -> 'c': possible deadlock}}
// gated-note@#dc_d {{mutex 'd' acquired here}}
// gated-note@* {{mutex 'c' acquired here}}
// gated-note@* {{mutex 'd' acquired here while 'c' is held}}
// gated-note@#dc_c {{take these locks in one order everywhere}}
