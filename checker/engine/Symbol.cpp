//===- Symbol.cpp - the intern pool ----------------------------------------===//
///
/// \file
/// One process-wide pool; the CLI analyses units on several threads.
//===----------------------------------------------------------------------===//

#include "Symbol.h"
#include "llvm/ADT/StringSet.h"
#include <mutex>

llvm::StringRef gfpdep::intern(llvm::StringRef S) {
  if (S.empty())
    return llvm::StringRef();
  static std::mutex M;
  static llvm::StringSet<> *Pool = new llvm::StringSet<>(); // never freed
  std::lock_guard<std::mutex> Lock(M);
  return Pool->insert(S).first->getKey();
}
