//===- GfpdepTidyModule.cpp - the engine as clang-tidy checks -------------===//
///
/// \file
/// A clang-tidy module with one check per rule (gfpdep-reclaim-under-lock,
/// ...), over the same engine as the plugin. The engine runs once per
/// translation unit, whichever check asks first; each check reports the
/// findings of its rule with one note per step of the chain. Load it with
/// `clang-tidy --load=GfpdepTidyModule.so --checks='-*,gfpdep-*'`; clangd
/// builds with it linked in run it the same way. The plugin's engine
/// options are CheckOptions every gfpdep check shares (gfpdep.Models,
/// gfpdep.StackBudget, ...: TidyOptions.h, docs/editors.md).
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "TidyOptions.h"
#include "driver/Frontend.h"
#include "Naming.h"
#include <cstdlib>
#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::ast_matchers;
using gfpdep::tidy::Opt;

namespace clang::tidy::gfpdep_tidy {

namespace {

/// What the checks of one translation unit share: the unit's run, made by
/// whichever check asks first. Without summaries (GFPDEP_SUMMARIES,
/// gfpdep.Summaries) it is the data path every compile takes (the facts
/// collector watches the preprocessor from registerPPCallbacks(), before
/// parsing; the unit is linked with the build's facts named by GFPDEP_FACTS
/// and gfpdep.Facts); with them, the per-unit engine that reads summary
/// files. The checks that read the same gfpdep.* options share one run (a
/// check with options of its own, "<check>.gfpdep.X", gets one of its own).
struct SharedUnit {
  SharedUnit(Preprocessor *PP, gfpdep::tidy::ReadOptions Read)
      : PP(PP), Read(std::move(Read)) {}
  Preprocessor *PP;
  gfpdep::tidy::ReadOptions Read; ///< what its checks read
  gfpdep::tidy::EngineConfig Config;
  std::shared_ptr<const gfpdep::tidy::LoadedModels> Models;
  bool BadConfig = false; ///< an option or model file is bad: nothing runs
  std::unique_ptr<gfpdep::UnitSession> Session;
  gfpdep::ExternalSummaries External;
  bool Ran = false;
  bool HasContract = false; ///< gfpdep-contract is among its checks
  bool ErrorsShown = false;
  std::vector<gfpdep::Finding> Findings;
  std::vector<gfpdep::FrontendProblem> Problems;
  std::vector<std::string> Errors; ///< bad options, inputs that could not be read
};
/// The units whose checks are alive on this thread (clangd builds ASTs on
/// several threads); each dies with its checks.
thread_local std::vector<std::weak_ptr<SharedUnit>> Live;

/// Parses the unit's options and loads its model files (once for the
/// process: loadModels), before anything is collected.
void configure(SharedUnit &U, const SourceManager &SM, StringRef MainFile) {
  U.Config = gfpdep::tidy::parseOptions(
      U.Read, SM.getFileManager().getVirtualFileSystem(), MainFile);
  U.Errors = U.Config.Errors;
  U.Models = gfpdep::tidy::loadModels(U.Config.Models, U.Config.Stats);
  if (U.Models)
    for (const std::string &E : U.Models->Errors)
      U.Errors.push_back("invalid model file in option '" +
                         U.Read.key(Opt::Models).str() + "': " + E);
  U.BadConfig = !U.Errors.empty();
}

/// Adds errors about the inputs a list option names, naming the option
/// (each error begins with the input's path).
void addInputErrors(SharedUnit &U, Opt O, const std::vector<std::string> &Paths,
                    std::vector<std::string> Errors) {
  for (std::string &E : Errors) {
    bool FromOption = llvm::any_of(
        Paths, [&](const std::string &P) {
          return StringRef(E).starts_with(P) && E.size() > P.size() &&
                 (E[P.size()] == ':' || llvm::sys::path::is_separator(E[P.size()]));
        });
    U.Errors.push_back(FromOption ? "in option '" + U.Read.key(O).str() + "': " + E
                                  : std::move(E));
  }
}

/// The option's paths, then the environment variable's.
std::vector<std::string> withEnvironment(std::vector<std::string> Paths,
                                         const char *Variable) {
  for (std::string &P : gfpdep::pathsFromEnvironment(Variable))
    Paths.push_back(std::move(P));
  return Paths;
}

void runShared(SharedUnit &U, ASTContext &Ctx, Preprocessor *PP) {
  U.Ran = true;
  const gfpdep::tidy::EngineConfig &C = U.Config;
  if (U.BadConfig) { // as the plugin: a bad option, and nothing is analysed
    U.Session.reset();
    return;
  }
  const gfpdep::ApiModel *Model = U.Models ? U.Models->Model.get() : nullptr;
  if (U.Session) {
    gfpdep::FrontendOptions FO;
    // Every rule: in clang-tidy the checks are the switch (gfpdep-clangd's
    // default configuration removes gfpdep-wait-context, off by default in
    // a compile too).
    FO.Enabled.set();
    FO.Model = Model;
    FO.StackBudget = C.StackBudget;
    FO.StackChainBudget = C.StackChainBudget;
    FO.LockOrderGates = C.LockOrderGates;
    std::vector<std::string> Errors;
    gfpdep::loadFactsInputs(withEnvironment(C.Facts, "GFPDEP_FACTS"), FO.External,
                            Errors);
    addInputErrors(U, Opt::Facts, C.Facts, std::move(Errors));
    gfpdep::FrontendResult R = U.Session->run(Ctx, FO);
    if (C.Stats)
      llvm::errs() << R.Stats;
    U.Findings = std::move(R.Findings);
    U.Problems = std::move(R.Problems);
    // Detach from the preprocessor while it is certainly alive.
    U.Session.reset();
    return;
  }
  gfpdep::EngineOptions Opts;
  Opts.Rules.Enabled.set();
  Opts.Model = Model;
  Opts.Limits.MaxEffectsPerKind = C.MaxEffects;
  // Summary files: callees defined in other files and the other half of
  // cross-file cycles.
  std::string Main;
  const SourceManager &SM = Ctx.getSourceManager();
  if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
    Main = gfpdep::mainFilePath(*F);
  std::vector<std::string> Errors;
  for (const std::string &Dir : withEnvironment(C.Summaries, "GFPDEP_SUMMARIES"))
    U.External.loadDirectory(Dir, Main, Errors);
  addInputErrors(U, Opt::Summaries, C.Summaries, std::move(Errors));
  Opts.External = &U.External;
  gfpdep::AnalysisResult A = gfpdep::analyzeTranslationUnit(Ctx, PP, Opts);
  if (C.Stats)
    llvm::errs() << "gfpdep: " << A.FunctionsAnalyzed << " functions analysed, "
                 << A.FunctionsSkipped << " skipped, " << A.SummariesTruncated
                 << " summaries truncated, " << A.Effects << " effects, " << A.Checks
                 << " checks, " << A.Findings.size() << " findings\n"
                 << "gfpdep: time (s): facts " << A.FactsTime << ", call graph "
                 << A.GraphTime << ", summaries " << A.SummaryTime << ", rules "
                 << A.RulesTime << "\n";
  U.Findings = std::move(A.Findings);
  for (const gfpdep::Problem &P : A.Problems)
    U.Problems.push_back({P.Where, P.Message, false});
}

} // namespace

/// Reports the findings of one gfpdep rule.
class GfpdepRuleCheck : public ClangTidyCheck {
public:
  GfpdepRuleCheck(StringRef Name, ClangTidyContext *Context, gfpdep::Rule R)
      : ClangTidyCheck(Name, Context), R(R) {
    // Read here, as every check reads its options: clang-tidy's
    // --verify-config and --dump-config see what the checks read.
    for (unsigned I = 0; I < gfpdep::tidy::NumOpts; ++I) {
      StringRef Option = gfpdep::tidy::optionName(Opt(I));
      if (std::optional<StringRef> V = Options.get(Option)) {
        Read.Text[I] = V->str();
        Read.Key[I] = (Name + "." + Option).str();
      } else if (std::optional<StringRef> V = Options.getLocalOrGlobal(Option)) {
        Read.Text[I] = V->str();
        Read.Key[I] = Option.str();
      }
    }
    Read.Unknown = gfpdep::tidy::unknownOptionKeys(Context->getOptions().CheckOptions);
  }

