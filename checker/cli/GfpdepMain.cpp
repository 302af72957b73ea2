//===- GfpdepMain.cpp - the gfpdep command: whole program, CI gate ---------===//
///
/// \file
/// gfpdep -p <build dir> [files...]: analyses every translation unit of a
/// compilation database (in parallel), passes each unit's summary to the
/// others and runs again until no summary changes, so a deadlock whose
/// halves live in different files is seen; then reports the whole program's
/// findings as text, JSON or SARIF, against an optional baseline.
///
/// Exit status: 0 no findings, 1 findings, 2 usage or set-up error,
/// 3 some translation unit could not be analysed (findings still reported).
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Naming.h"
#include "PathMode.h"
#include "SummaryFile.h"
#include "model/ModelFile.h"
#include "model/ApiModel.h"
#include "HtmlReport.h"
#include "LockGraph.h"
#include "clang/Driver/Options.h"
#include "llvm/TargetParser/Host.h"
#include "clang/Driver/Compilation.h"
#include "clang/Driver/Driver.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "driver/DatabaseRunner.h"
#include "driver/Frontend.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "clang/Frontend/PCHContainerOperations.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <mutex>
#include <optional>
#include <set>

using namespace clang;

#define GFPDEP_STR2(X) #X
#define GFPDEP_STR(X) GFPDEP_STR2(X)
using namespace gfpdep;
namespace cl = llvm::cl;
namespace json = llvm::json;

static cl::OptionCategory Category("gfpdep options");
static cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory with compile_commands.json"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::list<std::string> Files(cl::Positional,
                                   cl::desc("[files...] (default: all)"),
                                   cl::cat(Category));
static cl::opt<unsigned> Jobs(
    "j", cl::desc("Parallel jobs: -j <n>, -j<n> or -j=<n> (default or 0: "
                  "cores; at most 256)"),
    cl::value_desc("n"), cl::Prefix, cl::init(0), cl::cat(Category));
/// More threads than this buy nothing but memory.
constexpr unsigned MaxJobs = 256;
enum class Format { Text, Json, Sarif, Html };
static cl::opt<Format> OutFormat(
    "format", cl::desc("Output format"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "clang-style diagnostics"),
               clEnumValN(Format::Json, "json", "gfpdep JSON"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0"),
               clEnumValN(Format::Html, "html",
                          "one self-contained HTML page: findings, chains linked "
                          "to source lines, the lock graph")),
    cl::cat(Category));
static cl::list<std::string> SummaryDirs(
    "summaries",
    cl::desc("Link the summary files a build wrote (summary-dir=) instead "
             "of parsing: no -p"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<bool> LinkFacts(
    "link",
    cl::desc("Link the facts a build left in its objects, archives and "
             "modules (.o/.a/.ko, section .note.gfpdep.facts), in facts-dir= side "
             "files, or in directories of them, named as [files...]: the "
             "whole program in one step, no -p"),
    cl::cat(Category));
static cl::opt<std::string> Output("output",
                                   cl::desc("Write the report to this regular "
                                            "file ('-': standard output)"),
                                   cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> Root("root",
                                 cl::desc("Report paths relative to this"),
                                 cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> Baseline(
    "baseline", cl::desc("Do not report findings listed in this baseline"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Write every finding's fingerprint to this regular file"),
    cl::value_desc("file"), cl::cat(Category));
static cl::opt<unsigned> MaxPasses(
    "max-passes",
    cl::desc("Passes over the units for facts to cross files (default 4)"),
    cl::init(4), cl::cat(Category));
static cl::list<std::string> Disable("disable", cl::CommaSeparated,
                                     cl::desc("Rules not to report"),
                                     cl::value_desc("rule"), cl::cat(Category));
static cl::list<std::string> Enable(
    "enable", cl::CommaSeparated,
    cl::desc("Rules to report that are off by default (wait-context); applied "
             "after --disable"),
    cl::value_desc("rule"), cl::cat(Category));
static cl::opt<uint64_t> StackBudget(
    "stack-budget",
    cl::desc("stack-in-reclaim: bytes of locals one function may keep below an "
             "OOM notifier, a shrinker or an fs_reclaim section (default 512, "
             "at least 64)"),
    cl::init(512), cl::cat(Category));
static cl::opt<uint64_t> StackChainBudget(
    "stack-chain-budget",
    cl::desc("stack-in-reclaim: bytes the frames of a whole chain from such an "
             "entry may keep together (default: no limit)"),
    cl::init(0), cl::cat(Category));
static cl::opt<bool> LockOrderGates(
    "lock-order-gates",
    cl::desc("Do not report a lock-order cycle whose every edge is taken with "
             "one other lock held (a gate lock)"),
    cl::cat(Category));
static cl::opt<double> PathBudgetSeconds(
    "path-budget",
    cl::desc("With --path-sensitive: CPU seconds each unit's path-sensitive "
             "work may take, then its findings left are kept unchecked "
             "(default 30, 0: no limit)"),
    cl::value_desc("seconds"), cl::init(gfpdep::PathBudget::DefaultUnitSeconds),
    cl::cat(Category));
static cl::opt<unsigned> PathFunctionBudget(
    "path-function-budget",
    cl::desc("With --path-sensitive: analyzer steps exploring one function, "
             "its inlined callees included (default 75000, 0: no limit)"),
    cl::value_desc("steps"), cl::init(gfpdep::PathBudget::DefaultFunctionSteps),
    cl::cat(Category));
static cl::opt<bool> PathSensitive(
    "path-sensitive",
    cl::desc("Check every finding on each unit's paths with the Clang Static "
             "Analyzer (drop those no feasible path reaches) and report "
             "lock-balance (docs/path-sensitive.md)"),
    cl::cat(Category));
static cl::list<std::string> ModelFiles(
    "model",
    cl::desc("Add the rows of a model file (docs/model.md) to the built-in "
             "model, as the plugin's model=; repeatable"),
    cl::cat(Category));
static cl::list<std::string> ExtraArgs(
    "extra-arg",
    cl::desc("An argument to append to every unit's compile command (as "
             "clang-tidy's --extra-arg)"),
    cl::cat(Category));
static cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before",
    cl::desc("An argument to put right after the compiler in every unit's "
             "compile command"),
    cl::cat(Category));
static cl::opt<bool> NoSource(
    "no-source",
    cl::desc("Text report: no source line and caret under each warning and "
             "note (clang's -fno-caret-diagnostics)"),
    cl::cat(Category));
static cl::opt<bool> Quiet("quiet", cl::desc("No progress line"),
                           cl::cat(Category));
static cl::opt<bool> Stats("pass-stats", cl::desc("Print passes and counts to stderr"),
                           cl::cat(Category));
enum class Graph { None, Dot };
static cl::opt<Graph> GraphFormat(
    "graph",
    cl::desc("Write the whole-program lock-class graph instead of findings"),
    cl::init(Graph::None),
    cl::values(clEnumValN(Graph::Dot, "dot", "Graphviz DOT; cycles in red")),
    cl::cat(Category));
enum class Scope { Cycles, All };
static cl::opt<Scope> GraphScope(
    "graph-scope",
    cl::desc("What --graph=dot and --format=html draw of the lock graph"),
    cl::init(Scope::Cycles),
    cl::values(clEnumValN(Scope::Cycles, "cycles",
                          "the cycles and the classes one edge from them (default)"),
               clEnumValN(Scope::All, "all", "every class and edge")),
    cl::cat(Category));

namespace {

/// What one unit gave in one pass.
struct UnitResult {
  bool Ok = false;
  std::string Error; ///< why the unit could not be analysed
  AnalysisResult R;
  std::string SummaryText;
  PathStats Path; ///< --path-sensitive
};


class AnalyseAction : public ASTFrontendAction {
public:
  AnalyseAction(const EngineOptions &Opts, UnitResult &Out)
      : Opts(Opts), Out(Out) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // With --path-sensitive, the analyzer's consumer rides along and
    // answers the findings' queries once the engine has run.
    struct Consumer : MultiplexConsumer {
      CompilerInstance &CI;
      const EngineOptions &Opts;
      UnitResult &Out;
      std::unique_ptr<PathSession> Session;
      Consumer(CompilerInstance &CI, const EngineOptions &Opts, UnitResult &Out,
               std::vector<std::unique_ptr<ASTConsumer>> Analysis,
               std::unique_ptr<PathSession> Session)
          : MultiplexConsumer(std::move(Analysis)), CI(CI), Opts(Opts),
            Out(Out), Session(std::move(Session)) {}
      void HandleTranslationUnit(ASTContext &Ctx) override {
        Out.R = analyzeTranslationUnit(Ctx, &CI.getPreprocessor(), Opts);
        if (Session) {
          checkOnPaths(*Session, Out.R, Ctx, Opts.Rules,
                       [&] { MultiplexConsumer::HandleTranslationUnit(Ctx); },
                       Out.Path);
          Out.R.Unit.reset(); // its AST goes with this unit
        }
        // Raw encodings mean nothing once this unit's SourceManager is gone.
        for (Finding &F : Out.R.Findings) {
          F.Where.Raw = 0;
          F.Origin.Raw = 0;
          for (Step &S : F.Notes)
            S.Where.Raw = 0;
        }
        Out.SummaryText = writeUnitSummary(Out.R.Exported);
      }
    };
    std::vector<std::unique_ptr<ASTConsumer>> Analysis;
    std::unique_ptr<PathSession> Session;
    if (Opts.KeepUnit) {
      Session = std::make_unique<PathSession>();
      Session->Budget.UnitSeconds = PathBudgetSeconds;
      Session->Budget.FunctionSteps = PathFunctionBudget;
      Analysis.push_back(createPathAnalysis(CI, *Session));
    }
    return std::make_unique<Consumer>(CI, Opts, Out, std::move(Analysis),
                                      std::move(Session));
  }

private:
  const EngineOptions &Opts;
  UnitResult &Out;
};

class ActionFactory : public tooling::FrontendActionFactory {
public:
  ActionFactory(const EngineOptions &Opts, UnitResult &Out)
      : Opts(Opts), Out(Out) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalyseAction>(Opts, Out);
  }

private:
  const EngineOptions &Opts;
  UnitResult &Out;
};

/// The build's database with every command's directory and file absolute:
/// a relative `directory` is taken from the database's own directory, a
/// relative `file` from the command's directory, so the result does not
/// depend on where gfpdep was started.
class AbsoluteDatabase : public tooling::CompilationDatabase {
public:
  AbsoluteDatabase(std::unique_ptr<tooling::CompilationDatabase> Inner,
                   StringRef DatabaseDir)
      : Inner(std::move(Inner)) {
    llvm::SmallString<256> Dir(DatabaseDir);
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, true);
    for (tooling::CompileCommand C : this->Inner->getAllCompileCommands()) {
      fix(C, Dir);
      ByFile[C.Filename].push_back(C);
      All.push_back(std::move(C));
    }
    DbDir = Dir.str().str();
  }

  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef FilePath) const override {
    llvm::SmallString<256> A(FilePath);
    llvm::sys::fs::make_absolute(A);
    llvm::sys::path::remove_dots(A, true);
    auto It = ByFile.find(A.str());
    if (It != ByFile.end())
      return It->second;
    // The same file by another name (a symbolic link on the way).
    for (const auto &[F, Cmds] : ByFile)
      if (llvm::sys::path::filename(F) == llvm::sys::path::filename(A) &&
          llvm::sys::fs::equivalent(F, A))
        return Cmds;
    // A database that does not list its files (compile_flags.txt) answers
    // for any file.
    if (!All.empty())
      return {};
    std::vector<tooling::CompileCommand> Cmds =
        Inner->getCompileCommands(FilePath);
    for (tooling::CompileCommand &C : Cmds)
      fix(C, DbDir);
    return Cmds;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &[F, Cmds] : ByFile)
      Files.push_back(F);
    return Files;
  }
  std::vector<tooling::CompileCommand> getAllCompileCommands() const override {
    return All;
  }

private:
  static void fix(tooling::CompileCommand &C, StringRef DatabaseDir) {
    llvm::SmallString<256> Dir(C.Directory);
    if (llvm::sys::path::is_relative(Dir)) {
      Dir = DatabaseDir;
      llvm::sys::path::append(Dir, C.Directory);
    }
    llvm::sys::path::remove_dots(Dir, true);
    C.Directory = Dir.str().str();
    llvm::SmallString<256> File(C.Filename);
    if (llvm::sys::path::is_relative(File)) {
      File = Dir;
      llvm::sys::path::append(File, C.Filename);
    }
    llvm::sys::path::remove_dots(File, true);
    C.Filename = File.str().str();
  }

  std::unique_ptr<tooling::CompilationDatabase> Inner;
  std::string DbDir;
  std::map<std::string, std::vector<tooling::CompileCommand>, std::less<>>
      ByFile;
  std::vector<tooling::CompileCommand> All;
};

