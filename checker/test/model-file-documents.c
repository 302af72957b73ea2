// A model file is one YAML document. No document at all (an empty file,
// only comments, a lone '---'), bytes that are not YAML, an alias at the
// top, or a second document: an error naming the file, never a crash.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf '' > %t/empty.yaml
// RUN: printf '# only a comment\n\n# and another\n' > %t/comments.yaml
// RUN: printf -- '---\n' > %t/dashes.yaml
// RUN: printf '*anchor\n' > %t/alias.yaml
// RUN: %python -c "import random, sys; random.seed(7); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(512)))" > %t/random.yaml
// RUN: printf 'version: 1\nfunctions: []\n---\nversion: 1\nfunctions:\n  - {name: bus_wait_idle, op: block}\n' > %t/two.yaml
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/empty.yaml %s 2>&1 | FileCheck %s --check-prefix=EMPTY -DFILE=%t/empty.yaml
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/comments.yaml %s 2>&1 | FileCheck %s --check-prefix=EMPTY -DFILE=%t/comments.yaml
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/dashes.yaml %s 2>&1 | FileCheck %s --check-prefix=EMPTY -DFILE=%t/dashes.yaml
// EMPTY: error: invalid gfpdep model file: [[FILE]]: no YAML document; a model file is one mapping with 'version' and 'functions'
// EMPTY-NOT: PLEASE submit a bug report
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/alias.yaml %s 2>&1 | FileCheck %s --check-prefix=BAD -DFILE=%t/alias.yaml
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/random.yaml %s 2>&1 | FileCheck %s --check-prefix=BAD -DFILE=%t/random.yaml
// BAD: error: invalid gfpdep model file: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: 
// BAD-NOT: PLEASE submit a bug report
// RUN: not %gfpdep -fplugin-arg-gfpdep-model=%t/two.yaml %s 2>&1 | FileCheck %s --check-prefix=TWO -DFILE=%t/two.yaml
// TWO: error: invalid gfpdep model file: [[FILE]]:4:1: a second YAML document; a model file holds one
//
// A document end marker, a trailing '---' with nothing after it and a
// %YAML directive are still one document.
// RUN: printf 'version: 1\nfunctions:\n  - {name: bus_wait_idle, op: block}\n...\n' > %t/end.yaml
// RUN: printf '%%%%YAML 1.2\n---\nversion: 1\nfunctions:\n  - {name: bus_wait_idle, op: block}\n---\n' > %t/trailing.yaml
// RUN: %gfpdep -fplugin-arg-gfpdep-model=%t/end.yaml -fsyntax-only -Xclang -verify %s
// RUN: %gfpdep -fplugin-arg-gfpdep-model=%t/trailing.yaml -fsyntax-only -Xclang -verify %s

void bus_wait_idle(void);
void spin_lock(int *l);
void spin_unlock(int *l);
int lock;
void f(void) {
  spin_lock(&lock); // expected-note {{spinlock 'lock' acquired here}}
  bus_wait_idle(); // expected-warning {{'bus_wait_idle' may sleep in atomic context: spinlock 'lock' is held [gfpdep-sleep-in-atomic]}} expected-note {{move the call out of the atomic section}}
  spin_unlock(&lock);
}