  /// Every gfpdep.* option with the value this check runs with, under the
  /// key it was read from (the shared "gfpdep.X" unless this check has its
  /// own).
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    for (unsigned I = 0; I < gfpdep::tidy::NumOpts; ++I) {
      StringRef Option = gfpdep::tidy::optionName(Opt(I));
      StringRef Value =
          Read.Key[I].empty() ? gfpdep::tidy::optionDefault(Opt(I)) : StringRef(Read.Text[I]);
      if (Read.Key[I] != Option && !Read.Key[I].empty())
        Options.store(Opts, Option, Value);
      else
        Opts.insert_or_assign(Option, ClangTidyOptions::ClangTidyValue(Value));
    }
  }

  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *) override {
    this->PP = PP;
    std::shared_ptr<SharedUnit> S;
    llvm::erase_if(Live, [](const std::weak_ptr<SharedUnit> &W) { return W.expired(); });
    for (const std::weak_ptr<SharedUnit> &W : Live) {
      std::shared_ptr<SharedUnit> U = W.lock();
      if (U && U->PP == PP && !U->Ran && U->Read == Read) {
        S = std::move(U);
        break;
      }
    }
    if (!S) {
      S = std::make_shared<SharedUnit>(PP, Read);
      configure(*S, SM, getCurrentMainFile());
      if (!S->BadConfig && S->Config.Summaries.empty() &&
          gfpdep::summaryDirsFromEnvironment().empty())
        S->Session = std::make_unique<gfpdep::UnitSession>(PP);
      Live.push_back(S);
    }
    S->HasContract |= R == gfpdep::Rule::Contract;
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
    // Bad options and unreadable inputs: gfpdep-contract's, or, when the
    // run has no gfpdep-contract, the first of its checks to report. At the
    // top of the main file, so that clangd shows them too.
    if (R == gfpdep::Rule::Contract || (!Shared->HasContract && !Shared->ErrorsShown)) {
      Shared->ErrorsShown = true;
      SourceLocation Top = SM.getLocForStartOfFile(SM.getMainFileID());
      for (const std::string &E : Shared->Errors)
        diag(Top, "gfpdep: %0", DiagnosticIDs::Error) << E;
    }
    if (R == gfpdep::Rule::Contract)
      for (const gfpdep::FrontendProblem &P : Shared->Problems)
        diag(toLoc(SM, P.Where), "%0",
             P.Remark ? DiagnosticIDs::Remark : DiagnosticIDs::Error)
            << P.Message;
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
  gfpdep::tidy::ReadOptions Read;
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
