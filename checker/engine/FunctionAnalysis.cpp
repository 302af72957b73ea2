//===- FunctionAnalysis.cpp - one function's dataflow ---------------------===//
///
/// \file
/// The per-function stage of the data path. A forward dataflow over Clang's
/// CFG computes the contexts in force at every point; a second pass over the
/// fixpoint records each operation and each callee effect, with the contexts
/// around it, into the function's summary.
//===----------------------------------------------------------------------===//

#include "FunctionAnalysis.h"
#include "Naming.h"
#include "SummaryFile.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>
#include <map>

using namespace clang;
using namespace gfpdep;

namespace {

constexpr unsigned MaxDepth = 4;

/// The contexts in force at a program point.
struct State {
  std::map<std::string, Context> In;    ///< begun and not yet ended
  std::map<std::string, Context> Ended; ///< ended here, begun by a caller
  /// Truth values of stable condition variables on this path (a branch on
  /// "if (locked)" records locked = true on one edge, false on the other).
  struct Cond {
    bool Value = false;
    int Param = -1;     ///< the condition is (Param & Bits) != 0 ...
    uint64_t Bits = 0;  ///< ... of a parameter of the function
    bool operator==(const Cond &O) const {
      return Value == O.Value && Param == O.Param && Bits == O.Bits;
    }
    bool operator!=(const Cond &O) const { return !(*this == O); }
  };
  std::map<uint64_t, Cond> Known;
  bool Reached = false;

  bool operator==(const State &O) const {
    auto Same = [](const std::map<std::string, Context> &A,
                   const std::map<std::string, Context> &B) {
      if (A.size() != B.size())
        return false;
      for (auto IA = A.begin(), IB = B.begin(); IA != A.end(); ++IA, ++IB)
        if (IA->first != IB->first || IA->second.Depth != IB->second.Depth ||
            IA->second.Origin != IB->second.Origin ||
            IA->second.GuardKey != IB->second.GuardKey ||
            IA->second.GuardValue != IB->second.GuardValue)
          return false;
      return true;
    };
    return Reached == O.Reached && Known == O.Known && Same(In, O.In) &&
           Same(Ended, O.Ended);
  }

  /// A variable whose value differs between this state and O: a context
  /// present on one side only is guarded by it.
  static uint64_t splitBy(const State &A, const State &B) {
    for (const auto &[V, Val] : A.Known) {
      auto It = B.Known.find(V);
      if (It != B.Known.end() && It->second.Value != Val.Value)
        return V;
    }
    return 0;
  }

  /// Union: held on some path means may be held; held on the paths where a
  /// condition variable had one value is remembered as guarded by it.
  void join(const State &O) {
    if (!O.Reached)
      return;
    if (!Reached) {
      *this = O;
      return;
    }
    uint64_t Split = splitBy(*this, O);
    auto Merge = [&](std::map<std::string, Context> &A,
                     const std::map<std::string, Context> &B, bool Guard) {
      if (Guard && Split)
        for (auto &[K, C] : A)
          if (!B.count(K) && !C.GuardKey) {
            C.GuardKey = Split;
            C.GuardValue = Known.at(Split).Value;
            C.GuardParam = Known.at(Split).Param;
            C.GuardBits = Known.at(Split).Bits;
          }
      for (const auto &[K, C] : B) {
        auto It = A.find(K);
        if (It == A.end()) {
          Context G = C;
          if (Guard && Split && !G.GuardKey) {
            G.GuardKey = Split;
            G.GuardValue = O.Known.at(Split).Value;
            G.GuardParam = O.Known.at(Split).Param;
            G.GuardBits = O.Known.at(Split).Bits;
          }
          A.emplace(K, G);
          continue;
        }
        unsigned Depth = std::max(It->second.Depth, C.Depth);
        if (C.Origin < It->second.Origin) {
          uint64_t GV = It->second.GuardKey;
          bool GB = It->second.GuardValue;
          It->second = C;
          It->second.GuardKey = GV;
          It->second.GuardValue = GB;
        }
        // Present on both sides: guarded only if guarded alike on both.
        if (It->second.GuardKey != C.GuardKey ||
            It->second.GuardValue != C.GuardValue)
          It->second.GuardKey = 0;
        It->second.Depth = Depth;
      }
    };
    Merge(In, O.In, /*Guard=*/true);
    Merge(Ended, O.Ended, /*Guard=*/false);
    // Facts both sides agree on survive the join.
    for (auto It = Known.begin(); It != Known.end();) {
      auto OIt = O.Known.find(It->first);
      if (OIt == O.Known.end() || OIt->second != It->second)
        It = Known.erase(It);
      else
        ++It;
    }
  }
};

/// A call or construction with its arguments by parameter position.
struct CallSite {
  const Expr *E = nullptr;
  Loc L;
  const Expr *Object = nullptr;
  llvm::SmallVector<const Expr *, 6> Args;
  /// Arguments evaluated once per call site, whatever the number of callee
  /// effects that name them.
  mutable llvm::SmallDenseMap<int, Mask, 2> MaskOf;
  mutable llvm::SmallDenseMap<int, LockRef, 2> LockOf;