/// Why \p File cannot be analysed before clang is started: a compile
/// command whose directory is not there (ClangTool would abort on it).
std::optional<std::string> commandProblem(const tooling::CompilationDatabase &DB,
                                          StringRef File) {
  for (const tooling::CompileCommand &C : DB.getCompileCommands(File)) {
    bool IsDir = false;
    if (std::error_code EC = llvm::sys::fs::is_directory(C.Directory, IsDir))
      return "cannot enter the directory '" + C.Directory +
             "' of its compile command: " + EC.message();
    if (!IsDir)
      return "cannot enter the directory '" + C.Directory +
             "' of its compile command: not a directory";
  }
  return std::nullopt;
}

/// Drops the -f and -m flags clang does not know (a gcc-built database's
/// -fconserve-stack, -mrecord-mcount, ...): clang would reject the unit,
/// as clang-tidy and clangd would, for a flag that changes nothing gfpdep
/// reads. Then adds --extra-arg-before (after the compiler) and
/// --extra-arg (at the end).
/// Whether clang's driver rejects a target-specific flag on this host's
/// target ("unsupported option '-mrecord-mcount' for target ..."): asked of
/// the driver once per flag.
static bool unsupportedForTarget(const std::string &Flag) {
  static std::mutex M;
  static std::map<std::string, bool> Cache;
  std::lock_guard<std::mutex> Lock(M);
  auto It = Cache.find(Flag);
  if (It != Cache.end())
    return It->second;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticIDs> IDs(new clang::DiagnosticIDs());
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> DO(new clang::DiagnosticOptions());
  clang::IgnoringDiagConsumer Quiet;
  clang::DiagnosticsEngine Diags(IDs, DO, &Quiet, false);
  clang::driver::Driver D("clang", llvm::sys::getDefaultTargetTriple(), Diags);
  const char *Argv[] = {"clang", "-fsyntax-only", Flag.c_str(), "-x", "c", "-"};
  std::unique_ptr<clang::driver::Compilation> C(D.BuildCompilation(Argv));
  bool Bad = Diags.hasErrorOccurred();
  Cache[Flag] = Bad;
  return Bad;
}

