//===- Facts.cpp - callback stores, registrations, annotations ------------===//
///
/// \file
/// One pass over the unit's AST that records where function pointers go and
/// which callbacks become entry points, and reads gfpdep annotations.
//===----------------------------------------------------------------------===//

#include "Facts.h"
#include "Annotations.h"
#include "Naming.h"
#include "clang/Basic/SourceManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace gfpdep;

namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, const ApiModel &Model, ProgramFacts &Facts)
      : Ctx(Ctx), Model(Model), Facts(Facts),
        Reader(Ctx, [this](SourceLocation L, std::string Msg) {
          problem(L, std::move(Msg));
        }) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() != BO_Assign)
      return true;
    const FunctionDecl *Fn = functionOf(BO->getRHS());
    if (!Fn)
      return true;
    const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        storeField(FD, nameLock(ME->getBase(), nullptr), Fn, BO->getBeginLoc());
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Facts.VarStores[VD].insert(Fn);
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    const Expr *Init = VD->getInit();
    if (!Init || VD->isInvalidDecl())
      return true;
    if (const FunctionDecl *Fn = functionOf(Init)) {
      Facts.VarStores[VD].insert(Fn);
      return true;
    }
    if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts())) {
      storeInit(ILE, nameVariable(VD));
    }
    return true;
  }

  bool VisitCompoundLiteralExpr(CompoundLiteralExpr *CLE) {
    if (const auto *ILE = dyn_cast_or_null<InitListExpr>(CLE->getInitializer()))
      storeInit(ILE, LockRef());
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    for (unsigned I = 0; I < CE->getNumArgs() && I < Callee->getNumParams(); ++I)
      if (const FunctionDecl *Fn = functionOf(CE->getArg(I)))
        Facts.ParamArgs[{Callee->getCanonicalDecl(), I}].insert(Fn);
    if (const ApiRow *Row = rowFor(Callee, Model, Facts))
      if (Row->Op == ApiOp::Register)
        Facts.Registrations.push_back({CE, Row});
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
      if (const FunctionDecl *Fn = functionOf(CE->getArg(I)))
        Facts.ParamArgs[{Ctor->getCanonicalDecl(), I}].insert(Fn);
    return true;
  }

  bool VisitCXXMethodDecl(CXXMethodDecl *MD) {
    if (!MD->isVirtual() || MD->isInvalidDecl())
      return true;
    const CXXMethodDecl *Canon = MD->getCanonicalDecl();
    Facts.Overriders[Canon].insert(MD);
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(MD->overridden_methods());
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
      Facts.Overriders[Base].insert(MD);
      Work.append(Base->overridden_methods().begin(),
                  Base->overridden_methods().end());
    }
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isInvalidDecl() || !FD->hasAttrs())
      return true;
    for (const ParsedAnnotation &P : Reader.readFunction(FD))
      readAnnotation(FD, P);
    return true;
  }

  bool VisitDecl(Decl *D) {
    Reader.checkPlacement(D); // an annotation on a variable, a field, ...
    return true;
  }