  const Expr *arg(int I) const {
    if (I == ObjectArg)
      return Object;
    if (I < 0 || unsigned(I) >= Args.size())
      return nullptr;
    return Args[I];
  }
};

bool isGfpType(QualType T) {
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

class FunctionAnalysis {
public:
  FunctionAnalysis(const FunctionDecl *Fn, const AnalysisEnv &Env, Summary &Out)
      : Fn(Fn), Env(Env), SM(Env.Ctx.getSourceManager()), Out(Out),
        FnName(declName(Fn)) {}

  bool run();

private:
  const FunctionDecl *Fn;
  const AnalysisEnv &Env;
  const SourceManager &SM;
  Summary &Out;
  std::string FnName;
  bool Recording = false;
  std::unique_ptr<CFG> G;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> LocalDefs;
  llvm::SmallPtrSet<const VarDecl *, 4> AddressTaken;
  llvm::SmallPtrSet<const VarDecl *, 4> Modified; ///< assigned after its declaration
  /// Contexts begun by each call, and so owned by the variable it initialises.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<Context, 1>> BegunBy;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<Context, 1>> VarOwns;

  // --- the transfer function ------------------------------------------------
  void transfer(const CFGBlock &B, State &S);
  void handleStmt(const Stmt *St, State &S);
  void handleCall(const CallSite &CS, llvm::ArrayRef<const FunctionDecl *> Targets,
                  State &S);
  void applyRow(const ApiRow &Row, const FunctionDecl *Callee,
                const CallSite &CS, State &S);
  void applySummary(const Summary &Callee, llvm::StringRef CalleeName,
                    const CallSite &CS, bool ApplyNet, State &S);
  void endScope(const VarDecl *VD, State &S);
  /// The trylock at the end of a block, and which successor gets the lock.
  void edgeEffects(const CFGBlock &B, unsigned SuccIdx, State &S);
  /// What a branch on a stable variable tells each successor.
  void conditionFacts(const Expr *Cond, unsigned SuccIdx, State &S) const;
  bool stable(const VarDecl *VD) const;
  bool stableCondition(const Expr *E, unsigned Depth) const;
  void paramBitTest(const Expr *E, int &Param, uint64_t &Bits) const;

  // --- state helpers -----------------------------------------------------------
  void begin(State &S, Context C, const Stmt *By);
  void endLock(State &S, const LockRef &L, const Loc &Where, Flavor Fl);
  void endSection(State &S, CtxKind K, Flavor Fl, const Loc &Where,
                  llvm::StringRef Via);
  void endKey(State &S, const std::string &Key);
  EnclosingList under(const State &S, unsigned ChainLen) const;
  uint64_t scopeClear(const State &S) const;
  /// Applies the scopes in force to a mask: cleared bits, PF_MEMALLOC, and
  /// where the outermost scope began (for the note).
  void applyScopes(const State &S, Mask &M) const;
  void record(Effect E);
  bool interesting(const Effect &E) const;

  // --- expressions ----------------------------------------------------------------
  CallSite callSite(const Expr *E) const;
  Mask evalMask(const Expr *E, unsigned Depth,
                llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) const;
  Mask returnedMask(const clang::FunctionDecl *Callee, const clang::CallExpr *CE,
                    unsigned Depth,
                    llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) const;
  Mask evalMask(const Expr *E) const {
    llvm::SmallPtrSet<const VarDecl *, 4> Visiting;
    return evalMask(E, 0, Visiting);
  }
  bool substitute(LockRef &R, const CallSite &CS) const;
  Mask maskOf(int Param, const CallSite &CS) const;
  bool guardMayHold(Context &C, const CallSite &CS) const;
  void substitute(Mask &M, const CallSite &CS) const;
  void collectDefs(const Stmt *S);
  Loc loc(SourceLocation L) const { return makeLoc(L, SM); }
};

} // namespace

// -----------------------------------------------------------------------------
// Callee resolution
// -----------------------------------------------------------------------------

static void addAll(llvm::SmallVectorImpl<const FunctionDecl *> &Out,
                   const FunctionSet *Set) {
  if (Set)
    Out.append(Set->begin(), Set->end());
}

void gfpdep::resolveCallees(const Expr *Call, const ProgramFacts &Facts,
                            llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
    Out.push_back(CE->getConstructor());
    return;
  }
  const auto *CE = dyn_cast<CallExpr>(Call);
  if (!CE)
    return;
  if (const FunctionDecl *Direct = CE->getDirectCallee()) {
    const auto *MD = dyn_cast<CXXMethodDecl>(Direct);
    const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE);
    bool Qualified = false;
    if (MCE)
      if (const auto *ME = dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens()))
        Qualified = ME->hasQualifier();
    if (MD && MD->isVirtual() && !Qualified) {
      if (const FunctionSet *Set = Facts.overriders(MD)) {
        Out.append(Set->begin(), Set->end());
        return;
      }
    }
    Out.push_back(Direct);
    return;
  }
  const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(Callee)) {
    if (U->getOpcode() != UO_Deref)
      break;
    Callee = U->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *ME = dyn_cast<MemberExpr>(Callee)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (FD->getIdentifier())
        addAll(Out, Facts.fieldTargets(recordName(FD->getParent()) + "::" +
                                       FD->getName().str()));
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Callee)) {
    if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      if (const auto *Owner =
              dyn_cast_or_null<FunctionDecl>(PVD->getParentFunctionOrMethod()))
        addAll(Out, Facts.paramTargets(Owner, PVD->getFunctionScopeIndex()));
      return;
    }
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      addAll(Out, Facts.varTargets(VD));
    return;
  }
  if (const FunctionDecl *F = functionOf(Callee))
    Out.push_back(F);
}

// -----------------------------------------------------------------------------
// The fixpoint
// -----------------------------------------------------------------------------

/// Whether any call in Root can do something the analysis models: a row, a
/// promise, a callee summary that is not empty, a bodiless gfp_t function.
/// Functions with none have an empty summary, and need no CFG.
static bool mayHaveEffects(const Stmt *Root, const AnalysisEnv &Env) {
  llvm::SmallVector<const Stmt *, 32> Walk{Root};
  llvm::SmallVector<const FunctionDecl *, 4> Targets;
  while (!Walk.empty()) {
    const Stmt *S = Walk.pop_back_val();
    if (!S)
      continue;
    if (const auto *E = dyn_cast<Expr>(S))
      if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E)) {
        if (isa<CXXConstructExpr>(E))
          return true; // guards and constructors: let the dataflow decide
        if (Env.External && !cast<CallExpr>(E)->getDirectCallee())
          return true; // may reach another unit's stored functions
        Targets.clear();
        resolveCallees(E, Env.Facts, Targets);
        for (const FunctionDecl *T : Targets) {
          if (rowFor(T, Env.Model, Env.Facts) || Env.Facts.mustNotHold(T))
            return true;
          const FunctionDecl *Def = T->getDefinition();
          if (!Def) {
            if (Env.External && Env.External->find(usrOf(T)))
              return true;
            for (const ParmVarDecl *P : T->parameters())
              if (isGfpType(P->getType()))
                return true;
            continue;
          }
          auto It = Env.Summaries.find(Def);
          if (It == Env.Summaries.end() || !It->second.Effects.empty() ||
              !It->second.NetAcquire.empty() || !It->second.NetRelease.empty())
            return true; // not analysed yet (recursion), or it does something
        }
      }
    for (const Stmt *Child : S->children())
      Walk.push_back(Child);
  }
  return false;
}