static tooling::ArgumentsAdjuster clangCompatible() {
  return [](const tooling::CommandLineArguments &Args, StringRef) {
    const llvm::opt::OptTable &T = clang::driver::getDriverOptTable();
    tooling::CommandLineArguments Out;
    for (size_t I = 0; I < Args.size(); ++I) {
      StringRef A = Args[I];
      // No "N warnings generated." from clang under gfpdep's report: the
      // unit's own warnings are not gfpdep's to print.
      if (I == 1)
        Out.push_back("-fno-caret-diagnostics");
      if (I > 0 && (A.starts_with("-f") || A.starts_with("-m")) && A.size() > 2) {
        unsigned MissingIndex = 0, MissingCount = 0;
        const char *One[] = {Args[I].c_str()};
        llvm::opt::InputArgList L = T.ParseArgs(
            One, MissingIndex, MissingCount,
            llvm::opt::Visibility(clang::driver::options::ClangOption));
        if (L.hasArg(clang::driver::options::OPT_UNKNOWN))
          continue;
        // A flag for another target only: rejected by the driver alone.
        if (MissingCount == 0 && A.starts_with("-m") && unsupportedForTarget(Args[I]))
          continue;
      }
      Out.push_back(Args[I]);
      if (I == 0)
        Out.insert(Out.end(), ExtraArgsBefore.begin(), ExtraArgsBefore.end());
    }
    Out.insert(Out.end(), ExtraArgs.begin(), ExtraArgs.end());
    return Out;
  };
}

/// Drops the flags with which a compile writes files besides its object
/// (dependency files, -MJ database fragments, serialized diagnostics, time
/// traces): gfpdep reads the build, it writes none of its outputs. ClangTool's
/// own adjusters miss the -Wp, spellings Kbuild uses (-Wp,-MMD,dir/.f.o.d).
tooling::ArgumentsAdjuster stripBuildOutputs() {
  return [](const tooling::CommandLineArguments &Args, StringRef) {
    // Flags of the preprocessor that take the next argument as their value.
    auto TakesValue = [](StringRef A) {
      return A == "-MF" || A == "-MT" || A == "-MQ" || A == "-MJ";
    };
    auto IsDepFlag = [](StringRef A) {
      return A == "-M" || A == "-MM" || A == "-MD" || A == "-MMD" ||
             A == "-MG" || A == "-MP" || A == "-MV" || A == "--dependencies" ||
             A == "--user-dependencies" || A == "--write-dependencies" ||
             A == "--write-user-dependencies";
    };
    tooling::CommandLineArguments Out;
    for (size_t I = 0; I < Args.size(); ++I) {
      StringRef A = Args[I];
      if (I == 0) { // the compiler
        Out.push_back(Args[I]);
        continue;
      }
      if (TakesValue(A) || A == "--serialize-diagnostics" ||
          A == "-serialize-diagnostics") {
        ++I;
        continue;
      }
      if (IsDepFlag(A) || A == "-ftime-trace" ||
          A.starts_with("-ftime-trace=") ||
          ((A.starts_with("-MF") || A.starts_with("-MT") ||
            A.starts_with("-MQ") || A.starts_with("-MJ")) &&
           A.size() > 3))
        continue;
      if (A.consume_front("-Wp,")) {
        llvm::SmallVector<StringRef, 4> Items;
        A.split(Items, ',');
        // -Wp,-MD,<file> and -Wp,-MMD,<file>: clang reads them as -MD -MF
        // <file> and ignores what follows.
        if (Items[0] == "-MD" || Items[0] == "-MMD")
          continue;
        // Anything else goes to the preprocessor as it is, less the
        // dependency flags.
        std::string Kept;
        for (size_t J = 0; J < Items.size(); ++J) {
          StringRef W = Items[J];
          if (W == "-MD" || W == "-MMD" || TakesValue(W)) {
            ++J;
            continue;
          }
          if (IsDepFlag(W))
            continue;
          Kept += (Kept.empty() ? "" : ",") + W.str();
        }
        if (!Kept.empty())
          Out.push_back("-Wp," + Kept);
        continue;
      }
      Out.push_back(Args[I]);
    }
    return Out;
  };
}

std::string displayPath(StringRef P) {
  if (Root.empty())
    return P.str();
  llvm::SmallString<256> R(Root);
  llvm::sys::fs::make_absolute(R);
  llvm::sys::path::remove_dots(R, true);
  StringRef Rel = P;
  if (Rel.consume_front(R) && (Rel.empty() || llvm::sys::path::is_separator(Rel[0])))
    return Rel.ltrim("/").str();
  return P.str();
}

std::string locText(const Loc &L) {
  return displayPath(L.File.ref()) + ":" + std::to_string(L.Line) + ":" +
         std::to_string(L.Col);
}

json::Value locJSON(const Loc &L) {
  return json::Object{{"file", displayPath(L.File.ref())},
                      {"line", int64_t(L.Line)},
                      {"column", int64_t(L.Col)}};
}

/// The errors of this run (units that could not be analysed, inputs that
/// could not be read): printed now, and recorded in SARIF's invocation.
static std::vector<std::string> RunErrors;
static void noteRunError(const std::string &Msg) {
  llvm::errs() << "gfpdep: error: " << Msg << "\n";
  RunErrors.push_back(Msg);
}

/// A path as a URI reference: every byte but the unreserved ones and '/'
/// percent-encoded (RFC 3986).
static std::string uriPath(StringRef P) {
  std::string Out;
  for (unsigned char C : P) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/')
      Out += char(C);
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

/// The root directory as an absolute path ending in '/', or empty.
static std::string rootDir() {
  if (Root.empty())
    return std::string();
  llvm::SmallString<256> R(Root);
  llvm::sys::fs::make_absolute(R);
  llvm::sys::path::remove_dots(R, true);
  std::string S = R.str().str();
  if (S.empty() || S.back() != '/')
    S += '/';
  return S;
}

/// SARIF's artifactLocation: relative to SRCROOT (originalUriBaseIds) under
/// --root, otherwise an absolute file:// URI.
static json::Object sarifArtifact(StringRef File) {
  std::string Shown = displayPath(File);
  if (!Root.empty() && !llvm::sys::path::is_absolute(Shown))
    return json::Object{{"uri", uriPath(Shown)}, {"uriBaseId", "SRCROOT"}};
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, true);
  return json::Object{{"uri", "file://" + uriPath(Abs)}};
}

json::Value sarifLocation(const Loc &L, const std::string *Message) {
  json::Object Phys{
      {"artifactLocation", sarifArtifact(L.File.ref())},
      {"region", json::Object{{"startLine", int64_t(L.Line)},
                              {"startColumn", int64_t(L.Col)}}}};
  json::Object Out{{"physicalLocation", std::move(Phys)}};
  if (Message)
    Out["message"] = json::Object{{"text", *Message}};
  return Out;
}

/// Source lines for the text report, each file read once.
class SourceLines {
public:
  /// Line N of File (1-based) with tabs expanded to 8 columns, and the
  /// caret's column (0-based) for Col in it; false when not available.
  bool get(const Loc &L, std::string &Text, unsigned &Caret) {
    auto [It, New] = Files.try_emplace(L.File.ref().str());
    if (New) {
      if (auto Buf = llvm::MemoryBuffer::getFile(It->first, /*IsText=*/true)) {
        It->second.Buffer = std::move(*Buf);
        It->second.Buffer->getBuffer().split(It->second.Lines, '\n');
      }
    }
    const File &F = It->second;
    if (!L.valid() || L.Line > F.Lines.size())
      return false;
    StringRef Raw = F.Lines[L.Line - 1];
    Raw.consume_back("\r");
    Text.clear();
    Caret = 0;
    for (unsigned I = 0; I < Raw.size(); ++I) {
      if (I + 1 == L.Col)
        Caret = Text.size();
      if (Raw[I] == '\t')
        Text.append(8 - Text.size() % 8, ' ');
      else
        Text += Raw[I];
    }
    if (L.Col > Raw.size())
      Caret = Text.size();
    return true;
  }

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    llvm::SmallVector<StringRef, 0> Lines;
  };
  std::map<std::string, File> Files;
};

