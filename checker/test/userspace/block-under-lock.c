// RUN: %clang -fsyntax-only -fplugin=%plugin -Xclang -verify=off %s
// RUN: %clang -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-enable=block-under-lock -Xclang -verify %s
// The whole-program route: the object's facts, gfpdep --link --enable.
// RUN: rm -rf %t && mkdir -p %t && %clang -c -fplugin=%plugin %s -o %t/b.o
// RUN: %cli_gfpdep --link %t/b.o | count 0
// RUN: %cli_gfpdep --link --enable=block-under-lock %t/b.o > %t/out.txt; test $? = 1
// RUN: FileCheck %s --check-prefix=CLI < %t/out.txt
// CLI: block-under-lock.c:{{[0-9]+}}:3: warning: 'usleep' blocks while mutex 'queue_lock' is held{{.*}} [gfpdep-block-under-lock]
// CLI: 2 findings
// block-under-lock, opt-in for user space: a blocking call while a lock is
// held (the Clang Static Analyzer's unix.BlockInCriticalSection), with the
// chain to the call.
#include <pthread.h>
#include <unistd.h>
#include <sys/socket.h>

// off-no-diagnostics

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_cv = PTHREAD_COND_INITIALIZER;
static int items;

static void backoff(void) {
  usleep(1000); // #backoff
}
void producer(void) {
  pthread_mutex_lock(&queue_lock); // #prod_lock
  backoff(); // #prod_call
  ++items;
  pthread_mutex_unlock(&queue_lock);
}
// expected-warning@#backoff {{'usleep' blocks while mutex 'queue_lock' is held: every thread waiting for 'queue_lock' waits as long}}
// expected-note@#prod_lock {{mutex 'queue_lock' acquired here}}
// expected-note@#prod_call {{'producer' calls 'backoff' here}}
// expected-note@#backoff {{release 'queue_lock' before the blocking call}}

int receive(int fd, char *buf) {
  pthread_mutex_lock(&queue_lock); // #recv_lock
  int n = recv(fd, buf, 64, 0); // #recv
  pthread_mutex_unlock(&queue_lock);
  return n;
}
// expected-warning@#recv {{'recv' blocks while mutex 'queue_lock' is held}}
// expected-note@#recv_lock {{mutex 'queue_lock' acquired here}}
// expected-note@#recv {{release 'queue_lock' before the blocking call}}

// Clean: the blocking call outside the lock; a condition wait releases its
// mutex while it waits.
void producer_fixed(void) {
  backoff();
  pthread_mutex_lock(&queue_lock);
  ++items;
  pthread_mutex_unlock(&queue_lock);
}
void consumer(void) {
  pthread_mutex_lock(&queue_lock);
  while (!items)
    pthread_cond_wait(&queue_cv, &queue_lock);
  --items;
  pthread_mutex_unlock(&queue_lock);
}