bool FunctionAnalysis::run() {
  const Stmt *Body = Fn->getBody();
  if (!Body)
    return false;
  bool IsEntry = llvm::any_of(Env.Facts.Entries, [&](const EntryPoint &EP) {
    return EP.Fn->getDefinition() == Fn;
  });
  if (!IsEntry && !isa<CXXConstructorDecl>(Fn) && !mayHaveEffects(Body, Env))
    return true; // nothing to model: an empty summary
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddInitializers = true;
  BO.AddCXXDefaultInitExprInCtors = true;
  // Only what the transfer function looks at needs to be an element.
  for (Stmt::StmtClass C :
       {Stmt::CallExprClass, Stmt::CXXMemberCallExprClass,
        Stmt::CXXOperatorCallExprClass, Stmt::CXXConstructExprClass,
        Stmt::CXXTemporaryObjectExprClass, Stmt::DeclStmtClass,
        Stmt::UserDefinedLiteralClass})
    BO.setAlwaysAdd(C);
  G = CFG::buildCFG(Fn, const_cast<Stmt *>(Body), &Env.Ctx, BO);
  if (!G || G->getNumBlockIDs() > Env.Limits.MaxBlocks)
    return false;
  collectDefs(Body);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Fn))
    for (const CXXCtorInitializer *I : Ctor->inits())
      if (I->getInit())
        collectDefs(I->getInit());

  unsigned N = G->getNumBlockIDs();
  std::vector<State> BlockIn(N);
  std::vector<unsigned> Visits(N, 0);
  std::deque<const CFGBlock *> Work;
  std::vector<bool> Queued(N, false);
  const CFGBlock &Entry = G->getEntry();
  BlockIn[Entry.getBlockID()].Reached = true;
  // Shrinker callbacks run with PF_MEMALLOC: their allocations do not
  // recurse into reclaim.
  for (const EntryPoint &EP : Env.Facts.Entries)
    if (EP.Ctx.Fl == Flavor::Shrinker && EP.Fn->getDefinition() == Fn) {
      Context C;
      C.Kind = CtxKind::Scope;
      C.Fl = Flavor::NoReclaim;
      C.Origin = EP.Ctx.Origin;
      C.Via = "shrinker callback (PF_MEMALLOC)";
      C.Implicit = true;
      BlockIn[Entry.getBlockID()].In.emplace(C.key(), C);
      break;
    }
  Work.push_back(&Entry);
  Queued[Entry.getBlockID()] = true;

  while (!Work.empty()) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    Queued[B->getBlockID()] = false;
    if (++Visits[B->getBlockID()] > Env.Limits.MaxVisitsPerBlock)
      continue;
    State S = BlockIn[B->getBlockID()];
    transfer(*B, S);
    unsigned Idx = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      unsigned ThisIdx = Idx++;
      const CFGBlock *SB = Succ.getReachableBlock();
      if (!SB)
        continue;
      State Edge = S;
      edgeEffects(*B, ThisIdx, Edge);
      State &Target = BlockIn[SB->getBlockID()];
      State Joined = Target;
      Joined.join(Edge);
      if (Joined == Target)
        continue;
      Target = std::move(Joined);
      if (!Queued[SB->getBlockID()]) {
        Queued[SB->getBlockID()] = true;
        Work.push_back(SB);
      }
    }
  }

  // Second pass over the fixpoint: record effects with their contexts.
  // BegunBy and VarOwns are kept: they are facts about AST nodes, and a
  // block may end a variable's scope before (in block order) the block that
  // declares it.
  Recording = true;
  for (const CFGBlock *B : *G) {
    if (!B || !BlockIn[B->getBlockID()].Reached)
      continue;
    State S = BlockIn[B->getBlockID()];
    transfer(*B, S);
  }

  Out.truncate(Env.Limits.MaxEffectsPerKind);

  const State &Exit = BlockIn[G->getExit().getBlockID()];
  if (Exit.Reached) {
    for (const auto &[K, C] : Exit.In)
      if (C.Kind != CtxKind::Entry && !C.Implicit &&
          C.Via != "lockdep_assert_held")
        Out.NetAcquire.push_back(C);
    for (const auto &[K, C] : Exit.Ended)
      Out.NetRelease.push_back(C);
  }
  return true;
}

void FunctionAnalysis::transfer(const CFGBlock &B, State &S) {
  for (const CFGElement &E : B) {
    if (auto CS = E.getAs<CFGStmt>())
      handleStmt(CS->getStmt(), S);
    else if (auto D = E.getAs<CFGAutomaticObjDtor>())
      endScope(D->getVarDecl(), S);
    else if (auto C = E.getAs<CFGCleanupFunction>())
      endScope(C->getVarDecl(), S);
  }
}

/// A variable whose value cannot change between two branches on it: a
/// parameter or local never assigned after its initialisation, whose
/// address is not taken.
bool FunctionAnalysis::stable(const VarDecl *VD) const {
  if (!VD || !VD->hasLocalStorage() || !VD->getType()->isScalarType())
    return false;
  return !AddressTaken.count(VD) && !Modified.count(VD) &&
         (isa<ParmVarDecl>(VD) || VD->getInit());
}

/// Whether a condition reads only values that cannot change between two
/// branches on it: stable variables, their fields, constants, and pure
/// accessors of those (a body that is one return of such an expression,
/// like mmu_notifier_range_blockable()).
bool FunctionAnalysis::stableCondition(const Expr *E, unsigned Depth) const {
  if (!E || Depth > 8)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral>(E) || isa<CXXBoolLiteralExpr>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (isa<EnumConstantDecl>(DRE->getDecl()))
      return true;
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && (VD->isConstexpr() ||
               (VD->getType().isConstQualified() && VD->hasInit())))
      return true;
    return stable(VD);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return stableCondition(ME->getBase(), Depth + 1);
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return !U->isIncrementDecrementOp() &&
           stableCondition(U->getSubExpr(), Depth + 1);
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    return !B->isAssignmentOp() && B->getOpcode() != BO_Comma &&
           stableCondition(B->getLHS(), Depth + 1) &&
           stableCondition(B->getRHS(), Depth + 1);
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Def ? Def->getBody() : nullptr);
    if (!Body || Body->size() != 1)
      return false;
    const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
    if (!Ret || !Ret->getRetValue())
      return false;
    // The accessor reads only its parameters (stable inside it).
    llvm::SmallVector<const Stmt *, 8> Walk{Ret->getRetValue()};
    while (!Walk.empty()) {
      const Stmt *X = Walk.pop_back_val();
      if (isa<CallExpr>(X) ||
          (isa<BinaryOperator>(X) && cast<BinaryOperator>(X)->isAssignmentOp()))
        return false;
      if (const auto *D = dyn_cast<DeclRefExpr>(X))
        if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
          if (!isa<ParmVarDecl>(V) && !V->isConstexpr() &&
              !(V->getType().isConstQualified() && V->hasInit()))
            return false;
      for (const Stmt *C : X->children())
        if (C)
          Walk.push_back(C);
    }
    for (const Expr *A : CE->arguments())
      if (!stableCondition(A, Depth + 1))
        return false;
    return true;
  }
  return false;
}

/// "(p & BITS)" or a stable local initialised with it, p a parameter: the
/// shape of a GFP mask test (can_sleep = gfp & __GFP_DIRECT_RECLAIM).
void FunctionAnalysis::paramBitTest(const Expr *E, int &Param,
                                    uint64_t &Bits) const {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (!isa<ParmVarDecl>(VD) && VD->getInit())
        E = VD->getInit()->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(E)) { // !!(gfp & X)
    if (U->getOpcode() != UO_LNot)
      return;
    const auto *Inner = dyn_cast<UnaryOperator>(U->getSubExpr()->IgnoreParenImpCasts());
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
  if (!PVD || PVD->getFunctionScopeDepth() != 0 ||
      BO->getRHS()->isValueDependent() ||
      !BO->getRHS()->EvaluateAsInt(R, Env.Ctx))
    return;
  Param = int(PVD->getFunctionScopeIndex());
  Bits = R.Val.getInt().getZExtValue();
}

