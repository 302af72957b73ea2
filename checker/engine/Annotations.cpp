//===- Annotations.cpp - reading and checking gfpdep annotations ---------===//
///
/// \file
/// See Annotations.h. Every message starts with the annotation it is about
/// and ends, where there is one, with the fix.
//===----------------------------------------------------------------------===//

#include "Annotations.h"
#include "Naming.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace gfpdep;

namespace {

const AnnotationSpec Specs[] = {
    {"oom_notifier", AnnotationSpec::EntryCtx, Flavor::OomNotifier, ApiOp::Block, false},
    {"shrinker", AnnotationSpec::EntryCtx, Flavor::Shrinker, ApiOp::Block, false},
    {"atomic_context", AnnotationSpec::EntryCtx, Flavor::IrqOff, ApiOp::Block, false},
    {"nonblocking_context", AnnotationSpec::EntryCtx, Flavor::NonBlock, ApiOp::Block, false},
    {"never_sleeps", AnnotationSpec::NeverSleeps, Flavor::None, ApiOp::Block, false},
    {"must_not_hold", AnnotationSpec::MustNotHold, Flavor::None, ApiOp::Block, false},
    {"might_sleep", AnnotationSpec::Row, Flavor::None, ApiOp::Block, false},
    {"allocates", AnnotationSpec::Row, Flavor::None, ApiOp::Alloc, true},
    {"acquires", AnnotationSpec::Row, Flavor::Mutex, ApiOp::Acquire, true},
    {"try_acquires", AnnotationSpec::Row, Flavor::Mutex, ApiOp::TryAcquire, true},
    {"releases", AnnotationSpec::Row, Flavor::Mutex, ApiOp::Release, true},
};

const AnnotationSpec *findSpec(StringRef Name) {
  for (const AnnotationSpec &S : Specs)
    if (Name == S.Name)
      return &S;
  return nullptr;
}

std::string quoted(const AnnotationSpec *S) {
  return "'gfpdep::" + std::string(S->Name) + "'";
}

/// A GFP mask: gfp_t (through any typedefs), or another unsigned integer
/// type (a user-space port's own mask); not bool, a character or an enum.
bool isMaskType(QualType T) {
  T = T.getNonReferenceType();
  if (T->isDependentType())
    return true; // checked where the template is instantiated
  for (QualType S = T; !S.isNull();) {
    const auto *TT = S->getAs<TypedefType>();
    if (!TT)
      break;
    if (TT->getDecl()->getIdentifier() && TT->getDecl()->getName() == "gfp_t")
      return true;
    S = TT->getDecl()->getUnderlyingType();
  }
  QualType C = T.getCanonicalType();
  return C->isUnsignedIntegerType() && !C->isBooleanType() &&
         !C->isAnyCharacterType() && !C->isEnumeralType();
}

/// A lock parameter: a pointer (or C++ reference) to the lock object; in
/// C++ also a guard or handle object passed by value. Not an integer, a
/// function pointer or a C struct passed by value.
bool isLockType(QualType T, const ASTContext &Ctx) {
  if (T->isDependentType())
    return true;
  if (T->isReferenceType())
    return !T.getNonReferenceType()->isFunctionType();
  if (T->isObjCObjectPointerType())
    return true;
  if (const auto *PT = T->getAs<PointerType>())
    return !PT->getPointeeType()->isFunctionType();
  if (Ctx.getLangOpts().CPlusPlus && T->isRecordType())
    return true;
  return false;
}

/// Whether a variable, field or type is of function-pointer type (or an
/// array of them, a function type, a block).
bool isFunctionPointerLike(QualType T, const ASTContext &Ctx) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isArrayType())
    T = Ctx.getBaseElementType(T);
  return T->isFunctionPointerType() || T->isMemberFunctionPointerType() ||
         T->isBlockPointerType() || T->isFunctionType();
}

/// "variable 'g'", "field 'dev::flags'", "parameter 'n'", "struct 'hw'".
std::string describe(const Decl *D) {
  if (const auto *P = dyn_cast<ParmVarDecl>(D))
    return P->getIdentifier() ? "parameter '" + P->getName().str() + "'"
                              : std::string("an unnamed parameter");
  if (const auto *F = dyn_cast<FieldDecl>(D))
    return "field '" + recordName(F->getParent()) + "::" +
           (F->getIdentifier() ? F->getName().str() : std::string("(anonymous)")) +
           "'";
  if (const auto *V = dyn_cast<VarDecl>(D))
    return "variable '" + declName(V) + "'";
  if (const auto *T = dyn_cast<TypedefNameDecl>(D))
    return "type '" + declName(T) + "'";
  if (const auto *T = dyn_cast<TagDecl>(D))
    return T->getKindName().str() + " '" + declName(T) + "'";
  if (const auto *E = dyn_cast<EnumConstantDecl>(D))
    return "enumerator '" + declName(E) + "'";
  if (const auto *N = dyn_cast<NamedDecl>(D); N && N->getIdentifier())
    return "'" + declName(N) + "'";
  return "a declaration that is not a function";
}

