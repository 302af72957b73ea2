//===- FactsDump.h - a readable listing of a unit's facts ------*- C++ -*-===//
#ifndef GFPDEP_FACTS_FACTSDUMP_H
#define GFPDEP_FACTS_FACTSDUMP_H

#include "facts/Facts.h"
#include "llvm/Support/raw_ostream.h"

namespace gfpdep {
/// One line per block, event and condition: for debugging and for
/// `gfpdep --dump-facts`.
void dumpFacts(const UnitFacts &U, llvm::raw_ostream &OS);
} // namespace gfpdep

#endif