void FunctionAnalysis::conditionFacts(const Expr *E, unsigned SuccIdx,
                                      State &S) const {
  bool Negated = false;
  for (int Depth = 0; Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    const auto *U = dyn_cast<UnaryOperator>(E);
    if (!U || U->getOpcode() != UO_LNot)
      break;
    Negated = !Negated;
    E = U->getSubExpr();
  }
  if (!stableCondition(E, 0))
    return;
  llvm::FoldingSetNodeID ID;
  E->Profile(ID, Env.Ctx, /*Canonical=*/true);
  uint64_t Key = uint64_t(ID.ComputeHash()) | (uint64_t(1) << 63); // never 0
  bool Value = (SuccIdx == 0) != Negated;
  State::Cond C;
  C.Value = Value;
  paramBitTest(E, C.Param, C.Bits);
  S.Known[Key] = C;
  // Contexts begun only when the condition had the other value are not in
  // force here; those begun when it had this value now certainly are.
  for (auto It = S.In.begin(); It != S.In.end();) {
    if (It->second.GuardKey == Key) {
      if (It->second.GuardValue != Value) {
        It = S.In.erase(It);
        continue;
      }
      It->second.GuardKey = 0;
    }
    ++It;
  }
}

void FunctionAnalysis::edgeEffects(const CFGBlock &B, unsigned SuccIdx,
                                   State &S) {
  if (B.succ_size() != 2)
    return;
  const Stmt *Cond = B.getTerminatorCondition();
  const auto *E = dyn_cast_or_null<Expr>(Cond);
  if (!E)
    return;
  conditionFacts(E, SuccIdx, S);
  // Peel '!', '== 0', '!= 0', and a local that holds the trylock's result
  // (ok = spin_trylock(l); if (ok) ...).
  bool Negated = false;
  for (int Depth = 0; Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_LNot)
        break;
      Negated = !Negated;
      E = U->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      Expr::EvalResult R;
      if (!BO->isEqualityOp() || BO->getRHS()->isValueDependent() ||
          !BO->getRHS()->EvaluateAsInt(R, Env.Ctx) || R.Val.getInt() != 0)
        break;
      if (BO->getOpcode() == BO_EQ)
        Negated = !Negated;
      E = BO->getLHS();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
      auto It = VD ? LocalDefs.find(VD) : LocalDefs.end();
      if (It == LocalDefs.end() || It->second.size() != 1)
        break;
      E = It->second.front();
      continue;
    }
    break;
  }
  const auto *CE = dyn_cast<CallExpr>(E);
  if (!CE)
    return;
  const ApiRow *Row = rowFor(CE->getDirectCallee(), Env.Model, Env.Facts);
  if (!Row || Row->Op != ApiOp::TryAcquire)
    return;
  bool SuccessOnTrue = !(Row->Flags & RF_ZeroIsSuccess);
  if (Negated)
    SuccessOnTrue = !SuccessOnTrue;
  if ((SuccIdx == 0) != SuccessOnTrue)
    return;
  CallSite Site = callSite(CE);
  const Expr *LockArg = Site.arg(Row->Arg);
  LockRef L = nameLock(LockArg, Fn);
  if (!L.known())
    return;
  Context C;
  C.Kind = CtxKind::Lock;
  C.Fl = Row->Fl;
  C.Lock = L;
  C.Origin = Site.L;
  C.Via = Row->Name.str();
  begin(S, C, nullptr);
}

// -----------------------------------------------------------------------------
// Statements
// -----------------------------------------------------------------------------

CallSite FunctionAnalysis::callSite(const Expr *E) const {
  CallSite CS;
  CS.E = E;
  CS.L = loc(E->getBeginLoc());
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(E)) {
    CS.Args.append(CCE->arg_begin(), CCE->arg_end());
    return CS;
  }
  const auto *CE = cast<CallExpr>(E);
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    CS.Object = MCE->getImplicitObjectArgument();
    CS.Args.append(CE->arg_begin(), CE->arg_end());
    return CS;
  }
  if (const auto *OCE = dyn_cast<CXXOperatorCallExpr>(CE)) {
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OCE->getDirectCallee());
    if (MD && !MD->isStatic() && OCE->getNumArgs() > 0) {
      CS.Object = OCE->getArg(0);
      CS.Args.append(OCE->arg_begin() + 1, OCE->arg_end());
      return CS;
    }
  }
  CS.Args.append(CE->arg_begin(), CE->arg_end());
  return CS;
}

void FunctionAnalysis::handleStmt(const Stmt *St, State &S) {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    // A variable owns what its initialiser began: a guard object, or a
    // variable with a cleanup function, ends it at scope exit.
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit())
        continue;
      llvm::SmallVector<const Stmt *, 16> Walk{VD->getInit()};
      llvm::SmallVector<Context, 1> Owned;
      while (!Walk.empty()) {
        const Stmt *X = Walk.pop_back_val();
        if (!X)
          continue;
        auto It = BegunBy.find(X);
        if (It != BegunBy.end())
          Owned.append(It->second.begin(), It->second.end());
        if (isa<LambdaExpr>(X))
          continue;
        for (const Stmt *Child : X->children())
          Walk.push_back(Child);
      }
      if (!Owned.empty())
        VarOwns[VD] = Owned;
    }
    return;
  }
  const auto *E = dyn_cast<Expr>(St);
  if (!E || !(isa<CallExpr>(E) || isa<CXXConstructExpr>(E)))
    return;
  if (E->isValueDependent() || E->isTypeDependent())
    return;

  // lock()/unlock() on a guard variable (std::unique_lock) re-begins or
  // ends what the guard owns.
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Obj = MCE->getImplicitObjectArgument();
    const CXXMethodDecl *MD = MCE->getMethodDecl();
    if (Obj && MD && MD->getIdentifier())
      if (const auto *DRE = dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
          auto It = VarOwns.find(VD);
          if (It != VarOwns.end()) {
            if (MD->getName() == "unlock") {
              for (const Context &C : It->second)
                endKey(S, C.key());
              return;
            }
            if (MD->getName() == "lock") {
              for (Context C : It->second) {
                C.Origin = loc(E->getBeginLoc());
                begin(S, C, nullptr);
              }
              return;
            }
          }
        }
  }

  llvm::SmallVector<const FunctionDecl *, 4> Targets;
  resolveCallees(E, Env.Facts, Targets);
  // Through a field that other units store functions into.
  llvm::SmallVector<std::pair<const Summary *, llvm::StringRef>, 2> Remote;
  if (Env.External)
    if (const auto *CE = dyn_cast<CallExpr>(E); CE && !CE->getDirectCallee())
      if (const auto *ME = dyn_cast<MemberExpr>(
              CE->getCallee()->IgnoreParenImpCasts()))
        if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
            FD && FD->getIdentifier())
          if (const auto *Usrs = Env.External->fieldTargets(
                  recordName(FD->getParent()) + "::" + FD->getName().str()))
            for (const std::string &Usr : *Usrs)
              if (const Summary *Sum = Env.External->find(Usr))
                if (llvm::none_of(Targets, [&](const FunctionDecl *T) {
                      return usrOf(T) == Usr;
                    }))
                  Remote.push_back({Sum, Env.External->nameOf(Usr)});
  if (Targets.empty() && Remote.empty())
    return;
  CallSite CS = callSite(E);
  if (!Targets.empty())
    handleCall(CS, Targets, S);
  for (const auto &[Sum, Name] : Remote)
    applySummary(*Sum, Name, CS, /*ApplyNet=*/false, S);
}

