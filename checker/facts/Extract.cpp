//===- Extract.cpp - a unit's AST and macros -> its facts -----------------===//
///
/// \file
/// The only stage that reads the AST. Each function the unit's main file can
/// reach (and every function it stores or registers) becomes a small CFG of
/// events: Clang's CFG with every element that does not matter dropped, and
/// every argument already read as what it names (a lock class, a parameter,
/// a tracked local, the result of an earlier call; a GFP mask; functions).
/// A kernel hint macro (any macro whose name is a model row: might_sleep(),
/// non_block_start(), raw_spin_lock_nested(), wait_event(), ...) becomes one
/// call to that row whatever it expanded to, so that hints a .config
/// compiles to nothing are still seen and subclasses spelled in a macro
/// survive the macro.
//===----------------------------------------------------------------------===//

#include "facts/Extract.h"
#include "Annotations.h"
#include "Naming.h"
#include "model/GfpLayout.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Path.h"
#include <map>
#include <functional>

using namespace clang;
using namespace gfpdep;

// -----------------------------------------------------------------------------
// Preprocessor: hint macros and suppression comments
// -----------------------------------------------------------------------------

namespace {

/// One argument of a hint macro, as written.
struct HintArg {
  unsigned Begin = 0, End = 0; ///< spelling locations of its first and last token
  std::vector<std::string> Tokens;
};

struct MacroHint {
  Symbol Name;
  llvm::SmallVector<HintArg, 3> Args;
};

struct RawSuppression {
  SourceLocation Begin, End;
  std::string Rule;
};

} // namespace

struct FactsCollector::State {
  /// Expansion point (raw encoding of the macro name's location) -> hint.
  llvm::DenseMap<unsigned, MacroHint> Hints;
  std::vector<RawSuppression> Suppressions;
};

namespace {

/// Where a token of a macro argument was written, as the argument list
/// shows it: through argument substitutions to their spelling, through
/// macro bodies to their expansion point. An argument that is itself a
/// macro (GFP_KERNEL) is the place of its name.
static SourceLocation argumentLoc(const SourceManager &SM, SourceLocation L) {
  for (int Depth = 0; L.isMacroID() && Depth < 64; ++Depth)
    L = SM.isMacroArgExpansion(L) ? SM.getImmediateSpellingLoc(L)
                                  : SM.getImmediateExpansionRange(L).getBegin();
  return L;
}

/// Whether a name is one of the model's rows: a hint when it is a macro.
const ApiRow *builtinRow(StringRef Name) { return builtinModel().lookup(Name); }

class HintCallbacks : public PPCallbacks {
public:
  HintCallbacks(std::shared_ptr<FactsCollector::State> S, Preprocessor &PP)
      : S(std::move(S)), PP(PP) {}

  void MacroExpands(const Token &NameTok, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *Args) override {
    const IdentifierInfo *II = NameTok.getIdentifierInfo();
    if (!II)
      return;
    auto [It, Inserted] = Rows.try_emplace(II, nullptr);
    if (Inserted)
      It->second = builtinRow(II->getName());
    if (!It->second)
      return;
    MacroHint H;
    H.Name = II->getName();
    const MacroInfo *MI = MD.getMacroInfo();
    if (Args && MI && MI->isFunctionLike()) {
      for (unsigned I = 0, N = MI->getNumParams(); I < N; ++I) {
        const Token *T = Args->getUnexpArgument(I);
        HintArg A;
        for (; T && T->isNot(tok::eof); ++T) {
          SourceLocation L = argumentLoc(PP.getSourceManager(), T->getLocation());
          if (A.Tokens.empty())
            A.Begin = L.getRawEncoding();
          A.End = L.getRawEncoding();
          A.Tokens.push_back(PP.getSpelling(*T));
        }
        H.Args.push_back(std::move(A));
      }
    }
    S->Hints[NameTok.getLocation().getRawEncoding()] = std::move(H);
  }

private:
  std::shared_ptr<FactsCollector::State> S;
  Preprocessor &PP;
  llvm::DenseMap<const IdentifierInfo *, const ApiRow *> Rows;
};

} // namespace

namespace {
/// "gfpdep-ignore: <rule> <reason>" comments.
class gfpdepCommentHandler : public CommentHandler {
public:
  explicit gfpdepCommentHandler(std::shared_ptr<FactsCollector::State> S)
      : S(std::move(S)) {}
  bool HandleComment(Preprocessor &PP, SourceRange R) override {
    const SourceManager &SM = PP.getSourceManager();
    bool Invalid = false;
    const char *Begin = SM.getCharacterData(R.getBegin(), &Invalid);
    if (Invalid)
      return false;
    unsigned Len = SM.getFileOffset(R.getEnd()) - SM.getFileOffset(R.getBegin());
    StringRef Text(Begin, Len);
    for (size_t At = Text.find("gfpdep-ignore:"); At != StringRef::npos;
         At = Text.find("gfpdep-ignore:", At + 1)) {
      StringRef Rest = Text.substr(At + strlen("gfpdep-ignore:")).ltrim();
      StringRef Named =
          Rest.take_while([](char C) { return isalnum(C) || C == '-'; });
      Named.consume_front("gfpdep-");
      if (!Named.empty())
        S->Suppressions.push_back({R.getBegin(), R.getEnd(), Named.str()});
    }
    return false;
  }

private:
  std::shared_ptr<FactsCollector::State> S;
};
} // namespace

FactsCollector::FactsCollector(Preprocessor *PP)
    : PP(PP), S(std::make_shared<State>()) {
  if (!PP)
    return;
  PP->addPPCallbacks(std::make_unique<HintCallbacks>(S, *PP));
  Comments = std::make_unique<gfpdepCommentHandler>(S);
  PP->addCommentHandler(Comments.get());
}

FactsCollector::~FactsCollector() {
  if (PP && Comments)
    PP->removeCommentHandler(Comments.get());
}

// -----------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------

static bool isGfpType(QualType T) {
  for (int Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    const auto *TT = T->getAs<TypedefType>();
    if (!TT)
      return false;
    const TypedefNameDecl *TD = TT->getDecl();
    if (TD->getIdentifier() && TD->getName() == "gfp_t")
      return true;
    T = TD->getUnderlyingType();
  }
  return false;
}

std::string gfpdep::functionId(const FunctionDecl *FD) {
  if (!FD)
    return "";
  if (const FunctionDecl *Def = FD->getDefinition())
    FD = Def;
  std::string Usr = usrOf(FD);
  if (Usr.empty())
    Usr = "name:" + declName(FD);
  if (FD->isExternallyVisible())
    return Usr;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  Loc L = makeLoc(FD->getLocation(), SM);
  return L.File.str() + "|" + Usr;
}

/// The id of a function-pointer variable (globals by USR, locals by their
/// function and name).
static std::string variableId(const VarDecl *VD) {
  if (VD->hasLocalStorage()) {
    const auto *Owner = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
    return functionId(Owner) + "::" + (VD->getIdentifier() ? VD->getName().str() : "");
  }
  std::string Usr = usrOf(VD);
  if (Usr.empty())
    Usr = declName(VD);
  if (VD->isExternallyVisible())
    return Usr;
  const SourceManager &SM = VD->getASTContext().getSourceManager();
  return makeLoc(VD->getLocation(), SM).File.str() + "|" + Usr;
}

static std::string fieldKey(const FieldDecl *FD) {
  return recordName(FD->getParent()) + "::" +
         (FD->getIdentifier() ? FD->getName().str() : std::string("(anonymous)"));
}

/// The expression whose value E has: through parentheses, implicit casts
/// and statement expressions, to their last expression ("({ ...; _ret; })",
/// the kernel's pcp_spin_trylock()).
static const Expr *resultOf(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    const auto *SE = dyn_cast<StmtExpr>(E);
    if (!SE || !SE->getSubStmt() || SE->getSubStmt()->body_empty())
      return E;
    const auto *Last = dyn_cast<Expr>(SE->getSubStmt()->body_back());
    if (!Last)
      return E;
    E = Last;
  }
  return E;
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

/// A body that is one return statement: the accessor's returned expression.
static const Expr *accessorReturn(const FunctionDecl *Callee) {
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def ? Def->getBody() : nullptr);
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  return Ret ? Ret->getRetValue() : nullptr;
}

static bool isBuiltinCall(const FunctionDecl *FD) {
  return FD && FD->getBuiltinID() != 0;
}

namespace {

// -----------------------------------------------------------------------------
// The unit: stores, annotations, definitions, reachability
// -----------------------------------------------------------------------------

using FnSet = llvm::SmallSetVector<const FunctionDecl *, 4>;

class UnitExtractor;

/// Reads one function into FnFacts.
class FunctionExtractor {
public:
  FunctionExtractor(UnitExtractor &U, const FunctionDecl *Fn, FnFacts &F);
  /// False: skipped (no CFG, over the block limit). Trivial: no calls.
  bool run(bool &Trivial);

private:
  UnitExtractor &U;
  ASTContext &Ctx;
  const SourceManager &SM;
  const FunctionDecl *Fn;
  FnFacts &F;
  std::unique_ptr<CFG> G;

  llvm::DenseMap<const VarDecl *, uint32_t> LocalIds;
  llvm::SmallPtrSet<const VarDecl *, 8> Escaped;  ///< address taken
  llvm::SmallPtrSet<const VarDecl *, 8> Assigned; ///< assigned after declaration
  /// Fields written after declaration (assigned, incremented, address
  /// taken): "v.f" of a local struct, "p->f" of a parameter.
  llvm::DenseSet<std::pair<const VarDecl *, const FieldDecl *>> FieldWritten;
  void noteFieldWrite(const Expr *E);
  /// The integer fields of local struct VD that keep its initializer's
  /// constants throughout ("= { .try_lock = true }").
  llvm::SmallVector<std::pair<Symbol, int64_t>, 0> constantFields(const VarDecl *VD);
  /// Mask parameters assigned only values that clear bits of their own
  /// ("gfp = current_gfp_context(gfp);", "gfp &= ~__GFP_IO;"), with the
  /// last such assignment: a bit test after it that finds a bit set finds
  /// it set in the caller's mask too.
  llvm::DenseMap<const VarDecl *, SourceLocation> NarrowedUntil;
  llvm::SmallPtrSet<const VarDecl *, 4> NotNarrowed;
  /// "p |= CONSTANT" of an integer parameter: widenings (FnFacts::Widenings).
  llvm::SmallVector<std::pair<const BinaryOperator *, const ParmVarDecl *>, 1> WideningSites;
  llvm::SmallPtrSet<const VarDecl *, 2> Widened;
  void recordWidenings();
  bool narrowing(const BinaryOperator *BO, const ParmVarDecl *P) const;
  bool narrowedAt(const VarDecl *VD, SourceLocation Use) const;
  llvm::SmallPtrSet<const UnaryOperator *, 4> BenignAddrOf;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> LocalDefs;
  llvm::DenseMap<const Expr *, uint32_t> CallIds;
  std::vector<const VarDecl *> Declared; ///< in the order the pre-scan met them
  llvm::DenseMap<unsigned, uint32_t> HintCalls; ///< expansion point -> call id
  /// Expansion point -> the AST expression of each argument, when found.
  llvm::DenseMap<unsigned, llvm::SmallVector<const Expr *, 3>> HintArgExprs;
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> Chains; ///< memo
  /// A trylock hint macro's inner trylock call.
  llvm::DenseMap<unsigned, uint32_t> TryCallOf;
  bool HasCalls = false, HasHints = false, HasOwners = false;

  Loc loc(SourceLocation L) const { return makeLoc(L, SM); }

  // pre-scan
  void prescan(const Stmt *Root);
  bool tracked(const VarDecl *VD) const;
  uint32_t localId(const VarDecl *VD);
  /// "base->field" / "*base" of a tracked pointer local or parameter, as a
  /// tracked slot; NoIndex when the expression is not one.
  uint32_t slotOf(const Expr *E);
  llvm::DenseMap<std::pair<uint32_t, const void *>, uint32_t> Slots;
  bool owning(const VarDecl *VD) const;

  // hints
  llvm::ArrayRef<unsigned> hintsAt(SourceLocation L);
  llvm::ArrayRef<unsigned> chainOf(SourceLocation P);
  unsigned hintAt(SourceLocation L);
  void matchHintArgs(const Stmt *Root);
  ArgVal hintArg(unsigned Point, unsigned Arg);

  // events
  void handleStmt(const Stmt *S, BlockFacts &B);
  void emitCall(const Expr *E, BlockFacts &B);
  void emitHint(unsigned Point, BlockFacts &B);
  void emitAssign(const VarDecl *VD, const Expr *RHS, bool Unknown, BlockFacts &B);
  void emitSlotAssign(uint32_t Local, const Expr *RHS, bool Unknown, BlockFacts &B,
                      const VarDecl *VD = nullptr);
  ArgVal value(const Expr *E);
  uint32_t valueId(ValueFacts V) {
    F.Values.push_back(std::move(V));
    return F.Values.size() - 1;
  }
  CondFacts condition(const Expr *E);
  std::optional<bool> constantCondition(const Expr *E, int Depth);

  // naming
  LockVal nameLock(const Expr *E, const FunctionDecl *In, int Depth);
  /// A registration's result kept by the caller: the field or global it is
  /// stored into ("p->thread = kthread_run(...)"), through a statement
  /// expression's value and a local stored on; empty when not found.
  std::string storedInto(const Expr *Call);
  std::string storeOfLocal(const VarDecl *VD, int Depth);
  /// An IRQ number as an object: a field ("dev::irq") or a global.
  LockVal irqNumber(const Expr *E);
  MaskVal evalMask(const Expr *E, unsigned Depth,
                   llvm::SmallPtrSetImpl<const VarDecl *> &Visiting);
  bool stableCondition(const Expr *E, unsigned Depth);
  void paramBitTest(const Expr *E, int32_t &Param, uint64_t &Bits);
};

class UnitExtractor : public RecursiveASTVisitor<UnitExtractor> {
public:
  UnitExtractor(ASTContext &Ctx, Preprocessor *PP, FactsCollector::State &S,
                const ExtractOptions &Opts, UnitFacts &U)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), PP(PP), S(S), Opts(Opts), U(U),
        Reader(Ctx, [this](SourceLocation L, std::string Msg) {
          problem(L, std::move(Msg));
        }) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  void run();

