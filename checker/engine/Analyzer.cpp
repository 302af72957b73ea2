//===- Analyzer.cpp - facts, summaries bottom-up, rules --------------------===//
///
/// \file
/// Orders the unit's functions by their call graph's strongly connected
/// components, callees first, and iterates each recursive component to a
/// fixpoint; then hands every summary and entry point to the rules.
//===----------------------------------------------------------------------===//

#include "Analyzer.h"
#include "Naming.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include <chrono>

using namespace clang;
using namespace gfpdep;

namespace {

struct FnNode {
  const FunctionDecl *Fn = nullptr;
  bool Reachable = false;
  std::vector<FnNode *> Callees;
};

/// The unit's call graph over analysable definitions; Root reaches them all.
struct FnGraph {
  FnNode Root;
  std::vector<std::unique_ptr<FnNode>> Nodes;
  llvm::DenseMap<const FunctionDecl *, FnNode *> ByFn;
};

/// Every definition worth analysing: bodies, template instantiations (not
/// the patterns), lambda call operators; never invalid declarations.
class DefinitionCollector : public RecursiveASTVisitor<DefinitionCollector> {
public:
  explicit DefinitionCollector(FnGraph &G) : G(G) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    add(FD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    add(LE->getCallOperator());
    return true;
  }

private:
  FnGraph &G;
  void add(const FunctionDecl *FD) {
    if (!FD || FD->isInvalidDecl() || !FD->doesThisDeclarationHaveABody() ||
        FD->isDependentContext() || !FD->getBody() ||
        FD->getTemplatedKind() == FunctionDecl::TK_FunctionTemplate ||
        G.ByFn.count(FD))
      return;
    if (FD->isTemplated() || FD->isLateTemplateParsed())
      return;
    // System headers (the C++ library, libc) are opaque, as to lockdep:
    // what matters of them is modelled by name (std::mutex, std guards).
    const SourceManager &SM = FD->getASTContext().getSourceManager();
    if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
      return;
    G.Nodes.push_back(std::make_unique<FnNode>());
    G.Nodes.back()->Fn = FD;
    G.ByFn[FD] = G.Nodes.back().get();
    G.Root.Callees.push_back(G.Nodes.back().get());
  }
};

void linkCallees(FnGraph &G, FnNode *N, const ProgramFacts &Facts) {
  {
    llvm::SmallVector<const Stmt *, 64> Walk{N->Fn->getBody()};
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(N->Fn))
      for (const CXXCtorInitializer *I : Ctor->inits())
        Walk.push_back(I->getInit());
    llvm::DenseSet<const FnNode *> Seen;
    while (!Walk.empty()) {
      const Stmt *S = Walk.pop_back_val();
      if (!S)
        continue;
      if (isa<LambdaExpr>(S))
        continue;
      if (const auto *E = dyn_cast<Expr>(S))
        if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E)) {
          llvm::SmallVector<const FunctionDecl *, 4> Targets;
          resolveCallees(E, Facts, Targets);
          for (const FunctionDecl *T : Targets) {
            const FunctionDecl *Def = T->getDefinition();
            auto It = Def ? G.ByFn.find(Def) : G.ByFn.end();
            if (It != G.ByFn.end() && Seen.insert(It->second).second)
              N->Callees.push_back(It->second);
          }
        }
      for (const Stmt *Child : S->children())
        Walk.push_back(Child);
    }
  }
}

/// Marks what the main file's definitions (and every callback the unit
/// stores or registers) can reach, linking the call graph as it goes. Inline functions of headers that nothing
/// here calls are never analysed: in kernel units they are most of them.
void markReachable(FnGraph &G, const ProgramFacts &Facts,
                   const SourceManager &SM) {
  llvm::SmallVector<FnNode *, 64> Work;
  auto Root = [&](const FunctionDecl *FD) {
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    auto It = Def ? G.ByFn.find(Def) : G.ByFn.end();
    if (It != G.ByFn.end() && !It->second->Reachable) {
      It->second->Reachable = true;
      Work.push_back(It->second);
    }
  };
  for (auto &N : G.Nodes)
    if (SM.isInMainFile(SM.getExpansionLoc(N->Fn->getLocation())))
      Root(N->Fn);
  for (const auto &[K, Set] : Facts.FieldStores)
    for (const FunctionDecl *FD : Set)
      Root(FD);
  for (const auto &[K, Set] : Facts.VarStores)
    for (const FunctionDecl *FD : Set)
      Root(FD);
  for (const EntryPoint &EP : Facts.Entries)
    Root(EP.Fn);
  while (!Work.empty()) {
    FnNode *N = Work.pop_back_val();
    linkCallees(G, N, Facts);
    for (FnNode *C : N->Callees)
      if (!C->Reachable) {
        C->Reachable = true;
        Work.push_back(C);
      }
  }
}