/// std::lock_guard, std::unique_lock, std::scoped_lock, std::shared_lock.
static bool isStdGuard(const CXXConstructorDecl *Ctor, Flavor &Fl) {
  const CXXRecordDecl *RD = Ctor->getParent();
  if (!RD->getIdentifier() || !RD->isInStdNamespace())
    return false;
  StringRef N = RD->getName();
  if (N == "lock_guard" || N == "unique_lock" || N == "scoped_lock") {
    Fl = Flavor::Mutex;
    return true;
  }
  if (N == "shared_lock") {
    Fl = Flavor::RwSem;
    return true;
  }
  return false;
}

void FunctionAnalysis::handleCall(const CallSite &CS,
                                  llvm::ArrayRef<const FunctionDecl *> Targets,
                                  State &S) {
  // Standard guards, whether or not their bodies are visible.
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(CS.E)) {
    Flavor Fl;
    if (isStdGuard(CCE->getConstructor(), Fl)) {
      for (const Expr *A : CS.Args) {
        // defer_lock / try_to_lock / adopt_lock tags: nothing is acquired.
        if (const CXXRecordDecl *RD = A->getType()->getAsCXXRecordDecl())
          if (RD->getIdentifier() && RD->getName().ends_with("_t") &&
              RD->isInStdNamespace())
            return;
      }
      // std::scoped_lock(a, b) takes its locks with std::lock's
      // deadlock-avoidance: no order between them, so each acquisition sees
      // the state from before the guard.
      State Before = S;
      for (const Expr *A : CS.Args) {
        ApiRow Row{"", ApiOp::Acquire, Fl, 0, -1, 0, ""};
        CallSite One = CS;
        One.Args.assign(1, A);
        State Each = Before;
        applyRow(Row, CCE->getConstructor(), One, Each);
        for (auto &[K, C] : Each.In)
          if (!S.In.count(K))
            S.In.emplace(K, C);
      }
      return;
    }
  }
  bool Single = Targets.size() == 1;
  for (const FunctionDecl *T : Targets) {
    // A promise the callee asks of its callers.
    if (const auto *Promises = Env.Facts.mustNotHold(T))
      for (const ProgramFacts::Promise &P : *Promises) {
        Effect E;
        E.Kind = EffectKind::Requires;
        E.Leaf = CS.L;
        E.What = declName(T);
        E.Lock = P.Lock;
        E.PromiseAt = P.Where;
        if (!substitute(E.Lock, CS))
          continue;
        E.Under = under(S, 0);
        record(std::move(E));
      }
    if (const ApiRow *Row = rowFor(T, Env.Model, Env.Facts)) {
      applyRow(*Row, T, CS, S);
      continue;
    }
    const FunctionDecl *Def = T->getDefinition();
    if (Def) {
      auto It = Env.Summaries.find(Def);
      if (It != Env.Summaries.end())
        applySummary(It->second, declName(T), CS, Single, S);
      continue;
    }
    // Defined in another unit whose summary file we have.
    if (Env.External)
      if (const Summary *Ext = Env.External->find(usrOf(T))) {
        applySummary(*Ext, declName(T), CS, Single, S);
        continue;
      }
    // No body and no model: a gfp_t parameter means it allocates with it.
    for (unsigned I = 0; I < T->getNumParams(); ++I)
      if (isGfpType(T->getParamDecl(I)->getType())) {
        ApiRow Row{"", ApiOp::Alloc, Flavor::None, int(I), -1, 0, ""};
        applyRow(Row, T, CS, S);
        break;
      }
  }
}