/// "parameter 2 ('gfp')".
std::string paramName(const FunctionDecl *FD, unsigned I) {
  std::string S = "parameter " + std::to_string(I + 1);
  if (const IdentifierInfo *II = FD->getParamDecl(I)->getIdentifier())
    S += " ('" + II->getName().str() + "')";
  return S;
}

} // namespace

llvm::ArrayRef<AnnotationSpec> gfpdep::annotationSpecs() { return Specs; }

std::string gfpdep::knownAnnotations() {
  std::string S;
  for (const AnnotationSpec &A : Specs)
    S += (S.empty() ? "" : ", ") + std::string(A.Name);
  return S;
}

void AnnotationReader::problem(SourceLocation L, std::string Msg, std::string Key) {
  // The same annotation is seen again on each redeclaration (inherited) and
  // each template instantiation: one error is enough.
  SourceLocation At = L.isValid() ? Ctx.getSourceManager().getExpansionLoc(L) : L;
  if (!Reported.insert({At.getRawEncoding(), Key.empty() ? Msg : Key}).second)
    return;
  Report(L, std::move(Msg));
}

bool AnnotationReader::checkParamType(const FunctionDecl *FD, const AnnotateAttr *A,
                                      StringRef Name, unsigned Position,
                                      ParamNeed Need) {
  const ParmVarDecl *P = FD->getParamDecl(Position - 1);
  QualType T = P->getType();
  auto Fits = [&](QualType Ty) {
    return Need == MaskParam ? isMaskType(Ty) : isLockType(Ty, Ctx);
  };
  if (Fits(T))
    return true;
  // In an instantiation only a parameter whose type came from the template.
  if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
    if (Position <= Pattern->getNumParams() &&
        !Pattern->getParamDecl(Position - 1)->getType()->isDependentType())
      return false; // reported on the template
  std::string What = Need == MaskParam
                         ? "a GFP mask (gfp_t or another unsigned integer type)"
                         : "a pointer to a lock";
  std::string Msg = "'gfpdep::" + Name.str() + "' needs parameter " +
                    std::to_string(Position) + " of '" + declName(FD) + "' to be " +
                    What + ", but " +
                    (P->getIdentifier() ? "'" + P->getName().str() + "'"
                                        : std::string("it")) +
                    " is '" + T.getAsString(Ctx.getPrintingPolicy()) + "'";
  // The fix: the one parameter that fits, if there is one.
  std::optional<unsigned> Only;
  unsigned Count = 0;
  for (unsigned I = 0; I < FD->getNumParams(); ++I)
    if (Fits(FD->getParamDecl(I)->getType()) &&
        !FD->getParamDecl(I)->getType()->isDependentType()) {
      Only = I;
      ++Count;
    }
  if (Count == 1)
    Msg += "; did you mean " + paramName(FD, *Only) + "?";
  else if (Need == MaskParam)
    Msg += "; give the position of the parameter that holds the GFP mask";
  else if (Need == LockParam)
    Msg += "; give the position of the parameter that points to the lock";
  else
    Msg += "; give the position of the parameter that points to the lock, or "
           "name the lock class as a string (\"record::field\" or a global's "
           "name)";
  problem(A->getLocation(), Msg, "type:" + Name.str() + ":" + std::to_string(Position));
  return false;
}

