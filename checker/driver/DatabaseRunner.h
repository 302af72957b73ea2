//===- DatabaseRunner.h - gfpdep -p: one parse per unit, one link -*- C++ -*-===//
///
/// \file
/// The whole program over a compilation database: each unit is parsed once,
/// in parallel, for its facts (which depend on nothing outside it); one link
/// over all of them decides. No passes, no order, no bound on how far facts
/// travel.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_DRIVER_DATABASERUNNER_H
#define GFPDEP_DRIVER_DATABASERUNNER_H

#include "driver/Frontend.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include <functional>

namespace clang {
namespace tooling {
class CompilationDatabase;
} // namespace tooling
} // namespace clang

namespace gfpdep {

/// Keeps the first error clang reports ("file:line:col: message"), prints
/// nothing: why a unit could not be analysed.
class FirstErrorConsumer : public clang::DiagnosticConsumer {
public:
  std::string Message;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level L,
                        const clang::Diagnostic &Info) override;
};

struct DatabaseUnit {
  std::string File;
  bool Ok = false;
  std::string Error; ///< why it could not be analysed
};

struct DatabaseResult {
  std::vector<Finding> Findings;
  std::vector<DatabaseUnit> Units;       ///< in the order given
  std::vector<FrontendProblem> Problems; ///< annotation misuse, skipped functions
  unsigned Functions = 0, FixpointLimitHit = 0, FunctionsCutShort = 0;
  double ParseSeconds = 0, LinkSeconds = 0; ///< wall time of each step
  std::vector<GraphEdge> Graph; ///< when FrontendOptions::Graph
};

/// Parses every file of Files with its command from DB on Threads threads
/// (Adjust applied to each command), then links all units' facts once.
/// Progress is called after each unit (from the worker threads, serialised).
DatabaseResult analyseDatabase(const clang::tooling::CompilationDatabase &DB,
                               const std::vector<std::string> &Files,
                               unsigned Threads, const FrontendOptions &Opts,
                               clang::tooling::ArgumentsAdjuster Adjust,
                               std::function<void(unsigned Done)> Progress);

} // namespace gfpdep

#endif