void FunctionAnalysis::applyRow(const ApiRow &Row, const FunctionDecl *Callee,
                                const CallSite &CS, State &S) {
  std::string What = Callee ? declName(Callee) : Row.Name.str();
  auto LockArg = [&]() { return nameLock(CS.arg(Row.Arg), Fn); };
  switch (Row.Op) {
  case ApiOp::Alloc: {
    Mask M;
    if (Row.Flags & RF_ImplicitKernel) {
      M.add({Env.Layout.Kernel, CS.L, true});
    } else {
      M = evalMask(CS.arg(Row.Arg));
    }
    if (M.empty())
      return;
    applyScopes(S, M);
    Effect E;
    E.Kind = EffectKind::Alloc;
    E.Leaf = CS.L;
    E.What = What;
    if (!(Row.Flags & RF_ImplicitKernel))
      E.LeafMaskArg = Row.Arg;
    E.M = std::move(M);
    E.Under = under(S, 0);
    record(std::move(E));
    return;
  }
  case ApiOp::Wait:
    // The per-unit engine has no wait-under-lock: a wait that sleeps is a
    // blocking call, one that spins (del_timer_sync) is nothing.
    if (Row.Flags & RF_Spins)
      return;
    [[fallthrough]];
  case ApiOp::Block: {
    Effect E;
    E.Kind = EffectKind::Block;
    E.Leaf = CS.L;
    E.What = What;
    E.Under = under(S, 0);
    record(std::move(E));
    return;
  }
  case ApiOp::Acquire: {
    LockRef L = LockArg();
    if (!L.known())
      return;
    unsigned Sub = 0;
    if (const Expr *SubArg = CS.arg(Row.Arg2)) {
      Expr::EvalResult R;
      if (!SubArg->isValueDependent() && SubArg->EvaluateAsInt(R, Env.Ctx))
        Sub = unsigned(R.Val.getInt().getZExtValue());
    }
    Effect E;
    E.Kind = EffectKind::Acquire;
    E.Leaf = CS.L;
    E.What = What;
    E.Lock = L;
    E.Fl = Row.Fl;
    E.Subclass = Sub;
    E.Recursive = Row.Flags & RF_Recursive;
    E.Under = under(S, 0);
    record(std::move(E));
    Context C;
    C.Kind = CtxKind::Lock;
    C.Fl = Row.Fl;
    C.Lock = L;
    C.Subclass = Sub;
    C.Recursive = Row.Flags & RF_Recursive;
    C.Origin = CS.L;
    C.Via = What;
    begin(S, C, CS.E);
    return;
  }
  case ApiOp::TryAcquire:
    return; // held on the success edge only (edgeEffects)
  case ApiOp::Release: {
    LockRef L = LockArg();
    if (L.known())
      endLock(S, L, CS.L, Row.Fl);
    return;
  }
  case ApiOp::Enter:
  case ApiOp::ScopeSave: {
    Context C;
    C.Kind = Row.Op == ApiOp::Enter ? CtxKind::Section : CtxKind::Scope;
    C.Fl = Row.Fl;
    C.Origin = CS.L;
    C.Via = What;
    begin(S, C, CS.E);
    return;
  }
  case ApiOp::Exit:
  case ApiOp::ScopeRestore:
    endSection(S, Row.Op == ApiOp::Exit ? CtxKind::Section : CtxKind::Scope,
               Row.Fl, CS.L, What);
    return;
  case ApiOp::FsReclaimAcquire: {
    Mask M = evalMask(CS.arg(Row.Arg));
    bool Enters = false;
    for (const MaskSource &V : M.Values)
      Enters |= Env.Layout.entersFsReclaim(V.Value & ~scopeClear(S));
    // PF_MEMALLOC: fs_reclaim_acquire() takes nothing (no reclaim follows).
    for (const auto &[K, C] : S.In)
      if (C.Kind == CtxKind::Scope && C.Fl == Flavor::NoReclaim)
        Enters = false;
    if (!Enters)
      return;
    Context C;
    C.Kind = CtxKind::FsReclaim;
    C.Origin = CS.L;
    C.Via = What;
    begin(S, C, CS.E);
    return;
  }
  case ApiOp::FsReclaimRelease:
    endSection(S, CtxKind::FsReclaim, Flavor::None, CS.L, What);
    return;
  case ApiOp::AssertHeld: {
    LockRef L = LockArg();
    if (!L.known())
      return;
    for (const auto &[K, C] : S.In)
      if (C.Kind == CtxKind::Lock && C.Lock.key() == L.key())
        return;
    Context C;
    C.Kind = CtxKind::Lock;
    C.Fl = Flavor::Mutex;
    // The flavour is unknown; a spinning one would make this atomic, which
    // an assertion alone does not tell.
    C.Lock = L;
    C.Origin = CS.L;
    C.Via = "lockdep_assert_held";
    begin(S, C, nullptr);
    return;
  }
  case ApiOp::MaskPassthrough:
  case ApiOp::Register:
  case ApiOp::CallbackField:
  case ApiOp::MaskQuery:
  case ApiOp::LockClassKey:
  case ApiOp::RefPut:
  case ApiOp::Signal:
    return;
  }
}

void FunctionAnalysis::applySummary(const Summary &Callee,
                                    llvm::StringRef CalleeName,
                                    const CallSite &CS, bool ApplyNet,
                                    State &S) {
  if (Recording) {
    Symbol CallText("'" + FnName + "' calls '" + CalleeName.str() + "' here");
    for (const Effect &CE : Callee.Effects) {
      Effect E = CE;
      // Which argument of this call the leaf's mask comes from, when no
      // constant of the callee makes it reclaim-capable on its own.
      int MaskArg = -1;
      if (CE.Kind == EffectKind::Alloc && CE.M.Param >= 0 &&
          !Env.Layout.reclaimCapable(CE.M.ParamOr) &&
          llvm::none_of(CE.M.Values, [&](const MaskSource &V) {
            return Env.Layout.reclaimCapable(V.Value);
          }))
        MaskArg = CE.M.Param;
      if ((E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires) &&
          !substitute(E.Lock, CS))
        continue;
      if (E.Kind == EffectKind::Alloc) {
        substitute(E.M, CS);
        if (E.M.empty())
          continue;
        applyScopes(S, E.M);
      }
      EnclosingList Under;
      for (Enclosing &U : E.Under) {
        if (U.Ctx.Kind == CtxKind::Lock && !substitute(U.Ctx.Lock, CS))
          continue;
        if (U.Ctx.GuardParam >= 0 && !guardMayHold(U.Ctx, CS))
          continue; // begun only for masks this caller does not pass
        Under.push_back(std::move(U));
      }
      E.Chain = E.Chain.prepend(CS.L, CallText, MaskArg);
      EnclosingList Here = under(S, E.Chain.size());
      Under.insert(Under.end(), Here.begin(), Here.end());
      E.Under = std::move(Under);
      record(std::move(E));
    }
  }
  if (!ApplyNet)
    return;
  for (Context C : Callee.NetRelease) {
    if (C.Kind == CtxKind::Lock) {
      if (substitute(C.Lock, CS))
        endLock(S, C.Lock, CS.L, C.Fl);
      continue;
    }
    endSection(S, C.Kind, C.Fl, CS.L, CalleeName);
  }
  for (Context C : Callee.NetAcquire) {
    if (C.Kind == CtxKind::Lock && !substitute(C.Lock, CS))
      continue;
    C.Origin = CS.L;
    C.Via = CalleeName;
    begin(S, C, CS.E);
  }
}

void FunctionAnalysis::endScope(const VarDecl *VD, State &S) {
  auto It = VarOwns.find(VD);
  if (It == VarOwns.end())
    return;
  for (const Context &C : It->second)
    endKey(S, C.key());
}

// -----------------------------------------------------------------------------
// State helpers
// -----------------------------------------------------------------------------

void FunctionAnalysis::begin(State &S, Context C, const Stmt *By) {
  std::string K = C.key();
  auto It = S.In.find(K);
  if (It != S.In.end()) {
    It->second.Depth = std::min(It->second.Depth + 1, MaxDepth);
  } else {
    C.Depth = 1;
    S.In.emplace(K, C);
  }
  if (By) {
    llvm::SmallVector<Context, 1> &Owned = BegunBy[By];
    if (llvm::none_of(Owned, [&](const Context &O) { return O.key() == K; }))
      Owned.push_back(C);
  }
}

void FunctionAnalysis::endKey(State &S, const std::string &Key) {
  auto It = S.In.find(Key);
  if (It == S.In.end())
    return;
  if (It->second.Depth > 1)
    --It->second.Depth;
  else
    S.In.erase(It);
}

