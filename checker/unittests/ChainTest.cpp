//===- ChainTest.cpp - call chains shared between effects -----------------===//

#include "Effects.h"
#include "gtest/gtest.h"

using namespace gfpdep;

namespace {

Chain longChain(unsigned N) {
  Chain C;
  Loc L;
  for (unsigned I = 0; I < N; ++I) {
    L.Line = I + 1;
    C = C.prepend(L, Symbol("'f' calls 'g' here"));
  }
  return C;
}

// A summary effect with a million chain steps: destroying it released each
// node from the one before, recursively, and overflowed the stack.
TEST(ChainTest, MillionStepsDestroyWithoutRecursion) {
  { Chain C = longChain(1000000); EXPECT_EQ(C.size(), 1000000u); }
  SUCCEED();
}

// Shared tails survive the release of one owner.
TEST(ChainTest, SharedTailOutlivesOneOwner) {
  Chain Tail = longChain(1000);
  Chain A = Tail.prepend(Loc(), Symbol("a"));
  {
    Chain B = Tail.prepend(Loc(), Symbol("b"));
    EXPECT_EQ(B.size(), 1001u);
  }
  EXPECT_EQ(A.size(), 1001u);
  EXPECT_EQ(A.steps().size(), 1001u);
  EXPECT_EQ(A.steps().back().Where.Line, 1u);
  Chain Moved = std::move(A);
  EXPECT_EQ(Moved.size(), 1001u);
  Moved = Chain();
  EXPECT_EQ(Tail.size(), 1000u);
}

} // namespace
