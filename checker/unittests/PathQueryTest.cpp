//===- PathQueryTest.cpp - the questions the path-sensitive mode asks -----===//
///
/// What the engine hands the analyzer: each finding's query (the call site in
/// the context's function, the mask argument, the bits), merged witnesses,
/// and the rules filterFindings() follows to keep or drop a finding.
//===----------------------------------------------------------------------===//

#include "PathSession.h"
#include "TestSupport.h"
#include "clang/AST/Decl.h"
#include "gtest/gtest.h"

using namespace gfpdep;

namespace {

const char *Prelude = "#include <gfpdep/kernel.h>\n";

Loc at(unsigned Line, unsigned Col = 1) {
  Loc L;
  L.File = Symbol("f.c");
  L.Line = Line;
  L.Col = Col;
  return L;
}

TEST(Chain, StepFromEndFindsTheStepBelowTheContext) {
  Chain C;
  C = C.prepend(at(30), Symbol("'g' calls 'k' here"), -1);
  C = C.prepend(at(20), Symbol("'f' calls 'g' here"), 1);
  ASSERT_EQ(C.size(), 2u);
  // Two steps below the context: the first one, in the context's function.
  Chain::StepInfo Top = C.stepFromEnd(2);
  EXPECT_EQ(Top.Where, at(20));
  EXPECT_EQ(Top.MaskArg, 1);
  EXPECT_FALSE(Top.Merged);
  Chain::StepInfo Inner = C.stepFromEnd(1);
  EXPECT_EQ(Inner.Where, at(30));
  EXPECT_EQ(Inner.MaskArg, -1);
  // Marking the head leaves the rest (shared with other chains) alone.
  Chain M = C.withMergedHead();
  EXPECT_TRUE(M.stepFromEnd(2).Merged);
  EXPECT_FALSE(M.stepFromEnd(1).Merged);
  EXPECT_FALSE(C.stepFromEnd(2).Merged);
}

TEST(Summary, OneEffectFromTwoCallSitesIsMarkedMerged) {
  Effect E;
  E.Kind = EffectKind::Block;
  E.Leaf = at(50);
  E.What = Symbol("msleep");
  Effect ViaG = E, ViaH = E, ViaGAgain = E;
  ViaG.Chain = Chain().prepend(at(10), Symbol("'f' calls 'g' here"));
  ViaGAgain.Chain = ViaG.Chain;
  ViaH.Chain = Chain().prepend(at(12), Symbol("'f' calls 'h' here"));

  Summary Same;
  Same.add(ViaG);
  Same.add(ViaGAgain);
  ASSERT_EQ(Same.Effects.size(), 1u);
  EXPECT_FALSE(Same.Effects[0].Chain.stepFromEnd(1).Merged);

  Summary Two;
  Two.add(ViaG);
  Two.add(ViaH);
  ASSERT_EQ(Two.Effects.size(), 1u);
  EXPECT_TRUE(Two.Effects[0].Chain.stepFromEnd(1).Merged);
}

TEST(PathQuery, MergeUnitesSitesAndUncheckableWins) {
  PathQuery A, B, C;
  A.Checkable = B.Checkable = true;
  A.NeedBits = B.NeedBits = 0x400;
  A.Sites.push_back({at(1), 1});
  B.Sites.push_back({at(2), -1});
  B.Sites.push_back({at(1), 1});
  A.merge(B);
  EXPECT_TRUE(A.Checkable);
  ASSERT_EQ(A.Sites.size(), 2u);
  EXPECT_EQ(A.Sites[1].At, at(2));
  A.merge(C); // C is not checkable
  EXPECT_FALSE(A.Checkable);
  EXPECT_TRUE(A.Sites.empty());
}

AnalysisResult run(const std::string &Body) {
  return test::analyze(Prelude + Body);
}

TEST(Query, LeafUnderLockAsksAboutTheLeafAndItsMask) {
  auto R = run(R"(
spinlock_t l;
void *f(void) {
  void *p;
  spin_lock(&l);
  p = kmalloc(8, GFP_KERNEL);
  spin_unlock(&l);
  return p;
}
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.R, Rule::SleepInAtomic);
  const PathQuery &Q = F.Query;
  ASSERT_TRUE(Q.Checkable);
  EXPECT_FALSE(Q.WholeFunction);
  EXPECT_EQ(Q.NeedBits, 0x400u); // __GFP_DIRECT_RECLAIM in the 6.1 layout
  ASSERT_EQ(Q.Sites.size(), 1u);
  EXPECT_EQ(Q.Sites[0].At, F.Where);
  EXPECT_EQ(Q.Sites[0].MaskArg, 1); // kmalloc(size, flags)
  EXPECT_EQ(F.Origin.Line, 6u);
}

TEST(Query, CallPassingTheMaskOnNamesItsArgument) {
  auto R = run(R"(
spinlock_t l;
static void *get(int n, gfp_t g) { return kmalloc(n, g); }
void *f(void) {
  void *p;
  spin_lock(&l);
  p = get(8, GFP_KERNEL);
  spin_unlock(&l);
  return p;
}
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  const PathQuery &Q = R.Findings[0].Query;
  ASSERT_TRUE(Q.Checkable);
  ASSERT_EQ(Q.Sites.size(), 1u);
  EXPECT_EQ(Q.Sites[0].At.Line, 8u); // the call of get() in f
  EXPECT_EQ(Q.Sites[0].MaskArg, 1);
}

TEST(Query, BlockingCallHasNoMaskAndTwoRoutesGiveTwoSites) {
  auto R = run(R"(
spinlock_t l;
static void k(void) { msleep(1); }
static void g(void) { k(); }
static void h(void) { k(); }
void f(int a) {
  spin_lock(&l);
  if (a)
    g();
  else
    h();
  spin_unlock(&l);
}
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  const PathQuery &Q = R.Findings[0].Query;
  ASSERT_TRUE(Q.Checkable);
  EXPECT_EQ(Q.NeedBits, 0u);
  ASSERT_EQ(Q.Sites.size(), 2u);
  EXPECT_EQ(Q.Sites[0].MaskArg, -1);
  std::vector<unsigned> Lines = {Q.Sites[0].At.Line, Q.Sites[1].At.Line};
  llvm::sort(Lines);
  EXPECT_EQ(Lines, (std::vector<unsigned>{10, 12}));
}

TEST(Query, CyclesAreNotChecked) {
  auto R = run(R"(
struct mutex a, b;
void ab(void) { mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); }
void ba(void) { mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b); }
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_FALSE(R.Findings[0].Query.Checkable);
}

/// filterFindings() drops a finding only when the analyzer has judged it.
class Filter : public ::testing::Test {
protected:
  void SetUp() override {
    AST = test::parse(std::string(Prelude) + R"(
spinlock_t l;
void f(int n) {
  if (n > 1)
    spin_lock(&l);
  if (n < 1)
    msleep(1);
  if (n > 1)
    spin_unlock(&l);
}
)");
    ASSERT_TRUE(AST);
    EngineOptions O;
    O.KeepUnit = true;
    AnalysisResult R = analyzeTranslationUnit(AST->getASTContext(),
                                              &AST->getPreprocessor(), O);
    ASSERT_EQ(R.Findings.size(), 1u); // the default mode cannot tell
    S.Unit = R.Unit;
    S.Findings = R.Findings;
    S.indexQueries();
    for (const clang::Decl *D :
         AST->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
        if (FD->getName() == "f")
          F = FD->getCanonicalDecl();
    ASSERT_TRUE(F);
  }
  size_t kept() {
    PathStats Stats;
    return filterFindings(S, AST->getASTContext(), Stats).size();
  }
  std::unique_ptr<clang::ASTUnit> AST;
  PathSession S;
  const clang::Decl *F = nullptr;
};

TEST_F(Filter, DroppedWhenExploredWithTheContextSeenAndNoPath) {
  S.Complete.insert(F);
  S.SeenOrigins.insert(S.Findings[0].Origin);
  EXPECT_EQ(kept(), 0u);
}

TEST_F(Filter, KeptWhenConfirmed) {
  S.Complete.insert(F);
  S.SeenOrigins.insert(S.Findings[0].Origin);
  S.confirm(0);
  EXPECT_EQ(kept(), 1u);
}

TEST_F(Filter, KeptWhenTheAnalyzerNeverBeganTheContext) {
  S.Complete.insert(F);
  EXPECT_EQ(kept(), 1u);
}

TEST_F(Filter, KeptWhenTheFunctionWasCutShortOrNotExplored) {
  S.SeenOrigins.insert(S.Findings[0].Origin);
  EXPECT_EQ(kept(), 1u); // never explored
  S.Complete.insert(F);
  S.Cut.insert(F);
  EXPECT_EQ(kept(), 1u);
}

TEST_F(Filter, KeptWhenASummaryWasTruncated) {
  S.Complete.insert(F);
  S.SeenOrigins.insert(S.Findings[0].Origin);
  S.Unit->Truncated = true;
  EXPECT_EQ(kept(), 1u);
}

} // namespace