/// LLVM's own --color (WithColor's: --color, --color=false; unset: on a
/// terminal), which gfpdep's help lists.
cl::opt<cl::boolOrDefault> *colourOption() {
  auto &Opts = cl::getRegisteredOptions();
  auto It = Opts.find("color");
  return It == Opts.end() ? nullptr
                          : static_cast<cl::opt<cl::boolOrDefault> *>(It->second);
}

/// Whether the text report is coloured.
bool useColour() {
  if (cl::opt<cl::boolOrDefault> *O = colourOption(); O && *O != cl::BOU_UNSET)
    return *O == cl::BOU_TRUE;
  return (Output.empty() || Output == "-") && llvm::sys::Process::StandardOutIsDisplayed() &&
         llvm::sys::Process::StandardOutHasColors();
}

/// Clang's text style: "file:line:col: warning: message [gfpdep-rule]",
/// the source line and a caret, one note per step the same way; colour
/// (clang's: bold location and message, magenta warning, dark note, green
/// caret) on a terminal.
void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings) {
  bool C = useColour();
  const char *Bold = C ? "\x1b[1m" : "", *Reset = C ? "\x1b[0m" : "";
  const char *Warn = C ? "\x1b[0;1;35m" : "", *Note = C ? "\x1b[0;1;30m" : "";
  const char *Green = C ? "\x1b[0;1;32m" : "";
  SourceLines Src;
  auto Snippet = [&](const Loc &L) {
    std::string Text;
    unsigned Caret;
    if (NoSource || !Src.get(L, Text, Caret))
      return;
    std::string Num = std::to_string(L.Line);
    std::string Gutter = std::string(Num.size() < 5 ? 5 - Num.size() : 0, ' ');
    OS << Gutter << Num << " | " << Text << "\n"
       << std::string(Gutter.size() + Num.size(), ' ') << " | " << std::string(Caret, ' ')
       << Green << "^" << Reset << "\n";
  };
  for (const Finding &F : Findings) {
    OS << Bold << locText(F.Where) << ": " << Warn << "warning: " << Reset << Bold
       << F.Message << " [gfpdep-" << ruleId(F.R) << "]" << Reset << "\n";
    Snippet(F.Where);
    for (const Step &S : F.Notes) {
      OS << Bold << locText(S.Where) << ": " << Note << "note: " << Reset << S.Text << "\n";
      Snippet(S.Where);
    }
  }
  if (!Findings.empty())
    OS << Findings.size() << (Findings.size() == 1 ? " finding" : " findings")
       << "\n";
}

void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings) {
  json::Array Out;
  for (const Finding &F : Findings) {
    json::Array Notes;
    for (const Step &S : F.Notes)
      Notes.push_back(json::Object{{"location", locJSON(S.Where)},
                                   {"message", S.Text}});
    Out.push_back(json::Object{{"rule", ("gfpdep-" + ruleId(F.R)).str()},
                               {"message", F.Message},
                               {"location", locJSON(F.Where)},
                               {"notes", std::move(Notes)},
                               {"fingerprint", fingerprint(F)}});
  }
  OS << llvm::formatv("{0:2}", json::Value(json::Object{
                                   {"format", "gfpdep-findings"},
                                   {"version", 1},
                                   {"findings", std::move(Out)}}))
     << "\n";
}

void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings, bool Failed) {
  json::Array Rules;
  for (unsigned I = 0; I < NumRules; ++I) {
    Rule R = Rule(I);
    // Rules of the path-sensitive mode only with it; they come last, so
    // ruleIndex (the rule's number) stays right without them.
    if (pathSensitiveOnly(R) && !PathSensitive)
      continue;
    std::string Id = ("gfpdep-" + ruleId(R)).str();
    Rules.push_back(json::Object{
        {"id", Id},
        {"name", ruleId(R)},
        {"shortDescription", json::Object{{"text", ruleSummary(R)}}},
        {"fullDescription", json::Object{{"text", ruleSummary(R)}}},
        {"help", json::Object{{"text", ("See docs/rules/" + ruleId(R) +
                                        ".md in the gfpdep repository.")
                                           .str()}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}}});
  }
  json::Array Results;
  for (const Finding &F : Findings) {
    json::Array Flow;
    for (const Step &S : F.Notes)
      Flow.push_back(json::Object{{"location", sarifLocation(S.Where, &S.Text)}});
    std::string Leaf = "the leaf: " + F.Message;
    Flow.push_back(json::Object{{"location", sarifLocation(F.Where, &Leaf)}});
    Results.push_back(json::Object{
        {"ruleId", ("gfpdep-" + ruleId(F.R)).str()},
        {"ruleIndex", int64_t(unsigned(F.R))},
        {"level", "warning"},
        {"message", json::Object{{"text", F.Message}}},
        {"locations", json::Array{sarifLocation(F.Where, nullptr)}},
        {"partialFingerprints", json::Object{{"gfpdep/v1", fingerprint(F)}}},
        {"codeFlows",
         json::Array{json::Object{
             {"threadFlows",
              json::Array{json::Object{{"locations", std::move(Flow)}}}}}}}});
  }
  // Whether every unit was analysed, and why not.
  json::Array Notes;
  for (const std::string &E : RunErrors)
    Notes.push_back(json::Object{{"level", "error"}, {"message", json::Object{{"text", E}}}});
  json::Object Invocation{{"executionSuccessful", RunErrors.empty() && !Failed}};
  if (!Notes.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notes);
  json::Object Run{
      {"tool",
       json::Object{{"driver",
                     json::Object{{"name", "gfpdep"},
                                  {"version", GFPDEP_STR(GFPDEP_VERSION)},
                                  {"rules", std::move(Rules)}}}}},
      {"invocations", json::Array{std::move(Invocation)}},
      {"results", std::move(Results)}};
  if (std::string R = rootDir(); !R.empty())
    Run["originalUriBaseIds"] =
        json::Object{{"SRCROOT", json::Object{{"uri", "file://" + uriPath(R)}}}};
  OS << llvm::formatv(
            "{0:2}",
            json::Value(json::Object{
                {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::Array{std::move(Run)}}}))
     << "\n";
}

/// The lock-class graph as DOT: the --graph-scope selection, one witness
/// (the least file:line) per edge, the edges of every cycle in red (a cycle
/// through a reclaim pseudo-lock is a reclaim deadlock).
void writeDot(llvm::raw_ostream &OS, const std::vector<GraphEdge> &Graph) {
  ShownGraph S = selectGraph(Graph, GraphScope == Scope::All);
  auto Quote = [](StringRef T) {
    std::string Out = "\"";
    for (char C : T) {
      if (C == '"' || C == '\\')
        Out += '\\';
      Out += C;
    }
    return Out + "\"";
  };
  OS << "digraph gfpdep_locks {\n  rankdir=LR;\n  node [shape=box];\n";
  if (GraphScope != Scope::All) {
    std::string Label =
        S.Cycles ? std::to_string(S.Cycles) +
                       (S.Cycles == 1 ? " cycle and its" : " cycles and their") +
                       " neighbours: " +
                       std::to_string(S.Nodes.size()) + " of " +
                       std::to_string(S.TotalNodes) + " lock classes"
                 : "no cycles among " + std::to_string(S.TotalNodes) + " lock classes";
    OS << "  label=" << Quote(Label + " (--graph-scope=all shows every edge)")
       << ";\n  labelloc=t;\n";
  }
  for (unsigned I = 0; I < S.Nodes.size(); ++I) {
    OS << "  " << Quote(S.Nodes[I]);
    if (isReclaimNode(S.Nodes[I]))
      OS << " [shape=ellipse, style=dashed" << (S.NodeOnCycle[I] ? ", color=red" : "")
         << "]";
    else if (S.NodeOnCycle[I])
      OS << " [color=red]";
    OS << ";\n";
  }
  for (const ShownGraph::Edge &E : S.Edges) {
    std::string L = llvm::sys::path::filename(E.E->At.File.ref()).str() + ":" +
                    std::to_string(E.E->At.Line);
    OS << "  " << Quote(E.E->From) << " -> " << Quote(E.E->To)
       << " [label=" << Quote(L);
    if (E.OnCycle)
      OS << ", color=red, fontcolor=red";
    if (isReclaimNode(E.E->From) || isReclaimNode(E.E->To))
      OS << ", style=dashed";
    OS << "];\n";
  }
  OS << "}\n";
}