  // --- RecursiveASTVisitor: stores, annotations, definitions ----------------
  bool VisitBinaryOperator(BinaryOperator *BO);
  bool VisitVarDecl(VarDecl *VD);
  bool VisitCompoundLiteralExpr(CompoundLiteralExpr *CLE);
  bool VisitCallExpr(CallExpr *CE);
  bool VisitCXXConstructExpr(CXXConstructExpr *CE);
  bool VisitCXXMethodDecl(CXXMethodDecl *MD);
  bool VisitFunctionDecl(FunctionDecl *FD);
  bool VisitDecl(Decl *D) {
    Reader.checkPlacement(D); // an annotation on a variable, a field, ...
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    addDefinition(LE->getCallOperator());
    return true;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  Preprocessor *PP;
  FactsCollector::State &S;
  const ExtractOptions &Opts;
  UnitFacts &U;
  AnnotationReader Reader;

  std::vector<const FunctionDecl *> Defs;
  llvm::DenseMap<const FunctionDecl *, unsigned> DefIndex;
  std::map<std::string, FnSet> FieldStores;
  llvm::DenseMap<const VarDecl *, FnSet> VarStores;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, FnSet> ParamArgs;
  llvm::DenseMap<const CXXMethodDecl *, FnSet> Overriders;
  llvm::SetVector<const FunctionDecl *> Annotated;
  llvm::DenseMap<const FunctionDecl *, int> ReadOnly; ///< 1 yes, 0 no, -1 visiting
  /// Hint arguments by the spelling location of their first token.
  llvm::DenseMap<unsigned, llvm::SmallVector<std::pair<unsigned, unsigned>, 1>>
      HintArgIndex; ///< -> (expansion point, argument)
  bool HintIndexBuilt = false;
  /// Hint expansions that contain a modelled call: not replaced.
  llvm::DenseSet<unsigned> LiveHints;

  bool readOnlyFunction(const FunctionDecl *FD);
  void buildHintIndex();
  std::optional<uint64_t> evaluateTokens(llvm::ArrayRef<std::string> T) {
    if (!PP)
      return std::nullopt;
    return gfpdep::evaluateTokens(*PP, Ctx, T);
  }

  /// The object an expression names, "record::field" or a global's name.
  std::string objectName(const Expr *E);
  /// lockdep_set_class() and its kin, read from the macro's first argument
  /// (without CONFIG_LOCKDEP nothing of it is in the AST): KeyedClasses.
  void readClassSettings();
  std::string classFromTokens(llvm::ArrayRef<std::string> Tokens, SourceLocation At);

private:
  void addDefinition(const FunctionDecl *FD);
  void store(StoreFacts::Kind K, std::string Key, std::string Object,
             uint32_t Position, const FunctionDecl *Fn, SourceLocation At);
  void storeField(const FieldDecl *FD, const std::string &Obj,
                  const FunctionDecl *Fn, SourceLocation At);
  void storeInit(const InitListExpr *ILE, const std::string &Obj);
  void problem(SourceLocation L, std::string Msg) {
    U.Problems.push_back({makeLoc(L, SM), std::move(Msg)});
  }
  void readAnnotation(FunctionDecl *FD, const ParsedAnnotation &P);
  void linkCallees(const FunctionDecl *FD,
                   llvm::SmallVectorImpl<const FunctionDecl *> &Out);
  /// The object an expression names, for stores: "record::field" or a
  /// global's name; "" when it is not named.
};

// --- stores ---------------------------------------------------------------------

std::string UnitExtractor::objectName(const Expr *E) {
  E = strip(E);
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!FD)
        return "";
      if (isLockInnards(FD)) {
        E = strip(ME->getBase());
        continue;
      }
      return fieldKey(FD);
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      if (!VD)
        return "";
      if (VD->hasLocalStorage()) {
        if (isa<ParmVarDecl>(VD))
          return "";
        if ((VD->getType()->isPointerType() || VD->getType()->isReferenceType()) &&
            VD->getInit()) {
          E = strip(VD->getInit());
          continue;
        }
      }
      return nameVariable(VD).Class;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = strip(AS->getBase());
      continue;
    }
    return "";
  }
  return "";
}

void UnitExtractor::store(StoreFacts::Kind K, std::string Key, std::string Object,
                          uint32_t Position, const FunctionDecl *Fn,
                          SourceLocation At) {
  StoreFacts St;
  St.K = K;
  St.Key = Key;
  St.Object = Object;
  St.Position = Position;
  St.Fn = functionId(Fn);
  St.FnName = declName(Fn);
  St.At = makeLoc(At, SM);
  U.Stores.push_back(std::move(St));
}

void UnitExtractor::storeField(const FieldDecl *FD, const std::string &Obj,
                               const FunctionDecl *Fn, SourceLocation At) {
  if (!FD->getIdentifier())
    return;
  std::string Key = fieldKey(FD);
  FieldStores[Key].insert(Fn);
  store(StoreFacts::Field, Key, Obj.empty() ? "" : Obj + "::" + FD->getName().str(),
        0, Fn, At);
}

void UnitExtractor::storeInit(const InitListExpr *ILE, const std::string &Obj) {
  if (ILE->isSyntacticForm() && ILE->getSemanticForm())
    ILE = ILE->getSemanticForm();
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD) {
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
      storeInit(Sub, FD->getIdentifier() ? fieldKey(FD) : std::string());
    } else if (isGfpType(FD->getType()) && !E->isValueDependent()) {
      Expr::EvalResult R;
      if (E->EvaluateAsInt(R, Ctx))
        U.MaskStores.push_back({Symbol(fieldKey(FD)),
                                R.Val.getInt().getZExtValue(),
                                makeLoc(E->getBeginLoc(), SM)});
    }
    if (RD->isUnion())
      break;
  }
}

bool UnitExtractor::VisitBinaryOperator(BinaryOperator *BO) {
  if (BO->getOpcode() != BO_Assign)
    return true;
  const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
  const FunctionDecl *Fn = functionOf(BO->getRHS());
  if (!Fn) {
    // A constant GFP mask stored into a field: what a read of it may give.
    if (const auto *ME = dyn_cast<MemberExpr>(LHS))
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (isGfpType(FD->getType()) && !BO->getRHS()->isValueDependent()) {
          Expr::EvalResult R;
          if (BO->getRHS()->EvaluateAsInt(R, Ctx)) {
            U.MaskStores.push_back({Symbol(fieldKey(FD)),
                                    R.Val.getInt().getZExtValue(),
                                    makeLoc(BO->getRHS()->getBeginLoc(), SM)});
          } else if (const auto *DRE = dyn_cast<DeclRefExpr>(
                         BO->getRHS()->IgnoreParenImpCasts())) {
            // A parameter stored: what each caller passes is stored.
            if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
              if (const auto *Owner = dyn_cast_or_null<FunctionDecl>(
                      PVD->getParentFunctionOrMethod())) {
                MaskStoreFacts M;
                M.Field = Symbol(fieldKey(FD));
                M.Where = makeLoc(BO->getRHS()->getBeginLoc(), SM);
                M.Fn = Symbol(functionId(Owner));
                M.Param = PVD->getFunctionScopeIndex();
                U.MaskStores.push_back(M);
              }
          }
        }
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(LHS)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      storeField(FD, objectName(ME->getBase()), Fn, BO->getBeginLoc());
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      VarStores[VD].insert(Fn);
      store(StoreFacts::Var, variableId(VD), "", 0, Fn, BO->getBeginLoc());
    }
  }
  return true;
}

bool UnitExtractor::VisitVarDecl(VarDecl *VD) {
  const Expr *Init = VD->getInit();
  if (!Init || VD->isInvalidDecl())
    return true;
  if (const FunctionDecl *Fn = functionOf(Init)) {
    VarStores[VD].insert(Fn);
    store(StoreFacts::Var, variableId(VD), "", 0, Fn, VD->getLocation());
    return true;
  }
  if (const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts()))
    storeInit(ILE, nameVariable(VD).Class);
  return true;
}

bool UnitExtractor::VisitCompoundLiteralExpr(CompoundLiteralExpr *CLE) {
  if (const auto *ILE = dyn_cast_or_null<InitListExpr>(CLE->getInitializer()))
    storeInit(ILE, "");
  return true;
}

/// Whether a lockdep class key expression names one key for all objects (a
/// static: mutex_init()'s "static struct lock_class_key __key") rather than
/// one per object or per index (&h->resize_key, &keys[family]).
static bool staticKey(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  for (int Depth = 0; Depth < 16; ++Depth) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      return VD && VD->hasGlobalStorage();
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return false; // a key in the object pointed to
      E = ME->getBase()->IgnoreParenCasts();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      if (AS->getIdx()->isValueDependent() || !AS->getIdx()->isIntegerConstantExpr(Ctx))
        return false; // a key chosen at run time
      E = AS->getBase()->IgnoreParenCasts();
      continue;
    }
    return false;
  }
  return false;
}

/// The lock class an initialiser's lock argument names ("hstate::resize_lock").
static std::string initialisedClass(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = UO->getSubExpr()->IgnoreParenCasts();
  for (int Depth = 0; Depth < 4; ++Depth) {
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME)
      return std::string();
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return std::string();
    if (!isLockInnards(FD))
      return fieldKey(FD);
    E = ME->getBase()->IgnoreParenCasts(); // &lock->rlock: the spinlock_t
  }
  return std::string();
}

std::string UnitExtractor::classFromTokens(llvm::ArrayRef<std::string> Tokens,
                                           SourceLocation At) {
  size_t I = 0;
  while (I < Tokens.size() && (Tokens[I] == "&" || Tokens[I] == "("))
    ++I;
  if (I == Tokens.size())
    return std::string();
  StringRef Name = Tokens[I++];
  // The variable: a parameter or local of the function the macro is in
  // (the last one declared before it), else a global.
  const VarDecl *VD = nullptr;
  for (const FunctionDecl *FD : Defs) {
    const Stmt *Body = FD->getBody();
    if (!Body || !SM.isPointWithin(At, SM.getExpansionLoc(Body->getBeginLoc()),
                                   SM.getExpansionLoc(Body->getEndLoc())))
      continue;
    for (const ParmVarDecl *P : FD->parameters())
      if (P->getName() == Name)
        VD = P;
    std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (V->getName() == Name &&
                SM.isBeforeInTranslationUnit(SM.getExpansionLoc(V->getLocation()), At))
              VD = V;
      for (const Stmt *C : S->children())
        Scan(C);
    };
    Scan(Body);
    break;
  }
  if (!VD)
    for (const NamedDecl *ND : Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
      if (const auto *V = dyn_cast<VarDecl>(ND))
        VD = V;
  if (!VD)
    return std::string();
  QualType T = VD->getType();
  const FieldDecl *Last = nullptr, *Prev = nullptr;
  while (I < Tokens.size()) {
    StringRef Tok = Tokens[I++];
    if (Tok == ")")
      continue;
    if (Tok == "[") { // an index: the element
      for (int Depth = 1; I < Tokens.size() && Depth; ++I)
        Depth += Tokens[I] == "[" ? 1 : Tokens[I] == "]" ? -1 : 0;
      if (const Type *AT = T->getPointeeOrArrayElementType())
        T = QualType(AT, 0);
      continue;
    }
    if (Tok != "->" && Tok != ".")
      return std::string(); // not a plain access path
    if (Tok == "->") {
      if (!T->isPointerType())
        return std::string();
      T = T->getPointeeType();
    }
    if (I == Tokens.size())
      return std::string();
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!RD || !(RD = RD->getDefinition()))
      return std::string();
    const FieldDecl *FD = nullptr;
    for (const NamedDecl *ND : RD->lookup(&Ctx.Idents.get(Tokens[I]))) {
      if (const auto *F = dyn_cast<FieldDecl>(ND))
        FD = F;
      else if (const auto *IF = dyn_cast<IndirectFieldDecl>(ND))
        FD = IF->getAnonField();
    }
    ++I;
    if (!FD)
      return std::string();
    Prev = Last;
    Last = FD;
    T = FD->getType();
  }
  if (!Last)
    return nameVariable(VD).Class.str();
  if (isLockInnards(Last) && Prev)
    Last = Prev; // &x->lock.rlock: the spinlock_t
  return fieldKey(Last);
}

void UnitExtractor::readClassSettings() {
  std::vector<std::pair<std::string, Loc>> Found;
  for (const auto &[Point, H] : S.Hints) {
    const ApiRow *Row = builtinRow(H.Name);
    if (!Row || Row->Op != ApiOp::LockClassKey || Row->Arg < 0 ||
        unsigned(Row->Arg) >= H.Args.size())
      continue;
    SourceLocation At = SM.getExpansionLoc(SourceLocation::getFromRawEncoding(Point));
    std::string Class = classFromTokens(H.Args[Row->Arg].Tokens, At);
    if (!Class.empty())
      Found.push_back({Class, makeLoc(At, SM)});
  }
  llvm::sort(Found, [](const auto &A, const auto &B) {
    return std::tie(A.first, A.second) < std::tie(B.first, B.second);
  });
  for (auto &[Class, Where] : Found)
    U.KeyedClasses.push_back({Symbol(Class), Where});
}

bool UnitExtractor::VisitCallExpr(CallExpr *CE) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || isBuiltinCall(Callee))
    return true;
  if (Callee->getIdentifier())
    if (const ApiRow *Row = builtinRow(Callee->getName());
        Row && Row->Op == ApiOp::LockClassKey && Row->Arg >= 0 && Row->Arg2 >= 0 &&
        unsigned(std::max(Row->Arg, Row->Arg2)) < CE->getNumArgs() &&
        !staticKey(CE->getArg(Row->Arg2), Ctx)) {
      std::string Class = initialisedClass(CE->getArg(Row->Arg));
      if (!Class.empty())
        U.KeyedClasses.push_back({Symbol(Class), makeLoc(CE->getBeginLoc(), SM)});
    }
  for (unsigned I = 0; I < CE->getNumArgs(); ++I)
    if (const FunctionDecl *Fn = functionOf(CE->getArg(I))) {
      ParamArgs[{Callee->getCanonicalDecl(), I}].insert(Fn);
      store(StoreFacts::Arg, functionId(Callee), "", I, Fn,
            CE->getArg(I)->getBeginLoc());
    }
  return true;
}

