//===- Analyzer.h - the engine's entry point --------------------*- C++ -*-===//
///
/// \file
/// Runs the whole data path over one translation unit: facts -> per-function
/// summaries bottom-up over the call graph's SCCs -> rules -> findings.
/// Front ends (plugin, CLI, clang-tidy) call this and present the result.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_ANALYZER_H
#define GFPDEP_ENGINE_ANALYZER_H

#include "Facts.h"
#include "Finding.h"
#include "FunctionAnalysis.h"
#include "Rules.h"
#include "SummaryFile.h"
#include <memory>

namespace clang {
class ASTContext;
class Preprocessor;
class SourceManager;
} // namespace clang

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

struct EngineOptions {
  RuleOptions Rules;
  AnalysisLimits Limits;
  unsigned MaxSccIterations = 16;
  const ApiModel *Model = nullptr; ///< null: the built-in model
  /// Summaries of other units: callees without a body here, and the locks
  /// those units take inside reclaim.
  const ExternalSummaries *External = nullptr;
  /// Close lock-order cycles with other units' edges here (the plugin);
  /// off when the caller closes them once for the whole program (gfpdep).
  bool CyclesWithExternalEdges = true;
  /// Fill AnalysisResult::Exported with this unit's summary file content.
  bool ExportSummary = false;
  /// Keep the unit's model and summaries in AnalysisResult::Unit.
  bool KeepUnit = false;
};

/// The engine's view of a unit, kept for the path-sensitive mode: it models
/// calls with the same table, annotations and summaries.
struct UnitModel {
  const ApiModel *Model = nullptr;
  GfpLayout Layout;
  ProgramFacts Facts;
  /// Per analysed definition.
  llvm::DenseMap<const clang::FunctionDecl *, Summary> Summaries;
  bool Truncated = false; ///< some summary hit the effect bound
};

struct AnalysisResult {
  std::vector<Finding> Findings;
  std::vector<Problem> Problems; ///< user errors (bad annotations)
  UnitSummary Exported;          ///< when EngineOptions::ExportSummary
  std::shared_ptr<UnitModel> Unit; ///< when EngineOptions::KeepUnit
  unsigned FunctionsAnalyzed = 0;
  unsigned FunctionsSkipped = 0; ///< over the limits or without a CFG
  unsigned SummariesTruncated = 0; ///< hit EngineOptions::Limits.MaxEffectsPerKind
  size_t Effects = 0; ///< effects in all summaries
  size_t Checks = 0;  ///< effect-in-context pairs handed to the rules
  /// Wall time of each stage, in seconds: facts, call graph, summaries, rules.
  double FactsTime = 0, GraphTime = 0, SummaryTime = 0, RulesTime = 0;
};

/// Drops findings suppressed by a "// gfpdep-ignore: <rule> <reason>"
/// comment on the leaf's line or the line above (analyzeTranslationUnit
/// does this for its own findings).
void dropSuppressedFindings(std::vector<Finding> &Findings,
                            const clang::SourceManager &SM);

/// Analyses a parsed unit. PP may be null (then the GFP layout is the
/// Linux default).
AnalysisResult analyzeTranslationUnit(clang::ASTContext &Ctx,
                                      clang::Preprocessor *PP,
                                      const EngineOptions &Opts);

} // namespace legacy
} // namespace gfpdep

#endif
