//===- GfpdepPlugin.cpp - the clang -fplugin front end ---------------------===//
///
/// \file
/// Runs the engine at the end of every translation unit and turns findings
/// into clang diagnostics: a warning at the leaf operation whose message ends
/// with [gfpdep-<rule>], then one note per step of the chain. Read-only: it
/// runs before the main action and changes nothing in the compilation.
///
///   clang -fplugin=gfpdep.so -fplugin-arg-gfpdep-<option> ...
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "driver/Frontend.h"
#include "PathChecker.h"
#include "PathMode.h"
#include "model/ModelFile.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "Naming.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace clang;
using namespace gfpdep;

namespace {

struct PluginOptions {
  bool Werror = false;
  bool Stats = false;
  bool PathSensitive = false; ///< path-sensitive: the analyzer checks findings
  EngineOptions Analyzer;
  /// The built-in model plus the user's model files, when any were given.
  std::shared_ptr<ApiModel> Model;
  std::string SummaryDir;                ///< summary-dir=: write one here
  std::vector<std::string> SummaryReads; ///< summaries= and GFPDEP_SUMMARIES
  std::string FactsDir;                  ///< facts-dir=: a side file here
  std::vector<std::string> FactsReads;   ///< facts=: link with these units
  bool EmbedFacts = true;                ///< embed-facts=: into the object
  uint64_t StackBudget = 512;            ///< stack-budget=
  uint64_t StackChainBudget = 0;         ///< stack-chain-budget=
  bool LockOrderGates = false;           ///< lock-order-gates
  PathBudget Budget; ///< path-budget=, path-function-budget=
};

const char *const OptionHelp =
    "gfpdep options (-fplugin-arg-gfpdep-<option>):\n"
    "  help                 print this help\n"
    "  werror               report findings as errors\n"
    "  stats                print analysis statistics to stderr\n"
    "  model=<file.yaml>    add the rows of a model file (docs/model.md)\n"
    "  facts-dir=<dir>      also write this unit's facts into <dir> (a side\n"
    "                       file; for -fsyntax-only builds)\n"
    "  facts=<path>         link this unit with the facts in <path>: objects,\n"
    "                       archives, side files or directories of them\n"
    "  embed-facts=0        do not put the unit's facts into the object file\n"
    "                       (section .note.gfpdep.facts; the default when an ELF\n"
    "                       object is written)\n"
    "  summary-dir=<dir>    write this unit's summary file into <dir>\n"
    "  summaries=<dir>      read other units' summary files (also the\n"
    "                       GFPDEP_SUMMARIES environment variable, ':'-separated)\n"
    "  stack-budget=<n>     stack-in-reclaim: bytes of locals one function may\n"
    "                       keep below an OOM notifier, a shrinker or an\n"
    "                       fs_reclaim section (default 512, at least 64)\n"
    "  stack-chain-budget=<n> stack-in-reclaim: bytes the frames of a whole\n"
    "                       chain from such an entry may keep (default: none)\n"
    "  lock-order-gates     do not report a lock-order cycle whose every edge\n"
    "                       is taken with one other lock held (a gate lock)\n"
    "  max-effects=<n>      summary bound: effects of each kind kept per\n"
    "                       function, nearest first (default 64)\n"
    "  path-sensitive       check every finding on the unit's paths with the\n"
    "                       Clang Static Analyzer: drop those no feasible path\n"
    "                       reaches, and report lock-balance\n"
    "  path-budget=<seconds> path-sensitive: CPU seconds the unit's paths may\n"
    "                       take; then the findings left are kept unchecked\n"
    "                       (default 30, 0: no limit)\n"
    "  path-function-budget=<steps> path-sensitive: analyzer steps exploring\n"
    "                       one function, its inlined callees included (default\n"
    "                       75000, 0: no limit)\n"
    "  disable=<rule>[,...] do not report these rules\n"
    "  enable=<rule>[,...]  report these rules: wait-context, block-under-lock\n"
    "                       (off by default),\n"
    "                       or a rule turned off by an earlier disable=\n"
    "rules: reclaim-under-lock, reclaim-in-reclaim, sleep-in-atomic,\n"
    "       block-in-nonblock, lock-order, contract, lock-balance,\n"
    "       stack-in-reclaim, wait-under-lock, irq-inversion, wait-context,\n"
    "       block-under-lock\n";

std::string ruleList() {
  std::string S;
  for (unsigned I = 0; I < NumRules; ++I)
    S += (I ? ", " : "") + ruleId(Rule(I)).str();
  return S;
}

/// Runs the engine at the end of the unit; in the path-sensitive mode the
/// analysis consumer it multiplexes to then answers the findings' queries.
class GfpdepConsumer : public MultiplexConsumer {
public:
  GfpdepConsumer(CompilerInstance &CI, PluginOptions Opts,
                 std::vector<std::unique_ptr<ASTConsumer>> Analysis,
                 std::shared_ptr<PathSession> Session)
      : MultiplexConsumer(std::move(Analysis)), CI(CI), Opts(std::move(Opts)),
        Session(std::move(Session)) {
    // The facts collector watches the preprocessor from the start.
    if (this->Opts.SummaryDir.empty() && this->Opts.SummaryReads.empty())
      Unit = std::make_unique<UnitSession>(&CI.getPreprocessor());
    DiagnosticsEngine &D = CI.getDiagnostics();
    // Every diagnostic id is created once, here.
    FindingID = D.getCustomDiagID(this->Opts.Werror ? DiagnosticsEngine::Error
                                              : DiagnosticsEngine::Warning,
                                  "%0");
    NoteID = D.getCustomDiagID(DiagnosticsEngine::Note, "%0");
    ProblemID = D.getCustomDiagID(DiagnosticsEngine::Error, "%0");
    RemarkID = D.getCustomDiagID(DiagnosticsEngine::Remark, "%0");
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Unit && !Session) {
      runUnit(Ctx);
      return;
    }
    DiagnosticsEngine &D = CI.getDiagnostics();
    SourceManager &SM = CI.getSourceManager();
    std::string Main;
    if (OptionalFileEntryRef F = SM.getFileEntryRefForID(SM.getMainFileID()))
      Main = mainFilePath(*F);
    ExternalSummaries External;
    if (!Opts.SummaryReads.empty()) {
      std::vector<std::string> Errors;
      for (const std::string &Dir : Opts.SummaryReads)
        External.loadDirectory(Dir, Main, Errors);
      for (const std::string &E : Errors)
        D.Report(ProblemID) << ("gfpdep: " + E);
      Opts.Analyzer.External = &External;
    }
    Opts.Analyzer.ExportSummary = !Opts.SummaryDir.empty();
    Opts.Analyzer.KeepUnit = Session != nullptr;
    AnalysisResult R =
        analyzeTranslationUnit(Ctx, &CI.getPreprocessor(), Opts.Analyzer);
    Opts.Analyzer.External = nullptr;
    if (Unit) {
      // The findings are the link's; the analyzer's call model still reads
      // the per-unit summaries above.
      gfpdep::FrontendOptions FO;
      FO.Enabled = Opts.Analyzer.Rules.Enabled;
      FO.Model = Opts.Analyzer.Model;
      FO.MaxBlocks = Opts.Analyzer.Limits.MaxBlocks;
      FO.StackBudget = Opts.StackBudget;
      FO.StackChainBudget = Opts.StackChainBudget;
    FO.LockOrderGates = Opts.LockOrderGates;
      FO.LockOrderGates = Opts.LockOrderGates;
      FO.ExportTransfers = Session != nullptr;
      FrontendResult NR = Unit->run(Ctx, FO);
      R.Findings = std::move(NR.Findings);
      if (NR.Facts)
        publishFacts(Ctx, *NR.Facts);
      // The analyzer's call model: the link's summaries of the unit's
      // functions (a callee that releases the caller's lock, locks as
      // values, correlated flags), not the per-unit engine's.
      if (R.Unit)
        for (auto &[FD, Sum] : R.Unit->Summaries) {
          auto It = NR.Transfers.find(transferKey(FD));
          if (It == NR.Transfers.end())
            continue;
          auto Convert = [&, FD = FD](const CallTransfer::Item &I) {
            Context C;
            C.Kind = CtxKind(I.Kind);
            C.Fl = Flavor(I.Fl);
            C.Lock.Param = I.Param;
            C.Lock.Class = Symbol(I.Class);
            if (I.Param >= 0 && unsigned(I.Param) < FD->getNumParams() &&
                FD->getParamDecl(I.Param)->getIdentifier())
              C.Lock.Display = Symbol(FD->getParamDecl(I.Param)->getName());
            C.Subclass = I.Subclass;
            C.Recursive = I.Recursive;
            return C;
          };
          Sum.NetAcquire.clear();
          Sum.NetRelease.clear();
          for (const CallTransfer::Item &I : It->second.Acquires)
            Sum.NetAcquire.push_back(Convert(I));
          for (const CallTransfer::Item &I : It->second.Releases)
            Sum.NetRelease.push_back(Convert(I));
          Sum.CondRelease.clear();
          for (const auto &[I, NZ] : It->second.CondReleases)
            Sum.CondRelease.push_back({Convert(I), NZ});
          Sum.MayHoldAtExit.clear();
          for (const CallTransfer::Item &I : It->second.MayHold)
            Sum.MayHoldAtExit.push_back(Convert(I));
        }
    }
    PathStats PS;
    if (Session) {
      // The analyzer explores the unit's paths and answers each finding.
      checkOnPaths(*Session, R, Ctx, Opts.Analyzer.Rules,
                   [&] { MultiplexConsumer::HandleTranslationUnit(Ctx); }, PS);
    }
    if (!Opts.SummaryDir.empty()) {
      std::string Out = CI.getFrontendOpts().OutputFile;
      std::string File = summaryFileName(Opts.SummaryDir, Out.empty() ? Main : Out);
      if (std::error_code EC = llvm::sys::fs::create_directories(Opts.SummaryDir))
        D.Report(ProblemID) << ("gfpdep: cannot create summary directory '" +
                                Opts.SummaryDir + "': " + EC.message());
      else if (llvm::Error E = writeFileAtomically(File, writeUnitSummary(R.Exported)))
        D.Report(ProblemID) << ("gfpdep: " + llvm::toString(std::move(E)));
    }
    if (Opts.Stats)
      llvm::errs() << "gfpdep: " << R.FunctionsAnalyzed << " functions analysed, "
                   << R.FunctionsSkipped << " skipped, "
                   << R.SummariesTruncated << " summaries truncated, "
                   << R.Effects << " effects, " << R.Checks << " checks, "
                   << R.Findings.size() << " findings\n"
                   << "gfpdep: time (s): facts " << R.FactsTime << ", call graph "
                   << R.GraphTime << ", summaries " << R.SummaryTime << ", rules "
                   << R.RulesTime << "\n";
    if (Opts.Stats && Session)
      llvm::errs() << "gfpdep: path-sensitive: " << PS.Checked
                   << " findings checked, " << PS.Confirmed << " confirmed, "
                   << PS.Dropped << " dropped (no feasible path), "
                   << PS.Unverified << " kept unverified, " << PS.Balance
                   << " lock-balance; functions explored completely "
                   << PS.FunctionsComplete << ", cut short " << PS.FunctionsCut
                   << ", skipped " << PS.FunctionsSkipped << "; budgets: "
                   << PS.OverBudget << " findings unchecked, functions out of "
                   << "steps " << PS.FunctionsOverSteps << ", out of time "
                   << PS.FunctionsOverTime << "; time (s) " << PS.Seconds
                   << "\n";
    for (const Problem &P : R.Problems)
      D.Report(toSourceLocation(P.Where), ProblemID) << P.Message;
    // A budget that ran out: one remark for the unit.
    if (std::string Remark = budgetRemark(PS); !Remark.empty())
      D.Report(toSourceLocation(PS.FirstOver), RemarkID) << Remark;
    for (const Finding &F : R.Findings) {
      D.Report(toSourceLocation(F.Where), FindingID)
          << (F.Message + " [gfpdep-" + ruleId(F.R).str() + "]");
      for (const Step &S : F.Notes)
        D.Report(toSourceLocation(S.Where), NoteID) << S.Text;
    }
  }

private:
  CompilerInstance &CI;
  PluginOptions Opts;
  std::shared_ptr<PathSession> Session;
  std::unique_ptr<UnitSession> Unit;
  unsigned FindingID = 0, NoteID = 0, ProblemID = 0, RemarkID = 0;

