//===- PathMode.h - running the path-sensitive mode in a front end -----===//
///
/// \file
/// What a front end (the plugin, the gfpdep command) does to run the
/// path-sensitive mode: create the analyzer's consumer for the unit, and
/// after the engine has run, let the analyzer answer the findings' queries.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_PATHSENSITIVE_PATHMODE_H
#define GFPDEP_PATHSENSITIVE_PATHMODE_H

#include "PathSession.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>

namespace clang {
class ASTConsumer;
class CompilerInstance;
} // namespace clang

namespace gfpdep {

/// The Clang Static Analyzer's consumer for CI, set up for the path mode:
/// only gfpdep.PathSensitive, the shallow budget (S.Budget's steps per
/// function: set S.Budget first), every function explored on its own, no
/// output of the analyzer's own; lock-balance reports go into S.Balance.
/// Put it in a MultiplexConsumer after the front end's own.
std::unique_ptr<clang::ASTConsumer>
createPathAnalysis(clang::CompilerInstance &CI, PathSession &S);

/// Hands R's findings to S, runs RunAnalysis (the consumer's
/// HandleTranslationUnit) with S as the thread's active session, and
/// replaces R.Findings with those filterFindings() keeps, lock-balance
/// included unless Rules disables it, suppression comments honoured. The
/// unit's budget (S.Budget.UnitSeconds) counts from here; Stats says what
/// the budgets cut (budgetRemark() words it for the user).
void checkOnPaths(PathSession &S, AnalysisResult &R, clang::ASTContext &Ctx,
                  const RuleOptions &Rules,
                  llvm::function_ref<void()> RunAnalysis, PathStats &Stats);

} // namespace gfpdep

#endif
