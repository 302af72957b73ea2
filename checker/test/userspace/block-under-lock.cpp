// RUN: %clang -x c++ -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-enable=block-under-lock -Xclang -verify %s
// RUN: %clang -x c++ -std=c++20 -fsyntax-only -fplugin=%plugin -fplugin-arg-gfpdep-enable=block-under-lock -Xclang -verify %s
// block-under-lock in C++: a std::lock_guard's scope, a std::unique_lock
// unlocked before the call.
#include <mutex>
#include <unistd.h>

class Cache {
public:
  void refresh(int fd) {
    std::lock_guard<std::mutex> g(m_); // #guard
    char buf[16];
    read(fd, buf, sizeof buf); // #read
  }
  void refreshFixed(int fd) {
    char buf[16];
    read(fd, buf, sizeof buf); // clean: before the lock
    std::lock_guard<std::mutex> g(m_);
    data_ = buf[0];
  }
  void refreshUnlocked(int fd) {
    std::unique_lock<std::mutex> g(m_);
    data_ = 0;
    g.unlock();
    char buf[16];
    read(fd, buf, sizeof buf); // clean: unlocked first
  }

private:
  std::mutex m_;
  int data_ = 0;
};
// expected-warning@#read {{'read' blocks while mutex 'Cache::m_' is held}}
// expected-note@#guard {{mutex 'Cache::m_' acquired here}}
// expected-note@#read {{release 'Cache::m_' before the blocking call}}
