//===- GfpdepTidyModule.cpp - the engine as clang-tidy checks -------------===//
///
/// \file
/// A clang-tidy module with one check per rule (gfpdep-reclaim-under-lock,
/// ...), over the same engine as the plugin. The engine runs once per
/// translation unit, whichever check asks first; each check reports the
/// findings of its rule with one note per step of the chain. Load it with
/// `clang-tidy --load=GfpdepTidyModule.so --checks='-*,gfpdep-*'`; clangd
/// builds with it linked in run it the same way.
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "driver/Frontend.h"
#include "Naming.h"
#include <cstdlib>
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace clang::tidy::gfpdep_tidy {

namespace {

/// What the checks of one translation unit share: the unit's run, made by
/// whichever check asks first. Without GFPDEP_SUMMARIES it is the data path
/// every compile takes (the facts collector watches the preprocessor from
/// registerPPCallbacks(), before parsing; the unit is linked with the build's
/// facts named by GFPDEP_FACTS); with it, the per-unit engine that reads
/// summary files.
struct SharedUnit {
  explicit SharedUnit(Preprocessor *PP) : PP(PP) {}
  Preprocessor *PP;
  std::unique_ptr<gfpdep::UnitSession> Session;
  bool Ran = false;
  std::vector<gfpdep::Finding> Findings;
  std::vector<gfpdep::FrontendProblem> Problems;
  std::vector<std::string> Errors; ///< inputs that could not be read
};
/// The unit whose checks are alive on this thread (clangd builds ASTs on
/// several threads); it dies with them.
thread_local std::weak_ptr<SharedUnit> Current;

/// Summary files named by GFPDEP_SUMMARIES (':'-separated directories):
/// callees defined in other files and the other half of cross-file cycles.
const gfpdep::ExternalSummaries *externalSummaries(ASTContext &Ctx,
                                                   std::vector<std::string> &Errors) {
  std::vector<std::string> Dirs = gfpdep::summaryDirsFromEnvironment();
  if (Dirs.empty())
    return nullptr;
  static thread_local gfpdep::ExternalSummaries External;
  External = gfpdep::ExternalSummaries();
  std::string Main;
  const SourceManager &SM = Ctx.getSourceManager();
  if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
    Main = gfpdep::mainFilePath(*F);
  for (const std::string &Dir : Dirs)
    External.loadDirectory(Dir, Main, Errors);
  return &External;
}

void runShared(SharedUnit &U, ASTContext &Ctx, Preprocessor *PP) {
  U.Ran = true;
  if (U.Session) {
    gfpdep::FrontendOptions FO;
    // Every rule: in clang-tidy the checks are the switch (gfpdep-clangd's
    // default configuration removes gfpdep-wait-context, off by default in
    // a compile too).
    FO.Enabled.set();
    gfpdep::loadFactsInputs(gfpdep::pathsFromEnvironment("GFPDEP_FACTS"), FO.External,
                            U.Errors);
    gfpdep::FrontendResult R = U.Session->run(Ctx, FO);
    U.Findings = std::move(R.Findings);
    U.Problems = std::move(R.Problems);
    // Detach from the preprocessor while it is certainly alive.
    U.Session.reset();
    return;
  }
  gfpdep::EngineOptions Opts;
  Opts.Rules.Enabled.set();
  Opts.External = externalSummaries(Ctx, U.Errors);
  gfpdep::AnalysisResult A = gfpdep::analyzeTranslationUnit(Ctx, PP, Opts);
  U.Findings = std::move(A.Findings);
  for (const gfpdep::Problem &P : A.Problems)
    U.Problems.push_back({P.Where, P.Message, false});
}

} // namespace

/// Reports the findings of one gfpdep rule.
class GfpdepRuleCheck : public ClangTidyCheck {
public:
  GfpdepRuleCheck(StringRef Name, ClangTidyContext *Context, gfpdep::Rule R)
      : ClangTidyCheck(Name, Context), R(R) {}

  void registerPPCallbacks(const SourceManager &, Preprocessor *PP,
                           Preprocessor *) override {
    this->PP = PP;
    std::shared_ptr<SharedUnit> S = Current.lock();
    if (!S || S->PP != PP || S->Ran) {
      S = std::make_shared<SharedUnit>(PP);
      if (gfpdep::summaryDirsFromEnvironment().empty())
        S->Session = std::make_unique<gfpdep::UnitSession>(PP);
      Current = S;
    }
    Shared = std::move(S);
  }

  void registerMatchers(MatchFinder *Finder) override {
    // clangd traverses only the main file's top-level declarations, never
    // the translation unit itself: any function definition starts the run.
    Finder->addMatcher(functionDecl(isDefinition()).bind("fn"), this);
  }

  void onStartOfTranslationUnit() override { Reported = false; }

  void check(const MatchFinder::MatchResult &Result) override {
    if (Reported)
      return;
    Reported = true;
    ASTContext &Ctx = *Result.Context;
    if (!Shared) // no preprocessor callbacks: nothing was collected
      return;
    if (!Shared->Ran)
      runShared(*Shared, Ctx, PP);
    SourceManager &SM = Ctx.getSourceManager();
    if (R == gfpdep::Rule::Contract) {
      for (const std::string &E : Shared->Errors)
        diag(SourceLocation(), "gfpdep: %0", DiagnosticIDs::Error) << E;
      for (const gfpdep::FrontendProblem &P : Shared->Problems)
        diag(toLoc(SM, P.Where), "%0",
             P.Remark ? DiagnosticIDs::Remark : DiagnosticIDs::Error)
            << P.Message;
    }
    for (const gfpdep::Finding &F : Shared->Findings) {
      if (F.R != R)
        continue;
      diag(toLoc(SM, F.Where), "%0") << F.Message;
      for (const gfpdep::Step &S : F.Notes)
        diag(toLoc(SM, S.Where), "%0", DiagnosticIDs::Note) << S.Text;
    }
  }

private:
  gfpdep::Rule R;
  Preprocessor *PP = nullptr;
  std::shared_ptr<SharedUnit> Shared;
  bool Reported = false;

  static SourceLocation toLoc(SourceManager &SM, const gfpdep::Loc &L) {
    return gfpdep::toSourceLocation(L, SM);
  }
};

class GfpdepModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (unsigned I = 0; I < gfpdep::NumRules; ++I) {
      gfpdep::Rule R = gfpdep::Rule(I);
      if (gfpdep::pathSensitiveOnly(R))
        continue; // needs the analyzer: the plugin's path-sensitive mode
      Factories.registerCheckFactory(
          ("gfpdep-" + gfpdep::ruleId(R)).str(),
          [R](StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<GfpdepRuleCheck>(Name, Context, R);
          });
    }
  }
};

} // namespace clang::tidy::gfpdep_tidy

namespace clang::tidy {
static ClangTidyModuleRegistry::Add<gfpdep_tidy::GfpdepModule>
    X("gfpdep-module", "gfpdep: lockdep-style reclaim, sleep and lock-order "
                       "checks");
// Referenced by a clangd that links the module in, so the linker keeps it.
volatile int GfpdepModuleAnchorSource = 0;
} // namespace clang::tidy