private:
  ASTContext &Ctx;
  const ApiModel &Model;
  ProgramFacts &Facts;
  AnnotationReader Reader;

  void storeField(const FieldDecl *FD, const LockRef &Obj, const FunctionDecl *Fn,
                  SourceLocation At) {
    if (!FD->getIdentifier())
      return;
    std::string Field = FD->getName().str();
    std::string Key = recordName(FD->getParent()) + "::" + Field;
    Facts.FieldStores[Key].insert(Fn);
    // A callback field registers what is stored into it (DEFINE_TIMER).
    if (const ApiRow *Row = Model.lookup(Key))
      if (Row->Op == ApiOp::CallbackField) {
        EntryPoint EP;
        EP.Fn = Fn;
        EP.Ctx.Kind = CtxKind::Entry;
        EP.Ctx.Fl = Row->Fl;
        EP.Ctx.Origin = makeLoc(At, Ctx.getSourceManager());
        EP.Ctx.Via = Row->Name.str();
        EP.Ctx.Entry = declName(Fn);
        Facts.Entries.push_back(EP);
      }
    if (Obj.concrete())
      Facts.ObjectStores[Obj.Class + "::" + Field].insert(Fn);
  }

  /// Designated and positional initialisers of a record, nested records too.
  void storeInit(const InitListExpr *ILE, const LockRef &Obj) {
    if (ILE->isSyntacticForm() && ILE->getSemanticForm())
      ILE = ILE->getSemanticForm();
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD) {
      // An array of records: every element stores into the same fields.
      for (const Expr *E : ILE->inits())
        if (const auto *Sub = dyn_cast<InitListExpr>(E->IgnoreParenImpCasts()))
          storeInit(Sub, Obj);
      return;
    }
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (RD->isUnion())
        FD = ILE->getInitializedFieldInUnion();
      if (!FD || I >= ILE->getNumInits())
        break;
      const Expr *E = ILE->getInit(I++);
      if (const FunctionDecl *Fn = functionOf(E)) {
        storeField(FD, Obj, Fn, E->getBeginLoc());
      } else if (const auto *Sub = dyn_cast<InitListExpr>(E->IgnoreParenImpCasts())) {
        LockRef Inner;
        if (FD->getIdentifier())
          Inner.Class = recordName(RD) + "::" + FD->getName().str();
        storeInit(Sub, Inner);
      }
      if (RD->isUnion())
        break;
    }
  }

  void problem(SourceLocation L, std::string Msg) {
    Facts.Problems.push_back({makeLoc(L, Ctx.getSourceManager()), std::move(Msg)});
  }

  /// One well-formed annotation (AnnotationReader has checked it).
  void readAnnotation(FunctionDecl *FD, const ParsedAnnotation &P) {
    const AnnotationSpec *Spec = P.Spec;
    const FunctionDecl *Canon = FD->getCanonicalDecl();
    if (Spec->What == AnnotationSpec::MustNotHold) {
      // gfpdep::must_not_hold("record::field") or (position of a lock parameter).
      ProgramFacts::Promise Pr;
      Pr.Where = makeLoc(P.A->getLocation(), Ctx.getSourceManager());
      if (P.Position) {
        Pr.Lock.Param = int(*P.Position) - 1;
        if (const IdentifierInfo *II = FD->getParamDecl(*P.Position - 1)->getIdentifier())
          Pr.Lock.Display = II->getName();
      } else {
        Pr.Lock.Class = P.Class;
      }
      Facts.MustNotHold[Canon].push_back(Pr);
      return;
    }
    if (Spec->What == AnnotationSpec::Row) {
      Facts.AnnotationStrings.push_back(declName(FD));
      ApiRow Row{Facts.AnnotationStrings.back(), Spec->Op, P.Fl,
                 P.Position ? int(*P.Position) - 1 : -1, -1, 0, ""};
      Facts.AnnotatedRows[Canon] = Row;
      return;
    }
    EntryPoint EP;
    EP.Fn = FD;
    EP.Ctx.Kind = Spec->What == AnnotationSpec::NeverSleeps ? CtxKind::NeverSleeps
                                                            : CtxKind::Entry;
    EP.Ctx.Fl = Spec->Fl;
    EP.Ctx.Origin = makeLoc(P.A->getLocation(), Ctx.getSourceManager());
    EP.Ctx.Via = "gfpdep::" + std::string(Spec->Name);
    EP.Ctx.Entry = declName(FD);
    Facts.Entries.push_back(EP);
  }
};

} // namespace

const ApiRow *gfpdep::rowFor(const FunctionDecl *Fn, const ApiModel &Model,
                             const ProgramFacts &Facts) {
  if (!Fn)
    return nullptr;
  auto [It, Inserted] = Facts.RowCache.try_emplace(Fn->getCanonicalDecl(), nullptr);
  if (!Inserted)
    return It->second;
  const ApiRow *R = Facts.annotatedRow(Fn);
  if (!R)
    R = Model.lookup(declName(Fn));
  if (!R && !isa<CXXMethodDecl>(Fn) && Fn->getIdentifier())
    R = Model.lookup(Fn->getName());
  // A C library row: only the library's function, not the program's own
  // function of that name.
  if (R && (R->Flags & RF_SystemHeader) && R != Facts.annotatedRow(Fn)) {
    const SourceManager &SM = Fn->getASTContext().getSourceManager();
    if (!SM.isInSystemHeader(SM.getExpansionLoc(Fn->getCanonicalDecl()->getLocation())))
      R = nullptr;
  }
  // The collector asks before every annotation is read: do not cache then.
  if (!Facts.Collected)
    Facts.RowCache.erase(Fn->getCanonicalDecl());
  else
    Facts.RowCache[Fn->getCanonicalDecl()] = R;
  return R;
}

