//===- PathSession.cpp - applying the analyzer's answers --------------===//
///
/// \file
/// A finding is dropped only when all of these hold: it has a query; the
/// analyzer began its context on some path (or the context is the whole
/// function's); every function holding one of its call sites was explored
/// to the end; and no path reached a site with the context in force and a
/// mask that may have the bits the leaf needs. Anything else keeps it.
//===----------------------------------------------------------------------===//

#include "PathSession.h"
#include "Naming.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <chrono>
#include <cstdio>
#include <time.h>

using namespace clang;
using namespace gfpdep;

namespace {

thread_local PathSession *Active = nullptr;

/// Where each function body of the unit begins and ends, to find the
/// innermost function holding a call site (lambdas included).
class BodyRanges : public RecursiveASTVisitor<BodyRanges> {
public:
  struct Range {
    Loc Begin, End;
    const Decl *D;
  };
  explicit BodyRanges(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && FD->getBody())
      Ranges.push_back({makeLoc(FD->getBody()->getBeginLoc(), SM),
                        makeLoc(FD->getBody()->getEndLoc(), SM),
                        FD->getCanonicalDecl()});
    return true;
  }

  /// The innermost body holding L, or null.
  const Decl *innermost(const Loc &L) const {
    const Range *Best = nullptr;
    for (const Range &R : Ranges) {
      if (R.Begin.File != L.File || L < R.Begin || R.End < L)
        continue;
      if (!Best || Best->Begin < R.Begin)
        Best = &R;
    }
    return Best ? Best->D : nullptr;
  }

private:
  const SourceManager &SM;
  std::vector<Range> Ranges;
};

} // namespace

PathSession *gfpdep::activeSession() { return Active; }
void gfpdep::setActiveSession(PathSession *S) { Active = S; }

void PathSession::indexQueries() {
  Sites.clear();
  Confirmed.assign(Findings.size(), 0);
  for (unsigned I = 0; I < Findings.size(); ++I) {
    const PathQuery &Q = Findings[I].Query;
    if (!Q.Checkable)
      continue;
    for (unsigned J = 0; J < Q.Sites.size(); ++J)
      Sites[Q.Sites[J].At].push_back({I, J});
  }
}

std::vector<Finding> gfpdep::filterFindings(PathSession &S, ASTContext &Ctx,
                                            PathStats &Stats) {
  BodyRanges Bodies(Ctx.getSourceManager());
  Bodies.TraverseDecl(Ctx.getTranslationUnitDecl());
  Stats.FunctionsComplete = S.Complete.size();
  Stats.FunctionsCut = S.Cut.size();
  Stats.FunctionsSkipped = S.Skipped.size();
  Stats.FunctionsOverSteps = S.OverSteps.size();
  Stats.FunctionsOverTime = S.OverTime.size();
  Stats.Budget = S.Budget;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto *Set : {&S.OverSteps, &S.OverTime})
    for (const Decl *D : *Set) {
      Loc At = makeLoc(D->getLocation(), SM);
      if (Stats.FirstOverName.empty() || At < Stats.FirstOver) {
        Stats.FirstOver = At;
        const auto *ND = dyn_cast<NamedDecl>(D);
        Stats.FirstOverName = ND ? declName(ND) : "the function";
      }
    }
  std::vector<Finding> Out;
  for (unsigned I = 0; I < S.Findings.size(); ++I) {
    Finding &F = S.Findings[I];
    const PathQuery &Q = F.Query;
    if (!Q.Checkable || Q.Sites.empty()) {
      ++Stats.Unverified;
      Out.push_back(std::move(F));
      continue;
    }
    ++Stats.Checked;
    if (S.Confirmed[I]) {
      ++Stats.Confirmed;
      Out.push_back(std::move(F));
      continue;
    }
    bool Judged = !S.Unit->Truncated &&
                  (Q.WholeFunction || S.SeenOrigins.count(F.Origin));
    bool OverBudget = false;
    for (const PathQuery::Site &Site : Q.Sites) {
      const Decl *D = Bodies.innermost(Site.At);
      Judged &= D && S.Complete.count(D) && !S.Cut.count(D);
      OverBudget |= D && (S.OverSteps.count(D) || S.OverTime.count(D));
    }
    if (Judged) {
      ++Stats.Dropped;
      continue;
    }
    ++Stats.Unverified;
    Stats.OverBudget += OverBudget;
    Out.push_back(std::move(F));
  }
  Stats.Balance = S.Balance.size();
  for (Finding &F : S.Balance)
    Out.push_back(std::move(F));
  sortFindings(Out);
  return Out;
}

double gfpdep::threadCpuSeconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec T;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &T) == 0)
    return double(T.tv_sec) + double(T.tv_nsec) * 1e-9;
#endif
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

std::string seconds(double S) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%g", S);
  return Buf;
}

std::string count(unsigned N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

} // namespace

std::string gfpdep::budgetRemark(const PathStats &St, llvm::StringRef UnitOption,
                                 llvm::StringRef FunctionOption) {
  unsigned Steps = St.FunctionsOverSteps, Time = St.FunctionsOverTime;
  if (!Steps && !Time)
    return "";
  std::string R = "gfpdep: path-sensitive: ";
  R += St.OverBudget ? count(St.OverBudget, "finding", "findings") +
                           " kept unchecked: "
                     : "no finding left unchecked, but lock-balance was "
                       "checked only on the paths explored: ";
  std::string First = "(the first: '" + St.FirstOverName + "')";
  std::string StepBudget = "the per-function budget of " +
                           std::to_string(St.Budget.FunctionSteps) +
                           " analyzer steps";
  std::string UnitBudget = "the unit's budget of " +
                           seconds(St.Budget.UnitSeconds) + " CPU seconds";
  std::string RaiseSteps = FunctionOption.str() + "=<steps>";
  std::string RaiseTime = UnitOption.str() + "=<seconds>";
  if (Steps && !Time) {
    R += StepBudget + " ran out in '" + St.FirstOverName + "'";
    if (Steps > 1)
      R += " and " + count(Steps - 1, "other function", "other functions");
    R += "; raise it with " + RaiseSteps;
  } else if (Time && !Steps) {
    R += UnitBudget + " ran out, " + count(Time, "function", "functions") +
         " not explored in full " + First + "; raise it with " + RaiseTime;
  } else {
    R += StepBudget + " ran out in " + count(Steps, "function", "functions") +
         " and " + UnitBudget + " in " + std::to_string(Time) + " more " +
         First + "; raise them with " + RaiseSteps + " and " + RaiseTime;
  }
  return R + " (0: no limit)";
}