/// Whether Line (1-based) of the buffer holding L, or the line above it,
/// says "gfpdep-ignore: <rule>" (or "gfpdep-ignore: all").
bool suppressedAt(const SourceManager &SM, SourceLocation L, StringRef Rule) {
  FileID FID = SM.getFileID(L);
  bool Invalid = false;
  StringRef Buf = SM.getBufferData(FID, &Invalid);
  if (Invalid)
    return false;
  unsigned Offset = SM.getFileOffset(L);
  size_t LineStart = Buf.rfind('\n', Offset ? Offset - 1 : 0);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t PrevStart =
      LineStart ? Buf.rfind('\n', LineStart >= 2 ? LineStart - 2 : 0) : 0;
  PrevStart = (PrevStart == StringRef::npos || !LineStart) ? 0 : PrevStart + 1;
  size_t LineEnd = Buf.find('\n', Offset);
  StringRef Text = Buf.slice(LineStart ? PrevStart : 0,
                             LineEnd == StringRef::npos ? Buf.size() : LineEnd);
  for (size_t At = Text.find("gfpdep-ignore:"); At != StringRef::npos;
       At = Text.find("gfpdep-ignore:", At + 1)) {
    StringRef Rest = Text.substr(At + strlen("gfpdep-ignore:")).ltrim();
    StringRef Named = Rest.take_while([](char C) { return isalnum(C) || C == '-'; });
    Named.consume_front("gfpdep-");
    if (Named == Rule || Named == "all")
      return true;
  }
  return false;
}

/// Drops findings suppressed by a "// gfpdep-ignore: <rule> <reason>"
/// comment on the leaf's line or the line above.
void dropSuppressed(std::vector<Finding> &Findings, const SourceManager &SM) {
  llvm::erase_if(Findings, [&](const Finding &F) {
    if (!F.Where.Raw)
      return false;
    SourceLocation L = SourceLocation::getFromRawEncoding(F.Where.Raw);
    return L.isValid() && suppressedAt(SM, SM.getExpansionLoc(L), ruleId(F.R));
  });
}

} // namespace

namespace llvm {
template <> struct GraphTraits<FnGraph *> {
  using NodeRef = FnNode *;
  using ChildIteratorType = std::vector<FnNode *>::iterator;
  static NodeRef getEntryNode(FnGraph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Callees.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Callees.end(); }
};
} // namespace llvm