/// The per-unit passes' edges (the path-sensitive mode) as graph edges.
std::vector<GraphEdge> graphOf(const std::vector<LockEdge> &Edges,
                               const std::vector<ReclaimAcquisition> &Reclaim) {
  std::map<std::pair<std::string, std::string>, Loc> G;
  auto Add = [&](const std::string &From, const std::string &To, const Loc &At) {
    auto [It, New] = G.try_emplace({From, To}, At);
    if (!New && At < It->second)
      It->second = At;
  };
  for (const LockEdge &E : Edges)
    Add(E.From, E.To, E.Acquire.Leaf);
  for (const ReclaimAcquisition &R : Reclaim)
    Add(R.FsReclaim ? "fs_reclaim" : "reclaim", R.Acquire.Lock.Class.str(), R.Acquire.Leaf);
  std::vector<GraphEdge> Out;
  for (auto &[Key, At] : G)
    Out.push_back({Key.first, Key.second, At});
  return Out;
}

/// Whether the report draws the lock graph.
bool wantGraph() { return GraphFormat != Graph::None || OutFormat == Format::Html; }

int usageError(const llvm::Twine &Msg) {
  llvm::errs() << "gfpdep: error: " << Msg << "\n";
  return 2; // ExitUsage
}

/// Exit statuses (docs/ci.md; the --help text says the same).
enum ExitStatus {
  ExitClean = 0,
  ExitFindings = 1,
  ExitUsage = 2,
  ExitUnitFailed = 3,
  ExitIOError = 4,
};

int ioError(const llvm::Twine &Msg) {
  llvm::errs() << "gfpdep: error: " << Msg << "\n";
  return ExitIOError;
}

/// The report to --output or standard output; an I/O error's exit status,
/// or 0.
int writeReport(StringRef Text) {
  if (Output.empty() || Output == "-") {
    llvm::raw_fd_ostream &Out = llvm::outs();
    Out << Text;
    Out.flush();
    if (Out.has_error()) {
      std::error_code EC = Out.error();
      Out.clear_error(); // or raw_fd_ostream reports it again at exit
      return ioError("cannot write the report to standard output: " +
                     EC.message());
    }
    return 0;
  }
  if (llvm::Error E = writeFileAtomically(Output, Text))
    return ioError(llvm::toString(std::move(E)));
  return 0;
}

/// Refuses --output and --write-baseline paths that are not regular files
/// before the units are analysed; an I/O error's exit status, or 0.
int checkOutputPaths() {
  for (const std::string *P : {&Output, &WriteBaseline})
    if (!P->empty() && !(P == &Output && *P == "-"))
      if (llvm::Error E = checkWritableRegularFile(*P))
        return ioError(llvm::toString(std::move(E)));
  return 0;
}

} // namespace

/// Baseline, output format, exit status: the same for both modes.
static int report(std::vector<Finding> All, const std::vector<GraphEdge> &Graph,
                  const std::set<std::string> &Known, bool Failed) {
  if (!WriteBaseline.empty()) {
    json::Array Prints;
    std::set<std::string> Seen;
    for (const Finding &F : All)
      if (Seen.insert(fingerprint(F)).second)
        Prints.push_back(fingerprint(F));
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:2}", json::Value(json::Object{
                                     {"format", "gfpdep-baseline"},
                                     {"version", 1},
                                     {"fingerprints", std::move(Prints)}}))
       << "\n";
    if (llvm::Error E = writeFileAtomically(WriteBaseline, Text))
      return ioError(llvm::toString(std::move(E)));
  }
  std::vector<Finding> Report;
  for (Finding &F : All)
    if (!Known.count(fingerprint(F)))
      Report.push_back(std::move(F));

  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (GraphFormat == Graph::Dot) {
    writeDot(OS, Graph);
  } else {
    switch (OutFormat) {
    case Format::Text:
      writeText(OS, Report);
      break;
    case Format::Json:
      writeJson(OS, Report);
      break;
    case Format::Sarif:
      writeSarif(OS, Report, Failed);
      break;
    case Format::Html: {
      ShownGraph G = selectGraph(Graph, GraphScope == Scope::All);
      HtmlReportInput In;
      In.Findings = &Report;
      In.Graph = &G;
      In.Display = [](StringRef P) { return displayPath(P); };
      In.Version = GFPDEP_STR(GFPDEP_VERSION);
      In.Errors = RunErrors;
      writeHtml(OS, In);
      break;
    }
    }
  }
  if (int RC = writeReport(Text))
    return RC;
  if (Failed)
    return 3;
  return Report.empty() || GraphFormat == Graph::Dot ? 0 : 1;
}
/// Turns off the --disable rules, then on the --enable ones; a usage
/// error's exit status, or 0.
static int applyRuleOptions(RuleOptions &Rules) {
  for (const std::string &Id : Disable) {
    if (Id == "all") { // as "gfpdep-ignore: all" does
      Rules.Enabled.reset();
      continue;
    }
    std::optional<Rule> R = parseRuleId(Id);
    if (!R)
      return usageError("unknown rule '" + Id + "'");
    Rules.Enabled.reset(unsigned(*R));
  }
  for (const std::string &Id : Enable) {
    if (Id == "all") {
      Rules.Enabled.set();
      continue;
    }
    std::optional<Rule> R = parseRuleId(Id);
    if (!R)
      return usageError("unknown rule '" + Id + "'");
    Rules.Enabled.set(unsigned(*R));
  }
  return 0;
}

/// Reads --baseline into Known; a usage error's exit status, or 0.
static int loadBaseline(std::set<std::string> &Known) {
  if (Baseline.empty())
    return 0;
  auto Buf = llvm::MemoryBuffer::getFile(Baseline);
  if (!Buf)
    return usageError("cannot read baseline '" + Baseline +
                      "': " + Buf.getError().message());
  if (llvm::Error E = checkJsonDepth((*Buf)->getBuffer()))
    return usageError("cannot read baseline '" + Baseline +
                      "': " + llvm::toString(std::move(E)));
  llvm::Expected<json::Value> V = json::parse((*Buf)->getBuffer());
  const json::Object *O = V ? V->getAsObject() : nullptr;
  const json::Array *A = O ? O->getArray("fingerprints") : nullptr;
  if (!A) {
    if (!V)
      llvm::consumeError(V.takeError());
    return usageError("'" + Baseline + "' is not a gfpdep baseline (a JSON "
                      "object with \"fingerprints\")");
  }
  if (std::optional<StringRef> Fmt = O->getString("format"); Fmt && *Fmt != "gfpdep-baseline")
    return usageError("'" + Baseline + "' is not a gfpdep baseline: its format is '" +
                      *Fmt + "', not 'gfpdep-baseline'");
  if (const json::Value *Ver = O->get("version")) {
    std::optional<int64_t> N = Ver->getAsInteger();
    if (!N || *N != 1)
      return usageError("cannot read baseline '" + Baseline + "': version " +
                        (N ? std::to_string(*N) : std::string("of the wrong type")) +
                        " is not supported (this gfpdep reads version 1); write it "
                        "again with --write-baseline");
  }
  for (size_t I = 0; I < A->size(); ++I) {
    std::optional<StringRef> S = (*A)[I].getAsString();
    if (!S)
      return usageError("cannot read baseline '" + Baseline + "': fingerprints[" +
                        std::to_string(I) + "] is not a string");
    Known.insert(S->str());
  }
  return 0;
}

