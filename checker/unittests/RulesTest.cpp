//===- RulesTest.cpp - summary composition and cycle detection ------------===//

#include "TestSupport.h"
#include "gtest/gtest.h"

using namespace gfpdep;
using test::brief;

namespace {

const char *Prelude = "#include <gfpdep/kernel.h>\n";

AnalysisResult run(const std::string &Body, bool Cxx = false) {
  return test::analyze(Prelude + Body, Cxx);
}

TEST(LockOrder, TwoLocksInOppositeOrderMakeOneCycle) {
  auto R = run(R"(
struct mutex a, b;
void ab(void) { mutex_lock(&a); mutex_lock(&b); mutex_unlock(&b); mutex_unlock(&a); }
void ba(void) { mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b); }
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.R, Rule::LockOrder);
  // Canonical order starts at the smallest class; the closing edge is b -> a.
  EXPECT_NE(F.Message.find("acquiring mutex 'a' while holding 'b'"),
            std::string::npos)
      << F.Message;
  EXPECT_EQ(F.Where.Line, 5u);
}

TEST(LockOrder, ThreeLockCycleAcrossCalls) {
  auto R = run(R"(
struct mutex a, b, c;
void take_b(void) { mutex_lock(&b); mutex_unlock(&b); }
void ab(void) { mutex_lock(&a); take_b(); mutex_unlock(&a); }
void bc(void) { mutex_lock(&b); mutex_lock(&c); mutex_unlock(&c); mutex_unlock(&b); }
void ca(void) { mutex_lock(&c); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&c); }
)");
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_NE(R.Findings[0].Message.find("'a' -> 'b' -> 'c' -> 'a'"),
            std::string::npos)
      << R.Findings[0].Message;
  // Closing edge c -> a at line 7; the notes walk a -> b through take_b.
  EXPECT_EQ(R.Findings[0].Where.Line, 7u);
  bool SawCall = false;
  for (const Step &S : R.Findings[0].Notes)
    SawCall |= S.Text == "'ab' calls 'take_b' here";
  EXPECT_TRUE(SawCall);
}

TEST(LockOrder, RecursiveAndNestedSubclass) {
  auto R = run(R"(
struct node { struct mutex lock; };
void same(struct node *x, struct node *y) {
  mutex_lock(&x->lock);
  mutex_lock(&y->lock);
  mutex_unlock(&y->lock);
  mutex_unlock(&x->lock);
}
void nested(struct node *x, struct node *y) {
  mutex_lock(&x->lock);
  mutex_lock_nested(&y->lock, 1);
  mutex_unlock(&y->lock);
  mutex_unlock(&x->lock);
}
)");
  std::vector<std::string> Expected = {"lock-order@6"};
  EXPECT_EQ(brief(R), Expected);
}

TEST(Summaries, LockThroughWrapperParameterAndMaskThroughParameter) {
  auto R = run(R"(
struct store { spinlock_t lock; };
void store_lock(struct store *s) { spin_lock(&s->lock); }
void store_unlock(struct store *s) { spin_unlock(&s->lock); }
void *helper(gfp_t gfp) { return kmalloc(32, gfp); }
void caller(struct store *s) {
  store_lock(s);
  helper(GFP_KERNEL);
  helper(GFP_NOWAIT);
  store_unlock(s);
  helper(GFP_KERNEL);
}
)");
  std::vector<std::string> Expected = {"sleep-in-atomic@6"};
  ASSERT_EQ(brief(R), Expected);
  const Finding &F = R.Findings[0];
  // lock acquired (by the wrapper) -> call -> leaf; mask passed at the caller.
  ASSERT_GE(F.Notes.size(), 3u);
  EXPECT_EQ(F.Notes[0].Where.Line, 8u);
  EXPECT_EQ(F.Notes[1].Text, "'caller' calls 'helper' here");
  EXPECT_EQ(F.Notes[2].Text, "GFP_KERNEL passed here");
  EXPECT_EQ(F.Notes[2].Where.Line, 9u);
}

TEST(Summaries, RecursionReachesAFixpoint) {
  auto R = run(R"(
spinlock_t l;
void walk(int n) { if (n) walk(n - 1); else msleep(1); }
void even(int n);
void odd(int n) { if (n) even(n - 1); }
void even(int n) { if (n) odd(n - 1); else might_sleep(); }
void user(void) { spin_lock(&l); walk(3); odd(5); spin_unlock(&l); }
)");
  std::vector<std::string> Expected = {"sleep-in-atomic@4", "sleep-in-atomic@7"};
  EXPECT_EQ(brief(R), Expected);
}

TEST(Dataflow, TrylockHoldsOnlyOnSuccessAndReleaseOnAllPathsClears) {
  auto R = run(R"(
spinlock_t l;
void a(void) {
  if (spin_trylock(&l)) {
    msleep(1);
    spin_unlock(&l);
  }
  msleep(2);
}
void b(int c) {
  if (!spin_trylock(&l))
    return;
  msleep(3);
  spin_unlock(&l);
}
void d(int c) {
  spin_lock(&l);
  if (c) spin_unlock(&l); else spin_unlock(&l);
  msleep(4);
}
void e(int c) {
  spin_lock(&l);
  if (c) spin_unlock(&l);
  msleep(5);
  if (!c) spin_unlock(&l);
}
)");
  std::vector<std::string> Expected = {"sleep-in-atomic@6", "sleep-in-atomic@14",
                                       "sleep-in-atomic@25"};
  EXPECT_EQ(brief(R), Expected);
}

TEST(Dataflow, LoopsAndScopes) {
  auto R = run(R"(
struct mutex m;
void loop(int n) {
  for (int i = 0; i < n; i++) {
    rcu_read_lock();
    if (i == 3) { rcu_read_unlock(); msleep(1); continue; }
    rcu_read_unlock();
  }
}
void scoped(void) {
  unsigned int f = memalloc_noreclaim_save();
  mutex_lock(&m);
  kmalloc(8, GFP_KERNEL);
  mutex_unlock(&m);
  memalloc_noreclaim_restore(f);
}
__attribute__((annotate("gfpdep::oom_notifier")))
int notify(void) { mutex_lock(&m); mutex_unlock(&m); return 0; }
)");
  EXPECT_TRUE(R.Findings.empty()) << brief(R).size();
}

TEST(Output, DeterministicAcrossRuns) {
  std::string Code = R"(
struct mutex a, b;
spinlock_t s;
void x(void) { mutex_lock(&a); mutex_lock(&b); spin_lock(&s); msleep(1); spin_unlock(&s); mutex_unlock(&b); mutex_unlock(&a); }
void y(void) { mutex_lock(&b); mutex_lock(&a); mutex_unlock(&a); mutex_unlock(&b); }
)";
  auto R1 = run(Code), R2 = run(Code);
  ASSERT_EQ(R1.Findings.size(), R2.Findings.size());
  for (size_t I = 0; I < R1.Findings.size(); ++I) {
    EXPECT_EQ(R1.Findings[I].Message, R2.Findings[I].Message);
    ASSERT_EQ(R1.Findings[I].Notes.size(), R2.Findings[I].Notes.size());
    for (size_t J = 0; J < R1.Findings[I].Notes.size(); ++J)
      EXPECT_EQ(R1.Findings[I].Notes[J].Text, R2.Findings[I].Notes[J].Text);
  }
}

} // namespace
