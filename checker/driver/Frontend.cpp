//===- Frontend.cpp - what a front end needs of the data path -------------===//

#include "driver/Frontend.h"
#include "driver/UnitRunner.h"
#include "facts/FactsDump.h"
#include <cstdlib>
#include "llvm/Support/raw_ostream.h"

using namespace gfpdep;

struct UnitSession::Impl {
  explicit Impl(clang::Preprocessor *PP) : Collector(PP) {}
  FactsCollector Collector;
};

UnitSession::UnitSession(clang::Preprocessor *PP) : I(std::make_unique<Impl>(PP)) {}
UnitSession::~UnitSession() = default;

FrontendResult UnitSession::run(clang::ASTContext &Ctx, const FrontendOptions &Opts) {
  UnitOptions UO;
  UO.Link.Rules.Enabled = Opts.Enabled;
  UO.Link.Limits.MaxVisitsPerBlock = Opts.MaxVisitsPerBlock;
  UO.Extract.MaxBlocks = Opts.MaxBlocks;
  UO.Model = Opts.Model;
  UO.External = Opts.External;
  UnitRun R = runUnit(I->Collector, Ctx, UO);
  if (std::getenv("GFPDEP_DUMP_FACTS"))
    dumpFacts(*R.Facts, llvm::errs());
  FrontendResult Out;
  Out.Findings = std::move(R.Link.Findings);
  for (const Problem &P : R.Facts->Problems)
    Out.Problems.push_back({P.Where, P.Message, false});
  for (const auto &[Name, At] : R.Facts->Skipped)
    Out.Problems.push_back(
        {At,
         "gfpdep did not analyse '" + Name.str() +
             "': its control-flow graph is larger than the limit of " +
             std::to_string(Opts.MaxBlocks) + " blocks",
         true});
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
  Out.Facts = std::move(R.Facts);
  return Out;
}
