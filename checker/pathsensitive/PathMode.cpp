//===- PathMode.cpp - the analyzer set up for the path-sensitive mode -----===//
///
/// \file
/// The analysis consumer the plugin and the gfpdep command put next to their
/// own, and the collector that turns its lock-balance reports into findings.
//===----------------------------------------------------------------------===//

#include "PathMode.h"
#include "Naming.h"
#include "PathChecker.h"
#include "clang/Analysis/PathDiagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/StaticAnalyzer/Core/AnalyzerOptions.h"
#include "clang/StaticAnalyzer/Frontend/AnalysisConsumer.h"
#include "llvm/ADT/StringExtras.h"
#include <chrono>

using namespace clang;
using namespace gfpdep;

namespace {

/// Turns the analyzer's lock-balance reports into findings: the message,
/// one note per event of the path, then the fix.
class BalanceCollector : public ento::PathDiagnosticConsumer {
public:
  BalanceCollector(PathSession &S, const SourceManager &SM) : S(S), SM(SM) {}

  void FlushDiagnosticsImpl(std::vector<const ento::PathDiagnostic *> &Diags,
                            FilesMade *) override {
    for (const ento::PathDiagnostic *PD : Diags) {
      if (PD->getBugType() != "lock-balance")
        continue;
      Finding F;
      F.R = Rule::LockBalance;
      F.Where = makeLoc(PD->getLocation().asLocation(), SM);
      F.Message = PD->getShortDescription().str();
      F.Origin = F.Where;
      std::vector<Step> Fixes;
      for (const auto &P : PD->path.flatten(/*ShouldFlattenMacros=*/true)) {
        std::string Text = P->getString().str();
        if (Text.empty())
          continue;
        Loc At = makeLoc(P->getLocation().asLocation(), SM);
        if (P->getKind() == ento::PathDiagnosticPiece::Note) {
          Fixes.push_back({At, Text});
          continue;
        }
        if (At == F.Where && Text == F.Message)
          continue;
        if (!Text.empty())
          Text[0] = llvm::toLower(Text[0]);
        F.Notes.push_back({At, Text});
      }
      F.Notes.insert(F.Notes.end(), Fixes.begin(), Fixes.end());
      S.Balance.push_back(std::move(F));
    }
  }
  llvm::StringRef getName() const override { return "gfpdep"; }
  PathGenerationScheme getGenerationScheme() const override { return Minimal; }
  bool supportsLogicalOpControlFlow() const override { return false; }

private:
  PathSession &S;
  const SourceManager &SM;
};

} // namespace

std::unique_ptr<ASTConsumer> gfpdep::createPathAnalysis(CompilerInstance &CI,
                                                        PathSession &S) {
  // Only our checker; small callees inlined (their paths, their return
  // values), the engine's summaries standing for the others; every function
  // also explored on its own, so that each one's findings can be judged; no
  // output of the analyzer's own.
  AnalyzerOptions &AO = CI.getAnalyzerOpts();
  AO.CheckersAndPackages = {{PathCheckerName, true}};
  AO.AnalysisDiagOpt = PD_NONE;
  AO.InliningMode = All;
  // The analyzer's "shallow" budget. Its deep default costs two orders of
  // magnitude more on driver-sized units (docs/performance.md) for little
  // the summaries do not give.
  AO.IPAMode = "inlining";
  AO.MaxInlinableSize = 4;
  // The per-function budget (the shallow default, 75000 steps, unless the
  // front end set another); the unit's budget is the checker's.
  AO.MaxNodesPerTopLevelFunction = S.Budget.FunctionSteps;
  // At the loop bound, one more iteration with what the loop changes made
  // unknown, then on: a function with loops can still be judged in full.
  AO.ShouldWidenLoops = true;
  // The analyzer would look for checkers in every -load'ed library (ours
  // included, and other plugins it would warn about): it gets none, and our
  // checker directly.
  std::vector<std::string> Loaded;
  std::swap(Loaded, CI.getFrontendOpts().Plugins);
  std::unique_ptr<ento::AnalysisASTConsumer> AC =
      ento::CreateAnalysisConsumer(CI);
  std::swap(Loaded, CI.getFrontendOpts().Plugins);
  AC->AddCheckerRegistrationFn(registerPathChecker);
  AC->AddDiagnosticConsumer(new BalanceCollector(S, CI.getSourceManager()));
  return AC;
}

void gfpdep::checkOnPaths(PathSession &S, AnalysisResult &R, ASTContext &Ctx,
                          const RuleOptions &Rules,
                          llvm::function_ref<void()> RunAnalysis,
                          PathStats &Stats) {
  auto T = std::chrono::steady_clock::now();
  S.Started = threadCpuSeconds();
  S.Unit = R.Unit;
  S.Findings = std::move(R.Findings);
  S.indexQueries();
  setActiveSession(&S);
  RunAnalysis();
  setActiveSession(nullptr);
  R.Findings = filterFindings(S, Ctx, Stats);
  if (!Rules.enabled(Rule::LockBalance))
    llvm::erase_if(R.Findings,
                   [](const Finding &F) { return F.R == Rule::LockBalance; });
  // The engine dropped its own suppressed findings; lock-balance's too.
  dropSuppressedFindings(R.Findings, Ctx.getSourceManager());
  Stats.Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
          .count();
}