void ProgramFacts::collect(ASTContext &Ctx, const ApiModel &Model) {
  Collector C(Ctx, Model, *this);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  Collected = true;

  // Registrations, now that every store is known.
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[CE, Row] : Registrations) {
    if (Row->Arg < 0 || unsigned(Row->Arg) >= CE->getNumArgs())
      continue;
    // Work queued on a workqueue is not a registration; a kernel thread
    // runs in process context (the link's wait-under-lock binds both).
    if (Row->Fl == Flavor::Workqueue || Row->Fl == Flavor::Kthread)
      continue;
    const Expr *Arg = CE->getArg(Row->Arg);
    FunctionSet Targets;
    if (Row->Fields.empty()) {
      if (const FunctionDecl *Fn = functionOf(Arg))
        Targets.insert(Fn);
    } else {
      LockRef Obj = nameLock(Arg, nullptr);
      llvm::SmallVector<StringRef, 2> Fields;
      Row->Fields.split(Fields, ',');
      for (StringRef F : Fields) {
        const FunctionSet *Set = nullptr;
        if (Obj.concrete()) {
          auto It = ObjectStores.find(Obj.Class + "::" + F.str());
          if (It != ObjectStores.end())
            Set = &It->second;
        }
        if (!Set && !Obj.concrete()) { // the object is not known here:
                                       // any store into its type's field
          QualType T = Arg->IgnoreParenImpCasts()->getType();
          if (T->isPointerType())
            T = T->getPointeeType();
          if (const RecordDecl *RD = T->getAsRecordDecl())
            Set = fieldTargets(recordName(RD) + "::" + F.str());
        }
        if (Set)
          Targets.insert(Set->begin(), Set->end());
      }
    }
    for (const FunctionDecl *Fn : Targets) {
      EntryPoint EP;
      EP.Fn = Fn;
      EP.Ctx.Kind = CtxKind::Entry;
      EP.Ctx.Fl = Row->Fl;
      EP.Ctx.Origin = makeLoc(CE->getBeginLoc(), SM);
      EP.Ctx.Via = Row->Name.str();
      EP.Ctx.Entry = declName(Fn);
      Entries.push_back(EP);
    }
  }
}

const FunctionSet *ProgramFacts::fieldTargets(const std::string &Key) const {
  auto It = FieldStores.find(Key);
  return It == FieldStores.end() ? nullptr : &It->second;
}

const FunctionSet *ProgramFacts::paramTargets(const FunctionDecl *Fn,
                                              unsigned Param) const {
  auto It = ParamArgs.find({Fn->getCanonicalDecl(), Param});
  return It == ParamArgs.end() ? nullptr : &It->second;
}

const FunctionSet *ProgramFacts::varTargets(const VarDecl *VD) const {
  auto It = VarStores.find(VD);
  return It == VarStores.end() ? nullptr : &It->second;
}

const FunctionSet *ProgramFacts::overriders(const CXXMethodDecl *MD) const {
  auto It = Overriders.find(MD->getCanonicalDecl());
  return It == Overriders.end() ? nullptr : &It->second;
}

const llvm::SmallVector<ProgramFacts::Promise, 1> *
ProgramFacts::mustNotHold(const FunctionDecl *Fn) const {
  auto It = MustNotHold.find(Fn->getCanonicalDecl());
  return It == MustNotHold.end() ? nullptr : &It->second;
}

const ApiRow *ProgramFacts::annotatedRow(const FunctionDecl *Fn) const {
  auto It = AnnotatedRows.find(Fn->getCanonicalDecl());
  return It == AnnotatedRows.end() ? nullptr : &It->second;
}
