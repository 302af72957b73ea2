//===- Frontend.cpp - what a front end needs of the data path -------------===//

#include "driver/Frontend.h"
#include "driver/UnitRunner.h"
#include "facts/Extract.h"
#include "facts/FactsDump.h"
#include <cstdlib>
#include "llvm/Support/raw_ostream.h"

using namespace gfpdep;

static_assert(MinStackBudget == MinFrameFacts, "the facts keep every frame a budget may find");

LinkOptions gfpdep::linkOptionsFor(const FrontendOptions &Opts) {
  LinkOptions LO;
  LO.Rules.Enabled = Opts.Enabled;
  LO.Limits.MaxVisitsPerBlock = Opts.MaxVisitsPerBlock;
  LO.StackBudget = Opts.StackBudget;
  LO.StackChainBudget = Opts.StackChainBudget;
  LO.LockOrderGates = Opts.LockOrderGates;
  LO.Graph = Opts.Graph;
  return LO;
}

struct UnitSession::Impl {
  explicit Impl(clang::Preprocessor *PP) : Collector(PP) {}
  FactsCollector Collector;
};

UnitSession::UnitSession(clang::Preprocessor *PP) : I(std::make_unique<Impl>(PP)) {}
UnitSession::~UnitSession() = default;

FrontendResult UnitSession::run(clang::ASTContext &Ctx, const FrontendOptions &Opts) {
  UnitOptions UO;
  UO.Link = linkOptionsFor(Opts);
  UO.Extract.MaxBlocks = Opts.MaxBlocks;
  UO.Model = Opts.Model;
  UO.External = Opts.External;
  UnitRun R = runUnit(I->Collector, Ctx, UO);
  if (std::getenv("GFPDEP_DUMP_FACTS"))
    dumpFacts(*R.Facts, llvm::errs());
  FrontendResult Out;
  Out.Findings = std::move(R.Link.Findings);
  unitProblems(*R.Facts, Opts.MaxBlocks, Out.Problems);
  const LinkStats &S = R.Link.Stats;
  llvm::raw_string_ostream OS(Out.Stats);
  OS << "gfpdep: " << R.Facts->Functions.size() << " functions extracted, "
     << R.Facts->Trivial.size() << " trivial, " << R.Facts->Skipped.size()
     << " skipped; " << S.Anchors << " effects checked, " << S.OpenEffects
     << " open, " << S.Sites << " call sites, " << S.EntryContexts
     << " entry contexts, " << Out.Findings.size() << " findings\n"
     << "gfpdep: time (s): facts " << R.ExtractTime << ", summaries " << S.SummaryTime
     << ", contexts " << S.ContextTime << ", rules " << S.RulesTime << "\n";
  if (S.FixpointLimitHit)
    OS << "gfpdep: " << S.FixpointLimitHit
       << " recursive components hit the iteration limit\n";
  if (Opts.ExportTransfers)
    for (size_t I = 0; I < R.Prog->Functions.size() && I < R.Link.Results.size(); ++I) {
      const Transfer &T = R.Link.Results[I].T;
      auto ConvertKey = [](const CtxKey &K, uint8_t LockFl, bool Recursive,
                           CallTransfer::Item &It) {
        if (K.Kind != CtxKind::Lock && K.Kind != CtxKind::Section &&
            K.Kind != CtxKind::Scope && K.Kind != CtxKind::FsReclaim)
          return false;
        It.Kind = uint8_t(K.Kind);
        It.Fl = uint8_t(K.Kind == CtxKind::Lock ? LockFl : uint8_t(K.Fl));
        It.Subclass = K.Subclass == RuntimeSubclass ? 0 : K.Subclass;
        It.Recursive = Recursive;
        if (K.Kind != CtxKind::Lock)
          return true;
        if (K.Lock.K == LockVal::Param && K.Lock.Class.empty())
          It.Param = int(K.Lock.Index);
        else if (K.Lock.K == LockVal::Named)
          It.Class = K.Lock.Class.str();
        else
          return false; // a local: not expressible
        return true;
      };
      auto Convert = [&](const auto &C, CallTransfer::Item &It) {
        return ConvertKey(C.Key, uint8_t(C.LockFl), C.Recursive, It);
      };
      CallTransfer CT;
      for (const NetCtx &N : T.Acquires)
        if (CallTransfer::Item It; Convert(N.C, It))
          CT.Acquires.push_back(std::move(It));
      for (const NetCtx &N : T.CondAcquires)
        if (CallTransfer::Item It; Convert(N.C, It))
          CT.Acquires.push_back(std::move(It));
      for (const auto &C : T.Releases)
        if (CallTransfer::Item It; Convert(C, It))
          CT.Releases.push_back(std::move(It));
      for (const NetCtx &N : T.CondReleases)
        if (CallTransfer::Item It; Convert(N.C, It))
          CT.CondReleases.push_back({std::move(It), N.OnNonZero});
      for (const CtxKey &K : T.MayHeld)
        if (CallTransfer::Item It; ConvertKey(K, 0, false, It))
          CT.MayHold.push_back(std::move(It));
      Out.Transfers[R.Prog->Functions[I]->Id.str()] = std::move(CT);
    }
  Out.Facts = std::move(R.Facts);
  return Out;
}

std::string gfpdep::transferKey(const clang::FunctionDecl *FD) {
  return functionId(FD);
}

void gfpdep::unitProblems(const UnitFacts &U, unsigned MaxBlocks,
                          std::vector<FrontendProblem> &Out) {
  for (const Problem &P : U.Problems)
    Out.push_back({P.Where, P.Message, false});
  for (const auto &[Name, At] : U.Skipped)
    Out.push_back({At,
                   "gfpdep did not analyse '" + Name.str() +
                       "': its control-flow graph is larger than the limit of " +
                       std::to_string(MaxBlocks) + " blocks",
                   true});
}
