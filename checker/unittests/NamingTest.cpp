//===- NamingTest.cpp - lock classes from expressions ---------------------===//

#include "Naming.h"
#include "TestSupport.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "gtest/gtest.h"

using namespace gfpdep;
using namespace clang;

namespace {

/// The lock class of every use(x) argument inside function f, in order.
std::vector<std::string> classesIn(const std::string &Code, bool Cxx = false) {
  auto AST = test::parse(Code, Cxx);
  EXPECT_TRUE(AST);
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<std::string> Out;
    const FunctionDecl *F = nullptr;
    bool TraverseFunctionDecl(FunctionDecl *FD) {
      const FunctionDecl *Saved = F;
      F = FD;
      RecursiveASTVisitor::TraverseFunctionDecl(FD);
      F = Saved;
      return true;
    }
    bool VisitCallExpr(CallExpr *CE) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      if (F && F->getName() == "f" && Callee && Callee->getName() == "use") {
        LockRef R = nameLock(CE->getArg(0), F);
        Out.push_back(R.Param >= 0 ? "$" + std::to_string(R.Param) : R.Class.str());
      }
      return true;
    }
  } V;
  V.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  return V.Out;
}

TEST(Naming, GlobalsByDeclarationMembersByRecordAndField) {
  auto C = classesIn(R"(
struct spinlock { int x; };
struct vballoon { struct spinlock balloon_lock; struct spinlock locks[4]; };
struct outer { struct vballoon vb; };
void use(void *);
struct spinlock global_lock;
static struct spinlock file_lock;
void f(struct vballoon *vb, struct vballoon *other, struct outer *o, int i) {
  use(&global_lock);
  use(&file_lock);
  use(&vb->balloon_lock);
  use(&other->balloon_lock);
  use(&o->vb.balloon_lock);
  use(&vb->locks[i]);
  use((void *)&vb->balloon_lock);
}
)");
  std::vector<std::string> Expected = {
      "global_lock", "file_lock", "vballoon::balloon_lock",
      "vballoon::balloon_lock", "vballoon::balloon_lock", "vballoon::locks",
      "vballoon::balloon_lock"};
  EXPECT_EQ(C, Expected);
}

TEST(Naming, ParametersAreResolvedAtCallSites) {
  auto C = classesIn(R"(
struct spinlock { int x; };
void use(void *);
void f(int n, struct spinlock *l) {
  struct spinlock *alias = l;
  use(l);
  use(alias);
}
)");
  std::vector<std::string> Expected = {"$1", "$1"};
  EXPECT_EQ(C, Expected);
}

TEST(Naming, ContainerOfArithmeticKeepsTheField) {
  auto C = classesIn(R"(
struct spinlock { int x; };
struct dev { int id; struct spinlock lock; };
#define offsetof(t, m) __builtin_offsetof(t, m)
#define container_of(ptr, type, member) \
  ((type *)((char *)(ptr) - offsetof(type, member)))
void use(void *);
void f(struct spinlock *p) {
  use(&container_of(p, struct dev, lock)->lock);
}
)");
  ASSERT_EQ(C.size(), 1u);
  EXPECT_EQ(C[0], "dev::lock");
}

TEST(Naming, CxxMembersAndAnonymousRecords) {
  auto C = classesIn(R"(
namespace ns {
struct Mutex { int x; };
struct Balloon { Mutex lock_; struct { Mutex inner; } anon; };
}
void use(void *);
void f(ns::Balloon &b) {
  use(&b.lock_);
  use(&b.anon.inner);
}
)",
                     /*Cxx=*/true);
  std::vector<std::string> Expected = {"ns::Balloon::lock_",
                                       "ns::Balloon::(anonymous struct)::inner"};
  // The anonymous struct is a named member's type, not an anonymous member:
  // its field belongs to it.
  ASSERT_EQ(C.size(), 2u);
  EXPECT_EQ(C[0], Expected[0]);
  EXPECT_NE(C[1].find("inner"), std::string::npos);
}

} // namespace
