//===- UnitRunner.h - one unit through the whole data path -----*- C++ -*-===//
///
/// \file
/// What every front end does for a unit it compiles: its facts, linked with
/// whatever other units' facts it was given, and the rules over that
/// program. A plain compile reports the findings that touch its own unit.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_DRIVER_UNITRUNNER_H
#define GFPDEP_DRIVER_UNITRUNNER_H

#include "driver/Frontend.h"
#include "facts/Extract.h"
#include "link/Link.h"
#include <memory>

namespace gfpdep {

struct UnitOptions {
  LinkOptions Link;
  ExtractOptions Extract;
  const ApiModel *Model = nullptr; ///< null: the built-in model
  /// Other units' facts to link with (a build's facts, for the editor).
  std::vector<std::shared_ptr<const UnitFacts>> External;
};

struct UnitRun {
  std::shared_ptr<UnitFacts> Facts;
  std::unique_ptr<Program> Prog;
  LinkResult Link;
  double ExtractTime = 0;
};

/// The link's options a front end's options say (rules, limits, budgets).
LinkOptions linkOptionsFor(const FrontendOptions &Opts);

/// Extracts the unit (the collector was attached to its preprocessor before
/// parsing) and links it.
UnitRun runUnit(FactsCollector &Collector, clang::ASTContext &Ctx,
                const UnitOptions &Opts);

} // namespace gfpdep

#endif
