//===- DatabaseRunner.cpp - gfpdep -p: one parse per unit, one link -------===//

#include "driver/DatabaseRunner.h"
#include "driver/ProgramRunner.h"
#include "driver/UnitRunner.h"
#include "facts/Extract.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/PCHContainerOperations.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <chrono>
#include <mutex>

using namespace gfpdep;
using namespace clang;

namespace {


class FactsConsumer : public ASTConsumer {
public:
  FactsConsumer(Preprocessor &PP, const ExtractOptions &Opts,
                std::shared_ptr<UnitFacts> &Out)
      : Collector(&PP), Opts(Opts), Out(Out) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return; // the unit failed: its facts would be partial
    Out = std::make_shared<UnitFacts>(Collector.extract(Ctx, Opts));
  }

private:
  FactsCollector Collector;
  const ExtractOptions &Opts;
  std::shared_ptr<UnitFacts> &Out;
};

class FactsAction : public ASTFrontendAction {
public:
  FactsAction(const ExtractOptions &Opts, std::shared_ptr<UnitFacts> &Out)
      : Opts(Opts), Out(Out) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    return std::make_unique<FactsConsumer>(CI.getPreprocessor(), Opts, Out);
  }

private:
  const ExtractOptions &Opts;
  std::shared_ptr<UnitFacts> &Out;
};

class FactsActionFactory : public tooling::FrontendActionFactory {
public:
  FactsActionFactory(const ExtractOptions &Opts, std::shared_ptr<UnitFacts> &Out)
      : Opts(Opts), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<FactsAction>(Opts, Out);
  }

private:
  const ExtractOptions &Opts;
  std::shared_ptr<UnitFacts> &Out;
};

} // namespace

void FirstErrorConsumer::HandleDiagnostic(DiagnosticsEngine::Level L,
                                          const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(L, Info);
  if (L < DiagnosticsEngine::Error || !Message.empty())
    return;
  llvm::SmallString<128> Text;
  Info.FormatDiagnostic(Text);
  Message = Text.str().str();
  if (Info.getLocation().isValid() && Info.hasSourceManager()) {
    PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
    if (P.isValid())
      Message = std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": " + Message;
  }
}

DatabaseResult gfpdep::analyseDatabase(const tooling::CompilationDatabase &DB,
                                       const std::vector<std::string> &Files,
                                       unsigned Threads, const FrontendOptions &Opts,
                                       tooling::ArgumentsAdjuster Adjust,
                                       std::function<void(unsigned)> Progress) {
  using Clock = std::chrono::steady_clock;
  DatabaseResult R;
  R.Units.resize(Files.size());
  std::vector<std::shared_ptr<UnitFacts>> Facts(Files.size());
  ExtractOptions EO;
  EO.MaxBlocks = Opts.MaxBlocks;
  Clock::time_point T0 = Clock::now();
  {
    std::mutex M;
    unsigned Done = 0;
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        DatabaseUnit &U = R.Units[I];
        U.File = Files[I];
        // A command whose directory does not exist cannot be run (clang's
        // tool would abort): that unit fails, the others go on.
        std::string Problem;
        for (const tooling::CompileCommand &C : DB.getCompileCommands(Files[I])) {
          bool IsDir = false;
          if (std::error_code EC = llvm::sys::fs::is_directory(C.Directory, IsDir))
            Problem = "cannot enter the directory '" + C.Directory +
                      "' of its compile command: " + EC.message();
          else if (!IsDir)
            Problem = "cannot enter the directory '" + C.Directory +
                      "' of its compile command: not a directory";
        }
        if (!Problem.empty()) {
          U.Error = Problem;
        } else {
          // A file system with a working directory of its own: the real
          // one's is the process's, shared by every thread.
          tooling::ClangTool Tool(DB, {Files[I]},
                                  std::make_shared<PCHContainerOperations>(),
                                  llvm::vfs::createPhysicalFileSystem());
          if (Adjust) {
            // The caller's first (it drops flags naming build outputs,
            // before clang's own cleanup could leave their operands).
            Tool.clearArgumentsAdjusters();
            Tool.appendArgumentsAdjuster(Adjust);
            Tool.appendArgumentsAdjuster(tooling::getClangStripOutputAdjuster());
            Tool.appendArgumentsAdjuster(tooling::getClangSyntaxOnlyAdjuster());
            Tool.appendArgumentsAdjuster(tooling::getClangStripDependencyFileAdjuster());
          }
          FirstErrorConsumer Diags;
          Tool.setDiagnosticConsumer(&Diags);
          Tool.setPrintErrorMessage(false); // the unit's error is reported
          FactsActionFactory Factory(EO, Facts[I]);
          int RC = Tool.run(&Factory);
          U.Ok = RC == 0 && Facts[I];
          if (!U.Ok)
            U.Error = Diags.Message.empty() ? "the compiler failed" : Diags.Message;
        }
        std::lock_guard<std::mutex> Lock(M);
        ++Done;
        if (Progress)
          Progress(Done);
      });
    Pool.wait();
  }
  Clock::time_point T1 = Clock::now();
  std::vector<std::shared_ptr<const UnitFacts>> Units;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (!Facts[I])
      continue;
    unitProblems(*Facts[I], Opts.MaxBlocks, R.Problems);
    Units.push_back(std::move(Facts[I]));
  }
  LinkOptions LO = linkOptionsFor(Opts);
  LinkResult L = linkUnits(Units, LO, Opts.Model);
  R.Findings = std::move(L.Findings);
  R.Graph = std::move(L.Graph);
  R.Functions = L.Stats.Functions;
  R.FixpointLimitHit = L.Stats.FixpointLimitHit;
  R.FunctionsCutShort = L.Stats.FunctionsCutShort;
  R.ParseSeconds = std::chrono::duration<double>(T1 - T0).count();
  R.LinkSeconds = std::chrono::duration<double>(Clock::now() - T1).count();
  return R;
}