std::optional<ParsedAnnotation>
AnnotationReader::readMustNotHold(const FunctionDecl *FD, const AnnotateAttr *A,
                                  const AnnotationSpec *Spec) {
  const char *Usage = "'gfpdep::must_not_hold' takes one lock: a class name "
                      "string (\"record::field\" or a global's name) or the "
                      "1-based position of a lock parameter";
  if (A->args_size() != 1) {
    problem(A->getLocation(), Usage);
    return std::nullopt;
  }
  const Expr *E = *A->args_begin();
  ParsedAnnotation P;
  P.A = A;
  P.Spec = Spec;
  Expr::EvalResult R;
  if (const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParenImpCasts())) {
    if (SL->getString().empty()) {
      problem(E->getExprLoc(), Usage);
      return std::nullopt;
    }
    P.Class = SL->getString().str();
    return P;
  }
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx)) {
    uint64_t Pos = R.Val.getInt().getZExtValue();
    if (Pos == 0 || Pos > FD->getNumParams()) {
      problem(A->getLocation(),
              "'gfpdep::must_not_hold' needs the 1-based position of a "
              "parameter of '" + declName(FD) + "' (it has " +
                  std::to_string(FD->getNumParams()) + ")");
      return std::nullopt;
    }
    if (!checkParamType(FD, A, Spec->Name, unsigned(Pos), LockParamOrClass))
      return std::nullopt;
    P.Position = unsigned(Pos);
    return P;
  }
  problem(E->getExprLoc(), Usage);
  return std::nullopt;
}

std::optional<ParsedAnnotation> AnnotationReader::read(const FunctionDecl *FD,
                                                       const AnnotateAttr *A) {
  StringRef Full = A->getAnnotation();
  if (!Full.consume_front("gfpdep::"))
    return std::nullopt;
  const AnnotationSpec *Spec = findSpec(Full);
  if (!Spec) {
    problem(A->getLocation(), "unknown gfpdep annotation 'gfpdep::" + Full.str() +
                                  "'; known annotations: " + knownAnnotations());
    return std::nullopt;
  }
  if (Spec->What == AnnotationSpec::MustNotHold)
    return readMustNotHold(FD, A, Spec);
  // Arguments: a 1-based parameter position, then an optional flavour.
  ParsedAnnotation P;
  P.A = A;
  P.Spec = Spec;
  P.Fl = Spec->Fl;
  unsigned ArgNo = 0;
  for (const Expr *E : A->args()) {
    ++ArgNo;
    Expr::EvalResult R;
    if (const auto *SL = dyn_cast<StringLiteral>(E->IgnoreParenImpCasts())) {
      if (!parseFlavor(SL->getString(), P.Fl) ||
          !(isSleepingLock(P.Fl) || isSpinningLock(P.Fl))) {
        problem(E->getExprLoc(), "'gfpdep::" + Full.str() + "': '" +
                                     SL->getString().str() +
                                     "' is not a lock flavour (mutex, rwsem, "
                                     "semaphore, spin, raw-spin, rwlock)");
        return std::nullopt;
      }
      continue;
    }
    if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx)) {
      P.Position = unsigned(R.Val.getInt().getZExtValue());
      continue;
    }
    problem(E->getExprLoc(), "argument " + std::to_string(ArgNo) + " of 'gfpdep::" +
                                 Full.str() +
                                 "' must be an integer constant or a string");
    return std::nullopt;
  }
  if (Spec->TakesParam) {
    if (!P.Position || *P.Position == 0 || *P.Position > FD->getNumParams()) {
      problem(A->getLocation(), "'gfpdep::" + Full.str() +
                                    "' needs the 1-based position of a parameter of '" +
                                    declName(FD) + "' (it has " +
                                    std::to_string(FD->getNumParams()) + ")");
      return std::nullopt;
    }
    if (!checkParamType(FD, A, Full, *P.Position,
                        Spec->Op == ApiOp::Alloc ? MaskParam : LockParam))
      return std::nullopt;
  } else if (P.Position) {
    problem(A->getLocation(), "'gfpdep::" + Full.str() + "' takes no parameter position");
    return std::nullopt;
  }
  return P;
}

