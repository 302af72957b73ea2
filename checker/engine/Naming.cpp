//===- Naming.cpp - lock classes and objects from expressions -------------===//
///
/// \file
/// Implements the lockdep-style naming of locks and callback-holding objects.
//===----------------------------------------------------------------------===//

#include "Naming.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace gfpdep;

std::string gfpdep::declName(const NamedDecl *D) {
  if (!D)
    return "(null)";
  if (const auto *M = dyn_cast<CXXMethodDecl>(D))
    if (M->getParent()->isLambda())
      return "lambda at line " +
             std::to_string(D->getASTContext().getSourceManager()
                                .getPresumedLineNumber(M->getParent()->getLocation()));
  std::string S;
  llvm::raw_string_ostream OS(S);
  if (const auto *FD = dyn_cast<FunctionDecl>(D);
      FD && FD->getTemplateSpecializationArgs())
    FD->getNameForDiagnostic(OS, D->getASTContext().getPrintingPolicy(),
                             /*Qualified=*/true);
  else
    D->printQualifiedName(OS);
  return S.empty() ? "(anonymous)" : S;
}

std::string gfpdep::recordName(const RecordDecl *RD) {
  if (!RD)
    return "(unknown)";
  // A member of an anonymous struct or union belongs to the named record
  // around it.
  while (RD->isAnonymousStructOrUnion())
    if (const auto *Outer = dyn_cast<RecordDecl>(RD->getDeclContext()))
      RD = Outer;
    else
      break;
  if (RD->getIdentifier() || RD->getDeclName().isIdentifier())
    if (!RD->getName().empty())
      return declName(RD);
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return declName(TD);
  return std::string("(anonymous ") + RD->getKindName().str() + ")";
}

LockRef gfpdep::nameVariable(const VarDecl *VD) {
  LockRef R;
  if (!VD->hasLocalStorage()) {
    R.Class = declName(VD);
    return R;
  }
  const auto *OwnerFn =
      dyn_cast_or_null<NamedDecl>(VD->getParentFunctionOrMethod());
  std::string Owner = OwnerFn ? declName(OwnerFn) : std::string("(local)");
  R.Class = Owner + "::" + (VD->getIdentifier() ? VD->getName().str()
                                                 : std::string("(anonymous)"));
  return R;
}

static const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref) {
        E = U->getSubExpr();
        continue;
      }
    }
    if (const auto *C = dyn_cast<ExplicitCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    return E;
  }
  return nullptr;
}

/// Records that are locks themselves, whose members are implementation.
static bool isLockRecord(llvm::StringRef Name) {
  return Name == "spinlock" || Name == "raw_spinlock" || Name == "spinlock_t" ||
         Name == "raw_spinlock_t" || Name == "qspinlock" || Name == "rwlock_t" ||
         Name == "mutex" || Name == "rw_semaphore" || Name == "semaphore";
}

/// Whether FD starts where the outermost non-anonymous record holding it
/// starts.
static bool atRecordStart(const FieldDecl *FD) {
  for (int Depth = 0; FD && Depth < 8; ++Depth) {
    const RecordDecl *RD = FD->getParent();
    if (!RD || RD->isInvalidDecl() || RD->isDependentType() || !RD->isCompleteDefinition())
      return true; // no layout to ask: as the lock itself
    if (FD->getASTContext().getFieldOffset(FD) != 0)
      return false;
    if (!RD->isAnonymousStructOrUnion())
      return true;
    const auto *Parent = dyn_cast<RecordDecl>(RD->getDeclContext());
    const FieldDecl *Holder = nullptr;
    if (Parent)
      for (const FieldDecl *F : Parent->fields())
        if (F->getType()->getAsRecordDecl() == RD)
          Holder = F;
    if (!Holder)
      return true;
    FD = Holder;
  }
  return true;
}

/// Records whose first member is the object itself for a wait: a delayed
/// work's work_struct is the delayed work (INIT_DELAYED_WORK binds its
/// function through &dw->work, cancel_delayed_work_sync() names dw).
static bool isWorkWrapper(llvm::StringRef Name) {
  return Name == "delayed_work" || Name == "rcu_work";
}

/// Records whose lock at offset 0 lockdep names after the record's object:
/// init_waitqueue_head(&vb->acked) gives the wait queue's lock a class of
/// its own (a static key per call site, named "&vb->acked"), so
/// &vb->acked.lock is the class 'virtio_balloon::acked', not one class for
/// every wait queue.
static bool isLockWrapper(llvm::StringRef Name) {
  return Name == "wait_queue_head" || Name == "swait_queue_head";
}

bool gfpdep::isLockInnards(const FieldDecl *FD) {
  if (!FD)
    return false;
  std::string Rec = recordName(FD->getParent());
  return (isLockRecord(Rec) || isWorkWrapper(Rec) || isLockWrapper(Rec)) &&
         atRecordStart(FD);
}

