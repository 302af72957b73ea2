// RUN: %clang -fsyntax-only -fplugin=%plugin -Xclang -verify %s
// User space with no model file: POSIX and C11 threads and the POSIX calls
// that block are built-in rows (docs/model.md), for the functions the C
// library declares. A program's own function of one of those names is
// analysed as written.
#include <pthread.h>
#include <threads.h>
#include <unistd.h>
#include <sys/socket.h>

static pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t ledger = PTHREAD_MUTEX_INITIALIZER;

// The textbook AB-BA.
void transfer(void) {
  pthread_mutex_lock(&accounts); // #t_outer
  pthread_mutex_lock(&ledger); // #t_inner
  pthread_mutex_unlock(&ledger);
  pthread_mutex_unlock(&accounts);
}

static void post_entry(void) {
  pthread_mutex_lock(&accounts); // #p_inner
  pthread_mutex_unlock(&accounts);
}

void audit(void) {
  pthread_mutex_lock(&ledger); // #a_outer
  post_entry(); // #a_call
  pthread_mutex_unlock(&ledger);
}
// The closing edge is the one entering the smallest class of the cycle.
// expected-warning@#p_inner {{acquiring mutex 'accounts' while holding 'ledger' closes the lock-order cycle 'accounts' -> 'ledger' -> 'accounts': possible deadlock [gfpdep-lock-order]}}
// expected-note@#a_outer {{mutex 'ledger' acquired here}}
// expected-note@#a_call {{'audit' calls 'post_entry' here}}
// expected-note@#t_outer {{mutex 'accounts' acquired here}}
// expected-note@#t_inner {{mutex 'ledger' acquired here while 'accounts' is held}}
// expected-note@#p_inner {{take these locks in one order everywhere}}

// A trylock in the other order backs off instead of waiting: no cycle.
static pthread_mutex_t cache = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
void fill(void) {
  pthread_mutex_lock(&cache);
  pthread_mutex_lock(&index_lock);
  pthread_mutex_unlock(&index_lock);
  pthread_mutex_unlock(&cache);
}
void evict(void) {
  pthread_mutex_lock(&index_lock);
  if (pthread_mutex_trylock(&cache) == 0) // 0 is success
    pthread_mutex_unlock(&cache);
  pthread_mutex_unlock(&index_lock);
}

// Sleeping with a spinlock held: its waiters spin for the whole sleep.
static pthread_spinlock_t stats_lock;
void sample(void) {
  pthread_spin_lock(&stats_lock); // #spin
  usleep(1000); // #usleep
  pthread_spin_unlock(&stats_lock);
}
// expected-warning@#usleep {{'usleep' may sleep in atomic context: spinlock 'stats_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#spin {{spinlock 'stats_lock' acquired here}}
// expected-note@#usleep {{move the call out of the atomic section}}

// A condition wait through a helper, the spinlock held by the caller.
static pthread_mutex_t q_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_nonempty = PTHREAD_COND_INITIALIZER;
static void wait_for_work(void) {
  pthread_mutex_lock(&q_mutex); // #q_lock
  pthread_cond_wait(&q_nonempty, &q_mutex); // #cond_wait
  pthread_mutex_unlock(&q_mutex);
}
void worker_step(void) {
  pthread_spin_lock(&stats_lock); // #w_spin
  wait_for_work(); // #w_call
  pthread_spin_unlock(&stats_lock);
}
// expected-warning@#cond_wait {{'pthread_cond_wait' may sleep in atomic context: spinlock 'stats_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#w_spin {{spinlock 'stats_lock' acquired here}}
// expected-note@#w_call {{'worker_step' calls 'wait_for_work' here}}
// expected-note@#cond_wait {{move the call out of the atomic section}}
// expected-warning@#q_lock {{acquiring mutex 'q_mutex' may sleep in atomic context: spinlock 'stats_lock' is held [gfpdep-sleep-in-atomic]}}
// expected-note@#w_spin {{spinlock 'stats_lock' acquired here}}
// expected-note@#w_call {{'worker_step' calls 'wait_for_work' here}}
// expected-note@#q_lock {{take the sleeping lock before the atomic section begins}}

