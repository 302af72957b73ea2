// RUN: %gfpdep_cxx -Xclang -verify %s
// RUN: %clang_tidy_gfpdep --checks='-*,gfpdep-stack-in-reclaim' %s -- -x c++ -I%annotations 2>&1 | FileCheck %s --check-prefix=TIDY
// stack-in-reclaim in C++: an annotated shrinker, a member function and a
// template instantiation below it, a lambda's frame. Class objects count by
// their size.
#include <gfpdep/kernel.h>
#include <gfpdep/annotations.h>

template <unsigned N> struct Buffer {
  unsigned long words[N];
};

struct Cache {
  unsigned long evict(unsigned n) {
    Buffer<128> batch; // #batch
    for (unsigned i = 0; i < 128; ++i)
      batch.words[i] = i + n;
    return batch.words[n % 128];
  }
  template <unsigned N> unsigned long scanAll() {
    Buffer<N> seen; // #seen
    seen.words[0] = N;
    return seen.words[0];
  }
};
// expected-warning@#batch {{'Cache::evict' keeps 1028 bytes of locals on the stack ('batch': 1024), over the 512-byte budget, below the shrinker callback 'shrink'}}
// expected-note@#shrink {{'shrink' is annotated gfpdep::shrinker here}}
// expected-note@#evict {{'shrink' calls 'Cache::evict' here}}
// expected-note@#batch {{allocate 'batch' in advance}}
// expected-warning@#seen {{'Cache::scanAll<100U>' keeps 800 bytes of locals on the stack ('seen': 800)}}
// expected-note@#shrink {{'shrink' is annotated gfpdep::shrinker here}}
// expected-note@#scan {{'shrink' calls 'Cache::scanAll<100U>' here}}
// expected-note@#seen {{allocate 'seen' in advance}}

static Cache cache;

GFPDEP_SHRINKER unsigned long shrink(struct shrinker *, struct shrink_control *) { // #shrink
  unsigned long n = cache.evict(3); // #evict
  n += cache.scanAll<100>(); // #scan
  n += cache.scanAll<8>(); // small: clean
  return n;
}

// Only from process context: clean.
unsigned long trim() { return cache.evict(1) + cache.scanAll<100>(); }

// TIDY: warning: 'Cache::evict' keeps 1028 bytes of locals on the stack {{.*}} [gfpdep-stack-in-reclaim]
