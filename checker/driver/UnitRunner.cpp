//===- UnitRunner.cpp - one unit through the whole data path --------------===//

#include "driver/UnitRunner.h"
#include <chrono>

using namespace gfpdep;

UnitRun gfpdep::runUnit(FactsCollector &Collector, clang::ASTContext &Ctx,
                        const UnitOptions &Opts) {
  using Clock = std::chrono::steady_clock;
  UnitRun R;
  Clock::time_point T = Clock::now();
  R.Facts = std::make_shared<UnitFacts>(Collector.extract(Ctx, Opts.Extract));
  R.ExtractTime = std::chrono::duration<double>(Clock::now() - T).count();
  ProgramOptions PO;
  PO.Model = Opts.Model;
  R.Prog = std::make_unique<Program>(PO);
  R.Prog->add(R.Facts);
  for (const auto &U : Opts.External)
    if (U->MainFile != R.Facts->MainFile)
      R.Prog->add(U);
  R.Prog->finish();
  LinkOptions LO = Opts.Link;
  if (!Opts.External.empty())
    LO.OnlyFile = R.Facts->MainFile;
  R.Link = linkProgram(*R.Prog, LO);
  return R;
}