bool UnitExtractor::VisitCXXConstructExpr(CXXConstructExpr *CE) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I)
    if (const FunctionDecl *Fn = functionOf(CE->getArg(I))) {
      ParamArgs[{Ctor->getCanonicalDecl(), I}].insert(Fn);
      store(StoreFacts::Arg, functionId(Ctor), "", I, Fn,
            CE->getArg(I)->getBeginLoc());
    }
  return true;
}

bool UnitExtractor::VisitCXXMethodDecl(CXXMethodDecl *MD) {
  if (!MD->isVirtual() || MD->isInvalidDecl())
    return true;
  const CXXMethodDecl *Canon = MD->getCanonicalDecl();
  Overriders[Canon].insert(MD);
  llvm::SmallVector<const CXXMethodDecl *, 4> Work(MD->overridden_methods());
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Seen;
  while (!Work.empty()) {
    const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
    if (!Seen.insert(Base).second)
      continue;
    Overriders[Base].insert(MD);
    if (MD->isThisDeclarationADefinition() || MD->doesThisDeclarationHaveABody())
      store(StoreFacts::Overrider, functionId(Base), "", 0, MD, MD->getLocation());
    Work.append(Base->overridden_methods().begin(), Base->overridden_methods().end());
  }
  return true;
}

bool UnitExtractor::VisitFunctionDecl(FunctionDecl *FD) {
  addDefinition(FD);
  if (FD->isInvalidDecl() || !FD->hasAttrs())
    return true;
  for (const ParsedAnnotation &P : Reader.readFunction(FD))
    readAnnotation(FD, P);
  return true;
}

void UnitExtractor::addDefinition(const FunctionDecl *FD) {
  if (!FD || FD->isInvalidDecl() || !FD->doesThisDeclarationHaveABody() ||
      FD->isDependentContext() || !FD->getBody() ||
      FD->getTemplatedKind() == FunctionDecl::TK_FunctionTemplate ||
      DefIndex.count(FD))
    return;
  if (FD->isTemplated() || FD->isLateTemplateParsed())
    return;
  // System headers (the C++ library, libc) are opaque, as to lockdep: what
  // matters of them is modelled by name.
  if (SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return;
  DefIndex[FD] = Defs.size();
  Defs.push_back(FD);
}

// --- annotations ------------------------------------------------------------------

void UnitExtractor::readAnnotation(FunctionDecl *FD, const ParsedAnnotation &P) {
  const AnnotationSpec *Spec = P.Spec;
  AnnotationFacts AF;
  AF.Fn = functionId(FD);
  AF.FnName = declName(FD);
  AF.Where = makeLoc(P.A->getLocation(), SM);
  if (Spec->What == AnnotationSpec::MustNotHold) {
    AF.K = AnnotationFacts::MustNotHold;
    if (P.Position) {
      AF.Lock = LockVal::ofParam(*P.Position - 1);
      AF.Param = int32_t(*P.Position - 1);
    } else {
      AF.Lock = LockVal::ofClass(P.Class);
    }
    U.Annotations.push_back(AF);
    Annotated.insert(FD);
    return;
  }
  AF.Fl = P.Fl;
  AF.Op = Spec->Op;
  AF.Param = P.Position ? int32_t(*P.Position) - 1 : -1;
  AF.Via = "gfpdep::" + std::string(Spec->Name);
  AF.K = Spec->What == AnnotationSpec::Row           ? AnnotationFacts::Row
         : Spec->What == AnnotationSpec::NeverSleeps ? AnnotationFacts::NeverSleeps
                                                     : AnnotationFacts::Entry;
  U.Annotations.push_back(AF);
  Annotated.insert(FD);
}

// --- reachability -------------------------------------------------------------------

void UnitExtractor::linkCallees(const FunctionDecl *FD,
                                llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  llvm::SmallVector<const Stmt *, 64> Walk{FD->getBody()};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      Walk.push_back(I->getInit());
  auto Add = [&](const FnSet *Set) {
    if (Set)
      Out.append(Set->begin(), Set->end());
  };
  while (!Walk.empty()) {
    const Stmt *St = Walk.pop_back_val();
    if (!St || isa<LambdaExpr>(St))
      continue;
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(St)) {
      Out.push_back(CCE->getConstructor());
    } else if (const auto *CE = dyn_cast<CallExpr>(St)) {
      if (const FunctionDecl *Direct = CE->getDirectCallee()) {
        Out.push_back(Direct);
        if (const auto *MD = dyn_cast<CXXMethodDecl>(Direct))
          if (MD->isVirtual()) {
            auto It = Overriders.find(MD->getCanonicalDecl());
            if (It != Overriders.end())
              Add(&It->second);
          }
      } else {
        const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
        while (const auto *UO = dyn_cast<UnaryOperator>(Callee)) {
          if (UO->getOpcode() != UO_Deref)
            break;
          Callee = UO->getSubExpr()->IgnoreParenImpCasts();
        }
        if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
          if (const auto *FDl = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
            auto It = FieldStores.find(fieldKey(FDl));
            if (It != FieldStores.end())
              Add(&It->second);
          }
        } else if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee)) {
          if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
            if (const auto *Owner =
                    dyn_cast_or_null<FunctionDecl>(PVD->getParentFunctionOrMethod())) {
              auto It = ParamArgs.find({Owner->getCanonicalDecl(),
                                        PVD->getFunctionScopeIndex()});
              if (It != ParamArgs.end())
                Add(&It->second);
            }
          } else if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
            auto It = VarStores.find(VD);
            if (It != VarStores.end())
              Add(&It->second);
          }
        } else if (const FunctionDecl *Fn = functionOf(Callee)) {
          Out.push_back(Fn);
        }
      }
    }
    for (const Stmt *Child : St->children())
      Walk.push_back(Child);
  }
}

void UnitExtractor::run() {
  TraverseDecl(Ctx.getTranslationUnitDecl());
  readClassSettings();

  // Reachability: the main file's definitions, every function stored or
  // passed anywhere, every annotated one.
  std::vector<bool> Reached(Defs.size(), false);
  llvm::SmallVector<unsigned, 64> Work;
  auto Root = [&](const FunctionDecl *FD) {
    const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
    auto It = Def ? DefIndex.find(Def) : DefIndex.end();
    if (It != DefIndex.end() && !Reached[It->second]) {
      Reached[It->second] = true;
      Work.push_back(It->second);
    }
  };
  for (unsigned I = 0; I < Defs.size(); ++I)
    if (SM.isInMainFile(SM.getExpansionLoc(Defs[I]->getLocation())))
      Root(Defs[I]);
  for (const auto &[K, Set] : FieldStores)
    for (const FunctionDecl *FD : Set)
      Root(FD);
  for (const auto &[K, Set] : VarStores)
    for (const FunctionDecl *FD : Set)
      Root(FD);
  for (const auto &[K, Set] : ParamArgs)
    for (const FunctionDecl *FD : Set)
      Root(FD);
  for (const FunctionDecl *FD : Annotated)
    Root(FD);
  llvm::SmallVector<const FunctionDecl *, 16> Callees;
  while (!Work.empty()) {
    unsigned I = Work.pop_back_val();
    const FunctionDecl *FD = Defs[I];
    // A modelled function is never entered: the first modelled layer of a
    // wrapper stack wins.
    if (builtinRow(declName(FD)) ||
        (!isa<CXXMethodDecl>(FD) && FD->getIdentifier() && builtinRow(FD->getName())))
      continue;
    Callees.clear();
    linkCallees(FD, Callees);
    for (const FunctionDecl *C : Callees)
      Root(C);
  }

  llvm::DenseSet<const FunctionDecl *> Annot(Annotated.begin(), Annotated.end());
  for (unsigned I = 0; I < Defs.size(); ++I) {
    if (!Reached[I])
      continue;
    const FunctionDecl *FD = Defs[I];
    if (builtinRow(declName(FD)) ||
        (!isa<CXXMethodDecl>(FD) && FD->getIdentifier() && builtinRow(FD->getName())))
      continue;
    FnFacts F;
    F.Id = functionId(FD);
    F.Name = declName(FD);
    F.At = makeLoc(FD->getLocation(), SM);
    F.External = FD->isExternallyVisible();
    F.MainFile = SM.isInMainFile(SM.getExpansionLoc(FD->getLocation()));
    F.NoReturn = FD->isNoReturn();
    for (unsigned P = 0; P < FD->getNumParams(); ++P) {
      const ParmVarDecl *PVD = FD->getParamDecl(P);
      F.ParamNames.push_back(PVD->getIdentifier() ? PVD->getName() : StringRef());
      if (P < 64 && isGfpType(PVD->getType()))
        F.GfpParams |= uint64_t(1) << P;
    }
    bool Trivial = false;
    FunctionExtractor FE(*this, FD, F);
    if (!FE.run(Trivial)) {
      U.Skipped.push_back({F.Name, F.At});
      continue;
    }
    if (Trivial) {
      U.Trivial.push_back(F.Id);
      continue;
    }
    U.Functions.push_back(std::move(F));
  }

  // Suppression comments.
  for (const RawSuppression &R : S.Suppressions) {
    Loc B = makeLoc(R.Begin, SM), E = makeLoc(R.End, SM);
    if (!B.valid())
      continue;
    for (unsigned L = B.Line; L <= std::max(B.Line, E.Line); ++L)
      U.Suppressions.push_back({B.File, L, Symbol(R.Rule)});
  }

  // The unit's GFP bits.
  GfpLayout L = PP ? GfpLayout::read(*PP, Ctx) : GfpLayout::linuxDefault();
  U.GfpSingles = L.Singles;
  U.GfpComposites = L.Composites;
  U.GfpFromUnit = L.FromTranslationUnit;
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    U.MainFile = mainFilePath(*Main);
}

/// Reads only: no stores outside its own locals, no calls but to functions
/// that read only (or are declared pure/const), inline assembly writing
/// locals only. Such a call, on unchanged arguments, gives the same answer
/// twice.
bool UnitExtractor::readOnlyFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (FD->hasAttr<PureAttr>() || FD->hasAttr<ConstAttr>())
    return true;
  if (unsigned B = FD->getBuiltinID())
    return B == Builtin::BI__builtin_expect || B == Builtin::BI__builtin_constant_p ||
           B == Builtin::BI__builtin_ffs || B == Builtin::BI__builtin_ctz ||
           B == Builtin::BI__builtin_clz || B == Builtin::BI__builtin_popcount;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->getBody())
    return false;
  auto [It, Inserted] = ReadOnly.try_emplace(Def, -1);
  if (!Inserted)
    return It->second == 1;
  bool Ok = true;
  llvm::SmallVector<const Stmt *, 32> Walk{Def->getBody()};
  auto IsLocal = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage();
  };
  while (Ok && !Walk.empty()) {
    const Stmt *St = Walk.pop_back_val();
    if (!St)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
      if (BO->isAssignmentOp() && !IsLocal(BO->getLHS()))
        Ok = false;
    } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
      if (UO->isIncrementDecrementOp() && !IsLocal(UO->getSubExpr()))
        Ok = false;
    } else if (const auto *CE = dyn_cast<CallExpr>(St)) {
      if (!readOnlyFunction(CE->getDirectCallee()))
        Ok = false;
    } else if (const auto *AS = dyn_cast<GCCAsmStmt>(St)) {
      for (unsigned I = 0; I < AS->getNumOutputs(); ++I)
        if (!IsLocal(AS->getOutputExpr(I)))
          Ok = false;
    } else if (isa<CXXConstructExpr>(St) || isa<CXXDeleteExpr>(St) ||
               isa<CXXNewExpr>(St) || isa<CXXThrowExpr>(St)) {
      Ok = false;
    }
    for (const Stmt *C : St->children())
      Walk.push_back(C);
  }
  ReadOnly[Def] = Ok ? 1 : 0;
  return Ok;
}

void UnitExtractor::buildHintIndex() {
  if (HintIndexBuilt)
    return;
  HintIndexBuilt = true;
  for (const auto &[Point, H] : S.Hints)
    for (unsigned A = 0; A < H.Args.size(); ++A)
      if (!H.Args[A].Tokens.empty())
        HintArgIndex[H.Args[A].Begin].push_back({Point, A});
}

// -----------------------------------------------------------------------------
// One function
// -----------------------------------------------------------------------------

FunctionExtractor::FunctionExtractor(UnitExtractor &U, const FunctionDecl *Fn,
                                     FnFacts &F)
    : U(U), Ctx(U.Ctx), SM(U.SM), Fn(Fn), F(F) {}

bool FunctionExtractor::tracked(const VarDecl *VD) const {
  if (!VD || !VD->hasLocalStorage() || Escaped.count(VD))
    return false;
  QualType T = VD->getType();
  if (T->isReferenceType())
    return false;
  return T->isPointerType() || T->isIntegralOrEnumerationType() ||
         T->isBooleanType();
}

bool FunctionExtractor::owning(const VarDecl *VD) const {
  if (!VD->hasLocalStorage() || !VD->getInit())
    return false;
  if (VD->hasAttr<CleanupAttr>())
    return true;
  if (const CXXRecordDecl *RD = VD->getType()->getAsCXXRecordDecl())
    return RD->hasDefinition() && !RD->hasTrivialDestructor();
  return false;
}

uint32_t FunctionExtractor::localId(const VarDecl *VD) {
  auto [It, Inserted] = LocalIds.try_emplace(VD, F.Locals.size());
  if (Inserted) {
    LocalFacts L;
    L.Name = VD->getIdentifier() ? VD->getName() : StringRef();
    L.At = loc(VD->getLocation());
    F.Locals.push_back(L);
  }
  return It->second;
}