std::string AnnotationReader::contradiction(const FunctionDecl *FD,
                                            const ParsedAnnotation &X,
                                            const ParsedAnnotation &Y) const {
  auto Is = [](const ParsedAnnotation &P, StringRef Name) {
    return Name == P.Spec->Name;
  };
  // What a promise or a context forbids: sleeping.
  auto NoSleep = [](const ParsedAnnotation &P) -> const char * {
    if (P.Spec->What == AnnotationSpec::NeverSleeps)
      return "a function that promises never to sleep";
    if (P.Spec->What == AnnotationSpec::EntryCtx && P.Fl == Flavor::IrqOff)
      return "a function that runs in atomic context";
    if (P.Spec->What == AnnotationSpec::EntryCtx && P.Fl == Flavor::NonBlock)
      return "a function that runs in a non-blocking context";
    return nullptr;
  };
  std::string Fn = "'" + declName(FD) + "'";
  for (int Swap = 0; Swap < 2; ++Swap) {
    const ParsedAnnotation &P = Swap ? Y : X, &Q = Swap ? X : Y;
    std::string Head = quoted(P.Spec) + " contradicts " + quoted(Q.Spec) + " on " + Fn;
    if (const char *Who = NoSleep(P)) {
      if (Is(Q, "might_sleep"))
        return Head + ": " + Who + " cannot be declared to sleep; drop one of them";
      if (Is(Q, "acquires") && isSleepingLock(Q.Fl))
        return Head + ": " + Who + " cannot acquire a " + flavorNoun(Q.Fl).str() +
               ", which may sleep; give a spinning flavour (\"spin\", "
               "\"raw-spin\" or \"rwlock\"), or drop one of them";
    }
    if (P.Spec->What == AnnotationSpec::MustNotHold && P.Position &&
        Is(Q, "releases") && Q.Position == P.Position)
      return Head + ": callers must hold the lock in parameter " +
             std::to_string(*P.Position) + " for " + Fn +
             " to release it; drop one of them";
  }
  // A function acts as one model row: a second one would be ignored.
  if (X.Spec->What == AnnotationSpec::Row && Y.Spec->What == AnnotationSpec::Row) {
    if (X.Spec == Y.Spec)
      return quoted(X.Spec) + " is given twice on " + Fn +
             " with different arguments; keep one";
    return quoted(X.Spec) + " conflicts with " + quoted(Y.Spec) + " on " + Fn +
           ": gfpdep describes a function by one of might_sleep, allocates, "
           "acquires, try_acquires and releases, and would ignore the other; "
           "keep one";
  }
  return "";
}

std::vector<ParsedAnnotation> AnnotationReader::readFunction(const FunctionDecl *FD) {
  std::vector<ParsedAnnotation> All;
  if (!FD->hasAttrs())
    return All;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (std::optional<ParsedAnnotation> P = read(FD, A))
      All.push_back(std::move(*P));
  const SourceManager &SM = Ctx.getSourceManager();
  auto At = [&](const ParsedAnnotation &P) { return SM.getExpansionLoc(P.A->getLocation()); };
  std::vector<bool> Drop(All.size(), false);
  for (size_t I = 0; I < All.size(); ++I)
    for (size_t J = I + 1; J < All.size(); ++J) {
      if (All[I].sameAs(All[J]))
        continue; // one annotation seen twice (a redeclaration inherits it)
      // In source order: the error is at the later one (an inherited
      // annotation comes from an earlier declaration).
      const ParsedAnnotation *First = &All[I], *Second = &All[J];
      if (SM.isBeforeInTranslationUnit(At(*Second), At(*First)))
        std::swap(First, Second);
      std::string Why = contradiction(FD, *First, *Second);
      if (Why.empty())
        continue;
      Drop[I] = Drop[J] = true;
      problem(Second->A->getLocation(), Why,
              "contradiction:" + std::string(First->Spec->Name) + ":" +
                  Second->Spec->Name);
    }
  std::vector<ParsedAnnotation> Kept;
  for (size_t I = 0; I < All.size(); ++I)
    if (!Drop[I])
      Kept.push_back(std::move(All[I]));
  return Kept;
}

void AnnotationReader::checkPlacement(const Decl *D) {
  if (!D || isa<FunctionDecl>(D) || !D->hasAttrs())
    return;
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    StringRef Full = A->getAnnotation();
    if (!Full.consume_front("gfpdep::"))
      continue;
    const AnnotationSpec *Spec = findSpec(Full);
    if (!Spec) {
      problem(A->getLocation(), "unknown gfpdep annotation 'gfpdep::" + Full.str() +
                                    "'; known annotations: " + knownAnnotations());
      continue;
    }
    QualType T;
    if (const auto *VD = dyn_cast<ValueDecl>(D))
      T = VD->getType();
    else if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      T = TD->getUnderlyingType();
    std::string Msg = quoted(Spec) + " applies to functions, but it is on " + describe(D);
    if (isFunctionPointerLike(T, Ctx)) {
      if (isa<TypedefNameDecl>(D))
        Msg += ", a function type; put it on each function of this type";
      else
        Msg += ", a function pointer; put it on the functions stored in it "
               "instead (gfpdep follows calls through the pointer to them)";
    } else {
      Msg += "; put it on a function's declaration";
    }
    problem(A->getLocation(), Msg, "placement:" + Full.str());
  }
}