static LockRef nameLockImpl(const Expr *E, const FunctionDecl *Fn, int Depth) {
  LockRef R;
  E = strip(E);
  if (!E || Depth > 8)
    return R;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return R;
    // In a constructor, a reference or pointer member initialised from a
    // parameter is that parameter (RAII guards: Guard(Mutex &m) : m_(m)).
    if (const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(Fn))
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
          (FD->getType()->isReferenceType() || FD->getType()->isPointerType()))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getMember() == FD && Init->getInit())
            return nameLockImpl(Init->getInit(), Fn, Depth + 1);
    std::string Owner = recordName(FD->getParent());
    // A lock's own innards (spinlock::rlock, reached through the kernel's
    // spinlock_check()) are that lock: name the lock, not its member.
    if (isLockInnards(FD))
      return nameLockImpl(ME->getBase(), Fn, Depth + 1);
    std::string Field = FD->getIdentifier() ? FD->getName().str() : "(anonymous)";
    R.Class = Owner + "::" + Field;
    return R;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return nameLockImpl(AS->getBase(), Fn, Depth + 1);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // Pointer arithmetic: &locks[0] + i, container_of-style offsets.
    if (BO->isAdditiveOp())
      return nameLockImpl(BO->getLHS()->getType()->isPointerType()
                              ? BO->getLHS()
                              : BO->getRHS(),
                          Fn, Depth + 1);
    if (BO->getOpcode() == BO_Comma)
      return nameLockImpl(BO->getRHS(), Fn, Depth + 1);
    return R;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return R;
    if (const auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
      if (PVD->getFunctionScopeDepth() == 0) {
        R.Param = PVD->getFunctionScopeIndex();
        if (PVD->getIdentifier())
          R.Display = PVD->getName().str();
        return R;
      }
      R.Class = declName(PVD);
      return R;
    }
    if (VD->hasLocalStorage()) {
      if (const Expr *Init = VD->getInit())
        if (VD->getType()->isPointerType() || VD->getType()->isReferenceType()) {
          LockRef Through = nameLockImpl(Init, Fn, Depth + 1);
          if (Through.known())
            return Through;
        }
    }
    return nameVariable(VD);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return R;
    // A pass-through accessor, like the kernel's spinlock_check():
    // { return &lock->rlock; } names what its argument names.
    const FunctionDecl *Def = Callee->getDefinition();
    if (const auto *Body = dyn_cast_or_null<CompoundStmt>(Def ? Def->getBody() : nullptr))
      if (Body->size() == 1)
        if (const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front()))
          if (Ret->getRetValue()) {
            LockRef Inner = nameLockImpl(Ret->getRetValue(), Def, Depth + 1);
            if (Inner.Param >= 0 && unsigned(Inner.Param) < CE->getNumArgs())
              return nameLockImpl(CE->getArg(Inner.Param), Fn, Depth + 1);
            if (Inner.concrete())
              return Inner;
          }
    R.Class = declName(Callee) + "()";
    return R;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return nameLockImpl(CO->getTrueExpr(), Fn, Depth + 1);
  return R;
}

LockRef gfpdep::nameLock(const Expr *E, const FunctionDecl *Fn) {
  return nameLockImpl(E, Fn, 0);
}

const FunctionDecl *gfpdep::functionOf(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref) {
        E = U->getSubExpr();
        continue;
      }
      return nullptr;
    }
    if (const auto *C = dyn_cast<ExplicitCastExpr>(E)) {
      E = C->getSubExpr();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<FunctionDecl>(DRE->getDecl());
    if (const auto *L = dyn_cast<LambdaExpr>(E))
      return L->capture_size() == 0 ? L->getCallOperator() : nullptr;
    // A captureless lambda converted to a function pointer.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      // getMethodDecl() is null for a call through a pointer to member.
      if (isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl())) {
        E = MC->getImplicitObjectArgument();
        continue;
      }
      return nullptr;
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

/// Presumed file names -> absolute Symbols, for the unit being analysed.
static thread_local llvm::DenseMap<const char *, Symbol> AbsoluteNames;

void gfpdep::resetLocationCache() { AbsoluteNames.clear(); }

Loc gfpdep::makeLoc(SourceLocation L, const SourceManager &SM) {
  Loc R;
  if (L.isInvalid())
    return R;
  SourceLocation F = SM.getExpansionLoc(L);
  PresumedLoc P = SM.getPresumedLoc(F);
  if (P.isInvalid())
    return R;
  // Absolute, so that summaries mean the same file in every unit. The
  // presumed name's storage is stable within a unit: cache by pointer.
  const char *Name = P.getFilename();
  auto [It, Inserted] = AbsoluteNames.try_emplace(Name);
  if (Inserted) {
    llvm::StringRef N(Name);
    if (llvm::sys::path::is_absolute(N) || N.starts_with("<")) {
      It->second = N;
    } else {
      llvm::SmallString<256> Abs(N);
      SM.getFileManager().makeAbsolutePath(Abs);
      llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      It->second = Abs.str();
    }
  }
  R.File = It->second;
  R.Line = P.getLine();
  R.Col = P.getColumn();
  R.Raw = F.getRawEncoding();
  return R;
}

std::string gfpdep::usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (!D || clang::index::generateUSRForDecl(D, Buf))
    return "";
  return Buf.str().str();
}

std::string gfpdep::mainFilePath(FileEntryRef File) {
  llvm::SmallString<256> P(File.getName());
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

SourceLocation gfpdep::toSourceLocation(const Loc &L, SourceManager &SM) {
  if (L.Raw)
    return SourceLocation::getFromRawEncoding(L.Raw);
  if (!L.valid())
    return SourceLocation();
  auto File = SM.getFileManager().getOptionalFileRef(L.File.ref());
  if (!File)
    return SourceLocation();
  if (SM.translateFile(*File).isInvalid())
    SM.createFileID(*File, SourceLocation(), SrcMgr::C_User);
  return SM.translateFileLineCol(*File, L.Line, L.Col);
}