  void runUnit(ASTContext &Ctx) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    gfpdep::FrontendOptions FO;
    FO.Enabled = Opts.Analyzer.Rules.Enabled;
    FO.Model = Opts.Analyzer.Model;
    FO.MaxBlocks = Opts.Analyzer.Limits.MaxBlocks;
    FO.StackBudget = Opts.StackBudget;
    FO.StackChainBudget = Opts.StackChainBudget;
    FO.LockOrderGates = Opts.LockOrderGates;
    if (!Opts.FactsReads.empty()) {
      std::vector<std::string> Errors;
      loadFactsInputs(Opts.FactsReads, FO.External, Errors);
      for (const std::string &E : Errors)
        D.Report(ProblemID) << ("gfpdep: " + E);
    }
    FrontendResult R = Unit->run(Ctx, FO);
    if (Opts.Stats)
      llvm::errs() << R.Stats;
    if (R.Facts)
      publishFacts(Ctx, *R.Facts);
    for (const FrontendProblem &P : R.Problems)
      D.Report(toSourceLocation(P.Where), P.Remark ? RemarkID : ProblemID) << P.Message;
    for (const Finding &F : R.Findings) {
      D.Report(toSourceLocation(F.Where), FindingID)
          << (F.Message + " [gfpdep-" + ruleId(F.R).str() + "]");
      for (const Step &S : F.Notes)
        D.Report(toSourceLocation(S.Where), NoteID) << S.Text;
    }
  }

  SourceLocation toSourceLocation(const Loc &L) {
    return gfpdep::toSourceLocation(L, CI.getSourceManager());
  }

  /// The unit's facts travel with its object: a section the final link
  /// drops (SHF_EXCLUDE), added as file-scope asm handed to code generation
  /// (which has not finished the module yet: this consumer runs first).
  /// With facts-dir= also a side file.
  void publishFacts(ASTContext &Ctx, const UnitFacts &U) {
    DiagnosticsEngine &D = CI.getDiagnostics();
    std::string Bytes;
    auto Encoded = [&]() -> const std::string & {
      if (Bytes.empty())
        Bytes = encodeFacts(U);
      return Bytes;
    };
    if (!Opts.FactsDir.empty()) {
      std::string Main = factsMainFile(U);
      std::string File =
          factsFileName(Opts.FactsDir, Main, CI.getFrontendOpts().OutputFile);
      if (std::error_code EC = llvm::sys::fs::create_directories(Opts.FactsDir))
        D.Report(ProblemID) << ("gfpdep: cannot create facts directory '" +
                                Opts.FactsDir + "': " + EC.message());
      else if (llvm::Error E = writeFileAtomically(File, Encoded()))
        D.Report(ProblemID) << ("gfpdep: " + llvm::toString(std::move(E)));
    }
    if (!Opts.EmbedFacts || !CI.hasASTConsumer() ||
        !Ctx.getTargetInfo().getTriple().isOSBinFormatELF())
      return;
    switch (CI.getFrontendOpts().ProgramAction) {
    case frontend::EmitObj:
    case frontend::EmitAssembly:
    case frontend::EmitBC:
    case frontend::EmitLLVM:
      break;
    default:
      return;
    }
    if (D.hasErrorOccurred())
      return;
    std::string Asm;
    llvm::raw_string_ostream OS(Asm);
    OS << "\t.pushsection " << factsSectionName() << ",\"e\",@progbits\n";
    const std::string &B = Encoded();
    for (size_t I = 0; I < B.size(); I += 64) {
      OS << "\t.ascii \"";
      for (size_t J = I; J < B.size() && J < I + 64; ++J) {
        unsigned char C = B[J];
        if (C >= 0x20 && C < 0x7f && C != '"' && C != '\\')
          OS << C;
        else
          OS << '\\' << char('0' + (C >> 6)) << char('0' + ((C >> 3) & 7))
             << char('0' + (C & 7));
      }
      OS << "\"\n";
    }
    OS << "\t.popsection\n";
    OS.flush();
    QualType T = Ctx.getConstantArrayType(Ctx.CharTy, llvm::APInt(64, Asm.size() + 1),
                                          nullptr, ArraySizeModifier::Normal, 0);
    StringLiteral *SL = StringLiteral::Create(Ctx, Asm, StringLiteralKind::Ordinary,
                                              false, T, SourceLocation());
    FileScopeAsmDecl *FD = FileScopeAsmDecl::Create(
        Ctx, Ctx.getTranslationUnitDecl(), SL, SourceLocation(), SourceLocation());
    Ctx.getTranslationUnitDecl()->addDecl(FD);
    CI.getASTConsumer().HandleTopLevelDecl(DeclGroupRef(FD));
  }
};

class GfpdepAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    std::vector<std::unique_ptr<ASTConsumer>> Analysis;
    // Under --analyze the analyzer is the main action and runs the checker
    // itself (loaded through clang_registerCheckers): nothing to add.
    if (CI.getFrontendOpts().ProgramAction == frontend::RunAnalysis)
      return std::make_unique<ASTConsumer>();
    std::shared_ptr<PathSession> Session;
    if (Opts.PathSensitive) {
      Session = std::make_shared<PathSession>();
      Session->Budget = Opts.Budget;
      Analysis.push_back(createPathAnalysis(CI, *Session));
    }
    return std::make_unique<GfpdepConsumer>(CI, Opts, std::move(Analysis),
                                            std::move(Session));
  }


  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned BadOption = D.getCustomDiagID(
        DiagnosticsEngine::Error,
        "unknown gfpdep option '%0'; valid options: help, werror, stats, "
        "path-sensitive, "
        "model=<file>, facts-dir=<dir>, facts=<path>, embed-facts=0|1, "
        "summary-dir=<dir>, summaries=<dir>, stack-budget=<n>, "
        "stack-chain-budget=<n>, lock-order-gates, max-effects=<n>, "
        "disable=<rule>[,...], enable=<rule>[,...], path-budget=<seconds>, "
        "path-function-budget=<steps>");
    unsigned BadModel = D.getCustomDiagID(DiagnosticsEngine::Error,
                                          "invalid gfpdep model file: %0");
    unsigned BadRule = D.getCustomDiagID(
        DiagnosticsEngine::Error,
        "unknown gfpdep rule '%0' in '%1'; valid rules: %2");
    // An empty path would write nothing (summary-dir=, facts-dir=) or fail
    // later naming no file ("gfpdep: : ..."): an error naming the option.
    unsigned EmptyPath = D.getCustomDiagID(
        DiagnosticsEngine::Error,
        "empty path in '%0': gfpdep option '%0<%1>' needs %2");
    auto NonEmpty = [&](llvm::StringRef Value, llvm::StringRef Option,
                        llvm::StringRef Placeholder, llvm::StringRef What) {
      if (!Value.empty())
        return true;
      D.Report(EmptyPath) << Option << Placeholder << What;
      return false;
    };
    bool Ok = true;
    Opts.SummaryReads = summaryDirsFromEnvironment();
    for (const std::string &Arg : Args) {
      llvm::StringRef A(Arg);
      if (A == "help") {
        llvm::errs() << OptionHelp;
        continue;
      }
      if (A == "werror") {
        Opts.Werror = true;
        continue;
      }
      if (A == "stats") {
        Opts.Stats = true;
        continue;
      }
      if (A == "lock-order-gates") {
        Opts.LockOrderGates = true;
        continue;
      }
      if (A == "path-sensitive") {
        Opts.PathSensitive = true;
        continue;
      }
      if (A.consume_front("facts-dir=")) {
        Ok &= NonEmpty(A, "facts-dir=", "dir", "a directory");
        Opts.FactsDir = A.str();
        continue;
      }
      if (A.consume_front("facts=")) {
        if (NonEmpty(A, "facts=", "path",
                     "an object, an archive, a side file or a directory"))
          Opts.FactsReads.push_back(A.str());
        else
          Ok = false;
        continue;
      }
      if (A.consume_front("embed-facts=")) {
        if (A != "0" && A != "1") {
          D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                     "gfpdep option 'embed-facts=%0' takes 0 or 1"))
              << A;
          Ok = false;
          continue;
        }
        Opts.EmbedFacts = A == "1";
        continue;
      }
      if (A.consume_front("summary-dir=")) {
        Ok &= NonEmpty(A, "summary-dir=", "dir", "a directory");
        Opts.SummaryDir = A.str();
        continue;
      }
      if (A.consume_front("summaries=")) {
        if (NonEmpty(A, "summaries=", "dir", "a directory"))
          Opts.SummaryReads.push_back(A.str());
        else
          Ok = false;
        continue;
      }
      if (A.starts_with("stack-budget=") || A.starts_with("stack-chain-budget=")) {
        bool Chain = A.starts_with("stack-chain-budget=");
        llvm::StringRef Name = A.split('=').first, V = A.split('=').second;
        uint64_t N;
        if (V.getAsInteger(10, N) || N < MinStackBudget) {
          D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                     "gfpdep option '%0=%1' needs a whole number "
                                     "of bytes, at least %2"))
              << Name << V << unsigned(MinStackBudget);
          Ok = false;
          continue;
        }
        (Chain ? Opts.StackChainBudget : Opts.StackBudget) = N;
        continue;
      }
      if (A.consume_front("path-budget=")) {
        double Secs;
        // getAsDouble() is true on an error; NaN is not >= 0.
        if (A.empty() || A.trim() != A || A.getAsDouble(Secs) ||
            !(Secs >= 0) || Secs > 1e9) {
          D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                     "gfpdep option 'path-budget=%0' needs a "
                                     "number of CPU seconds, 0 for no limit"))
              << A;
          Ok = false;
          continue;
        }
        Opts.Budget.UnitSeconds = Secs;
        continue;
      }
      if (A.consume_front("path-function-budget=")) {
        unsigned N;
        if (A.getAsInteger(10, N)) {
          D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                     "gfpdep option 'path-function-budget=%0' "
                                     "needs a whole number of analyzer steps, "
                                     "0 for no limit"))
              << A;
          Ok = false;
          continue;
        }
        Opts.Budget.FunctionSteps = N;
        continue;
      }
      if (A.consume_front("max-effects=")) {
        unsigned N;
        if (A.getAsInteger(10, N) || N == 0) {
          D.Report(D.getCustomDiagID(DiagnosticsEngine::Error,
                                     "gfpdep option 'max-effects=%0' needs a "
                                     "positive whole number"))
              << A;
          Ok = false;
          continue;
        }
        Opts.Analyzer.Limits.MaxEffectsPerKind = N;
        continue;
      }
      if (A.consume_front("model=")) {
        if (!Opts.Model)
          Opts.Model = std::make_shared<ApiModel>();
        std::string Error;
        if (!loadModelFile(A, *Opts.Model, Error)) {
          llvm::SmallVector<llvm::StringRef, 4> Lines;
          llvm::StringRef(Error).trim().split(Lines, '\n');
          for (llvm::StringRef L : Lines)
            D.Report(BadModel) << L;
          Ok = false;
        }
        Opts.Analyzer.Model = Opts.Model.get();
        continue;
      }
      bool Disable = A.starts_with("disable=");
      if (Disable || A.starts_with("enable=")) {
        llvm::StringRef List = A.split('=').second;
        llvm::SmallVector<llvm::StringRef, 4> Ids;
        List.split(Ids, ',', -1, /*KeepEmpty=*/false);
        if (Ids.empty()) {
          D.Report(BadRule) << "" << Arg << ruleList();
          Ok = false;
        }
        for (llvm::StringRef Id : Ids) {
          if (Id.trim() == "all") { // as "gfpdep-ignore: all" does
            if (Disable)
              Opts.Analyzer.Rules.Enabled.reset();
            else
              Opts.Analyzer.Rules.Enabled.set();
            continue;
          }
          std::optional<Rule> R = parseRuleId(Id.trim());
          if (!R) {
            D.Report(BadRule) << Id << Arg << ruleList();
            Ok = false;
            continue;
          }
          Opts.Analyzer.Rules.Enabled.set(unsigned(*R), !Disable);
        }
        continue;
      }
      D.Report(BadOption) << Arg;
      Ok = false;
    }
    return Ok;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Opts;
};

} // namespace

static FrontendPluginRegistry::Add<GfpdepAction>
    X("gfpdep", "lockdep-style static checker for reclaim, sleep and "
                "lock-order bugs");

// gfpdep.so is also a Clang Static Analyzer plugin:
//   clang --analyze -Xclang -load -Xclang gfpdep.so \
//         -Xclang -analyzer-checker=gfpdep ...
extern "C" const char clang_analyzerAPIVersionString[] =
    CLANG_ANALYZER_API_VERSION_STRING;
extern "C" void clang_registerCheckers(clang::ento::CheckerRegistry &Registry) {
  registerPathChecker(Registry);
}
