//===- AnalyzerTest.cpp - the balloon deadlock end to end ------------------===//

#include "TestSupport.h"
#include "gtest/gtest.h"

using namespace gfpdep;

namespace {

const char *Balloon = R"(#include <gfpdep/kernel.h>
struct virtio_balloon {
  struct mutex balloon_lock;
  struct notifier_block nb;
  unsigned int num_pages;
};
static struct page *balloon_page_alloc(void) {
  return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOMEMALLOC | __GFP_NORETRY);
}
static unsigned fill_balloon(struct virtio_balloon *vb, unsigned num) {
  mutex_lock(&vb->balloon_lock);
  for (unsigned i = 0; i < num; i++)
    if (!balloon_page_alloc())
      break;
  mutex_unlock(&vb->balloon_lock);
  return num;
}
static unsigned leak_balloon(struct virtio_balloon *vb, unsigned num) {
  mutex_lock(&vb->balloon_lock);
  vb->num_pages -= num;
  mutex_unlock(&vb->balloon_lock);
  return num;
}
static int virtballoon_oom_notify(struct notifier_block *self,
                                  unsigned long dummy, void *parm) {
  leak_balloon(0, 256);
  return NOTIFY_OK;
}
int virtballoon_probe(struct virtio_balloon *vb) {
  vb->nb.notifier_call = virtballoon_oom_notify;
  vb->nb.priority = 0;
  fill_balloon(vb, 1);
  return register_oom_notifier(&vb->nb);
}
)";

TEST(Analyzer, BalloonDeadlockWithBothHalves) {
  AnalysisResult R = test::analyze(Balloon);
  ASSERT_EQ(R.Findings.size(), 1u);
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.R, Rule::ReclaimUnderLock);
  EXPECT_EQ(F.Where.Line, 8u); // the allocation
  EXPECT_NE(F.Message.find("GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | "
                           "__GFP_NOMEMALLOC"),
            std::string::npos)
      << F.Message;
  EXPECT_NE(F.Message.find("does not invoke the OOM killer itself: "
                           "__GFP_NORETRY"),
            std::string::npos);
  EXPECT_NE(F.Message.find("'virtio_balloon::balloon_lock'"), std::string::npos);
  std::vector<std::pair<unsigned, std::string>> Notes;
  for (const Step &S : F.Notes)
    Notes.push_back({S.Where.Line, S.Text});
  std::vector<std::pair<unsigned, std::string>> Expected = {
      {11, "mutex 'virtio_balloon::balloon_lock' acquired here"},
      {13, "'fill_balloon' calls 'balloon_page_alloc' here"},
      {33, "'virtballoon_oom_notify' registered as an OOM notifier here"},
      {26, "'virtballoon_oom_notify' calls 'leak_balloon' here"},
      {19, "mutex 'virtio_balloon::balloon_lock' acquired here, inside reclaim"},
      {8, "allocate before acquiring 'virtio_balloon::balloon_lock', or use "
          "GFP_NOWAIT while it is held"},
  };
  EXPECT_EQ(Notes, Expected);
}

TEST(Analyzer, AllocationOutsideTheLockIsClean) {
  std::string Fixed = Balloon;
  // Allocate first, take the lock only to account.
  size_t Pos = Fixed.find("  mutex_lock(&vb->balloon_lock);\n  for");
  ASSERT_NE(Pos, std::string::npos);
  Fixed.replace(Pos, std::string("  mutex_lock(&vb->balloon_lock);\n").size(),
                "");
  Pos = Fixed.find("      break;\n  mutex_unlock");
  Fixed.insert(Pos + std::string("      break;\n").size(),
               "  mutex_lock(&vb->balloon_lock);\n");
  AnalysisResult R = test::analyze(Fixed);
  EXPECT_TRUE(R.Findings.empty());
}

TEST(Analyzer, BadAnnotationIsAProblemNotACrash) {
  AnalysisResult R = test::analyze(R"(
__attribute__((annotate("gfpdep::allocates", 3))) void *f(int gfp);
__attribute__((annotate("gfpdep::no_such_thing"))) void g(void);
)");
  ASSERT_EQ(R.Problems.size(), 2u);
  EXPECT_NE(R.Problems[0].Message.find("1-based position"), std::string::npos);
  EXPECT_NE(R.Problems[1].Message.find("unknown gfpdep annotation"),
            std::string::npos);
}

} // namespace