void FunctionAnalysis::endLock(State &S, const LockRef &L, const Loc &Where,
                               Flavor Fl) {
  std::string LK = L.key();
  for (auto It = S.In.begin(); It != S.In.end(); ++It)
    if (It->second.Kind == CtxKind::Lock && It->second.Lock.key() == LK) {
      endKey(S, It->first);
      return;
    }
  Context C;
  C.Kind = CtxKind::Lock;
  C.Fl = Fl;
  C.Lock = L;
  C.Origin = Where;
  S.Ended.emplace(C.key(), C);
}

void FunctionAnalysis::endSection(State &S, CtxKind K, Flavor Fl,
                                  const Loc &Where, llvm::StringRef Via) {
  for (auto It = S.In.begin(); It != S.In.end(); ++It)
    if (It->second.Kind == K && It->second.Fl == Fl) {
      endKey(S, It->first);
      return;
    }
  Context C;
  C.Kind = K;
  C.Fl = Fl;
  C.Origin = Where;
  C.Via = Via.str();
  S.Ended.emplace(C.key(), C);
}

EnclosingList FunctionAnalysis::under(const State &S,
                                               unsigned ChainLen) const {
  EnclosingList R;
  for (const auto &[K, C] : S.In)
    if (C.Kind != CtxKind::Scope)
      R.push_back({C, ChainLen});
  return R;
}

void FunctionAnalysis::applyScopes(const State &S, Mask &M) const {
  const Context *Outer = nullptr;
  for (const auto &[K, C] : S.In) {
    if (C.Kind != CtxKind::Scope)
      continue;
    if (C.Fl == Flavor::NoReclaim)
      M.NoReclaim = true;
    if (!Outer || C.Origin < Outer->Origin)
      Outer = &C;
  }
  M.Clear |= scopeClear(S);
  // The outermost scope of the outermost function: the caller's scope
  // replaces the callee's when the effect travels up.
  if (Outer) {
    M.ScopeAt = Outer->Origin;
    M.ScopeVia = Outer->Via;
  }
}

uint64_t FunctionAnalysis::scopeClear(const State &S) const {
  uint64_t Clear = 0;
  for (const auto &[K, C] : S.In) {
    if (C.Kind != CtxKind::Scope)
      continue;
    if (C.Fl == Flavor::NoIO)
      Clear |= Env.Layout.IO | Env.Layout.FS;
    else if (C.Fl == Flavor::NoFS)
      Clear |= Env.Layout.FS;
  }
  return Clear;
}

bool FunctionAnalysis::interesting(const Effect &E) const {
  if (E.Kind != EffectKind::Alloc)
    return true;
  if (E.M.Param >= 0)
    return true;
  // PF_MEMALLOC stops reclaim, not sleeping: still interesting.
  for (const MaskSource &V : E.M.Values)
    if (Env.Layout.reclaimCapable(V.Value & ~E.M.Clear))
      return true;
  return false; // never sleeps, never enters reclaim: nothing can fire
}

/// Whether some rule can fire for E inside C (sleeping under a mutex, for
/// one, is fine): the other pairs are not worth keeping.
static bool mayMatter(const Effect &E, const Context &C) {
  if (C.atomic() || C.nonBlocking() || C.Kind == CtxKind::NeverSleeps)
    return true;
  switch (C.Kind) {
  case CtxKind::Lock:
  case CtxKind::FsReclaim:
  case CtxKind::Entry:
    return E.Kind != EffectKind::Block;
  default:
    return false;
  }
}

void FunctionAnalysis::record(Effect E) {
  if (!Recording || !interesting(E))
    return;
  bool Concrete = E.Kind == EffectKind::Alloc ? E.M.Param < 0
                  : E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires
                      ? E.Lock.concrete()
                      : true;
  if (Concrete && !E.Under.empty()) {
    // Every context around a concrete effect can be checked now; only those
    // naming a caller's lock still need the callers.
    EnclosingList Keep;
    std::shared_ptr<const Effect> Bare;
    for (Enclosing &U : E.Under) {
      if (mayMatter(E, U.Ctx)) {
        if (!Bare) {
          auto Copy = std::make_shared<Effect>(E);
          Copy->Under.clear();
          Bare = std::move(Copy);
        }
        Out.Checks.push_back({Bare, U});
      }
      if (U.Ctx.Kind == CtxKind::Lock && !U.Ctx.Lock.concrete())
        Keep.push_back(std::move(U));
    }
    E.Under = std::move(Keep);
  }
  Out.add(std::move(E));
}

// -----------------------------------------------------------------------------
// Masks
// -----------------------------------------------------------------------------

void FunctionAnalysis::collectDefs(const Stmt *Root) {
  llvm::SmallVector<const Stmt *, 32> Walk{Root};
  while (!Walk.empty()) {
    const Stmt *S = Walk.pop_back_val();
    if (!S)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
          if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
            if (VD->hasLocalStorage()) {
              Modified.insert(VD);
              // Plain stores of locals are mask definitions; parameters
              // keep meaning their caller's value (as before).
              if (BO->getOpcode() == BO_Assign && !isa<ParmVarDecl>(VD))
                LocalDefs[VD].push_back(BO->getRHS());
            }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      const auto *DRE =
          dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (VD && UO->getOpcode() == UO_AddrOf)
        AddressTaken.insert(VD);
      else if (VD && UO->isIncrementDecrementOp())
        Modified.insert(VD);
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit())
            LocalDefs[VD].push_back(VD->getInit());
    } else if (isa<LambdaExpr>(S)) {
      continue; // the lambda's body is a function of its own
    }
    for (const Stmt *Child : S->children())
      Walk.push_back(Child);
  }
}