void FunctionExtractor::noteFieldWrite(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  // The outermost field of a local or parameter: "v.a.b" writes v.a.
  while (ME) {
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (const auto *Inner = dyn_cast<MemberExpr>(Base); Inner && !ME->isArrow()) {
      ME = Inner;
      continue;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Base);
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (VD && FD)
      FieldWritten.insert({VD, FD});
    return;
  }
}

llvm::SmallVector<std::pair<Symbol, int64_t>, 0>
FunctionExtractor::constantFields(const VarDecl *VD) {
  llvm::SmallVector<std::pair<Symbol, int64_t>, 0> Out;
  if (!VD->hasLocalStorage() || Assigned.count(VD))
    return Out;
  const auto *IL = dyn_cast_or_null<InitListExpr>(VD->getInit());
  const RecordDecl *RD = VD->getType()->getAsRecordDecl();
  if (!IL || !RD || RD->isUnion())
    return Out;
  if (const InitListExpr *Sem = IL->getSemanticForm())
    IL = Sem;
  if (IL->isTransparent())
    return Out;
  unsigned I = 0;
  for (const FieldDecl *FD : RD->fields()) {
    if (I >= IL->getNumInits())
      break;
    const Expr *Init = IL->getInit(I++);
    if (!FD->getIdentifier() || FieldWritten.count({VD, FD}) ||
        !(FD->getType()->isIntegralOrEnumerationType() || FD->getType()->isBooleanType()))
      continue;
    int64_t V = 0;
    if (!isa<ImplicitValueInitExpr>(Init)) {
      Expr::EvalResult ER;
      if (Init->isValueDependent() || !Init->EvaluateAsInt(ER, Ctx))
        continue;
      V = ER.Val.getInt().getExtValue();
    }
    Out.push_back({FD->getName(), V});
  }
  return Out;
}

uint32_t FunctionExtractor::slotOf(const Expr *E) {
  if (!E)
    return NoIndex;
  E = E->IgnoreParenImpCasts();
  const Expr *Base = nullptr;
  const void *Key = nullptr;
  Symbol Field;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || !FD->getIdentifier() || !ME->isArrow())
      return NoIndex;
    QualType T = FD->getType();
    if (!T->isPointerType())
      return NoIndex; // lock pointers kept in a struct
    Base = ME->getBase();
    Key = FD;
    Field = FD->getName();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_Deref)
      return NoIndex;
    QualType T = UO->getType();
    if (!(T->isIntegralOrEnumerationType() || T->isBooleanType() || T->isPointerType()))
      return NoIndex; // flags passed by pointer: "int *locked"
    Base = UO->getSubExpr();
    Key = nullptr;
    Field = "*";
  } else {
    return NoIndex;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !tracked(VD) || !VD->getType()->isPointerType())
    return NoIndex;
  if (const auto *PVD = dyn_cast<ParmVarDecl>(VD))
    if (PVD->getParentFunctionOrMethod() != Fn)
      return NoIndex;
  uint32_t B = localId(VD);
  auto [It, Inserted] = Slots.try_emplace({B, Key}, uint32_t(F.Locals.size()));
  if (Inserted) {
    LocalFacts L;
    L.Name = Field == "*" ? Symbol("*" + F.Locals[B].Name.str())
                          : Symbol(F.Locals[B].Name.str() + "->" + Field.str());
    L.Base = B;
    L.Field = Field;
    L.At = loc(E->getBeginLoc());
    F.Locals.push_back(L);
  }
  return It->second;
}

/// The bytes of locals a statement keeps on the stack: those it declares
/// directly, live for the whole statement, plus the largest of what its
/// parts need (disjoint scopes share their slots: the two statement
/// expressions of min(a, b) + max(c, d) are never live together).
static uint64_t frameOf(const Stmt *S, ASTContext &Ctx, int Depth = 0) {
  if (!S || isa<LambdaExpr>(S) || Depth > 256)
    return 0;
  auto VarBytes = [&](const VarDecl *VD) -> uint64_t {
    if (!VD->hasLocalStorage() || VD->getType()->isIncompleteType() ||
        VD->getType()->isDependentType() || VD->getType()->isVariableArrayType() ||
        VD->getType()->isReferenceType())
      return 0;
    return Ctx.getTypeSizeInChars(VD->getType()).getQuantity();
  };
  uint64_t Own = 0, Inner = 0;
  for (const Stmt *C : S->children()) {
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(C)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          Own += VarBytes(VD);
          Inner = std::max(Inner, frameOf(VD->getInit(), Ctx, Depth + 1));
        }
      continue;
    }
    Inner = std::max(Inner, frameOf(C, Ctx, Depth + 1));
  }
  return Own + Inner;
}

void FunctionExtractor::prescan(const Stmt *Root) {
  llvm::SmallVector<const Stmt *, 64> Walk{Root};
  while (!Walk.empty()) {
    const Stmt *S = Walk.pop_back_val();
    if (!S)
      continue;
    if (isa<LambdaExpr>(S))
      continue; // the lambda's body is a function of its own
    if (isa<CallExpr>(S) || isa<CXXConstructExpr>(S))
      HasCalls = true;
    if (S->getBeginLoc().isMacroID() && !hintsAt(S->getBeginLoc()).empty()) {
      HasHints = true;
      // A modelled call inside a hint's expansion: the hint is not
      // compiled out, its calls speak for themselves.
      if (const auto *CE = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *Callee = CE->getDirectCallee())
          if (builtinRow(declName(Callee)) ||
              (Callee->getIdentifier() && builtinRow(Callee->getName())))
            for (unsigned P : hintsAt(CE->getBeginLoc()))
              U.LiveHints.insert(P);
    }
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      // "&v" passed to a call: an out-parameter, still tracked.
      for (const Expr *A : CE->arguments())
        if (const auto *UO = dyn_cast<UnaryOperator>(A->IgnoreParenImpCasts()))
          if (UO->getOpcode() == UO_AddrOf)
            BenignAddrOf.insert(UO);
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp()) {
        const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
        // "*(&v) = x", as the kernel's pte_offset_map_lock() stores *ptlp.
        if (const auto *D = dyn_cast<UnaryOperator>(LHS))
          if (D->getOpcode() == UO_Deref)
            if (const auto *A =
                    dyn_cast<UnaryOperator>(D->getSubExpr()->IgnoreParenImpCasts()))
              if (A->getOpcode() == UO_AddrOf) {
                BenignAddrOf.insert(A);
                LHS = A->getSubExpr()->IgnoreParenImpCasts();
              }
        noteFieldWrite(LHS);
        if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            if (VD->hasLocalStorage()) {
              Assigned.insert(VD);
              if (const auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
                SourceLocation End = SM.getFileLoc(BO->getEndLoc());
                SourceLocation &Until = NarrowedUntil[PVD];
                if (BO->getOpcode() == BO_OrAssign &&
                    PVD->getType()->isIntegralOrEnumerationType() &&
                    !BO->getRHS()->isValueDependent() &&
                    BO->getRHS()->isIntegerConstantExpr(Ctx)) {
                  WideningSites.push_back({BO, PVD});
                  Widened.insert(PVD);
                } else if (!narrowing(BO, PVD))
                  NotNarrowed.insert(PVD);
                else if (Until.isInvalid() || SM.isBeforeInTranslationUnit(Until, End))
                  Until = End;
              }
              if (BO->getOpcode() == BO_Assign && !isa<ParmVarDecl>(VD))
                LocalDefs[VD].push_back(BO->getRHS());
            }
      }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->getOpcode() == UO_AddrOf || UO->isIncrementDecrementOp())
        noteFieldWrite(UO->getSubExpr());
      const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (VD && UO->getOpcode() == UO_AddrOf && !BenignAddrOf.count(UO))
        Escaped.insert(VD);
      else if (VD && UO->isIncrementDecrementOp()) {
        Assigned.insert(VD);
        NotNarrowed.insert(VD);
      }
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          Declared.push_back(VD);
          if (VD->getInit())
            LocalDefs[VD].push_back(VD->getInit());
          if (owning(VD))
            HasOwners = true;
          if (VD->hasLocalStorage() && !VD->getType()->isIncompleteType() &&
              !VD->getType()->isDependentType() &&
              !VD->getType()->isVariableArrayType() && !VD->getType()->isReferenceType()) {
            uint64_t Bytes = Ctx.getTypeSizeInChars(VD->getType()).getQuantity();
            if (Bytes && VD->getIdentifier()) {
              // Largest first, then in source order.
              FnFacts::FrameLocal FL{VD->getName(), Bytes, loc(VD->getLocation())};
              auto Pos = llvm::find_if(F.BigLocals, [&](const FnFacts::FrameLocal &O) {
                return O.Bytes < Bytes || (O.Bytes == Bytes && FL.At < O.At);
              });
              F.BigLocals.insert(Pos, FL);
              if (F.BigLocals.size() > FrameLocalsKept)
                F.BigLocals.pop_back();
            }
          }
        }
    }
    for (const Stmt *Child : S->children())
      Walk.push_back(Child);
  }
  // "&v" in a call is benign only if v is never escaped otherwise.
  for (unsigned P = 0; P < Fn->getNumParams() && P < 64; ++P) {
    const ParmVarDecl *PVD = Fn->getParamDecl(P);
    if (!Assigned.count(PVD) && !Escaped.count(PVD))
      F.StableParams |= uint64_t(1) << P;
  }
  for (const auto &[VD, FD] : FieldWritten)
    if (const auto *PVD = dyn_cast<ParmVarDecl>(VD))
      if (PVD->getFunctionScopeIndex() < Fn->getNumParams() &&
          Fn->getParamDecl(PVD->getFunctionScopeIndex()) == PVD && FD->getIdentifier())
        F.ParamFieldWrites.push_back({PVD->getFunctionScopeIndex(), FD->getName()});
  llvm::sort(F.ParamFieldWrites, [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first < B.first : A.second.ref() < B.second.ref();
  });
  F.ParamFieldWrites.erase(std::unique(F.ParamFieldWrites.begin(), F.ParamFieldWrites.end()),
                           F.ParamFieldWrites.end());
}

// --- hints -------------------------------------------------------------------------

/// The hint macros whose bodies produced the token at L (not one of their
/// arguments), innermost first.
llvm::ArrayRef<unsigned> FunctionExtractor::hintsAt(SourceLocation L) {
  if (U.S.Hints.empty())
    return {};
  for (int Depth = 0; L.isMacroID() && Depth < 64; ++Depth) {
    if (SM.isMacroArgExpansion(L)) {
      L = SM.getImmediateSpellingLoc(L);
      continue;
    }
    return chainOf(SM.getImmediateExpansionRange(L).getBegin());
  }
  return {};
}

llvm::ArrayRef<unsigned> FunctionExtractor::chainOf(SourceLocation P) {
  unsigned Raw = P.getRawEncoding();
  auto It = Chains.find(Raw);
  if (It != Chains.end())
    return It->second;
  Chains[Raw]; // cycle guard
  llvm::SmallVector<unsigned, 2> C;
  if (U.S.Hints.count(Raw))
    C.push_back(Raw);
  llvm::ArrayRef<unsigned> Outer = hintsAt(P);
  C.append(Outer.begin(), Outer.end());
  auto &Slot = Chains[Raw];
  Slot = std::move(C);
  return Slot;
}

/// The hint that stands for the token at L: the outermost one whose
/// expansion has no modelled call (the config compiled it out), or 0.
unsigned FunctionExtractor::hintAt(SourceLocation L) {
  llvm::ArrayRef<unsigned> C = hintsAt(L);
  for (auto It = C.rbegin(); It != C.rend(); ++It)
    if (!U.LiveHints.count(*It))
      return *It;
  return 0;
}

void FunctionExtractor::matchHintArgs(const Stmt *Root) {
  U.buildHintIndex();
  if (U.HintArgIndex.empty())
    return;
  llvm::SmallVector<const Stmt *, 64> Walk{Root};
  while (!Walk.empty()) {
    const Stmt *S = Walk.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *E = dyn_cast<Expr>(S)) {
      SourceLocation B = E->getBeginLoc();
      if (B.isMacroID()) {
        unsigned SB = argumentLoc(SM, B).getRawEncoding();
        auto It = U.HintArgIndex.find(SB);
        if (It != U.HintArgIndex.end()) {
          unsigned SE = argumentLoc(SM, E->getEndLoc()).getRawEncoding();
          for (const auto &[Point, Arg] : It->second) {
            const MacroHint &H = U.S.Hints.find(Point)->second;
            if (H.Args[Arg].End != SE)
              continue;
            // The expression must come from this expansion of the macro.
            bool Inside = false;
            SourceLocation L = B;
            for (int D = 0; L.isMacroID() && D < 64 && !Inside; ++D) {
              if (SM.isMacroArgExpansion(L)) {
                SourceLocation Use = SM.getImmediateExpansionRange(L).getBegin();
                for (int D2 = 0; Use.isMacroID() && D2 < 64 && !Inside; ++D2) {
                  if (SM.isMacroArgExpansion(Use))
                    Use = SM.getImmediateSpellingLoc(Use);
                  SourceLocation P = SM.getImmediateExpansionRange(Use).getBegin();
                  Inside = P.getRawEncoding() == Point;
                  Use = P;
                }
                L = SM.getImmediateSpellingLoc(L);
                continue;
              }
              L = SM.getImmediateExpansionRange(L).getBegin();
            }
            if (!Inside)
              continue;
            auto &Exprs = HintArgExprs[Point];
            if (Exprs.size() < H.Args.size())
              Exprs.resize(H.Args.size(), nullptr);
            if (!Exprs[Arg])
              Exprs[Arg] = E; // pre-order: the outermost match
          }
        }
      }
    }
    // Children in source order, pushed reversed for a pre-order walk.
    llvm::SmallVector<const Stmt *, 8> Kids(S->child_begin(), S->child_end());
    for (auto K = Kids.rbegin(); K != Kids.rend(); ++K)
      Walk.push_back(*K);
  }
}

