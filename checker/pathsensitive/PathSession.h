//===- PathSession.h - the engine's questions, the analyzer's answers -===//
///
/// \file
/// The path-sensitive mode runs in two steps over one translation unit: the
/// summary engine finds what it finds, each finding carrying a PathQuery;
/// then the Clang Static Analyzer explores every function of the unit with
/// the gfpdep checker, which tracks held locks, sections and scopes per path
/// with the same API model, annotations and summaries, and answers the
/// queries. A session holds both sides; filterFindings() applies the answers.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_PATHSENSITIVE_PATHSESSION_H
#define GFPDEP_PATHSENSITIVE_PATHSESSION_H

#include "Analyzer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace gfpdep {

/// How much the path-sensitive mode may spend (docs/path-sensitive.md,
/// "Budgets"). A function a budget stops is "cut short": the findings with
/// a call site in it are kept as the engine made them, and counted.
struct PathBudget {
  static constexpr unsigned DefaultFunctionSteps = 75000;
  static constexpr double DefaultUnitSeconds = 30;
  /// Per function: the analyzer's steps (its max-nodes) exploring one
  /// top-level function, inlined callees included; 0: no limit.
  unsigned FunctionSteps = DefaultFunctionSteps;
  /// Per unit: CPU seconds of the thread running the unit's path-sensitive
  /// work (the analyzer's whole run); 0: no limit.
  double UnitSeconds = DefaultUnitSeconds;
};

/// Calls deeper than this many stack frames are not inlined: the analyzer
/// evaluates them as calls it does not inline (the engine's summary stands
/// for them). Its own depth bound spares callees without branches, and a
/// chain of such callees costs the cube of its depth.
constexpr unsigned PathMaxInlineDepth = 32;

struct PathStats {
  unsigned Checked = 0;    ///< findings with a query
  unsigned Confirmed = 0;  ///< a feasible path was found
  unsigned Dropped = 0;    ///< no feasible path, analysis complete
  unsigned Unverified = 0; ///< kept: no query, or the analysis was cut short
  unsigned Balance = 0;    ///< lock-balance findings
  unsigned FunctionsComplete = 0, FunctionsCut = 0, FunctionsSkipped = 0;
  /// Kept unchecked because a budget ran out (counted in Unverified too).
  unsigned OverBudget = 0;
  /// Functions the per-function budget cut short; functions the unit's
  /// budget cut short or left unexplored.
  unsigned FunctionsOverSteps = 0, FunctionsOverTime = 0;
  /// The first of those functions in source order, for the remark.
  Loc FirstOver;
  std::string FirstOverName;
  PathBudget Budget; ///< the budgets in force
  double Seconds = 0;
};

/// The remark a unit that ran out of a budget makes ("" if none did):
/// how many findings were left unchecked, which budget, how to raise it
/// (the front end's spelling of the two options).
std::string budgetRemark(
    const PathStats &Stats,
    llvm::StringRef UnitOption = "-fplugin-arg-gfpdep-path-budget",
    llvm::StringRef FunctionOption = "-fplugin-arg-gfpdep-path-function-budget");

/// CPU seconds the calling thread has used (a monotonic clock where the
/// system has no per-thread CPU clock).
double threadCpuSeconds();

struct PathSession {
  std::shared_ptr<UnitModel> Unit;
  std::vector<Finding> Findings; ///< the engine's, with their queries

  /// Call site -> (finding, site) pairs asking about it.
  std::map<Loc, std::vector<std::pair<unsigned, unsigned>>> Sites;
  std::vector<char> Confirmed; ///< per finding
  /// Context origins the analyzer began on some path: a finding whose
  /// origin it never saw is beyond its model and is kept.
  std::set<Loc> SeenOrigins;
  /// Functions explored to the end (no budget or loop bound cut a path).
  llvm::DenseSet<const clang::Decl *> Complete, Cut;
  /// Functions not explored: nothing in them can matter.
  llvm::DenseSet<const clang::Decl *> Skipped;
  /// lock-balance findings (the plugin collects them from the analyzer's
  /// path diagnostics).
  std::vector<Finding> Balance;
  /// Standalone analyzer plugin: report confirmed findings as analyzer
  /// reports too (the plugin mode reports them itself).
  bool ReportConfirmed = false;

  /// Set before createPathAnalysis(): it gives the analyzer FunctionSteps.
  PathBudget Budget;
  /// threadCpuSeconds() when the unit's path-sensitive work began.
  double Started = 0;
  /// Functions the per-function budget cut short; those the unit's budget
  /// cut short or left unexplored.
  llvm::DenseSet<const clang::Decl *> OverSteps, OverTime;

  /// Whether the unit's budget has run out. Reads the clock on every
  /// Every-th call (and on each with Every = 1); once out, stays out.
  bool overUnitBudget(unsigned Every = 64) {
    if (TimeOut)
      return true;
    if (Budget.UnitSeconds <= 0 || ++Polls % Every)
      return false;
    TimeOut = threadCpuSeconds() - Started > Budget.UnitSeconds;
    return TimeOut;
  }

  /// Builds the site index; call once Findings is filled.
  void indexQueries();
  /// Marks finding I confirmed: a path reached one of its sites.
  void confirm(unsigned I) { Confirmed[I] = 1; }

private:
  unsigned Polls = 0;
  bool TimeOut = false;
};

/// The findings the session keeps: confirmed ones, those the analyzer could
/// not judge, then the lock-balance findings; sorted.
std::vector<Finding> filterFindings(PathSession &S, clang::ASTContext &Ctx,
                                    PathStats &Stats);

/// The session the checker of the current thread answers (set by the
/// plugin around the analysis; null: the checker runs the engine itself).
PathSession *activeSession();
void setActiveSession(PathSession *S);

} // namespace gfpdep

#endif
