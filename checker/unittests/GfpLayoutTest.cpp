//===- GfpLayoutTest.cpp - GFP masks as the unit defines them -------------===//

#include "TestSupport.h"
#include "model/GfpLayout.h"
#include "gtest/gtest.h"

using namespace gfpdep;

namespace {

GfpLayout layoutOf(const std::string &Code) {
  auto AST = test::parse(Code);
  EXPECT_TRUE(AST);
  return GfpLayout::read(AST->getPreprocessor(), AST->getASTContext());
}

TEST(GfpLayout, LinuxDefaultNamesMasks) {
  GfpLayout L = GfpLayout::linuxDefault();
  EXPECT_FALSE(L.FromTranslationUnit);
  EXPECT_EQ(L.describe(0xcc0), "GFP_KERNEL");
  EXPECT_EQ(L.describe(0x800), "GFP_NOWAIT");
  EXPECT_EQ(L.describe(0xcc0 | 0x2000), "GFP_KERNEL | __GFP_NOWARN");
  EXPECT_TRUE(L.reclaimCapable(0xcc0));
  EXPECT_TRUE(L.mayInvokeOom(0xcc0));
  EXPECT_FALSE(L.mayInvokeOom(0xcc0 | 0x10000)); // __GFP_NORETRY
  EXPECT_EQ(L.oomOptOut(0xcc0 | 0x4000), "__GFP_RETRY_MAYFAIL");
  EXPECT_FALSE(L.reclaimCapable(0xa20)); // GFP_ATOMIC
  EXPECT_TRUE(L.entersFsReclaim(0xcc0));
  EXPECT_FALSE(L.entersFsReclaim(0xc40)); // GFP_NOFS
}

TEST(GfpLayout, ReadsPlainHexMacrosOfTheUnit) {
  GfpLayout L = layoutOf("#include <gfpdep/kernel.h>\n");
  EXPECT_TRUE(L.FromTranslationUnit);
  EXPECT_EQ(L.DirectReclaim, 0x400u);
  EXPECT_EQ(L.FS, 0x80u);
  EXPECT_EQ(L.Kernel, 0xcc0u);
}

// A made-up kernel whose bits sit elsewhere, written the way 6.8+ writes
// them: an enum of bit numbers, BIT() through _AC() token pasting.
const char *ShiftedLayout = R"(
typedef unsigned int gfp_t;
#define __AC(X, Y) (X##Y)
#define _AC(X, Y) __AC(X, Y)
#define _UL(x) (_AC(x, UL))
#define UL(x) (_UL(x))
#define BIT(nr) (UL(1) << (nr))
#define __force
enum {
  ___GFP_IO_BIT = 3,
  ___GFP_FS_BIT,
  ___GFP_DIRECT_RECLAIM_BIT,
  ___GFP_KSWAPD_RECLAIM_BIT,
  ___GFP_NORETRY_BIT,
};
#define ___GFP_IO BIT(___GFP_IO_BIT)
#define ___GFP_FS BIT(___GFP_FS_BIT)
#define ___GFP_DIRECT_RECLAIM BIT(___GFP_DIRECT_RECLAIM_BIT)
#define ___GFP_KSWAPD_RECLAIM BIT(___GFP_KSWAPD_RECLAIM_BIT)
#define ___GFP_NORETRY BIT(___GFP_NORETRY_BIT)
#define __GFP_IO ((__force gfp_t)___GFP_IO)
#define __GFP_FS ((__force gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((__force gfp_t)(___GFP_DIRECT_RECLAIM|___GFP_KSWAPD_RECLAIM))
#define __GFP_NORETRY ((__force gfp_t)___GFP_NORETRY)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
)";

TEST(GfpLayout, ReadsEnumBitsThroughPastedMacros) {
  GfpLayout L = layoutOf(ShiftedLayout);
  ASSERT_TRUE(L.FromTranslationUnit);
  EXPECT_EQ(L.IO, 1u << 3);
  EXPECT_EQ(L.FS, 1u << 4);
  EXPECT_EQ(L.DirectReclaim, 1u << 5);
  EXPECT_EQ(L.NoRetry, 1u << 7);
  EXPECT_EQ(L.Kernel, (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6));
  EXPECT_EQ(L.describe(L.Kernel), "GFP_KERNEL");
  // 0x400 is __GFP_DIRECT_RECLAIM in 6.1 but means nothing here.
  EXPECT_FALSE(L.reclaimCapable(0x400));
}

TEST(GfpLayout, FindingFollowsTheUnitsOwnBits) {
  // The same source, two layouts: 0x20 is direct reclaim only in the first.
  std::string Code = std::string(ShiftedLayout) + R"(
struct mutex { int x; };
void mutex_lock(struct mutex *);
void mutex_unlock(struct mutex *);
void *kmalloc(unsigned long, gfp_t);
struct mutex big;
void f(void) { mutex_lock(&big); kmalloc(8, 0x20); mutex_unlock(&big); }
__attribute__((annotate("gfpdep::shrinker")))
unsigned long shrink(void) { mutex_lock(&big); mutex_unlock(&big); return 0; }
)";
  AnalysisResult R = test::analyze(Code);
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].R, Rule::ReclaimUnderLock);
  // Under the 6.1 layout 0x20 is __GFP_HIGH: nothing to report.
  std::string Default = R"(
struct mutex { int x; };
typedef unsigned int gfp_t;
void mutex_lock(struct mutex *);
void mutex_unlock(struct mutex *);
void *kmalloc(unsigned long, gfp_t);
struct mutex big;
void f(void) { mutex_lock(&big); kmalloc(8, 0x20); mutex_unlock(&big); }
__attribute__((annotate("gfpdep::shrinker")))
unsigned long shrink(void) { mutex_lock(&big); mutex_unlock(&big); return 0; }
)";
  EXPECT_TRUE(test::analyze(Default).Findings.empty());
}

TEST(GfpLayout, MacroEvaluatorRejectsWhatItCannotEvaluate) {
  auto AST = test::parse("#define A sizeof(int)\n#define B (1 +)\n#define C 0x10u\n");
  ASSERT_TRUE(AST);
  EXPECT_FALSE(evaluateMacro(AST->getPreprocessor(), AST->getASTContext(), "A"));
  EXPECT_FALSE(evaluateMacro(AST->getPreprocessor(), AST->getASTContext(), "B"));
  EXPECT_EQ(evaluateMacro(AST->getPreprocessor(), AST->getASTContext(), "C"), 0x10u);
  EXPECT_FALSE(evaluateMacro(AST->getPreprocessor(), AST->getASTContext(), "UNDEFINED"));
}

} // namespace