/// gfpdep --summaries DIR...: the rules over every unit's recorded checks,
/// entry points, reclaim acquisitions and lock edges, without parsing.
static int linkSummaries() {
  std::set<std::string> Known;
  if (int RC = loadBaseline(Known))
    return RC;
  std::vector<std::string> Paths;
  for (const std::string &Dir : SummaryDirs) {
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      if (StringRef(It->path()).ends_with(".gfpdep.json"))
        Paths.push_back(It->path());
    if (EC)
      return usageError("cannot read summary directory '" + Dir +
                        "': " + EC.message());
  }
  llvm::sort(Paths);
  if (Paths.empty())
    return usageError("no summary files (*.gfpdep.json) in the --summaries "
                      "directories: build with "
                      "-fplugin-arg-gfpdep-summary-dir=<dir> first");
  std::vector<UnitSummary> Units;
  for (const std::string &P : Paths) {
    auto Buf = llvm::MemoryBuffer::getFile(P, /*IsText=*/true);
    if (!Buf)
      return usageError(P + ": cannot read summary file: " +
                        Buf.getError().message());
    llvm::Expected<UnitSummary> U = readUnitSummary((*Buf)->getBuffer());
    if (!U)
      return usageError(P + ": invalid summary file: " +
                        llvm::toString(U.takeError()));
    Units.push_back(std::move(*U));
  }
  // One program, one GFP layout: the first unit's that records one.
  GfpLayout Layout = GfpLayout::linuxDefault();
  for (const UnitSummary &U : Units)
    if (!U.GfpSingles.empty()) {
      Layout = GfpLayout::fromNamed(U.GfpSingles, U.GfpComposites);
      break;
    }
  Summary AllChecks;
  std::deque<Summary> EntrySummaries;
  RuleInput In;
  In.Layout = &Layout;
  for (UnitSummary &U : Units) {
    for (Check &C : U.Checks)
      AllChecks.Checks.push_back(std::move(C));
    for (UnitSummary::Entry &E : U.Entries) {
      EntrySummaries.push_back(std::move(E.S));
      In.Entries.push_back({E.Ctx, &EntrySummaries.back()});
    }
  }
  In.Functions.push_back(&AllChecks);
  EngineOptions Opts;
  if (int RC = applyRuleOptions(Opts.Rules))
    return RC;
  RuleOutput Out = runRules(In, Opts.Rules);
  if (Stats)
    llvm::errs() << "gfpdep: linked " << Units.size() << " summary files, "
                 << Out.Findings.size() << " findings\n";
  return report(std::move(Out.Findings), graphOf(Out.Edges, Out.Reclaim), Known, false);
}

/// gfpdep --link: every unit's facts from the build, one link.
/// The built-in model plus the --model files, or null when none is given.
static std::unique_ptr<ApiModel> UserModel;
static int loadModels() {
  if (ModelFiles.empty())
    return 0;
  UserModel = std::make_unique<ApiModel>();
  for (const std::string &F : ModelFiles) {
    std::string Error;
    if (!loadModelFile(F, *UserModel, Error))
      return usageError("invalid model file: " + Error);
  }
  return 0;
}

/// The options the build's commands give the plugin, applied to this run:
/// model= files (relative to each command's directory) are added; the
/// engine options (stack-budget=, stack-chain-budget=, lock-order-gates,
/// disable=, enable=) are taken where the command line does not give them,
/// and must then agree across the commands; the options of the compile
/// itself (its output files, stats, werror, path-sensitive, the older
/// per-unit engine's summaries and limits) do not apply and are named once.
/// A usage error's exit status, or 0.
static int applyBuildPluginArgs(const tooling::CompilationDatabase &DB) {
  std::set<std::string> BuildModels;
  std::map<std::string, std::set<std::string>> Values; // option -> values
  std::map<std::string, unsigned> Commands;             // option -> commands giving it
  unsigned WithPlugin = 0;
  for (const tooling::CompileCommand &C : DB.getAllCompileCommands()) {
    std::set<std::string> Here;
    bool Any = false;
    for (const std::string &A : C.CommandLine) {
      StringRef V(A);
      if (!V.consume_front("-fplugin-arg-gfpdep-"))
        continue;
      Any = true;
      auto [Name, Value] = V.split('=');
      if (Name == "model") {
        if (Value.empty())
          continue;
        llvm::SmallString<256> Path(Value);
        if (!llvm::sys::path::is_absolute(Path)) {
          llvm::SmallString<256> Dir(C.Directory);
          llvm::sys::path::append(Dir, Path);
          Path = Dir;
        }
        llvm::sys::path::remove_dots(Path, true);
        BuildModels.insert(Path.str().str());
        continue;
      }
      Values[Name.str()].insert(Value.str());
      Here.insert(Name.str());
    }
    WithPlugin += Any;
    for (const std::string &N : Here)
      ++Commands[N];
  }
  for (const std::string &M : BuildModels) {
    if (llvm::is_contained(ModelFiles, M))
      continue;
    if (!UserModel)
      UserModel = std::make_unique<ApiModel>();
    std::string Error;
    if (!loadModelFile(M, *UserModel, Error))
      return usageError("invalid model file named in the build's commands: " + Error);
    if (!Quiet)
      llvm::errs() << "gfpdep: note: using the model file '" << M
                   << "' the build's commands give the plugin\n";
  }
  // One value for the whole program, or an error saying how to choose.
  auto One = [&](const std::string &Name, std::string &Out) -> int {
    const std::set<std::string> &V = Values[Name];
    if (V.size() > 1 || Commands[Name] != WithPlugin) {
      std::string All;
      for (const std::string &X : V)
        All += (All.empty() ? "'" : ", '") + Name + (X.empty() ? "" : "=" + X) + "'";
      return usageError("the build's commands give the plugin different " + Name +
                        " options (" + All + (Commands[Name] != WithPlugin ? ", and none in some" : "") +
                        "), but the whole program has one: give --" + Name +
                        " to choose");
    }
    Out = *V.begin();
    return 0;
  };
  auto Note = [&](const std::string &What) {
    if (!Quiet)
      llvm::errs() << "gfpdep: note: using " << What
                   << " from the build's commands to the plugin\n";
  };
  for (auto [Name, Opt] : {std::pair<const char *, cl::opt<uint64_t> *>{"stack-budget", &StackBudget},
                           {"stack-chain-budget", &StackChainBudget}}) {
    if (!Values.count(Name) || Opt->getNumOccurrences())
      continue;
    std::string V;
    if (int RC = One(Name, V))
      return RC;
    uint64_t N;
    if (StringRef(V).getAsInteger(10, N) ||
        (N < gfpdep::MinStackBudget && !(N == 0 && StringRef(Name) == "stack-chain-budget")))
      return usageError("invalid value '" + V + "' for '" + Name +
                        "=' in the build's commands: needs a whole number of bytes, at least " +
                        std::to_string(gfpdep::MinStackBudget));
    *Opt = N;
    Note(std::string(Name) + "=" + V);
  }
  if (Values.count("lock-order-gates") && !LockOrderGates.getNumOccurrences()) {
    std::string V;
    if (int RC = One("lock-order-gates", V))
      return RC;
    LockOrderGates = true;
    Note("lock-order-gates");
  }
  for (auto [Name, List] : {std::pair<const char *, cl::list<std::string> *>{"disable", std::addressof(Disable)},
                            {"enable", std::addressof(Enable)}}) {
    if (!Values.count(Name) || List->getNumOccurrences())
      continue;
    std::string V;
    if (int RC = One(Name, V))
      return RC;
    llvm::SmallVector<StringRef, 4> Ids;
    StringRef(V).split(Ids, ',', -1, /*KeepEmpty=*/false);
    for (StringRef Id : Ids)
      List->push_back(Id.trim().str());
    Note(std::string(Name) + "=" + V);
  }
  // What the compile alone concerns.
  std::string Ignored;
  for (const auto &[Name, V] : Values)
    if (Name != "stack-budget" && Name != "stack-chain-budget" && Name != "lock-order-gates" &&
        Name != "disable" && Name != "enable" && Name != "facts-dir" && Name != "embed-facts")
      Ignored += (Ignored.empty() ? "'" : ", '") + Name + "'";
  if (!Ignored.empty() && !Quiet)
    llvm::errs() << "gfpdep: note: the build's commands also give the plugin " << Ignored
                 << ", which concern the compile itself: gfpdep -p does not apply them\n";
  return 0;
}

