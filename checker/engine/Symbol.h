//===- Symbol.h - interned strings for the engine's vocabulary --*- C++ -*-===//
///
/// \file
/// File names, lock classes and function names recur in every effect of
/// every summary. A Symbol is such a string, interned once per process:
/// copying it copies a pointer and a length, comparing it compares text.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_SYMBOL_H
#define GFPDEP_ENGINE_SYMBOL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace gfpdep {

/// The interned copy of S (thread-safe; lives until the process ends).
llvm::StringRef intern(llvm::StringRef S);

class Symbol {
public:
  Symbol() = default;
  Symbol(llvm::StringRef V) : S(intern(V)) {}
  Symbol(const std::string &V) : S(intern(V)) {}
  Symbol(const char *V) : S(intern(V)) {}

  llvm::StringRef ref() const { return S; }
  std::string str() const { return S.str(); }
  operator llvm::StringRef() const { return S; }
  operator std::string() const { return S.str(); }
  bool empty() const { return S.empty(); }
  const char *data() const { return S.data(); }
  size_t size() const { return S.size(); }

  friend bool operator==(const Symbol &A, const Symbol &B) { return A.S == B.S; }
  friend bool operator!=(const Symbol &A, const Symbol &B) { return A.S != B.S; }
  friend bool operator<(const Symbol &A, const Symbol &B) { return A.S < B.S; }
  friend bool operator==(const Symbol &A, llvm::StringRef B) { return A.S == B; }
  friend bool operator!=(const Symbol &A, llvm::StringRef B) { return A.S != B; }
  friend bool operator==(const Symbol &A, const char *B) { return A.S == B; }
  friend bool operator!=(const Symbol &A, const char *B) { return A.S != B; }
  friend std::string operator+(const std::string &A, const Symbol &B) {
    return A + B.S.str();
  }
  friend std::string operator+(const Symbol &A, const std::string &B) {
    return A.S.str() + B;
  }
  friend std::string operator+(const char *A, const Symbol &B) {
    return A + B.S.str();
  }
  friend std::string operator+(const Symbol &A, const char *B) {
    return A.S.str() + B;
  }
  friend llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, const Symbol &X) {
    return OS << X.S;
  }

private:
  llvm::StringRef S;
};

} // namespace gfpdep

#endif