// A condition wait drops its mutex while it waits and takes it back with
// the other locks still held: here 'job_mutex' is retaken while
// 'log_mutex' is held, the reverse of the order the function took them in.
// A thread that takes job_mutex to signal and then log_mutex deadlocks
// with it.
static pthread_mutex_t job_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_ready = PTHREAD_COND_INITIALIZER;
void worker_wait_logged(void) {
  pthread_mutex_lock(&job_mutex); // #jw_outer
  pthread_mutex_lock(&log_mutex); // #jw_inner
  pthread_cond_wait(&job_ready, &job_mutex); // #jw_wait
  pthread_mutex_unlock(&log_mutex);
  pthread_mutex_unlock(&job_mutex);
}
// expected-warning@#jw_wait {{acquiring mutex 'job_mutex' while holding 'log_mutex' closes the lock-order cycle 'job_mutex' -> 'log_mutex' -> 'job_mutex': possible deadlock [gfpdep-lock-order]}}
// expected-note@#jw_inner {{mutex 'log_mutex' acquired here}}
// expected-note@#jw_outer {{mutex 'job_mutex' acquired here}}
// expected-note@#jw_inner {{mutex 'log_mutex' acquired here while 'job_mutex' is held}}
// expected-note@#jw_wait {{take these locks in one order everywhere}}

// Waiting with only its own mutex held: the wait is not under it, and
// taking it back orders nothing.
void worker_wait_plain(void) {
  pthread_mutex_lock(&job_mutex);
  pthread_cond_wait(&job_ready, &job_mutex);
  pthread_mutex_unlock(&job_mutex);
}

// A failed trylock of the spinlock holds nothing.
void try_sample(int fd, char *buf) {
  if (pthread_spin_trylock(&stats_lock) != 0) {
    read(fd, buf, 1); // not under the lock
    return;
  }
  pthread_spin_unlock(&stats_lock);
}

// C11 threads: the same cycle.
static mtx_t queue_lock, pool_lock;
void enqueue(void) {
  mtx_lock(&queue_lock); // #c11_outer
  mtx_lock(&pool_lock); // #c11_inner
  mtx_unlock(&pool_lock);
  mtx_unlock(&queue_lock);
}
void drain(void) {
  mtx_lock(&pool_lock); // #c11_back_outer
  mtx_lock(&queue_lock); // #c11_back_inner
  mtx_unlock(&queue_lock);
  mtx_unlock(&pool_lock);
}
// expected-warning@#c11_inner {{acquiring mutex 'pool_lock' while holding 'queue_lock' closes the lock-order cycle 'pool_lock' -> 'queue_lock' -> 'pool_lock': possible deadlock [gfpdep-lock-order]}}
// expected-note@#c11_outer {{mutex 'queue_lock' acquired here}}
// expected-note@#c11_back_outer {{mutex 'pool_lock' acquired here}}
// expected-note@#c11_back_inner {{mutex 'queue_lock' acquired here while 'pool_lock' is held}}
// expected-note@#c11_inner {{take these locks in one order everywhere}}

// Relocking a default (non-recursive) mutex deadlocks on itself.
static pthread_mutex_t config = PTHREAD_MUTEX_INITIALIZER;
static void reload(void) {
  pthread_mutex_lock(&config); // #reload
  pthread_mutex_unlock(&config);
}
void apply(void) {
  pthread_mutex_lock(&config); // #apply
  reload(); // #apply_call
  pthread_mutex_unlock(&config);
}
// expected-warning@#reload {{acquiring mutex 'config' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#apply {{mutex 'config' acquired here}}
// expected-note@#apply_call {{'apply' calls 'reload' here}}
// expected-note@#reload {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}

// The program's own wait(): not the C library's, no row applies, and its
// body does not block.
static int pending;
static void wait(int n) { pending -= n; }
void settle(void) {
  pthread_spin_lock(&stats_lock);
  wait(1);
  pthread_spin_unlock(&stats_lock);
}

// Known imprecision: a mutex made recursive at run time is still a plain
// mutex to gfpdep, so relocking it is reported.
static mtx_t tree_lock;
void tree_init(void) { mtx_init(&tree_lock, mtx_plain | mtx_recursive); }
static void tree_visit(void) {
  mtx_lock(&tree_lock); // #fp_inner
  mtx_unlock(&tree_lock);
}
void recursive_attr_CurrentlyFalsePositive(void) {
  mtx_lock(&tree_lock); // #fp_outer
  tree_visit(); // #fp_call
  mtx_unlock(&tree_lock);
}
// expected-warning@#fp_inner {{acquiring mutex 'tree_lock' while it is already held: possible recursive locking [gfpdep-lock-order]}}
// expected-note@#fp_outer {{mutex 'tree_lock' acquired here}}
// expected-note@#fp_call {{'recursive_attr_CurrentlyFalsePositive' calls 'tree_visit' here}}
// expected-note@#fp_inner {{if these are different objects of one class, take the inner one with the _nested() variant and a subclass}}
