//===- ProgramRunner.h - the whole program from a build's facts -*- C++ -*-===//
///
/// \file
/// The whole-program step: every unit's facts, read from where the build put
/// them (the `.note.gfpdep.facts` section of objects, archives and modules, or
/// side files written with facts-dir=), linked once. The result does not
/// depend on the order the inputs are named or were built in.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_DRIVER_PROGRAMRUNNER_H
#define GFPDEP_DRIVER_PROGRAMRUNNER_H

#include "facts/Facts.h"
#include "link/Link.h"
#include <memory>
#include <string>
#include <vector>

namespace gfpdep {

/// What loadFacts() found.
struct FactsInputs {
  std::vector<std::shared_ptr<const UnitFacts>> Units; ///< one per unit
  std::vector<std::string> Errors; ///< "path: what is wrong", in path order
  unsigned FilesRead = 0;    ///< files that held facts
  unsigned FilesWithout = 0; ///< objects named or found without facts
  unsigned Duplicates = 0;   ///< identical records seen again (a .o and its .a)
};

/// Reads facts from each path: a directory (searched recursively for
/// `*.gfpdep-facts`, `*.o`, `*.ko`, `*.a`), a side file, or an object,
/// archive or module file with a `.note.gfpdep.facts` section.
void loadFacts(const std::vector<std::string> &Paths, FactsInputs &Out);

/// One link over all units.
LinkResult linkUnits(const std::vector<std::shared_ptr<const UnitFacts>> &Units,
                     const LinkOptions &Opts, const ApiModel *Model = nullptr);

} // namespace gfpdep

#endif
