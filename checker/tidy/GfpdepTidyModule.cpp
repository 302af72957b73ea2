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

/// One analysis per translation unit per thread (clangd builds ASTs on
/// several threads), shared by the rule checks.
struct UnitCache {
  const ASTContext *Ctx = nullptr;
  std::optional<gfpdep::AnalysisResult> Result;
  std::vector<std::string> Errors; ///< summary files that could not be read
};
thread_local UnitCache Cache;

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

const gfpdep::AnalysisResult &analysisFor(ASTContext &Ctx, Preprocessor *PP,
                                          std::vector<std::string> &Errors) {
  if (Cache.Ctx != &Ctx || !Cache.Result) {
    Cache.Ctx = &Ctx;
    gfpdep::EngineOptions Opts;
    Cache.Errors.clear();
    Opts.External = externalSummaries(Ctx, Cache.Errors);
    Cache.Result = gfpdep::analyzeTranslationUnit(Ctx, PP, Opts);
  }
  Errors = Cache.Errors;
  return *Cache.Result;
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
  }

  void registerMatchers(MatchFinder *Finder) override {
    // clangd traverses only the main file's top-level declarations, never
    // the translation unit itself: any function definition starts the run.
    Finder->addMatcher(functionDecl(isDefinition()).bind("fn"), this);
  }

  void onStartOfTranslationUnit() override {
    Cache = UnitCache();
    Reported = false;
  }

  void check(const MatchFinder::MatchResult &Result) override {
    if (Reported)
      return;
    Reported = true;
    ASTContext &Ctx = *Result.Context;
    std::vector<std::string> Errors;
    const gfpdep::AnalysisResult &A = analysisFor(Ctx, PP, Errors);
    SourceManager &SM = Ctx.getSourceManager();
    if (R == gfpdep::Rule::Contract)
      for (const std::string &E : Errors)
        diag(SourceLocation(), "gfpdep: %0", DiagnosticIDs::Error) << E;
    if (R == gfpdep::Rule::Contract)
      for (const gfpdep::Problem &P : A.Problems)
        diag(toLoc(SM, P.Where), "%0", DiagnosticIDs::Error) << P.Message;
    for (const gfpdep::Finding &F : A.Findings) {
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