void FunctionExtractor::emitHint(unsigned Point, BlockFacts &B) {
  auto [It, Inserted] = HintCalls.try_emplace(Point, F.Calls.size());
  if (!Inserted)
    return;
  const MacroHint &H = U.S.Hints.find(Point)->second;
  CallFacts C;
  C.Kind = CalleeKind::Hint;
  C.Name = H.Name;
  C.Plain = H.Name;
  C.At = loc(SourceLocation::getFromRawEncoding(Point));
  for (unsigned A = 0; A < H.Args.size(); ++A)
    C.Args.push_back(hintArg(Point, A));
  F.Calls.push_back(std::move(C));
  B.Events.push_back({Event::Call, It->second, 0, 0});
}

/// Argument A of a hint macro: its expression in the AST, or, when the
/// expansion dropped it (mutex_lock_nested(l, s) is mutex_lock(l) when
/// lockdep is configured out), its tokens as written.
ArgVal FunctionExtractor::hintArg(unsigned Point, unsigned A) {
  const MacroHint &H = U.S.Hints.find(Point)->second;
  auto ExprsIt = HintArgExprs.find(Point);
  const Expr *E = ExprsIt != HintArgExprs.end() && A < ExprsIt->second.size()
                      ? ExprsIt->second[A]
                      : nullptr;
  if (E) {
    // "((void)(s), (l))": the subclass is what was cast away. A variable
    // other than a parameter is a run-time subclass, whatever this
    // configuration initialised it to: nothing is known of it.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (!isa<ParmVarDecl>(VD) && !VD->getType().isConstQualified() &&
            !VD->isConstexpr())
          return ArgVal();
    return value(E);
  }
  ArgVal V;
  if (A >= H.Args.size())
    return V;
  const std::vector<std::string> &T = H.Args[A].Tokens;
  if (T.size() == 1)
    for (unsigned P = 0; P < Fn->getNumParams(); ++P)
      if (Fn->getParamDecl(P)->getIdentifier() && Fn->getParamDecl(P)->getName() == T[0])
        V.IntParam = P;
  if (V.IntParam == NoIndex)
    if (std::optional<uint64_t> I = U.evaluateTokens(T)) {
      V.Int = int64_t(*I);
      V.HasInt = true;
    }
  return V;
}

// --- events ------------------------------------------------------------------------

bool FunctionExtractor::run(bool &Trivial) {
  const Stmt *Body = Fn->getBody();
  if (!Body)
    return false;
  for (unsigned P = 0; P < Fn->getNumParams(); ++P)
    localId(Fn->getParamDecl(P));
  prescan(Body);
  F.FrameBytes = frameOf(Body, Ctx);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn)) {
    HasCalls |= !Ctor->inits().empty();
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->getInit())
        prescan(I->getInit());
  }
  // A function returning a GFP mask is kept for the mask it returns
  // (balloon_mapping_gfp_mask(): "return GFP_HIGHUSER_MOVABLE;").
  // So is one whose frame a stack budget may find too large.
  if (!HasCalls && !HasHints && !HasOwners && !isGfpType(Fn->getReturnType()) &&
      F.FrameBytes < MinFrameFacts) {
    Trivial = true;
    return true;
  }
  if (!WideningSites.empty())
    recordWidenings();
  // Ids for every tracked and owning local up front: a block that ends a
  // variable's scope may come before (in id order) the one declaring it.
  for (const VarDecl *VD : Declared)
    if (tracked(VD) || owning(VD))
      localId(VD);
  if (HasHints)
    matchHintArgs(Body);

  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddInitializers = true;
  BO.AddCXXDefaultInitExprInCtors = true;
  for (Stmt::StmtClass C :
       {Stmt::CallExprClass, Stmt::CXXMemberCallExprClass,
        Stmt::CXXOperatorCallExprClass, Stmt::CXXConstructExprClass,
        Stmt::CXXTemporaryObjectExprClass, Stmt::DeclStmtClass,
        Stmt::UserDefinedLiteralClass, Stmt::ReturnStmtClass,
        Stmt::BinaryOperatorClass, Stmt::CompoundAssignOperatorClass,
        Stmt::UnaryOperatorClass})
    BO.setAlwaysAdd(C);
  G = CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!G || G->getNumBlockIDs() > U.Opts.MaxBlocks)
    return false;

  unsigned N = G->getNumBlockIDs();
  F.Blocks.resize(N);
  F.Entry = G->getEntry().getBlockID();
  F.Exit = G->getExit().getBlockID();
  // Blocks in reverse post-order would be nicer; ids are deterministic.
  for (const CFGBlock *CB : *G) {
    if (!CB)
      continue;
    BlockFacts &B = F.Blocks[CB->getBlockID()];
    for (const CFGElement &E : *CB) {
      if (auto CS = E.getAs<CFGStmt>()) {
        handleStmt(CS->getStmt(), B);
      } else if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
        const VarDecl *VD = D->getVarDecl();
        auto It = LocalIds.find(VD);
        if (It != LocalIds.end() && owning(VD))
          B.Events.push_back({Event::ScopeEnd, It->second, 0, 0});
      } else if (auto C = E.getAs<CFGCleanupFunction>()) {
        const VarDecl *VD = C->getVarDecl();
        auto It = LocalIds.find(VD);
        if (It != LocalIds.end())
          B.Events.push_back({Event::ScopeEnd, It->second, 0, 0});
      }
    }
    for (const CFGBlock::AdjacentBlock &Succ : CB->succs()) {
      const CFGBlock *SB = Succ.getReachableBlock();
      B.Succs.push_back(SB ? SB->getBlockID() : NoIndex);
    }
  }
  // Conditions once every call has its id (a condition's call may sit in a
  // block with a higher id).
  for (const CFGBlock *CB : *G) {
    if (!CB || CB->succ_size() != 2)
      continue;
    const auto *Cond = dyn_cast_or_null<Expr>(CB->getTerminatorCondition());
    if (!Cond)
      continue;
    // "if (ret && slow_ms)": the block that evaluates the last operand
    // branches on that operand (the earlier ones branched in their own
    // blocks, whose terminator is the && or || itself).
    if (const Stmt *Term = CB->getTerminatorStmt(); Term && !isa<BinaryOperator>(Term))
      while (const auto *L = dyn_cast<BinaryOperator>(Cond->IgnoreParens())) {
        if (!L->isLogicalOp())
          break;
        Cond = L->getRHS();
      }
    BlockFacts &B = F.Blocks[CB->getBlockID()];
    // A predicate whose body returns a constant (seqprop_preemptible() on a
    // plain seqcount, sched_core_disabled() without CONFIG_SCHED_CORE): the
    // other branch is dead for this configuration.
    if (std::optional<bool> V = constantCondition(Cond, 0)) {
      B.Succs[*V ? 1 : 0] = NoIndex;
      continue;
    }
    B.Cond = condition(Cond);
  }
  return true;
}

/// The value of a branch condition that calls only functions returning a
/// constant, through !, ==/!= 0 and __builtin_expect().
std::optional<bool> FunctionExtractor::constantCondition(const Expr *E, int Depth) {
  if (!E || Depth > 8 || E->isValueDependent())
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(E))
    return cast<IntegerLiteral>(E)->getValue() != 0;
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_LNot)
      return std::nullopt;
    if (std::optional<bool> V = constantCondition(UO->getSubExpr(), Depth + 1))
      return !*V;
    return std::nullopt;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (CE->getBuiltinCallee() == Builtin::BI__builtin_expect && CE->getNumArgs() == 2)
      return constantCondition(CE->getArg(0), Depth + 1);
    const FunctionDecl *Callee = CE->getDirectCallee();
    const Expr *Ret = accessorReturn(Callee);
    if (!Ret || Ret->isValueDependent())
      return std::nullopt;
    Expr::EvalResult R;
    if (Ret->EvaluateAsInt(R, Ctx))
      return R.Val.getInt() != 0;
    return constantCondition(Ret, Depth + 1);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isEqualityOp() && !BO->getRHS()->isValueDependent()) {
      Expr::EvalResult R;
      if (BO->getRHS()->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0)
        if (std::optional<bool> V = constantCondition(BO->getLHS(), Depth + 1))
          return BO->getOpcode() == BO_EQ ? !*V : *V;
    }
  return std::nullopt;
}

void FunctionExtractor::handleStmt(const Stmt *S, BlockFacts &B) {
  if (S->getBeginLoc().isMacroID())
    if (unsigned Point = hintAt(S->getBeginLoc())) {
      emitHint(Point, B);
      if (const auto *E = dyn_cast<Expr>(S))
        CallIds[E] = HintCalls[Point];
      return;
    }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      if (owning(VD)) {
        // The variable owns what its initialiser begins: a guard object, a
        // variable with a cleanup function.
        uint32_t Id = localId(VD);
        llvm::SmallVector<uint32_t, 2> Calls;
        llvm::SmallVector<const Stmt *, 16> Walk{VD->getInit()};
        while (!Walk.empty()) {
          const Stmt *X = Walk.pop_back_val();
          if (!X || isa<LambdaExpr>(X))
            continue;
          if (const auto *E = dyn_cast<Expr>(X)) {
            auto It = CallIds.find(E);
            if (It != CallIds.end() && !llvm::is_contained(Calls, It->second))
              Calls.push_back(It->second);
          }
          for (const Stmt *C : X->children())
            Walk.push_back(C);
        }
        llvm::sort(Calls);
        F.CallSets.push_back(std::move(Calls));
        B.Events.push_back({Event::Decl, Id, uint32_t(F.CallSets.size() - 1), 0});
      }
      if (tracked(VD))
        emitAssign(VD, VD->getInit(), false, B);
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (!BO->isAssignmentOp())
      return;
    const Expr *LHS = BO->getLHS()->IgnoreParenImpCasts();
    if (const auto *D = dyn_cast<UnaryOperator>(LHS))
      if (D->getOpcode() == UO_Deref)
        if (const auto *A = dyn_cast<UnaryOperator>(D->getSubExpr()->IgnoreParenImpCasts()))
          if (A->getOpcode() == UO_AddrOf)
            LHS = A->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (tracked(VD))
          emitAssign(VD, BO->getRHS(), BO->getOpcode() != BO_Assign, B);
    // "vmf->ptl = ...", "*locked = 0": a field or pointee slot.
    uint32_t Slot = slotOf(LHS);
    if (Slot != NoIndex)
      emitSlotAssign(Slot, BO->getRHS(), BO->getOpcode() != BO_Assign, B);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (!UO->isIncrementDecrementOp())
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (tracked(VD))
          emitAssign(VD, nullptr, true, B);
    uint32_t Slot = slotOf(UO->getSubExpr());
    if (Slot != NoIndex)
      emitSlotAssign(Slot, nullptr, true, B);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    ValueFacts V;
    if (const Expr *R = RS->getRetValue()) {
      V.Val = value(R);
      const Expr *Inner = resultOf(R);
      auto It = CallIds.find(Inner);
      if (It != CallIds.end())
        V.FromCall = It->second;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Inner))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          if (tracked(VD))
            V.FromLocal = localId(VD);
    }
    B.Events.push_back({Event::Return, valueId(std::move(V)), 0, 0});
    return;
  }
  const auto *E = dyn_cast<Expr>(S);
  if (!E || !(isa<CallExpr>(E) || isa<CXXConstructExpr>(E)))
    return;
  if (E->isValueDependent() || E->isTypeDependent())
    return;
  emitCall(E, B);
}

void FunctionExtractor::emitAssign(const VarDecl *VD, const Expr *RHS,
                                   bool Unknown, BlockFacts &B) {
  emitSlotAssign(localId(VD), RHS, Unknown, B, VD);
}

void FunctionExtractor::emitSlotAssign(uint32_t Local, const Expr *RHS, bool Unknown,
                                       BlockFacts &B, const VarDecl *VD) {
  ValueFacts V;
  V.Local = Local;
  if (RHS && !Unknown) {
    V.Val = value(RHS);
    const Expr *Inner = resultOf(RHS);
    auto It = CallIds.find(Inner);
    if (It != CallIds.end())
      V.FromCall = It->second;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Inner))
      if (const auto *Src = dyn_cast<VarDecl>(DRE->getDecl()))
        if (tracked(Src) && Src != VD)
          V.FromLocal = localId(Src);
    uint32_t SrcSlot = slotOf(Inner);
    if (SrcSlot != NoIndex && SrcSlot != Local)
      V.FromLocal = SrcSlot;
  }
  B.Events.push_back({Event::Assign, valueId(std::move(V)), 0, 0});
}

/// std::lock_guard, std::unique_lock, std::scoped_lock, std::shared_lock.
static bool isStdGuard(const CXXConstructorDecl *Ctor) {
  const CXXRecordDecl *RD = Ctor->getParent();
  if (!RD->getIdentifier() || !RD->isInStdNamespace())
    return false;
  StringRef N = RD->getName();
  return N == "lock_guard" || N == "unique_lock" || N == "scoped_lock" ||
         N == "shared_lock";
}

