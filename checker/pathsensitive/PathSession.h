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
#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace gfpdep {

struct PathStats {
  unsigned Checked = 0;    ///< findings with a query
  unsigned Confirmed = 0;  ///< a feasible path was found
  unsigned Dropped = 0;    ///< no feasible path, analysis complete
  unsigned Unverified = 0; ///< kept: no query, or the analysis was cut short
  unsigned Balance = 0;    ///< lock-balance findings
  unsigned FunctionsComplete = 0, FunctionsCut = 0, FunctionsSkipped = 0;
  double Seconds = 0;
};

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

  /// Builds the site index; call once Findings is filled.
  void indexQueries();
  /// Marks finding I confirmed: a path reached one of its sites.
  void confirm(unsigned I) { Confirmed[I] = 1; }
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