AnalysisResult gfpdep::analyzeTranslationUnit(ASTContext &Ctx, Preprocessor *PP,
                                              const EngineOptions &Opts) {
  AnalysisResult Result;
  using Clock = std::chrono::steady_clock;
  auto Since = [](Clock::time_point T) {
    return std::chrono::duration<double>(Clock::now() - T).count();
  };
  Clock::time_point T = Clock::now();
  resetLocationCache();
  const ApiModel &Model = Opts.Model ? *Opts.Model : builtinModel();
  auto Unit = std::make_shared<UnitModel>();
  Unit->Model = &Model;
  Unit->Layout = PP ? GfpLayout::read(*PP, Ctx) : GfpLayout::linuxDefault();
  const GfpLayout &Layout = Unit->Layout;

  ProgramFacts &Facts = Unit->Facts;
  Facts.collect(Ctx, Model);
  Result.Problems = Facts.Problems;
  Result.FactsTime = Since(T);
  T = Clock::now();

  FnGraph G;
  DefinitionCollector(G).TraverseDecl(Ctx.getTranslationUnitDecl());

  markReachable(G, Facts, Ctx.getSourceManager());

  Result.GraphTime = Since(T);
  T = Clock::now();

  llvm::DenseMap<const FunctionDecl *, Summary> &Summaries = Unit->Summaries;
  AnalysisEnv Env{Ctx, Model, Layout, Facts, Summaries, Opts.Limits,
                  Opts.External};
  for (auto SCC = llvm::scc_begin(&G); !SCC.isAtEnd(); ++SCC) {
    const std::vector<FnNode *> &Members = *SCC;
    if (Members.size() == 1 && Members[0] == &G.Root)
      continue;
    if (!Members[0]->Reachable)
      continue; // a header's inline function nobody here calls
    bool Recursive = SCC.hasCycle();
    for (unsigned Iter = 0; Iter < Opts.MaxSccIterations; ++Iter) {
      bool Changed = false;
      for (FnNode *N : Members) {
        Summary S;
        if (!analyzeFunction(N->Fn, Env, S)) {
          Summaries.erase(N->Fn);
          continue;
        }
        if (Recursive) {
          auto It = Summaries.find(N->Fn);
          if (It == Summaries.end() || It->second.signature() != S.signature())
            Changed = true;
        }
        Summaries[N->Fn] = std::move(S);
      }
      if (!Recursive || !Changed)
        break;
    }
  }

  Result.SummaryTime = Since(T);
  T = Clock::now();

  RuleInput In;
  In.Layout = &Layout;
  for (auto &N : G.Nodes) {
    if (!N->Reachable)
      continue;
    auto It = Summaries.find(N->Fn);
    if (It == Summaries.end()) {
      ++Result.FunctionsSkipped;
      continue;
    }
    ++Result.FunctionsAnalyzed;
    Result.SummariesTruncated += It->second.Truncated;
    Result.Effects += It->second.Effects.size();
    Result.Checks += It->second.Checks.size();
    In.Functions.push_back(&It->second);
  }
  for (const EntryPoint &EP : Facts.Entries) {
    const FunctionDecl *Def = EP.Fn->getDefinition();
    auto It = Def ? Summaries.find(Def) : Summaries.end();
    if (It != Summaries.end())
      In.Entries.push_back({EP.Ctx, &It->second});
  }
  if (Opts.External) {
    In.ExternalReclaim = &Opts.External->reclaim();
    if (Opts.CyclesWithExternalEdges)
      In.ExternalEdges = &Opts.External->edges();
  }
  Unit->Truncated = Result.SummariesTruncated != 0;
  RuleOutput Out = runRules(In, Opts.Rules);
  Result.Findings = std::move(Out.Findings);
  dropSuppressed(Result.Findings, Ctx.getSourceManager());
  Result.RulesTime = Since(T);

  if (Opts.ExportSummary) {
    const SourceManager &SM = Ctx.getSourceManager();
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      Result.Exported.Unit = mainFilePath(*Main);
    // Functions other units can reach: by name, or through a field.
    llvm::DenseSet<const FunctionDecl *> Stored;
    for (const auto &[Key, Set] : Facts.FieldStores) {
      std::vector<std::string> Usrs;
      for (const FunctionDecl *FD : Set) {
        const FunctionDecl *Def = FD->getDefinition();
        std::string Usr = Def ? usrOf(Def) : "";
        if (Usr.empty() || !Summaries.count(Def))
          continue;
        Stored.insert(Def);
        Usrs.push_back(Usr);
      }
      if (!Usrs.empty())
        Result.Exported.FieldStores.emplace_back(Key, std::move(Usrs));
    }
    for (auto &N : G.Nodes) {
      auto It = Summaries.find(N->Fn);
      if (It == Summaries.end() ||
          (!N->Fn->isExternallyVisible() && !Stored.count(N->Fn)))
        continue;
      std::string Usr = usrOf(N->Fn);
      if (Usr.empty())
        continue;
      UnitSummary::Function F{Usr, declName(N->Fn), Summary()};
      for (const Effect &E : It->second.Effects)
        F.S.add(E);
      F.S.NetAcquire = It->second.NetAcquire;
      F.S.NetRelease = It->second.NetRelease;
      Result.Exported.Functions.push_back(std::move(F));
    }
    for (const Summary *S : In.Functions)
      Result.Exported.Checks.insert(Result.Exported.Checks.end(),
                                    S->Checks.begin(), S->Checks.end());
    for (const EntrySummary &ES : In.Entries) {
      UnitSummary::Entry E{ES.Ctx, Summary()};
      for (const Effect &Eff : ES.S->Effects)
        E.S.add(Eff);
      Result.Exported.Entries.push_back(std::move(E));
    }
    Result.Exported.GfpSingles = Layout.Singles;
    Result.Exported.GfpComposites = Layout.Composites;
    Result.Exported.Reclaim = std::move(Out.Reclaim);
    Result.Exported.Edges = std::move(Out.Edges);
  }
  if (Opts.KeepUnit)
    Result.Unit = std::move(Unit);
  return Result;
}

void gfpdep::dropSuppressedFindings(std::vector<Finding> &Findings,
                                    const SourceManager &SM) {
  dropSuppressed(Findings, SM);
}
