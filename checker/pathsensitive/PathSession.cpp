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
    for (const PathQuery::Site &Site : Q.Sites) {
      const Decl *D = Bodies.innermost(Site.At);
      Judged &= D && S.Complete.count(D) && !S.Cut.count(D);
    }
    if (Judged) {
      ++Stats.Dropped;
      continue;
    }
    ++Stats.Unverified;
    Out.push_back(std::move(F));
  }
  Stats.Balance = S.Balance.size();
  for (Finding &F : S.Balance)
    Out.push_back(std::move(F));
  sortFindings(Out);
  return Out;
}