Mask FunctionAnalysis::evalMask(const Expr *E, unsigned Depth,
                                llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) const {
  Mask M;
  if (!E || Depth > 8)
    return M;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent() ||
      !E->getType()->isIntegralOrEnumerationType())
    return M;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Env.Ctx)) {
    M.add({R.Val.getInt().getZExtValue(), loc(E->getBeginLoc()), Depth == 0});
    return M;
  }
  if (const auto *C = dyn_cast<ExplicitCastExpr>(E))
    return evalMask(C->getSubExpr(), Depth, Visiting);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return M;
    if (const auto *PVD = dyn_cast<ParmVarDecl>(VD)) {
      if (PVD->getFunctionScopeDepth() == 0 &&
          PVD->getParentFunctionOrMethod() == Fn)
        M.Param = PVD->getFunctionScopeIndex();
      return M;
    }
    auto It = LocalDefs.find(VD);
    if (It == LocalDefs.end() || !Visiting.insert(VD).second)
      return M;
    for (const Expr *Def : It->second)
      M.unite(evalMask(Def, Depth + 1, Visiting));
    Visiting.erase(VD);
    for (MaskSource &V : M.Values)
      V.AtLeaf = false;
    return M;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    M = evalMask(CO->getTrueExpr(), Depth + 1, Visiting);
    M.unite(evalMask(CO->getFalseExpr(), Depth + 1, Visiting));
    return M;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Or) {
      Mask L = evalMask(BO->getLHS(), Depth + 1, Visiting);
      Mask Rm = evalMask(BO->getRHS(), Depth + 1, Visiting);
      // One side a parameter, the other constant: gfp | __GFP_NOWARN.
      if (L.Param < 0 && Rm.Param >= 0)
        std::swap(L, Rm);
      uint64_t RBits = 0;
      for (const MaskSource &V : Rm.Values)
        RBits |= V.Value;
      if (L.Param >= 0) {
        M.Param = L.Param;
        M.ParamOr = L.ParamOr | RBits;
      }
      for (const MaskSource &A : L.Values)
        for (const MaskSource &B : Rm.Values)
          if (M.Values.size() < 16)
            M.add({A.Value | B.Value, loc(E->getBeginLoc()), Depth == 0});
      return M;
    }
    if (BO->getOpcode() == BO_And) {
      Expr::EvalResult RR;
      if (!BO->getRHS()->isValueDependent() &&
          BO->getRHS()->EvaluateAsInt(RR, Env.Ctx)) {
        M = evalMask(BO->getLHS(), Depth + 1, Visiting);
        M.Clear |= ~RR.Val.getInt().getZExtValue();
      }
      return M;
    }
    return M;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    const ApiRow *Row = rowFor(Callee, Env.Model, Env.Facts);
    if (Row && Row->Op == ApiOp::MaskPassthrough && Row->Arg >= 0 &&
        unsigned(Row->Arg) < CE->getNumArgs())
      return evalMask(CE->getArg(Row->Arg), Depth + 1, Visiting);
    if (!Row && Callee)
      return returnedMask(Callee, CE, Depth, Visiting);
  }
  return M;
}

Mask FunctionAnalysis::returnedMask(const FunctionDecl *Callee, const CallExpr *CE,
                                    unsigned Depth,
                                    llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) const {
  // A helper whose every return is a constant, or one of its parameters
  // with constant bits or-ed in: balloon_mapping_gfp_mask(), a setter's
  // "return gfp | __GFP_NOWARN". Anything else leaves the mask unknown.
  Mask M;
  const FunctionDecl *Def = Callee->getDefinition();
  if (!Def || !Def->getBody() || !isGfpType(Def->getReturnType()))
    return M;
  llvm::SmallVector<const Stmt *, 16> Work{Def->getBody()};
  bool Any = false;
  while (!Work.empty()) {
    const Stmt *St = Work.pop_back_val();
    if (!St || isa<LambdaExpr>(St) || isa<BlockExpr>(St))
      continue;
    if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
      const Expr *RV = RS->getRetValue();
      if (!RV || RV->isValueDependent())
        return Mask();
      RV = RV->IgnoreParenImpCasts();
      Expr::EvalResult R;
      if (RV->EvaluateAsInt(R, Env.Ctx)) {
        M.add({R.Val.getInt().getZExtValue(), loc(CE->getBeginLoc()), Depth == 0});
        Any = true;
        continue;
      }
      uint64_t Or = 0;
      if (const auto *BO = dyn_cast<BinaryOperator>(RV))
        if (BO->getOpcode() == BO_Or &&
            BO->getRHS()->EvaluateAsInt(R, Env.Ctx)) {
          Or = R.Val.getInt().getZExtValue();
          RV = BO->getLHS()->IgnoreParenImpCasts();
        }
      const auto *DRE = dyn_cast<DeclRefExpr>(RV);
      const auto *PVD = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
      if (!PVD || PVD->getFunctionScopeIndex() >= CE->getNumArgs())
        return Mask();
      Mask A = evalMask(CE->getArg(PVD->getFunctionScopeIndex()), Depth + 1, Visiting);
      if (A.empty())
        return Mask();
      if (A.Param >= 0) {
        if (M.Param >= 0 && M.Param != A.Param)
          return Mask();
        M.Param = A.Param;
        M.ParamOr |= A.ParamOr | Or;
      }
      for (MaskSource V : A.Values) {
        V.Value |= Or;
        M.add(V);
      }
      M.Clear |= A.Clear;
      Any = true;
      continue;
    }
    for (const Stmt *C : St->children())
      Work.push_back(C);
  }
  return Any ? M : Mask();
}

bool FunctionAnalysis::guardMayHold(Context &C, const CallSite &CS) const {
  Mask M = maskOf(C.GuardParam, CS);
  if (M.Param >= 0 || M.Values.empty()) {
    // Still a parameter of the caller (or unknown): keep the guard there.
    C.GuardParam = M.Param;
    return true;
  }
  bool Any = false, All = true;
  for (const MaskSource &V : M.Values) {
    bool Holds = ((V.Value & C.GuardBits) != 0) == C.GuardValue;
    Any |= Holds;
    All &= Holds;
  }
  if (All) { // certain for every mask this caller passes
    C.GuardKey = 0;
    C.GuardParam = -1;
  }
  return Any;
}

Mask FunctionAnalysis::maskOf(int Param, const CallSite &CS) const {
  auto It = CS.MaskOf.find(Param);
  if (It == CS.MaskOf.end()) {
    const Expr *A = CS.arg(Param);
    It = CS.MaskOf.try_emplace(Param, A ? evalMask(A) : Mask()).first;
  }
  return It->second;
}

bool FunctionAnalysis::substitute(LockRef &R, const CallSite &CS) const {
  if (R.Param < 0)
    return true;
  auto It = CS.LockOf.find(R.Param);
  if (It == CS.LockOf.end()) {
    const Expr *A = CS.arg(R.Param);
    It = CS.LockOf.try_emplace(R.Param, A ? nameLock(A, Fn) : LockRef()).first;
  }
  R = It->second;
  return R.known();
}

void FunctionAnalysis::substitute(Mask &M, const CallSite &CS) const {
  if (M.Param < 0)
    return;
  auto It = CS.MaskOf.find(M.Param);
  if (It == CS.MaskOf.end()) {
    const Expr *A = CS.arg(M.Param);
    It = CS.MaskOf.try_emplace(M.Param, A ? evalMask(A) : Mask()).first;
  }
  const Mask &AM = It->second;
  uint64_t Or = M.ParamOr;
  M.Param = -1;
  M.ParamOr = 0;
  for (const MaskSource &V : AM.Values)
    M.add({V.Value | Or, V.Where, false});
  if (AM.Param >= 0) {
    M.Param = AM.Param;
    M.ParamOr = AM.ParamOr | Or;
  }
  M.Clear |= AM.Clear;
}

bool gfpdep::analyzeFunction(const FunctionDecl *Fn, const AnalysisEnv &Env,
                             Summary &Out) {
  Out = Summary();
  FunctionAnalysis FA(Fn, Env, Out);
  if (FA.run())
    return true;
  Out = Summary();
  return false;
}