static int linkBuildFacts() {
  std::set<std::string> Known;
  if (int RC = loadBaseline(Known))
    return RC;
  EngineOptions Opts;
  if (int RC = applyRuleOptions(Opts.Rules))
    return RC;
  gfpdep::FrontendOptions FO;
  FO.Enabled = Opts.Rules.Enabled;
  FO.StackBudget = StackBudget;
  FO.StackChainBudget = StackChainBudget;
  FO.LockOrderGates = LockOrderGates;
  FO.Model = UserModel.get();
  FO.Graph = wantGraph();
  std::vector<std::string> Paths(Files.begin(), Files.end());
  ProgramLinkResult R = linkFactsInputs(Paths, FO);
  for (const std::string &E : R.Errors)
    noteRunError(E);
  if (R.Units == 0 && R.Errors.empty())
    return usageError("no gfpdep facts in the inputs: build with "
                      "-fplugin=gfpdep.so (it puts each unit's facts into its "
                      "ELF object) or with -fplugin-arg-gfpdep-facts-dir=<dir>");
  if (R.FilesWithout)
    llvm::errs() << "gfpdep: note: " << R.FilesWithout
                 << " object files hold no gfpdep facts (built without the "
                    "plugin?): their code is not in the whole program\n";
  if (R.FixpointLimitHit || R.FunctionsCutShort)
    llvm::errs() << "gfpdep: warning: " << R.FixpointLimitHit
                 << " recursive components hit the iteration limit, "
                 << R.FunctionsCutShort
                 << " functions were cut short at the visit bound: findings "
                    "there may be missing\n";
  if (Stats)
    llvm::errs() << "gfpdep: linked " << R.Units << " units from " << R.FilesRead
                 << " files (" << R.Duplicates << " duplicates), " << R.Functions
                 << " functions, " << R.Findings.size() << " findings\n";
  sortFindings(R.Findings);
  return report(std::move(R.Findings), R.Graph, Known, !R.Errors.empty());
}


