//===- Symbol.h - interned strings for the engine's vocabulary --*- C++ -*-===//
///
/// \file
/// File names, lock classes and function names recur in every effect of
/// every summary. A Symbol is such a string, interned once per process:
/// copying it copies one pointer, equality compares that pointer, ordering
/// compares text.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_SYMBOL_H
#define GFPDEP_ENGINE_SYMBOL_H

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <string>

namespace gfpdep {

/// The interned copy of S (thread-safe; lives until the process ends).
llvm::StringRef intern(llvm::StringRef S);

/// The pool's record of an interned string: its length, then its bytes.
struct InternedString {
  size_t Length;
  const char *Data;
};
const InternedString *internEntry(llvm::StringRef S);

class Symbol {
public:
  Symbol() = default;
  Symbol(llvm::StringRef V) : E(internEntry(V)) {}
  Symbol(const std::string &V) : E(internEntry(V)) {}
  Symbol(const char *V) : E(internEntry(V)) {}

  llvm::StringRef ref() const {
    return E ? llvm::StringRef(E->Data, E->Length) : llvm::StringRef();
  }
  std::string str() const { return ref().str(); }
  operator llvm::StringRef() const { return ref(); }
  operator std::string() const { return str(); }
  bool empty() const { return !E; }
  const char *data() const { return E ? E->Data : ""; }
  size_t size() const { return E ? E->Length : 0; }
  /// Stable within a process: for hashing, never for ordering output.
  const void *id() const { return E; }
  /// For hash-table sentinels only.
  static Symbol fromId(const void *P) {
    Symbol S;
    S.E = static_cast<const InternedString *>(P);
    return S;
  }

  // Interned: equal text is the same entry.
  friend bool operator==(const Symbol &A, const Symbol &B) { return A.E == B.E; }
  friend bool operator!=(const Symbol &A, const Symbol &B) { return A.E != B.E; }
  friend bool operator<(const Symbol &A, const Symbol &B) {
    return A.E != B.E && A.ref() < B.ref();
  }
  friend bool operator==(const Symbol &A, llvm::StringRef B) { return A.ref() == B; }
  friend bool operator!=(const Symbol &A, llvm::StringRef B) { return A.ref() != B; }
  friend bool operator==(const Symbol &A, const char *B) { return A.ref() == B; }
  friend bool operator!=(const Symbol &A, const char *B) { return A.ref() != B; }
  friend std::string operator+(const std::string &A, const Symbol &B) {
    return A + B.str();
  }
  friend std::string operator+(const Symbol &A, const std::string &B) {
    return A.str() + B;
  }
  friend std::string operator+(const char *A, const Symbol &B) {
    return A + B.str();
  }
  friend std::string operator+(const Symbol &A, const char *B) {
    return A.str() + B;
  }
  friend llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, const Symbol &X) {
    return OS << X.ref();
  }

private:
  const InternedString *E = nullptr;
};

} // namespace gfpdep

namespace llvm {
/// Hash tables key symbols by their pool entry.
template <> struct DenseMapInfo<gfpdep::Symbol> {
  static gfpdep::Symbol getEmptyKey() {
    return gfpdep::Symbol::fromId(reinterpret_cast<const void *>(uintptr_t(-1)));
  }
  static gfpdep::Symbol getTombstoneKey() {
    return gfpdep::Symbol::fromId(reinterpret_cast<const void *>(uintptr_t(-2)));
  }
  static unsigned getHashValue(const gfpdep::Symbol &S) {
    uintptr_t P = reinterpret_cast<uintptr_t>(S.id());
    return unsigned((P >> 4) ^ (P >> 9));
  }
  static bool isEqual(const gfpdep::Symbol &A, const gfpdep::Symbol &B) {
    return A.id() == B.id();
  }
};
} // namespace llvm

#endif
