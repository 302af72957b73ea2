//===- FactsFile.h - a unit's facts as bytes --------------------*- C++ -*-===//
///
/// \file
/// The form in which a unit's facts travel: inside the object file the
/// compile produces (section .note.gfpdep.facts), or a side file for compiles
/// that produce none. One record per unit:
///
///   "GFPDEPF" NUL | u32 version | u64 payload length | payload
///
/// Records may follow one another (a relocatable link concatenates the
/// sections of its inputs). The payload is a string table followed by the
/// facts, integers as LEB128; docs/summaries.md describes every field. The
/// reader checks every length, index and kind and names what is wrong and
/// where; it never trusts the input.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_FACTS_FACTSFILE_H
#define GFPDEP_FACTS_FACTSFILE_H

#include "facts/Facts.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>
#include <vector>

namespace gfpdep {

constexpr unsigned FactsFormatVersion = 10;
/// The object-file section facts travel in.
constexpr const char *FactsSectionName = ".note.gfpdep.facts";

/// One unit's record (deterministic: same facts, same bytes).
std::string writeFacts(const UnitFacts &U);

/// Every record in Bytes (one or several concatenated). Origin names the
/// file in errors ("build/mm/slub.o").
llvm::Expected<std::vector<std::shared_ptr<const UnitFacts>>>
readFacts(llvm::StringRef Bytes, llvm::StringRef Origin);

} // namespace gfpdep

#endif
