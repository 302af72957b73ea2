//===- Symbol.cpp - the intern pool ----------------------------------------===//
///
/// \file
/// One process-wide pool; the CLI analyses units on several threads.
//===----------------------------------------------------------------------===//

#include "Symbol.h"
#include "llvm/ADT/StringMap.h"
#include <mutex>

using namespace gfpdep;

const InternedString *gfpdep::internEntry(llvm::StringRef S) {
  if (S.empty())
    return nullptr;
  static std::mutex M;
  // Never freed: symbols live as long as the process.
  static auto *Pool = new llvm::StringMap<InternedString>();
  std::lock_guard<std::mutex> Lock(M);
  auto [It, Inserted] = Pool->try_emplace(S, InternedString{0, nullptr});
  if (Inserted)
    It->second = InternedString{It->getKeyLength(), It->getKeyData()};
  return &It->second;
}

llvm::StringRef gfpdep::intern(llvm::StringRef S) {
  const InternedString *E = internEntry(S);
  return E ? llvm::StringRef(E->Data, E->Length) : llvm::StringRef();
}