void FunctionExtractor::emitCall(const Expr *E, BlockFacts &B_) {
  BlockFacts &B = B_;
  CallFacts C;
  C.At = loc(E->getBeginLoc());
  const FunctionDecl *Target = nullptr;
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = CCE->getConstructor();
    if (isStdGuard(Ctor)) {
      C.Kind = CalleeKind::Guard;
      C.Name = Ctor->getParent()->getName();
      for (const Expr *A : CCE->arguments()) {
        // defer_lock / try_to_lock / adopt_lock tags.
        if (const CXXRecordDecl *RD = A->getType()->getAsCXXRecordDecl())
          if (RD->getIdentifier() && RD->isInStdNamespace() &&
              RD->getName().ends_with("_t")) {
            StringRef T = RD->getName();
            C.Tag = T == "defer_lock_t" ? GuardTag::Defer
                    : T == "try_to_lock_t" ? GuardTag::Try
                    : T == "adopt_lock_t" ? GuardTag::Adopt
                                          : GuardTag::None;
            continue;
          }
        C.Args.push_back(value(A));
        QualType T = A->getType().getNonReferenceType();
        const CXXRecordDecl *MRD = T->getAsCXXRecordDecl();
        C.Types.push_back(MRD ? Symbol(declName(MRD)) : Symbol());
      }
      uint32_t Id = F.Calls.size();
      CallIds[E] = Id;
      F.Calls.push_back(std::move(C));
      B.Events.push_back({Event::Call, Id, 0, 0});
      return;
    }
    Target = Ctor;
    C.Kind = CalleeKind::Direct;
    for (const Expr *A : CCE->arguments())
      C.Args.push_back(value(A));
  } else {
    const auto *CE = cast<CallExpr>(E);
    if (const FunctionDecl *Direct = CE->getDirectCallee()) {
      if (isBuiltinCall(Direct)) {
        // Clang's CFG goes on after __builtin_unreachable(): the path ends
        // here all the same (BUG(), unreachable()).
        unsigned B = Direct->getBuiltinID();
        if (B != Builtin::BI__builtin_unreachable && B != Builtin::BI__builtin_trap)
          return;
        C.Kind = CalleeKind::Direct;
        C.Name = Direct->getName();
        C.DeclaredNoReturn = true;
        uint32_t Id = F.Calls.size();
        CallIds[E] = Id;
        F.Calls.push_back(std::move(C));
        B_.Events.push_back({Event::Call, Id, 0, 0});
        return;
      }
      Target = Direct;
      C.Kind = CalleeKind::Direct;
      const auto *MD = dyn_cast<CXXMethodDecl>(Direct);
      if (MD && MD->isVirtual())
        if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
          const auto *ME = dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens());
          if (!ME || !ME->hasQualifier())
            C.Kind = CalleeKind::Virtual;
        }
    } else {
      const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
      while (const auto *UO = dyn_cast<UnaryOperator>(Callee)) {
        if (UO->getOpcode() != UO_Deref)
          break;
        Callee = UO->getSubExpr()->IgnoreParenImpCasts();
      }
      if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
        const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
        if (!FD || !FD->getIdentifier())
          return;
        C.Kind = CalleeKind::Field;
        C.Id = fieldKey(FD);
        C.Name = FD->getName();
      } else if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee)) {
        if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
          if (PVD->getParentFunctionOrMethod() != Fn)
            return;
          C.Kind = CalleeKind::Param;
          C.ParamIndex = PVD->getFunctionScopeIndex();
          C.Id = functionId(Fn);
          C.Name = PVD->getName();
        } else if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
          C.Kind = CalleeKind::Var;
          C.Id = variableId(VD);
          C.Name = VD->getName();
        } else {
          return;
        }
      } else if (const FunctionDecl *FD = functionOf(Callee)) {
        Target = FD;
        C.Kind = CalleeKind::Direct;
      } else {
        return; // a call we cannot follow
      }
    }
    unsigned First = 0;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
      if (const Expr *Obj = MCE->getImplicitObjectArgument()) {
        C.Object = value(Obj);
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            if (VD->hasLocalStorage() && LocalIds.count(VD))
              C.ObjLocal = LocalIds[VD];
      }
    } else if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OCE->getDirectCallee());
      if (MD && !MD->isStatic() && OCE->getNumArgs() > 0) {
        C.Object = value(OCE->getArg(0));
        First = 1;
      }
    }
    for (unsigned I = First; I < CE->getNumArgs(); ++I)
      C.Args.push_back(value(CE->getArg(I)));
    if (const ApiRow *Row = Target && Target->getIdentifier() && First == 0
                                ? builtinRow(Target->getName())
                                : nullptr) {
      // What a wait names these callbacks by: the IRQ number, and the
      // task pointer a kernel thread's creator keeps.
      if (Row->Fl == Flavor::HardIrq &&
          (Row->Op == ApiOp::Register || Row->Op == ApiOp::Wait)) {
        int Irq = (Row->Flags & RF_IrqNumber) ? Row->Arg : Row->Arg - 1;
        if (Irq >= 0 && unsigned(Irq) < C.Args.size() && !C.Args[Irq].Lock.known())
          C.Args[Irq].Lock = irqNumber(CE->getArg(Irq));
      }
      if (Row->Flags & RF_BindsResult)
        C.StoredInto = storedInto(CE);
      // A workqueue or a task pointer is named as the object it is kept in
      // ("dev::wq", through a local copy of the field too), not as the
      // value a tracked pointer field holds.
      int Obj = -1;
      if (Row->Op == ApiOp::Wait &&
          (Row->Fl == Flavor::Kthread || Row->Fl == Flavor::Workqueue))
        Obj = Row->Arg;
      else if (Row->Op == ApiOp::Register && Row->Fl == Flavor::Workqueue)
        Obj = Row->Arg2;
      if (Obj >= 0 && unsigned(Obj) < C.Args.size()) {
        std::string Name = U.objectName(CE->getArg(Obj));
        if (!Name.empty())
          C.Args[Obj].Lock = LockVal::ofClass(Name);
      }
    }
  }
  if (Target) {
    if (C.Kind != CalleeKind::Field && C.Kind != CalleeKind::Param &&
        C.Kind != CalleeKind::Var) {
      C.Id = functionId(Target);
      C.Name = declName(Target);
      // The plain name finds the C library's rows only for the library's
      // function (declared in a system header), not the program's own
      // wait() or send().
      if (!isa<CXXMethodDecl>(Target) && Target->getIdentifier()) {
        const ApiRow *Lib = builtinRow(Target->getName());
        const SourceManager &SM = Ctx.getSourceManager();
        if (!Lib || !(Lib->Flags & RF_SystemHeader) ||
            SM.isInSystemHeader(SM.getExpansionLoc(Target->getCanonicalDecl()->getLocation())))
          C.Plain = Target->getName();
      }
    }
    C.DeclaredNoReturn = Target->isNoReturn();
    if (!Target->hasBody())
      for (unsigned I = 0; I < Target->getNumParams() && I < 127; ++I)
        if (isGfpType(Target->getParamDecl(I)->getType())) {
          C.GfpParam = int8_t(I);
          break;
        }
  }
  // Inside a *_nested() macro whose expansion kept the lock call but not
  // the subclass (raw_spin_lock_nested(l, s) is _raw_spin_lock(((void)(s),
  // (l))) without lockdep): the subclass the source spelled.
  if (E->getBeginLoc().isMacroID()) {
    llvm::ArrayRef<unsigned> Hs = hintsAt(E->getBeginLoc());
    for (unsigned P : Hs) {
      const MacroHint &H = U.S.Hints.find(P)->second;
      const ApiRow *Row = builtinRow(H.Name);
      if (Row && Row->Arg2 >= 0 && unsigned(Row->Arg2) < H.Args.size()) {
        C.HintSubclass = hintArg(P, unsigned(Row->Arg2));
        C.HasHintSubclass = true;
        break;
      }
    }
    if (!Hs.empty())
      C.Spelled = U.S.Hints.find(Hs.back())->second.Name;
    if (Target && (!Hs.empty())) {
      const ApiRow *Own = builtinRow(declName(Target));
      if (!Own && Target->getIdentifier())
        Own = builtinRow(Target->getName());
      if (Own && Own->Op == ApiOp::TryAcquire)
        for (unsigned P : Hs)
          TryCallOf.try_emplace(P, uint32_t(F.Calls.size()));
    }
  }
  uint32_t Id = F.Calls.size();
  CallIds[E] = Id;
  F.Calls.push_back(std::move(C));
  B.Events.push_back({Event::Call, Id, 0, 0});
}

ArgVal FunctionExtractor::value(const Expr *E) {
  ArgVal V;
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return V;
  QualType T = E->getType();
  const Expr *Bare = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Bare))
    if (UO->getOpcode() == UO_AddrOf) {
      V.NonNull = true;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
          if (tracked(VD))
            V.OutLocal = localId(VD);
          V.FieldInts = constantFields(VD);
        }
      uint32_t Slot = slotOf(UO->getSubExpr());
      if (Slot != NoIndex)
        V.OutLocal = Slot;
    }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Bare))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (tracked(VD) && VD->getType()->isPointerType() && LocalIds.count(VD))
        V.SelfLocal = LocalIds[VD];
  // std::move(g) of an owning object, as the argument itself or as what a
  // by-value guard argument is constructed from: ownership moves.
  {
    const Expr *M = Bare->IgnoreImplicit();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(M))
      if (CE->getNumArgs() == 1)
        M = CE->getArg(0)->IgnoreParenImpCasts();
    if (const auto *CE = dyn_cast<CallExpr>(M))
      if (CE->getNumArgs() == 1 && CE->isCallToStdMove())
        M = CE->getArg(0)->IgnoreParenImpCasts();
      else
        M = nullptr;
    else if (const auto *SC = dyn_cast<CXXStaticCastExpr>(M))
      M = SC->getType()->isRValueReferenceType() || SC->isXValue()
              ? SC->getSubExpr()->IgnoreParenImpCasts()
              : nullptr;
    else
      M = nullptr;
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(M))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (!tracked(VD) && VD->getType()->isRecordType() && LocalIds.count(VD) && owning(VD))
          V.MovedLocal = LocalIds[VD];
  }
  // An owning object (a std::unique_lock) passed by reference: the callee
  // may unlock it, which ends what that object holds here.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Bare))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!tracked(VD) && VD->getType()->isRecordType() && LocalIds.count(VD) && owning(VD))
        V.OutLocal = LocalIds[VD];
  if (isa<StringLiteral>(Bare))
    V.NonNull = true;
  if (T->isPointerType() &&
      E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
    V.HasInt = true; // NULL
    V.Int = 0;
    return V;
  }
  if (T->isPointerType() || T->isReferenceType() || T->isRecordType() ||
      E->isGLValue()) {
    if (!T->isIntegralOrEnumerationType() || T->isPointerType())
      V.Lock = nameLock(E, Fn, 0);
    QualType Pointee = T->isPointerType() ? T->getPointeeType() : T.getNonReferenceType();
    if (const RecordDecl *RD = Pointee->getAsRecordDecl())
      V.Record = recordName(RD);
    // A pointer converted to void * (an IRQ's dev_id): what it points to.
    else if (Bare->getType()->isPointerType())
      if (const RecordDecl *RD = Bare->getType()->getPointeeType()->getAsRecordDecl())
        V.Record = recordName(RD);
    // &n->list_lock: reached through the local pointer n (also through an
    // accessor such as spinlock_check(&n->list_lock)).
    const Expr *Base = Bare;
    for (int D = 0; Base && D < 8; ++D) {
      Base = Base->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(Base)) {
        Base = UO->getSubExpr();
        continue;
      }
      if (const auto *CE = dyn_cast<CallExpr>(Base)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        const Expr *Ret = accessorReturn(Callee);
        LockVal Inner = Ret ? nameLock(Ret, Callee->getDefinition(), 1) : LockVal();
        if (Inner.K != LockVal::Param || Inner.Index >= CE->getNumArgs())
          break;
        Base = CE->getArg(Inner.Index);
        continue;
      }
      if (const auto *ME = dyn_cast<MemberExpr>(Base)) {
        if (!ME->isArrow() && !isa<MemberExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
            !isa<UnaryOperator>(ME->getBase()->IgnoreParenImpCasts()))
          break;
        Base = ME->getBase();
        if (ME->isArrow()) {
          const auto *DRE = dyn_cast<DeclRefExpr>(Base->IgnoreParenImpCasts());
          const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
          if (VD && tracked(VD))
            V.BaseLocal = localId(VD);
          break;
        }
        continue;
      }
      break;
    }
  }
  if (const FunctionDecl *FD = functionOf(E)) {
    V.NonNull = true;
    V.Fns = F.FnLists.size();
    F.FnLists.push_back({Symbol(functionId(FD))});
  }
  if (T->isIntegralOrEnumerationType()) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Bare))
      if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        if (PVD->getParentFunctionOrMethod() == Fn)
          V.IntParam = PVD->getFunctionScopeIndex();
    llvm::SmallPtrSet<const VarDecl *, 4> Visiting;
    MaskVal M = evalMask(E, 0, Visiting);
    if (M.Terms.size() == 1 && M.Terms[0].K == MaskTerm::Const && !M.Clear) {
      V.Int = int64_t(M.Terms[0].Bits);
      V.HasInt = true;
      V.NonNull = M.Terms[0].Bits != 0;
    }
    if (!M.empty()) {
      V.Mask = F.Masks.size();
      F.Masks.push_back(std::move(M));
    }
  }
  return V;
}

// --- naming ----------------------------------------------------------------------