int main(int argc, const char **argv) {
  if (cl::Option *O = colourOption()) {
    O->setDescription("Colour in the text report (--color, --color=false; default: "
                      "on a terminal)");
    O->Categories.assign(1, &Category);
  }
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "gfpdep " GFPDEP_STR(GFPDEP_VERSION) " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  // With an error stream, a bad option is reported and returns false
  // instead of exiting with 1, which means findings.
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "gfpdep: lockdep-style static checker, whole program\n\n"
          "  gfpdep -p <build dir> [files...] [--format=text|json|sarif]\n\n"
          "Exit status: 0 no findings, 1 findings, 2 usage or set-up error,\n"
          "3 some translation unit could not be analysed (the others'\n"
          "findings are still reported), 4 the report or the baseline could\n"
          "not be written.\n",
          &llvm::errs()))
    return ExitUsage;
  if (int RC = checkOutputPaths())
    return RC;
  if (int RC = loadModels())
    return RC;
  if (!(PathBudgetSeconds >= 0) || PathBudgetSeconds > 1e9)
    return usageError("--path-budget needs a number of CPU seconds, 0 for no limit");
  if (StackBudget < gfpdep::MinStackBudget || (StackChainBudget && StackChainBudget < gfpdep::MinStackBudget))
    return usageError("--stack-budget and --stack-chain-budget need at least " +
                      std::to_string(gfpdep::MinStackBudget) + " bytes");
  if (LinkFacts) {
    if (!BuildPath.empty() || !SummaryDirs.empty())
      return usageError("--link links a build's facts: give it objects, "
                        "archives or directories, not -p or --summaries");
    if (Files.empty())
      return usageError("--link needs the build's objects, archives, facts "
                        "files or directories");
    if (PathSensitive)
      return usageError("--path-sensitive needs the units' source: use -p");
    return linkBuildFacts();
  }
  if (!SummaryDirs.empty()) {
    if (!BuildPath.empty() || !Files.empty())
      return usageError("--summaries links a build's summary files: give "
                        "either it or -p, not both");
    return linkSummaries();
  }
  if (BuildPath.empty())
    return usageError("no build directory: give -p <dir with "
                      "compile_commands.json>, or --summaries <dir>");
  // Read the JSON database ourselves first: LLVM's loader echoes the
  // offending line, raw bytes and all, to the terminal.
  {
    llvm::SmallString<256> DBPath(BuildPath);
    llvm::sys::path::append(DBPath, "compile_commands.json");
    if (auto Buf = llvm::MemoryBuffer::getFile(DBPath)) {
      llvm::StringRef Text = (*Buf)->getBuffer();
      std::string Why;
      if (Text.contains('\0'))
        Why = "it holds NUL bytes (a binary file?)";
      else if (llvm::Error E = checkJsonDepth(Text))
        Why = llvm::toString(std::move(E));
      else if (llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text); !V)
        Why = llvm::toString(V.takeError());
      else if (!V->getAsArray())
        Why = "the top level is not an array of compile commands";
      if (!Why.empty())
        return usageError("'" + DBPath.str().str() +
                          "' is not a JSON compilation database: " + Why);
    }
  }
  std::string Err;
  std::unique_ptr<tooling::CompilationDatabase> Loaded =
      tooling::CompilationDatabase::loadFromDirectory(BuildPath, Err);
  if (!Loaded)
    return usageError("cannot load a compilation database from '" + BuildPath +
                      "': " + Err);
  auto DB = std::make_unique<AbsoluteDatabase>(std::move(Loaded), BuildPath);
  // The options the build gives the plugin (-fplugin-arg-gfpdep-...) are
  // the program's here too: what the plugin flags, gfpdep -p does.
  if (int RC = applyBuildPluginArgs(*DB))
    return RC;
  std::vector<std::string> Units;
  if (Files.empty()) {
    Units = DB->getAllFiles();
  } else {
    for (const std::string &F : Files) {
      llvm::SmallString<256> A(F);
      llvm::sys::fs::make_absolute(A);
      llvm::sys::path::remove_dots(A, true);
      if (DB->getCompileCommands(A).empty())
        return usageError("'" + F + "' is not in the compilation database");
      Units.push_back(A.str().str());
    }
  }
  llvm::sort(Units);
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  if (Units.empty())
    return usageError("the compilation database in '" + BuildPath +
                      "' lists no files");

  EngineOptions Base;
  if (int RC = applyRuleOptions(Base.Rules))
    return RC;
  Base.ExportSummary = true;
  Base.CyclesWithExternalEdges = false; // closed once, below, for all units
  Base.KeepUnit = PathSensitive;        // the path mode's analyzer reads it
  Base.Model = UserModel.get();         // --model and the build's model files

  std::set<std::string> Known;
  if (int RC = loadBaseline(Known))
    return RC;

  bool Tty = !Quiet && llvm::sys::Process::StandardErrIsDisplayed();
  // Never more threads than units, nor than MaxJobs: the thread pool takes
  // its count as an int, and a huge -j made it start none (and wait forever).
  unsigned Threads = Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  Threads = std::max(1u, std::min({Threads, MaxJobs, unsigned(Units.size())}));

  // The whole program: each unit parsed once for its facts, one link.
  // (--path-sensitive still takes the per-unit passes below.)
  if (!PathSensitive) {
    gfpdep::FrontendOptions FO;
    FO.Graph = wantGraph();
    FO.Model = UserModel.get();
    FO.Enabled = Base.Rules.Enabled;
    FO.StackBudget = StackBudget;
    FO.StackChainBudget = StackChainBudget;
    FO.LockOrderGates = LockOrderGates;
    size_t N = Units.size();
    DatabaseResult D = analyseDatabase(*DB, Units, Threads, FO,
                                       tooling::combineAdjusters(stripBuildOutputs(),
                                                                 clangCompatible()),
                                       [&](unsigned Done) {
                                         if (Tty)
                                           llvm::errs() << "\rgfpdep: " << Done
                                                        << "/" << N << " units";
                                       });
    if (Tty)
      llvm::errs() << "\n";
    bool Failed = false;
    for (const DatabaseUnit &U : D.Units)
      if (!U.Ok) {
        Failed = true;
        noteRunError("could not analyse " + U.File + ": " + U.Error);
      }
    for (const FrontendProblem &P : D.Problems) {
      Failed |= !P.Remark;
      llvm::errs() << locText(P.Where) << (P.Remark ? ": remark: " : ": error: ")
                   << P.Message << "\n";
    }
    if (D.FixpointLimitHit || D.FunctionsCutShort)
      llvm::errs() << "gfpdep: warning: " << D.FixpointLimitHit
                   << " recursive components hit the iteration limit, "
                   << D.FunctionsCutShort
                   << " functions were cut short at the visit bound: findings "
                      "there may be missing\n";
    if (Stats)
      llvm::errs() << "gfpdep: units: " << N << " (each parsed once, "
                   << llvm::format("%.2f", D.ParseSeconds) << " s), link "
                   << llvm::format("%.2f", D.LinkSeconds) << " s, functions: "
                   << D.Functions << ", findings: " << D.Findings.size() << "\n";
    sortFindings(D.Findings);
    return report(std::move(D.Findings), D.Graph, Known, Failed);
  }
  std::vector<UnitResult> Results(Units.size());
  ExternalSummaries External;
  std::vector<std::string> PreviousSummaries(Units.size());
  std::vector<LockEdge> GraphEdges;
  std::vector<ReclaimAcquisition> GraphReclaim;
  unsigned Passes = 0;
  for (unsigned Pass = 1; Pass <= std::max(1u, unsigned(MaxPasses)); ++Pass) {
    Passes = Pass;
    EngineOptions Opts = Base;
    Opts.External = External.empty() ? nullptr : &External;
    std::mutex Progress;
    unsigned Done = 0;
    {
      llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
      for (size_t I = 0; I < Units.size(); ++I)
        Pool.async([&, I] {
          UnitResult &Out = Results[I];
          Out = UnitResult();
          if (std::optional<std::string> Problem =
                  commandProblem(*DB, Units[I])) {
            Out.Error = *Problem;
          } else {
            // A file system with a working directory of its own: the real
            // one's is the process's, shared by every thread.
            tooling::ClangTool Tool(*DB, {Units[I]},
                                    std::make_shared<PCHContainerOperations>(),
                                    llvm::vfs::createPhysicalFileSystem());
            // Ours first: ClangTool's own would leave -MJ's value behind as
            // an input file.
            Tool.clearArgumentsAdjusters();
            Tool.appendArgumentsAdjuster(stripBuildOutputs());
            Tool.appendArgumentsAdjuster(clangCompatible());
            Tool.appendArgumentsAdjuster(tooling::getClangStripOutputAdjuster());
            Tool.appendArgumentsAdjuster(tooling::getClangSyntaxOnlyAdjuster());
            Tool.appendArgumentsAdjuster(
                tooling::getClangStripDependencyFileAdjuster());
            FirstErrorConsumer Diags;
            Tool.setDiagnosticConsumer(&Diags);
            Tool.setPrintErrorMessage(false); // the unit's error is reported
            ActionFactory Factory(Opts, Out);
            int RC = Tool.run(&Factory);
            Out.Ok = RC == 0 && !Out.SummaryText.empty();
            if (!Out.Ok)
              Out.Error = Diags.Message.empty() ? "the compiler failed"
                                                : Diags.Message;
          }
          std::lock_guard<std::mutex> Lock(Progress);
          ++Done;
          if (Tty)
            llvm::errs() << "\rgfpdep: pass " << Pass << ": " << Done << "/"
                         << Units.size() << " units";
        });
      Pool.wait();
    }
    if (Tty)
      llvm::errs() << "\n";
    bool Changed = false;
    ExternalSummaries Next;
    GraphEdges.clear();
    GraphReclaim.clear();
    for (size_t I = 0; I < Units.size(); ++I) {
      if (!Results[I].Ok)
        continue;
      Changed |= Results[I].SummaryText != PreviousSummaries[I];
      PreviousSummaries[I] = Results[I].SummaryText;
      llvm::append_range(GraphEdges, Results[I].R.Exported.Edges);
      llvm::append_range(GraphReclaim, Results[I].R.Exported.Reclaim);
      Next.add(std::move(Results[I].R.Exported));
    }
    External = std::move(Next);
    if (!Changed)
      break;
  }

  // Merge: one finding per rule, leaf and context origin across units.
  std::map<std::string, Finding> Merged;
  bool Failed = false;
  for (size_t I = 0; I < Units.size(); ++I) {
    if (!Results[I].Ok) {
      Failed = true;
      noteRunError("could not analyse " + Units[I] + ": " + Results[I].Error);
      continue;
    }
    for (const Problem &P : Results[I].R.Problems) {
      Failed = true;
      llvm::errs() << locText(P.Where) << ": error: " << P.Message << "\n";
    }
    if (std::string R = budgetRemark(Results[I].Path, "--path-budget", "--path-function-budget");
        !R.empty())
      llvm::errs() << locText(Results[I].Path.FirstOver) << ": remark: " << R << "\n";
    for (Finding &F : Results[I].R.Findings) {
      std::string K = ruleId(F.R).str() + "|" + locText(F.Where) + "|" +
                      locText(F.Origin);
      auto It = Merged.find(K);
      if (It == Merged.end() || F.Notes.size() < It->second.Notes.size())
        Merged[K] = std::move(F);
    }
  }
  // Cycles across units, from every unit's edges at once.
  for (Finding &F : lockOrderCycles(GraphEdges, Base.Rules)) {
    std::string K = ruleId(F.R).str() + "|" + locText(F.Where) + "|" +
                    locText(F.Origin);
    auto It = Merged.find(K);
    if (It == Merged.end() || F.Notes.size() < It->second.Notes.size())
      Merged[K] = std::move(F);
  }
  std::vector<Finding> All;
  for (auto &[K, F] : Merged)
    All.push_back(std::move(F));
  sortFindings(All);
  if (Stats)
    llvm::errs() << "gfpdep: passes: " << Passes << ", units: " << Units.size()
                 << ", findings: " << All.size() << "\n";
  if (Stats && PathSensitive) {
    PathStats Sum;
    for (const UnitResult &U : Results) {
      Sum.Checked += U.Path.Checked;
      Sum.Confirmed += U.Path.Confirmed;
      Sum.Dropped += U.Path.Dropped;
      Sum.Unverified += U.Path.Unverified;
      Sum.Balance += U.Path.Balance;
      Sum.OverBudget += U.Path.OverBudget;
    }
    llvm::errs() << "gfpdep: path-sensitive (last pass): " << Sum.Checked
                 << " findings checked, " << Sum.Confirmed << " confirmed, "
                 << Sum.Dropped << " dropped, " << Sum.Unverified
                 << " kept unverified (" << Sum.OverBudget << " of them over a budget), "
                 << Sum.Balance << " lock-balance\n";
  }

  return report(std::move(All), graphOf(GraphEdges, GraphReclaim), Known, Failed);
}

