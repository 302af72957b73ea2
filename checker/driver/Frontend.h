//===- Frontend.h - what a front end needs of the data path ----*- C++ -*-===//
///
/// \file
/// The narrow interface front ends use: attach a collector to the unit's
/// preprocessor before parsing, run the unit at its end, present the
/// findings. Nothing of the engine's internals shows here.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_DRIVER_FRONTEND_H
#define GFPDEP_DRIVER_FRONTEND_H

#include "engine/Finding.h"
#include <bitset>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace gfpdep {

class ApiModel;
struct UnitFacts;

struct FrontendOptions {
  std::bitset<NumRules> Enabled = std::bitset<NumRules>().set();
  const ApiModel *Model = nullptr;
  unsigned MaxBlocks = 20000;
  unsigned MaxVisitsPerBlock = 64;
  std::vector<std::shared_ptr<const UnitFacts>> External;
};

struct FrontendProblem {
  Loc Where;
  std::string Message;
  bool Remark = false; ///< a note to the user, not an error
};

struct FrontendResult {
  std::vector<Finding> Findings;
  std::vector<FrontendProblem> Problems;
  std::shared_ptr<UnitFacts> Facts;
  std::string Stats; ///< one line per stage, for -fplugin-arg-gfpdep-stats
};

class UnitSession {
public:
  explicit UnitSession(clang::Preprocessor *PP);
  ~UnitSession();
  FrontendResult run(clang::ASTContext &Ctx, const FrontendOptions &Opts);

private:
  struct Impl;
  std::unique_ptr<Impl> I;
};

} // namespace gfpdep

#endif