LockVal FunctionExtractor::nameLock(const Expr *E, const FunctionDecl *In,
                                    int Depth) {
  LockVal R;
  E = strip(E);
  if (!E || Depth > 8)
    return R;
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD)
      return R;
    // In a constructor, a reference or pointer member initialised from a
    // parameter is that parameter (RAII guards: Guard(Mutex &m) : m_(m)).
    if (const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(In))
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
          (FD->getType()->isReferenceType() || FD->getType()->isPointerType()))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getMember() == FD && Init->getInit())
            return nameLock(Init->getInit(), In, Depth + 1);
    if (isLockInnards(FD))
      return nameLock(ME->getBase(), In, Depth + 1);
    // A lock pointer kept in a struct the function tracks (vmf->ptl): what
    // was stored there.
    if (In == Fn && FD->getType()->isPointerType()) {
      uint32_t Slot = slotOf(ME);
      if (Slot != NoIndex)
        return LockVal::ofLocal(Slot);
    }
    return LockVal::ofClass(fieldKey(FD));
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return nameLock(AS->getBase(), In, Depth + 1);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isAdditiveOp())
      return nameLock(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                               : BO->getRHS(),
                      In, Depth + 1);
    if (BO->getOpcode() == BO_Comma)
      return nameLock(BO->getRHS(), In, Depth + 1);
    return R;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return R;
    if (In != Fn) {
      // Inside an accessor being looked through: its parameters only.
      if (const auto *PVD = dyn_cast<ParmVarDecl>(VD))
        return LockVal::ofParam(PVD->getFunctionScopeIndex());
      if (!VD->hasLocalStorage())
        return LockVal::ofClass(nameVariable(VD).Class);
      return R;
    }
    if (const auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
      if (PVD->getFunctionScopeDepth() != 0)
        return LockVal::ofClass(declName(PVD));
      if (Assigned.count(PVD) && tracked(PVD))
        return LockVal::ofLocal(localId(PVD));
      return LockVal::ofParam(PVD->getFunctionScopeIndex());
    }
    if (VD->hasLocalStorage()) {
      bool Pointer = VD->getType()->isPointerType() || VD->getType()->isReferenceType();
      if (Pointer) {
        if (Assigned.count(VD) && tracked(VD))
          return LockVal::ofLocal(localId(VD));
        if (const Expr *Init = VD->getInit()) {
          LockVal Through = nameLock(Init, In, Depth + 1);
          if (Through.known())
            return Through;
        }
        if (tracked(VD))
          return LockVal::ofLocal(localId(VD));
        return R; // a pointer we cannot follow names no class
      }
    }
    return LockVal::ofClass(nameVariable(VD).Class);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return R;
    // A pass-through accessor, like the kernel's spinlock_check() or
    // rq_lockp(): { return &rq->__lock; } names what it returns.
    if (const Expr *Ret = accessorReturn(Callee)) {
      LockVal Inner = nameLock(Ret, Callee->getDefinition(), Depth + 1);
      if (Inner.K == LockVal::Param && Inner.Index < CE->getNumArgs())
        return nameLock(CE->getArg(Inner.Index), In, Depth + 1);
      if (Inner.concrete())
        return Inner;
    }
    if (In == Fn) {
      auto It = CallIds.find(CE);
      if (It != CallIds.end())
        return LockVal::ofResult(It->second);
    }
    return R;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    LockVal T = nameLock(CO->getTrueExpr(), In, Depth + 1);
    return T.known() ? T : nameLock(CO->getFalseExpr(), In, Depth + 1);
  }
  if (const auto *SE = dyn_cast<StmtExpr>(E)) {
    // ({ ...; value; }): the value.
    if (const CompoundStmt *CS = SE->getSubStmt(); CS && !CS->body_empty())
      if (const auto *Last = dyn_cast<Expr>(CS->body_back()))
        return nameLock(Last, In, Depth + 1);
  }
  return R;
}

LockVal FunctionExtractor::irqNumber(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || VD->hasLocalStorage())
      return LockVal();
  } else if (!isa_and_nonnull<MemberExpr>(E)) {
    return LockVal();
  }
  LockVal L = nameLock(E, Fn, 0);
  return L.concrete() ? L : LockVal();
}

std::string FunctionExtractor::storeOfLocal(const VarDecl *VD, int Depth) {
  // "t = kthread_create(...); ...; p->thread = t;": the first store of the
  // local into a field or a global.
  std::string Found;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || !Found.empty())
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->getOpcode() == BO_Assign)
        if (const auto *R = dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenCasts()))
          if (R->getDecl() == VD) {
            const Expr *LHS = strip(BO->getLHS());
            const auto *L = dyn_cast_or_null<DeclRefExpr>(LHS);
            const auto *LV = L ? dyn_cast<VarDecl>(L->getDecl()) : nullptr;
            if (LV && LV->hasLocalStorage()) {
              if (Depth < 4 && LV != VD)
                Found = storeOfLocal(LV, Depth + 1);
            } else {
              Found = U.objectName(LHS);
            }
            if (!Found.empty())
              return;
          }
    for (const Stmt *Child : S->children())
      Scan(Child);
  };
  Scan(Fn->getBody());
  return Found;
}

std::string FunctionExtractor::storedInto(const Expr *Call) {
  DynTypedNode Cur = DynTypedNode::create(*Call);
  const Expr *CurE = Call;
  for (int D = 0; D < 16; ++D) {
    auto Ps = Ctx.getParents(Cur);
    if (Ps.size() != 1)
      return "";
    if (const auto *PE = Ps[0].get<Expr>()) {
      if (isa<ParenExpr, ImplicitCastExpr, CStyleCastExpr, StmtExpr>(PE)) {
        Cur = Ps[0];
        CurE = PE;
        continue;
      }
      const auto *BO = dyn_cast<BinaryOperator>(PE);
      if (!BO || BO->getOpcode() != BO_Assign || BO->getRHS() != CurE)
        return "";
      const Expr *LHS = strip(BO->getLHS());
      if (const auto *L = dyn_cast_or_null<DeclRefExpr>(LHS))
        if (const auto *LV = dyn_cast<VarDecl>(L->getDecl()))
          if (LV->hasLocalStorage())
            return storeOfLocal(LV, 0);
      return U.objectName(LHS);
    }
    if (const auto *CS = Ps[0].get<CompoundStmt>()) {
      // The last statement of ({ ...; v; }) is the statement expression's
      // value.
      if (CS->body_empty() || CS->body_back() != CurE)
        return "";
      Cur = Ps[0];
      continue;
    }
    if (const auto *VD = Ps[0].get<VarDecl>()) {
      if (!VD->hasLocalStorage())
        return "";
      // struct task_struct *__k = kthread_create(...); ... __k; }): the
      // statement expression's value, else where the local is stored.
      auto DS = Ctx.getParents(*VD);
      const DeclStmt *Decl = DS.size() == 1 ? DS[0].get<DeclStmt>() : nullptr;
      const CompoundStmt *Body = nullptr;
      if (Decl) {
        auto CSs = Ctx.getParents(*Decl);
        Body = CSs.size() == 1 ? CSs[0].get<CompoundStmt>() : nullptr;
      }
      if (Body && !Body->body_empty())
        if (const auto *Last = dyn_cast<Expr>(Body->body_back()))
          if (const auto *R = dyn_cast<DeclRefExpr>(Last->IgnoreParenImpCasts()))
            if (R->getDecl() == VD) {
              auto SEs = Ctx.getParents(*Body);
              if (SEs.size() == 1 && SEs[0].get<StmtExpr>()) {
                Cur = SEs[0];
                CurE = SEs[0].get<StmtExpr>();
                continue;
              }
            }
      return storeOfLocal(VD, 0);
    }
    return "";
  }
  return "";
}

MaskVal FunctionExtractor::evalMask(const Expr *E, unsigned Depth,
                                    llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) {
  MaskVal M;
  if (!E || Depth > 8)
    return M;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent() ||
      !E->getType()->isIntegralOrEnumerationType())
    return M;
  auto Const = [&](uint64_t V) {
    MaskTerm T;
    T.K = MaskTerm::Const;
    T.Bits = V;
    T.Where = loc(E->getBeginLoc());
    T.AtLeaf = Depth == 0;
    M.Terms.push_back(T);
    return M;
  };
  if (const auto *IL = dyn_cast<IntegerLiteral>(E))
    return Const(IL->getValue().getZExtValue());
  Expr::EvalResult R;
  if (!isa<DeclRefExpr>(E) || isa<EnumConstantDecl>(cast<DeclRefExpr>(E)->getDecl()))
    if (E->EvaluateAsInt(R, Ctx))
      return Const(R.Val.getInt().getZExtValue());
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    return evalMask(C->getSubExpr(), Depth, Visiting);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return M;
    if (const auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
      if (PVD->getFunctionScopeDepth() == 0 && PVD->getParentFunctionOrMethod() == Fn) {
        MaskTerm T;
        T.K = MaskTerm::Param;
        T.Index = PVD->getFunctionScopeIndex();
        M.Terms.push_back(T);
      }
      return M;
    }
    if (!VD->hasLocalStorage()) {
      if (VD->getType().isConstQualified() && VD->getInit() &&
          !VD->getInit()->isValueDependent() && VD->getInit()->EvaluateAsInt(R, Ctx))
        return Const(R.Val.getInt().getZExtValue());
      return M;
    }
    auto It = LocalDefs.find(VD);
    if (It == LocalDefs.end() || !Visiting.insert(VD).second)
      return M;
    for (const Expr *Def : It->second) {
      MaskVal D = evalMask(Def, Depth + 1, Visiting);
      M.Terms.append(D.Terms.begin(), D.Terms.end());
      M.Clear |= D.Clear;
    }
    Visiting.erase(VD);
    for (MaskTerm &T : M.Terms)
      T.AtLeaf = false;
    return M;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    M = evalMask(CO->getTrueExpr(), Depth + 1, Visiting);
    MaskVal F2 = evalMask(CO->getFalseExpr(), Depth + 1, Visiting);
    M.Terms.append(F2.Terms.begin(), F2.Terms.end());
    M.Clear |= F2.Clear;
    return M;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Or) {
      MaskVal L = evalMask(BO->getLHS(), Depth + 1, Visiting);
      MaskVal Rm = evalMask(BO->getRHS(), Depth + 1, Visiting);
      if (L.empty() || Rm.empty())
        return M;
      for (const MaskTerm &A : L.Terms)
        for (const MaskTerm &B : Rm.Terms) {
          if (M.Terms.size() >= 16)
            break;
          MaskTerm T;
          if (A.K != MaskTerm::Const && B.K != MaskTerm::Const)
            continue; // two unknowns or-ed: not a value we follow
          const MaskTerm &Sym = A.K != MaskTerm::Const ? A : B;
          const MaskTerm &Con = A.K != MaskTerm::Const ? B : A;
          T = Sym;
          T.Bits = Sym.Bits | Con.Bits;
          T.Where = loc(E->getBeginLoc());
          T.AtLeaf = Depth == 0;
          M.Terms.push_back(T);
        }
      M.Clear = L.Clear | Rm.Clear;
      return M;
    }
    if (BO->getOpcode() == BO_And) {
      if (!BO->getRHS()->isValueDependent() && BO->getRHS()->EvaluateAsInt(R, Ctx)) {
        M = evalMask(BO->getLHS(), Depth + 1, Visiting);
        M.Clear |= ~R.Val.getInt().getZExtValue();
      }
      return M;
    }
    return M;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (isGfpType(FD->getType())) {
        MaskTerm T;
        T.K = MaskTerm::FieldRead;
        T.Field = fieldKey(FD);
        T.Where = loc(E->getBeginLoc());
        M.Terms.push_back(T);
      }
    return M;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (Callee) {
      const ApiRow *Row = builtinRow(declName(Callee));
      if (!Row && Callee->getIdentifier())
        Row = builtinRow(Callee->getName());
      if (Row && Row->Op == ApiOp::MaskPassthrough && Row->Arg >= 0 &&
          unsigned(Row->Arg) < CE->getNumArgs())
        return evalMask(CE->getArg(Row->Arg), Depth + 1, Visiting);
    }
    auto It = CallIds.find(CE);
    if (It != CallIds.end()) {
      MaskTerm T;
      T.K = MaskTerm::Result;
      T.Index = It->second;
      T.Where = loc(E->getBeginLoc());
      M.Terms.push_back(T);
    }
    return M;
  }
  return M;
}

// --- conditions ------------------------------------------------------------------

/// Whether the value of Def, in function In, is parameter P's own value with
/// bits cleared: "p", "p & C", a call of a function whose every return is
/// that of its own parameter (current_gfp_context(p)).
static bool narrowedValue(const Expr *Def, const ParmVarDecl *P, ASTContext &Ctx,
                          unsigned Depth);

/// Whether parameter Q of Fn is only ever narrowed and every return
/// statement returns a narrowed value of it.
static bool returnsNarrowed(const FunctionDecl *Fn, unsigned Q, ASTContext &Ctx,
                            unsigned Depth) {
  const FunctionDecl *Def = Fn ? Fn->getDefinition() : nullptr;
  if (!Def || !Def->getBody() || Q >= Def->getNumParams() || Depth > 3)
    return false;
  const ParmVarDecl *P = Def->getParamDecl(Q);
  bool Returns = false, Ok = true;
  llvm::SmallVector<const Stmt *, 32> Walk{Def->getBody()};
  while (Ok && !Walk.empty()) {
    const Stmt *S = Walk.pop_back_val();
    if (!S)
      continue;
    if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
      Returns = true;
      Ok = narrowedValue(RS->getRetValue(), P, Ctx, Depth + 1);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
      const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
      if (DRE && DRE->getDecl() == P)
        Ok = (BO->getOpcode() == BO_AndAssign &&
              BO->getRHS()->isIntegerConstantExpr(Ctx)) ||
             (BO->getOpcode() == BO_Assign && narrowedValue(BO->getRHS(), P, Ctx, Depth + 1));
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
      if (DRE && DRE->getDecl() == P &&
          (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
        Ok = false;
    }
    for (const Stmt *C : S->children())
      Walk.push_back(C);
  }
  return Ok && Returns;
}

static bool narrowedValue(const Expr *Def, const ParmVarDecl *P, ASTContext &Ctx,
                          unsigned Depth) {
  if (!Def || Depth > 6)
    return false;
  const Expr *E = Def->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == P;
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() != BO_And)
      return false;
    const Expr *L = BO->getLHS(), *R = BO->getRHS();
    if (L->isIntegerConstantExpr(Ctx))
      std::swap(L, R);
    return R->isIntegerConstantExpr(Ctx) && narrowedValue(L, P, Ctx, Depth + 1);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return false;
    // The argument carrying P, the only one that may.
    int Carrier = -1;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I)
      if (narrowedValue(CE->getArg(I), P, Ctx, Depth + 1)) {
        if (Carrier >= 0)
          return false;
        Carrier = int(I);
      }
    return Carrier >= 0 && returnsNarrowed(Callee, unsigned(Carrier), Ctx, Depth + 1);
  }
  return false;
}

bool FunctionExtractor::narrowing(const BinaryOperator *BO, const ParmVarDecl *P) const {
  if (!isGfpType(P->getType()))
    return false;
  if (BO->getOpcode() == BO_AndAssign)
    return BO->getRHS()->isIntegerConstantExpr(Ctx);
  return BO->getOpcode() == BO_Assign && narrowedValue(BO->getRHS(), P, Ctx, 0);
}

void FunctionExtractor::recordWidenings() {
  // For each "p |= K": the bits of p that the enclosing ifs test set (the
  // widening happens only when they are). Up to two are kept; dropping one
  // makes the widening more likely, never less.
  for (const auto &[BO, PVD] : WideningSites) {
    if (!Widened.count(PVD) || NotNarrowed.count(PVD) || Escaped.count(PVD))
      continue;
    FnFacts::Widening W;
    W.Param = PVD->getFunctionScopeIndex();
    W.Bits = BO->getRHS()->EvaluateKnownConstInt(Ctx).getZExtValue();
    llvm::SmallVector<uint64_t, 2> Needs;
    auto Positive = [&](const Expr *E) -> uint64_t {
      E = E->IgnoreParenImpCasts();
      while (const auto *UO = dyn_cast<UnaryOperator>(E)) { // !!(p & K)
        const auto *In = dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenImpCasts());
        if (UO->getOpcode() != UO_LNot || !In || In->getOpcode() != UO_LNot)
          return 0;
        E = In->getSubExpr()->IgnoreParenImpCasts();
      }
      const auto *B = dyn_cast<BinaryOperator>(E);
      if (!B || B->getOpcode() != BO_And)
        return 0;
      const auto *D = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts());
      if (!D || D->getDecl() != PVD || B->getRHS()->isValueDependent() ||
          !B->getRHS()->isIntegerConstantExpr(Ctx))
        return 0;
      return B->getRHS()->EvaluateKnownConstInt(Ctx).getZExtValue();
    };
    std::function<void(const Expr *)> Conj = [&](const Expr *E) {
      E = E->IgnoreParenImpCasts();
      if (const auto *B = dyn_cast<BinaryOperator>(E); B && B->getOpcode() == BO_LAnd) {
        Conj(B->getLHS());
        Conj(B->getRHS());
        return;
      }
      if (uint64_t K = Positive(E))
        Needs.push_back(K);
    };
    DynTypedNode Cur = DynTypedNode::create(*BO);
    for (int D = 0; D < 64; ++D) {
      auto Ps = Ctx.getParents(Cur);
      if (Ps.size() != 1 || Ps[0].get<Decl>())
        break;
      if (const auto *If = Ps[0].get<IfStmt>()) {
        const Stmt *Child = Cur.get<Stmt>();
        if (Child && Child == If->getThen())
          Conj(If->getCond());
        else if (Child && Child == If->getElse())
          if (const auto *N = dyn_cast<UnaryOperator>(If->getCond()->IgnoreParenImpCasts());
              N && N->getOpcode() == UO_LNot)
            if (uint64_t K = Positive(N->getSubExpr()))
              Needs.push_back(K);
      }
      Cur = Ps[0];
    }
    W.Need0 = Needs.size() > 0 ? Needs[0] : 0;
    W.Need1 = Needs.size() > 1 ? Needs[1] : 0;
    F.Widenings.push_back(W);
  }
}

bool FunctionExtractor::narrowedAt(const VarDecl *VD, SourceLocation Use) const {
  if (NotNarrowed.count(VD) || Escaped.count(VD))
    return false;
  auto It = NarrowedUntil.find(VD);
  return It != NarrowedUntil.end() && It->second.isValid() &&
         SM.isBeforeInTranslationUnit(It->second, SM.getFileLoc(Use));
}

bool FunctionExtractor::stableCondition(const Expr *E, unsigned Depth) {
  if (!E || Depth > 12)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(E) || isa<CXXBoolLiteralExpr>(E))
    return true;
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E)) // ((gfp_t)___GFP_IO)
    return stableCondition(C->getSubExpr(), Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return true;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return false;
    if (VD->isConstexpr() || (VD->getType().isConstQualified() && VD->hasInit()))
      return true;
    if (!VD->hasLocalStorage())
      return false;
    if (isa<ParmVarDecl>(VD) && narrowedAt(VD, DRE->getBeginLoc()))
      return true; // only narrowed, before here: a bit test still finds set bits
    if (isa<ParmVarDecl>(VD) && Widened.count(VD) && !NotNarrowed.count(VD) &&
        !Escaped.count(VD))
      return true; // the caller's flags, narrowed or widened by constants
    return !Escaped.count(VD) && !Assigned.count(VD) &&
           (isa<ParmVarDecl>(VD) || VD->getInit());
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return stableCondition(ME->getBase(), Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return !UO->isIncrementDecrementOp() && stableCondition(UO->getSubExpr(), Depth + 1);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
           stableCondition(BO->getLHS(), Depth + 1) &&
           stableCondition(BO->getRHS(), Depth + 1);
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return stableCondition(AS->getBase(), Depth + 1) &&
           stableCondition(AS->getIdx(), Depth + 1);
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    // The same side-effect-free call on the same unchanged arguments.
    if (!U.readOnlyFunction(CE->getDirectCallee()))
      return false;
    for (const Expr *A : CE->arguments())
      if (!stableCondition(A, Depth + 1))
        return false;
    return true;
  }
  return isa<UnaryExprOrTypeTraitExpr>(E); // sizeof, alignof
}

void FunctionExtractor::paramBitTest(const Expr *E, int32_t &Param, uint64_t &Bits) {
  E = E->IgnoreParenImpCasts();
  // A predicate over one parameter (gfpflags_allow_blocking(gfp): "return
  // !!(gfp_flags & __GFP_DIRECT_RECLAIM);"): the same test on the argument.
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    const auto *Body = Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody()) : nullptr;
    if (!Body || Body->size() != 1 || CE->getNumArgs() != Def->getNumParams())
      return;
    const auto *RS = dyn_cast<ReturnStmt>(Body->body_front());
    const Expr *RV = RS ? RS->getRetValue() : nullptr;
    if (!RV)
      return;
    RV = RV->IgnoreParenImpCasts();
    while (const auto *UO = dyn_cast<UnaryOperator>(RV)) { // !!(x & B)
      const auto *Inner = dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenImpCasts());
      if (UO->getOpcode() != UO_LNot || !Inner || Inner->getOpcode() != UO_LNot)
        return;
      RV = Inner->getSubExpr()->IgnoreParenImpCasts();
    }
    const auto *BO = dyn_cast<BinaryOperator>(RV);
    const auto *PD = BO && BO->getOpcode() == BO_And
                         ? dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts())
                         : nullptr;
    const auto *P = PD ? dyn_cast<ParmVarDecl>(PD->getDecl()) : nullptr;
    Expr::EvalResult R;
    if (!P || P->getFunctionScopeIndex() >= CE->getNumArgs() ||
        BO->getRHS()->isValueDependent() || !BO->getRHS()->EvaluateAsInt(R, Ctx))
      return;
    const auto *AD = dyn_cast<DeclRefExpr>(
        CE->getArg(P->getFunctionScopeIndex())->IgnoreParenImpCasts());
    const auto *Mine = AD ? dyn_cast<ParmVarDecl>(AD->getDecl()) : nullptr;
    if (!Mine || Mine->getFunctionScopeDepth() != 0 ||
        Mine->getParentFunctionOrMethod() != Fn)
      return;
    Param = int32_t(Mine->getFunctionScopeIndex());
    Bits = R.Val.getInt().getZExtValue();
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!isa<ParmVarDecl>(VD) && VD->getInit())
        E = VD->getInit()->IgnoreParenImpCasts();
  while (const auto *UO = dyn_cast<UnaryOperator>(E)) { // !!(gfp & X)
    if (UO->getOpcode() != UO_LNot)
      return;
    const auto *Inner = dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenImpCasts());
    if (!Inner || Inner->getOpcode() != UO_LNot)
      return;
    E = Inner->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO || BO->getOpcode() != BO_And)
    return;
  const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
  const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  Expr::EvalResult R;
  if (!PVD || PVD->getFunctionScopeDepth() != 0 || PVD->getParentFunctionOrMethod() != Fn ||
      BO->getRHS()->isValueDependent() || !BO->getRHS()->EvaluateAsInt(R, Ctx))
    return;
  Param = int32_t(PVD->getFunctionScopeIndex());
  Bits = R.Val.getInt().getZExtValue();
}

CondFacts FunctionExtractor::condition(const Expr *E) {
  CondFacts C;
  if (E->getBeginLoc().isMacroID()) {
    if (unsigned Point = hintAt(E->getBeginLoc())) {
      auto It = HintCalls.find(Point);
      if (It != HintCalls.end()) {
        C.K = CondFacts::CallResult;
        C.Index = It->second;
      }
      return C;
    }
    // A trylock macro that expands to more than the trylock
    // (spin_trylock_irqsave: local_irq_save(), then the trylock ? 1 : 0):
    // its value is the inner trylock's result.
    for (unsigned P : hintsAt(E->getBeginLoc())) {
      const ApiRow *Row = builtinRow(U.S.Hints.find(P)->second.Name);
      auto It = TryCallOf.find(P);
      if (Row && Row->Op == ApiOp::TryAcquire && It != TryCallOf.end() &&
          E->IgnoreParenImpCasts()->getBeginLoc().isMacroID() &&
          hintsAt(E->IgnoreParenImpCasts()->getBeginLoc()).size() &&
          hintsAt(E->IgnoreParenImpCasts()->getBeginLoc()).back() == P) {
        C.K = CondFacts::CallResult;
        C.Index = It->second;
        return C;
      }
    }
  }
  // Peel '!', '== 0', '!= 0', '< 0', __builtin_expect() (likely/unlikely).
  bool Negated = false;
  for (int Depth = 0; Depth < 12; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_LNot)
        break;
      Negated = !Negated;
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *CE = dyn_cast<CallExpr>(E))
      if (CE->getBuiltinCallee() == Builtin::BI__builtin_expect && CE->getNumArgs() == 2) {
        E = CE->getArg(0);
        continue;
      }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      auto IsZero = [&](const Expr *X) {
        if (X->isValueDependent())
          return false;
        if (X->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
          return true;
        Expr::EvalResult ER;
        return X->EvaluateAsInt(ER, Ctx) && ER.Val.getInt() == 0;
      };
      if (BO->isEqualityOp() || BO->getOpcode() == BO_LT || BO->getOpcode() == BO_GE) {
        if (!IsZero(R)) {
          if (BO->isEqualityOp() && IsZero(L))
            std::swap(L, R);
          else
            break;
        }
        if (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_GE)
          Negated = !Negated;
        E = L;
        continue;
      }
    }
    break;
  }
  C.Negated = Negated;
  E = E->IgnoreParenImpCasts();
  if (!E->isValueDependent()) {
    Expr::EvalResult ER;
    if (E->EvaluateAsInt(ER, Ctx))
      return CondFacts(); // "while (0)": nothing to correlate
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (tracked(VD) && LocalIds.count(VD)) {
        int32_t P = -1;
        uint64_t Bits = 0;
        if (!Assigned.count(VD)) {
          paramBitTest(E, P, Bits);
        } else if (!VD->getInit()) {
          // Assigned once, from a mask test ("is_atomic =
          // !gfpflags_allow_blocking(gfp);"): that test.
          auto It = LocalDefs.find(VD);
          if (It != LocalDefs.end() && It->second.size() == 1) {
            const Expr *D = It->second.front()->IgnoreParenImpCasts();
            bool Neg = false;
            if (const auto *UO = dyn_cast<UnaryOperator>(D);
                UO && UO->getOpcode() == UO_LNot) {
              const auto *In = dyn_cast<UnaryOperator>(UO->getSubExpr()->IgnoreParenImpCasts());
              if (!In || In->getOpcode() != UO_LNot) {
                Neg = true;
                D = UO->getSubExpr();
              }
            }
            if (stableCondition(D, 0)) {
              paramBitTest(D, P, Bits);
              if (P >= 0 && Neg)
                C.Negated = !C.Negated;
            }
          }
        }
        if (P >= 0) {
          C.K = CondFacts::Stable;
          C.Param = P;
          C.Bits = Bits;
          C.Narrowed = Assigned.count(Fn->getParamDecl(unsigned(P)));
          C.Key = (uint64_t(P) << 40) ^ Bits ^ (uint64_t(0x5a) << 56) ^
                  (uint64_t(1) << 63);
          return C;
        }
        C.K = CondFacts::Local;
        C.Index = LocalIds[VD];
        C.ParamTruth = isa<ParmVarDecl>(VD) && !Assigned.count(VD);
        return C;
      }
  if (uint32_t Slot = slotOf(E); Slot != NoIndex) {
    C.K = CondFacts::Local;
    C.Index = Slot;
    return C;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    auto It = CallIds.find(CE);
    if (It != CallIds.end() && !stableCondition(E, 0)) {
      C.K = CondFacts::CallResult;
      C.Index = It->second;
      return C;
    }
  }
  if (!stableCondition(E, 0))
    return CondFacts();
  int32_t P = -1;
  uint64_t Bits = 0;
  paramBitTest(E, P, Bits);
  C.K = CondFacts::Stable;
  C.Param = P;
  C.Bits = Bits;
  C.Narrowed = P >= 0 && Assigned.count(Fn->getParamDecl(unsigned(P)));
  // "p->f" of a pointer parameter nothing here reassigns, a field nothing
  // here writes: the caller's struct may decide it.
  if (const auto *ME = dyn_cast<MemberExpr>(E); P < 0 && ME && ME->isArrow())
    if (const auto *DRE = dyn_cast<DeclRefExpr>(ME->getBase()->IgnoreParenImpCasts()))
      if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
        if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          if (FD->getIdentifier() && PVD->getFunctionScopeIndex() < Fn->getNumParams() &&
              Fn->getParamDecl(PVD->getFunctionScopeIndex()) == PVD &&
              !Assigned.count(PVD) && !Escaped.count(PVD) && !FieldWritten.count({PVD, FD}) &&
              (FD->getType()->isIntegralOrEnumerationType() || FD->getType()->isBooleanType())) {
            C.FieldParam = int32_t(PVD->getFunctionScopeIndex());
            C.Field = FD->getName();
          }
  if (P >= 0) {
    C.Key = (uint64_t(P) << 40) ^ Bits ^ (uint64_t(0x5a) << 56) ^ (uint64_t(1) << 63);
    return C;
  }
  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Ctx, /*Canonical=*/true);
  C.Key = uint64_t(ID.ComputeHash()) | (uint64_t(1) << 63);
  return C;
}

} // namespace

UnitFacts FactsCollector::extract(ASTContext &Ctx, const ExtractOptions &Opts) {
  resetLocationCache();
  UnitFacts U;
  UnitExtractor X(Ctx, PP, *S, Opts, U);
  X.run();
  return U;
}
