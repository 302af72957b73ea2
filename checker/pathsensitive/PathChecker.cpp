//===- PathChecker.cpp - gfpdep on the Clang Static Analyzer ---------===//
///
/// \file
/// The gfpdep.PathSensitive checker. Per path it tracks what the engine
/// tracks per program point: held locks (by object when the analyzer knows
/// it, else by lockdep class), atomic and non-block sections, memalloc
/// scopes and fs_reclaim, modelled with the engine's own table (ApiModel.def,
/// the unit's annotations) and the engine's summaries of the unit's
/// functions (wrappers' net lock effects). Every state change carries a
/// NoteTag, so reports show the path in notes.
///
/// It does two jobs:
///  - answers the engine's findings' queries: at a queried call site, is the
///    finding's context in force and may the mask passed on have the bits the
///    leaf needs? (PathSession)
///  - the lock-balance rule, which only paths can see: a lock held when the
///    function returns on some paths but not others, a lock taken twice on
///    one path, a lock released that the path does not hold.
//===----------------------------------------------------------------------===//

#include "PathChecker.h"
#include "Naming.h"
#include "PathSession.h"
#include "Rules.h"
#include "clang/AST/ParentMap.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugReporter.h"
#include "clang/StaticAnalyzer/Core/BugReporter/BugType.h"
#include "clang/StaticAnalyzer/Core/Checker.h"
#include "clang/StaticAnalyzer/Core/CheckerManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/AnalysisManager.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CallEvent.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/CheckerContext.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ExprEngine.h"
#include "clang/StaticAnalyzer/Core/PathSensitive/ProgramStateTrait.h"
#include "clang/StaticAnalyzer/Frontend/CheckerRegistry.h"
#include <deque>

using namespace clang;
using namespace ento;
using namespace gfpdep;

namespace {

/// A context the checker began: where, and the engine's key for it.
struct OriginRec {
  gfpdep::Loc Where;
  std::string Key; ///< Context::key()
  CtxKind Kind = CtxKind::Lock;
  Flavor Fl = Flavor::None;
  std::string Name; ///< the lock's name, for messages
  /// Call sites of inlined wrappers that returned with this context begun:
  /// the engine names those as the origin (the wrapper's net acquisition).
  mutable std::vector<gfpdep::Loc> Aliases;
};

/// What a path knows about one lock.
struct LockEntry {
  enum State : uint8_t { Held, Released, NotAcquired };
  State St = Held;
  const OriginRec *Site = nullptr; ///< acquired, released or failed here
  const char *Class = nullptr;     ///< interned lock class key
  bool Try = false;                ///< taken by a trylock
  bool Scoped = false; ///< owned by a cleanup variable or C++ object
  bool FromCaller =
      false; ///< held on entry (lockdep_assert_held, release first)
  bool Recursive = false;

  LockEntry() = default;
  LockEntry(State St, const OriginRec *Site, const char *Class)
      : St(St), Site(Site), Class(Class) {}

  bool operator==(const LockEntry &O) const {
    return St == O.St && Site == O.Site && Class == O.Class && Try == O.Try &&
           Scoped == O.Scoped && FromCaller == O.FromCaller &&
           Recursive == O.Recursive;
  }
  void Profile(llvm::FoldingSetNodeID &ID) const {
    ID.AddInteger(St);
    ID.AddPointer(Site);
    ID.AddPointer(Class);
    ID.AddBoolean(Try);
    ID.AddBoolean(Scoped);
    ID.AddBoolean(FromCaller);
    ID.AddBoolean(Recursive);
  }
};

using OwnedPair = std::pair<const void *, const void *>;

} // namespace

/// Lock key (a MemRegion, or an interned class name) -> what the path knows.
REGISTER_MAP_WITH_PROGRAMSTATE(GfpdepLocks, const void *, LockEntry)
/// Contexts in force (OriginRec) -> the order they began in.
REGISTER_MAP_WITH_PROGRAMSTATE(GfpdepContexts, const void *, unsigned)
REGISTER_TRAIT_WITH_PROGRAMSTATE(GfpdepSeq, unsigned)
/// The path took a branch on a value read again after a call may have
/// changed it (a flag tested twice around a call): which way it went says
/// nothing about the first test.
REGISTER_TRAIT_WITH_PROGRAMSTATE(GfpdepReread, bool)
/// (C++ object region, OriginRec) pairs: contexts its destructor ends.
REGISTER_SET_WITH_PROGRAMSTATE(GfpdepOwned, OwnedPair)

namespace {

enum class RetKind : uint8_t { Unknown, Zero, NonZero, None };

/// The lock an argument names: its key in GfpdepLocks and its class.
struct LockArg {
  const void *Key = nullptr;
  const char *Class = nullptr;
  std::string Name;
  bool Stable = false; ///< Key is the object itself (not only its class)
  LockRef Ref;
};

class PathChecker
    : public Checker<check::ASTDecl<TranslationUnitDecl>, eval::Call,
                     check::BeginFunction, check::BranchCondition,
                     check::PostStmt<BinaryOperator>,
                     check::PostStmt<UnaryOperator>, check::PreCall,
                     check::PostCall, check::EndFunction, check::EndAnalysis> {
public:
  void checkBranchCondition(const Stmt *Cond, CheckerContext &C) const;
  void checkPostStmt(const BinaryOperator *BO, CheckerContext &C) const;
  void checkPostStmt(const UnaryOperator *UO, CheckerContext &C) const;
  void checkBeginFunction(CheckerContext &C) const;
  void checkASTDecl(const TranslationUnitDecl *TU, AnalysisManager &Mgr,
                    BugReporter &BR) const;
  bool evalCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPreCall(const CallEvent &Call, CheckerContext &C) const;
  void checkPostCall(const CallEvent &Call, CheckerContext &C) const;
  void checkEndFunction(const ReturnStmt *RS, CheckerContext &C) const;
  void checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                        ExprEngine &Eng) const;

private:
  const BugType BalanceBug{this, "lock-balance", "gfpdep"};
  mutable std::deque<BugType> RuleBugs;

  mutable std::unique_ptr<PathSession> Own;
  mutable PathSession *S = nullptr;
  mutable std::map<std::pair<gfpdep::Loc, std::string>,
                   std::unique_ptr<OriginRec>>
      Origins;
  /// Which lock (key) or context (OriginRec) a report is about: NoteTags
  /// speak only of those.
  mutable llvm::DenseMap<const BugReport *, const void *> Subject;

  // Per top-level analysis, for lock-balance across paths.
  struct Exit {
    ExplodedNode *N;
    llvm::SmallVector<std::pair<const void *, LockEntry>, 2> Held;
    RetKind Ret;
  };
  mutable std::vector<Exit> Exits;
  mutable llvm::DenseSet<const void *> AcquiredFirst;
  struct FirstRelease {
    const void *Key;
    const char *Class;
    bool Reread; ///< the path branched on memory a call may have changed
    const OriginRec *Site;
    ExplodedNode *N;
  };
  mutable std::vector<FirstRelease> ReleasedFirst;
  /// The context acquire() began last (its note names both lock and origin).
  mutable const OriginRec *LastBegun = nullptr;
  /// The unit's budget ran out while exploring the current function.
  mutable bool OutOfTime = false;

  PathSession &session(ASTContext &Ctx, Preprocessor *PP) const;
  /// Whether exploring Fn can matter: it holds a queried call site, or
  /// calls something that takes or drops a lock or a section.
  bool relevant(const Decl *Fn, const SourceManager &SM) const;
  mutable llvm::DenseMap<const Decl *, bool> Relevance;
  /// Whether anything under Root may take or drop a lock or a section.
  bool touchesLocks(const Stmt *Root) const;
  /// Whether the body of \p FD releases a lock of class \p Class anywhere
  /// (an unlock call, or a callee whose summary ends it), feasible or not.
  bool releasesClass(const FunctionDecl *FD, const char *Class) const;
  bool exploredInFull(ExplodedGraph &G, ExprEngine &Eng) const;
  /// The unit's budget has run out: ends this path here (true).
  bool stopForBudget(CheckerContext &C, unsigned Every = 64) const;
  /// A call PathMaxInlineDepth frames deep that the analyzer could inline:
  /// evaluated as one it does not inline (true).
  bool evalTooDeep(const CallEvent &Call, CheckerContext &C) const;
  void noteReread(SVal V, CheckerContext &C) const;
  const ApiRow *rowOf(const CallEvent &Call) const;
  const OriginRec *origin(const gfpdep::Loc &Where, const Context &C,
                          const std::string &Name) const;
  LockArg lockArg(const CallEvent &Call, int Arg, CheckerContext &C) const;
  const FunctionDecl *currentFunction(CheckerContext &C) const;
  bool ownedByCleanup(const CallEvent &Call, CheckerContext &C) const;

  ProgramStateRef beginContext(ProgramStateRef St, const OriginRec *O) const;
  ProgramStateRef endContext(ProgramStateRef St, const OriginRec *O) const;
  /// Ends the newest context of this kind and flavour; null if none.
  const OriginRec *newestSection(ProgramStateRef St, CtxKind K,
                                 Flavor Fl) const;

  /// Acquire (Try: the success branch of a trylock).
  void acquire(const CallEvent &Call, CheckerContext &C, ProgramStateRef St,
               const LockArg &L, Flavor Fl, unsigned Subclass, bool Recursive,
               bool Try, const gfpdep::Loc &Where, llvm::StringRef Via,
               bool Scoped, llvm::SmallVectorImpl<const OriginRec *> *Begun,
               ProgramStateRef &Out, std::string &Note) const;
  ProgramStateRef release(const CallEvent &Call, CheckerContext &C,
                          ProgramStateRef St, const LockArg &L, Flavor Fl,
                          const gfpdep::Loc &Where, std::string &Note) const;

  void applySummary(const CallEvent &Call, CheckerContext &C,
                    const Summary &Sum) const;
  void reportBalance(CheckerContext &C, ExplodedNode *N, const Stmt *At,
                     const void *Key, const std::string &Message,
                     const std::string &Fix) const;
  void emitBalance(BugReporter &BR, ExplodedNode *N, const void *Key,
                   const std::string &Message, const std::string &Fix) const;
  const NoteTag *noteFor(CheckerContext &C, const void *Key, const OriginRec *O,
                         std::string Text) const;
  void answer(const CallEvent &Call, CheckerContext &C) const;
};

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

/// The engine's context for a held lock.
Context lockContext(Flavor Fl, const LockRef &L, unsigned Subclass = 0) {
  Context C;
  C.Kind = CtxKind::Lock;
  C.Fl = Fl;
  C.Lock = L;
  C.Subclass = Subclass;
  return C;
}

} // namespace

// -----------------------------------------------------------------------------
// Session and model
// -----------------------------------------------------------------------------

PathSession &PathChecker::session(ASTContext &Ctx, Preprocessor *PP) const {
  if (S)
    return *S;
  if ((S = activeSession()))
    return *S;
  // Loaded as an analyzer plugin: run the engine here, report confirmed
  // findings through the analyzer.
  Own = std::make_unique<PathSession>();
  EngineOptions O;
  O.KeepUnit = true;
  AnalysisResult R = analyzeTranslationUnit(Ctx, PP, O);
  Own->Unit = R.Unit;
  Own->Findings = std::move(R.Findings);
  Own->ReportConfirmed = true;
  Own->indexQueries();
  S = Own.get();
  return *S;
}

void PathChecker::checkASTDecl(const TranslationUnitDecl *TU,
                               AnalysisManager &Mgr, BugReporter &) const {
  PathSession &Sess = session(Mgr.getASTContext(), &Mgr.getPreprocessor());
  if (Own.get() == &Sess) {
    // Under --analyze the analyzer's own options are the budget.
    Sess.Budget.FunctionSteps = Mgr.options.MaxNodesPerTopLevelFunction;
    Sess.Budget.UnitSeconds = 0;
  }
}

bool PathChecker::touchesLocks(const Stmt *Root) const {
  llvm::SmallVector<const Stmt *, 64> Walk{Root};
  while (!Walk.empty()) {
    const Stmt *St = Walk.pop_back_val();
    if (!St)
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(St))
      if (const FunctionDecl *FD = CE->getDirectCallee()) {
        if (const ApiRow *Row = rowFor(FD, *S->Unit->Model, S->Unit->Facts)) {
          if (Row->Op != ApiOp::Alloc && Row->Op != ApiOp::Block &&
              Row->Op != ApiOp::Register && Row->Op != ApiOp::MaskPassthrough)
            return true;
        } else if (const FunctionDecl *Def = FD->getDefinition()) {
          auto Sum = S->Unit->Summaries.find(Def);
          if (Sum != S->Unit->Summaries.end() &&
              (!Sum->second.NetAcquire.empty() ||
               !Sum->second.NetRelease.empty() ||
               !Sum->second.MayHoldAtExit.empty() ||
               !Sum->second.CondRelease.empty()))
            return true;
        }
      }
    if (const auto *CCE = dyn_cast<CXXConstructExpr>(St)) {
      // A guard object: one whose constructor takes a lock (by the
      // engine's summary), or a standard one.
      const CXXConstructorDecl *Ctor = CCE->getConstructor();
      const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
      if (RD && RD->getIdentifier()) {
        llvm::StringRef N = RD->getName();
        if (N == "lock_guard" || N == "unique_lock" || N == "scoped_lock" ||
            N == "shared_lock")
          return true;
      }
      if (const FunctionDecl *Def = Ctor ? Ctor->getDefinition() : nullptr) {
        auto Sum = S->Unit->Summaries.find(Def);
        if (Sum != S->Unit->Summaries.end() && !Sum->second.NetAcquire.empty())
          return true;
      }
    }
    for (const Stmt *Child : St->children())
      Walk.push_back(Child);
  }
  return false;
}

bool PathChecker::releasesClass(const FunctionDecl *FD,
                                const char *Class) const {
  if (!FD || !FD->getBody() || !Class)
    return false;
  llvm::SmallVector<const Stmt *, 64> Walk{FD->getBody()};
  while (!Walk.empty()) {
    const Stmt *St = Walk.pop_back_val();
    if (!St)
      continue;
    for (const Stmt *Child : St->children())
      Walk.push_back(Child);
    const auto *CE = dyn_cast<CallExpr>(St);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      continue;
    auto Names = [&](int Arg) {
      if (Arg < 0 || unsigned(Arg) >= CE->getNumArgs())
        return false;
      LockRef R = nameLock(CE->getArg(Arg), FD);
      return R.known() && Symbol(R.key()).data() == Class;
    };
    if (const ApiRow *Row = rowFor(Callee, *S->Unit->Model, S->Unit->Facts)) {
      if (Row->Op == ApiOp::Release && Names(Row->Arg))
        return true;
      continue;
    }
    const FunctionDecl *Def = Callee->getDefinition();
    auto Sum = Def ? S->Unit->Summaries.find(Def) : S->Unit->Summaries.end();
    if (Sum == S->Unit->Summaries.end())
      continue;
    for (const Context &Rel : Sum->second.NetRelease)
      if (Rel.Kind == CtxKind::Lock &&
          (Rel.Lock.Param >= 0 ? Names(Rel.Lock.Param)
                               : Symbol(Rel.Lock.key()).data() == Class))
        return true;
  }
  return false;
}

bool PathChecker::relevant(const Decl *D, const SourceManager &SM) const {
  auto [It, New] = Relevance.try_emplace(D->getCanonicalDecl(), false);
  if (!New)
    return It->second;
  const Stmt *Body = D->getBody();
  if (!Body || !S || !S->Unit)
    return false;
  // A queried site inside the body, or a lock or section touched.
  gfpdep::Loc B = makeLoc(Body->getBeginLoc(), SM),
              E = makeLoc(Body->getEndLoc(), SM);
  auto Site = S->Sites.lower_bound(B);
  bool Found =
      (Site != S->Sites.end() && !(E < Site->first)) || touchesLocks(Body);
  Relevance[D->getCanonicalDecl()] = Found;
  return Found;
}

bool PathChecker::stopForBudget(CheckerContext &C, unsigned Every) const {
  if (!S || !S->overUnitBudget(Every))
    return false;
  OutOfTime = true;
  C.generateSink(C.getState(), C.getPredecessor());
  return true;
}

void PathChecker::checkBeginFunction(CheckerContext &C) const {
  if (!S)
    return;
  if (!C.inTopFrame()) {
    stopForBudget(C);
    return;
  }
  // Nothing to learn from a function that neither holds a queried site nor
  // touches a lock or section: end its exploration at once.
  const Decl *D = C.getStackFrame()->getDecl();
  if (D && !relevant(D, C.getSourceManager())) {
    S->Skipped.insert(D->getCanonicalDecl());
    C.generateSink(C.getState(), C.getPredecessor());
    return;
  }
  // The unit's budget, read at every function that would be explored.
  stopForBudget(C, 1);
}

const ApiRow *PathChecker::rowOf(const CallEvent &Call) const {
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || !S || !S->Unit)
    return nullptr;
  return rowFor(FD, *S->Unit->Model, S->Unit->Facts);
}

const OriginRec *PathChecker::origin(const gfpdep::Loc &Where, const Context &C,
                                     const std::string &Name) const {
  std::string Key = C.key();
  auto &Slot = Origins[{Where, Key}];
  if (!Slot) {
    Slot = std::make_unique<OriginRec>();
    Slot->Where = Where;
    Slot->Key = Key;
    Slot->Kind = C.Kind;
    Slot->Fl = C.Fl;
    Slot->Name = Name;
  }
  return Slot.get();
}

const FunctionDecl *PathChecker::currentFunction(CheckerContext &C) const {
  return dyn_cast_or_null<FunctionDecl>(C.getStackFrame()->getDecl());
}

LockArg PathChecker::lockArg(const CallEvent &Call, int Arg,
                             CheckerContext &C) const {
  LockArg L;
  const Expr *E = nullptr;
  SVal V;
  if (Arg == ObjectArg) {
    const auto *IC = dyn_cast<CXXInstanceCall>(&Call);
    if (!IC)
      return L;
    if (const auto *MCE =
            dyn_cast_or_null<CXXMemberCallExpr>(Call.getOriginExpr()))
      E = MCE->getImplicitObjectArgument();
    V = IC->getCXXThisVal();
  } else if (Arg >= 0 && unsigned(Arg) < Call.getNumArgs()) {
    E = Call.getArgExpr(Arg);
    V = Call.getArgSVal(Arg);
  } else {
    return L;
  }
  if (E)
    L.Ref = nameLock(E, currentFunction(C));
  if (L.Ref.known()) {
    L.Class = Symbol(L.Ref.key()).data();
    L.Name = L.Ref.name();
  }
  if (const MemRegion *R = V.getAsRegion()) {
    R = R->StripCasts();
    const MemRegion *Base = R->getBaseRegion();
    // An object reached through the function's own parameters, globals or
    // locals stays the same region on every path; one loaded after a call
    // invalidated memory does not, so it is known by its class only.
    bool Stable = isa<VarRegion>(Base) || isa<NonParamVarRegion>(Base);
    if (const auto *SR = dyn_cast<SymbolicRegion>(Base))
      Stable = isa<SymbolRegionValue>(SR->getSymbol());
    if (Stable) {
      L.Key = R;
      L.Stable = true;
    }
    if (L.Name.empty())
      L.Name = "the lock";
  }
  if (!L.Key)
    L.Key = L.Class;
  return L;
}

/// Whether the call initialises a variable with a cleanup function (the
/// kernel's guard()/scoped_guard()): the analyzer does not run cleanups, so
/// the lock's balance is left to the engine.
bool PathChecker::ownedByCleanup(const CallEvent &Call,
                                 CheckerContext &C) const {
  const Stmt *E = Call.getOriginExpr();
  if (!E)
    return false;
  const ParentMap &PM = C.getLocationContext()->getParentMap();
  for (const Stmt *P = PM.getParent(E); P; P = PM.getParent(P)) {
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->hasAttr<CleanupAttr>())
            return true;
      return false;
    }
    if (!isa<Expr>(P))
      return false;
  }
  return false;
}

// -----------------------------------------------------------------------------
// State
// -----------------------------------------------------------------------------

ProgramStateRef PathChecker::beginContext(ProgramStateRef St,
                                          const OriginRec *O) const {
  unsigned Seq = St->get<GfpdepSeq>() + 1;
  St = St->set<GfpdepSeq>(Seq);
  S->SeenOrigins.insert(O->Where);
  return St->set<GfpdepContexts>(O, Seq);
}

ProgramStateRef PathChecker::endContext(ProgramStateRef St,
                                        const OriginRec *O) const {
  return St->remove<GfpdepContexts>(O);
}

const OriginRec *PathChecker::newestSection(ProgramStateRef St, CtxKind K,
                                            Flavor Fl) const {
  const OriginRec *Best = nullptr;
  unsigned BestSeq = 0;
  for (const auto &[P, Seq] : St->get<GfpdepContexts>()) {
    const auto *O = static_cast<const OriginRec *>(P);
    if (O->Kind == K && O->Fl == Fl && Seq >= BestSeq) {
      Best = O;
      BestSeq = Seq;
    }
  }
  return Best;
}

const NoteTag *PathChecker::noteFor(CheckerContext &C, const void *Key,
                                    const OriginRec *O,
                                    std::string Text) const {
  return C.getNoteTag(
      [this, Key, O, Text](PathSensitiveBugReport &BR) -> std::string {
        auto It = Subject.find(&BR);
        if (It == Subject.end())
          return "";
        if ((Key && It->second == Key) || (O && It->second == O))
          return Text;
        return "";
      });
}

void PathChecker::acquire(const CallEvent &Call, CheckerContext &C,
                          ProgramStateRef St, const LockArg &L, Flavor Fl,
                          unsigned Subclass, bool Recursive, bool Try,
                          const gfpdep::Loc &Where, llvm::StringRef Via,
                          bool Scoped,
                          llvm::SmallVectorImpl<const OriginRec *> *Begun,
                          ProgramStateRef &Out, std::string &Note) const {
  Context Ctx = lockContext(Fl, L.Ref, Subclass);
  const OriginRec *O = origin(Where, Ctx, L.Name);
  LastBegun = O;
  if (Begun)
    Begun->push_back(O);
  St = beginContext(St, O);
  Out = St;
  if (!L.Key)
    return;
  const LockEntry *Prev = St->get<GfpdepLocks>(L.Key);
  if (!Prev)
    AcquiredFirst.insert(L.Key);
  // (Not on a path that branched on re-read memory: it may not exist.)
  if (Prev && Prev->St == LockEntry::Held && L.Stable && !Try && !Recursive &&
      !St->get<GfpdepReread>() && !Prev->Recursive && !Prev->Scoped &&
      !Scoped && !Prev->FromCaller) {
    // Reported on the state before this acquisition; the path ends here
    // (a real self-deadlock does not return).
    if (ExplodedNode *N = C.generateErrorNode(C.getState())) {
      std::string What = flavorNoun(Fl).str() + " " + quoted(L.Name);
      std::string Fn = declName(currentFunction(C));
      reportBalance(C, N, Call.getOriginExpr(), L.Key,
                    "acquiring " + What + ", which this path of " + quoted(Fn) +
                        " already holds: self-deadlock",
                    "release it before this call, or take the second "
                    "object's lock with the _nested() variant if these are "
                    "two objects of one class");
    }
    Out = nullptr;
    return;
  }
  LockEntry E(LockEntry::Held, O, L.Class);
  // Taken back after a release of the caller's lock: the caller's again.
  E.FromCaller = Prev && Prev->St == LockEntry::Released && Prev->FromCaller;
  E.Try = Try;
  E.Scoped = Scoped;
  E.Recursive = Recursive;
  Out = St->set<GfpdepLocks>(L.Key, E);
  Note =
      Try ? flavorNoun(Fl).str() + " " + quoted(L.Name) + " acquired here: " +
                (Via.empty() ? "the trylock succeeds on this path" : Via.str())
          : flavorNoun(Fl).str() + " " + quoted(L.Name) + " acquired here" +
                (Via.empty() ? "" : " (" + Via.str() + ")");
}

ProgramStateRef PathChecker::release(const CallEvent &Call, CheckerContext &C,
                                     ProgramStateRef St, const LockArg &L,
                                     Flavor Fl, const gfpdep::Loc &Where,
                                     std::string &Note) const {
  std::string What = flavorNoun(Fl).str() + " " + quoted(L.Name);
  // The entry for this object, else the newest held one of its class.
  const void *Key = L.Key;
  const LockEntry *E = Key ? St->get<GfpdepLocks>(Key) : nullptr;
  if ((!E || E->St != LockEntry::Held) && L.Class) {
    const LockEntry *Best = nullptr;
    unsigned BestSeq = 0;
    for (const auto &[K, V] : St->get<GfpdepLocks>())
      if (V.St == LockEntry::Held && V.Class == L.Class) {
        const unsigned *Seq = St->get<GfpdepContexts>(V.Site);
        if (!Best || (Seq && *Seq >= BestSeq)) {
          Best = &V;
          BestSeq = Seq ? *Seq : 0;
          Key = K;
        }
      }
    if (Best)
      E = Best;
  }
  Context Ctx = lockContext(Fl, L.Ref);
  const OriginRec *Here = origin(Where, Ctx, L.Name);
  if (E && E->St == LockEntry::Held) {
    St = endContext(St, E->Site);
    LockEntry R = *E;
    R.St = LockEntry::Released;
    R.Site = Here;
    Note = What + " released here";
    return St->set<GfpdepLocks>(Key, R);
  }
  std::string Fn = declName(currentFunction(C));
  if (E && !E->Scoped && L.Stable && !St->get<GfpdepReread>()) {
    ExplodedNode *N = C.generateNonFatalErrorNode(St);
    if (!N)
      return nullptr;
    if (E->St == LockEntry::NotAcquired)
      reportBalance(
          C, N, Call.getOriginExpr(), Key,
          "releasing " + What + " on a path where " +
              (E->Try ? std::string("the trylock") : "its acquisition") +
              " failed: it is not held here",
          "release it only on the branch where the lock was "
          "acquired");
    else
      reportBalance(C, N, Call.getOriginExpr(), Key,
                    "releasing " + What + ", which this path of " + quoted(Fn) +
                        " has already released",
                    "remove the second release, or re-acquire the lock "
                    "before it");
    return nullptr;
  }
  // Nothing known: a lock the caller holds. Whether that can be is decided
  // across paths at the end of the analysis.
  if (!Key)
    return St;
  // A lock whose contexts only the engine tracked: end by class.
  for (const auto &[P, Seq] : St->get<GfpdepContexts>()) {
    const auto *O = static_cast<const OriginRec *>(P);
    if (O->Kind == CtxKind::Lock && O->Key == Ctx.key()) {
      St = endContext(St, O);
      break;
    }
  }
  LockEntry R(LockEntry::Released, Here, L.Class);
  R.FromCaller = true;
  Note = What + " released here; this path has not acquired it";
  ReleasedFirst.push_back(
      {Key, L.Class, St->get<GfpdepReread>(), Here, nullptr});
  return St->set<GfpdepLocks>(Key, R);
}

// -----------------------------------------------------------------------------
// Calls
// -----------------------------------------------------------------------------

bool PathChecker::evalTooDeep(const CallEvent &Call, CheckerContext &C) const {
  // Plain function calls returning nothing or a scalar: methods,
  // constructors and objects returned by value keep the analyzer's rules.
  const auto *OE = dyn_cast_or_null<CallExpr>(Call.getOriginExpr());
  QualType RT = Call.getResultType();
  if (!isa<SimpleFunctionCall>(Call) || !OE || RT.isNull() ||
      !(RT->isVoidType() || RT->isScalarType()))
    return false;
  unsigned Depth = 0;
  for (const LocationContext *L = C.getLocationContext(); L; L = L->getParent())
    Depth += isa<StackFrameContext>(L);
  if (Depth < PathMaxInlineDepth)
    return false;
  const Decl *D = Call.getRuntimeDefinition().getDecl();
  if (!D || !D->hasBody())
    return false; // not inlined anyway
  // What the analyzer does with a call it does not inline: what the callee
  // may change made unknown, a new value for its result. checkPostCall
  // then applies the engine's summary.
  const LocationContext *LC = C.getLocationContext();
  ProgramStateRef St = Call.invalidateRegions(C.blockCount(), C.getState());
  if (!RT->isVoidType())
    St = St->BindExpr(OE, LC,
                      C.getSValBuilder().conjureSymbolVal(nullptr, OE, LC, RT,
                                                          C.blockCount()));
  C.addTransition(St);
  return true;
}

bool PathChecker::evalCall(const CallEvent &Call, CheckerContext &C) const {
  const ApiRow *Row = rowOf(Call);
  const Expr *OE = dyn_cast_or_null<Expr>(Call.getOriginExpr());
  if (!Row && S)
    return evalTooDeep(Call, C);
  if (!Row || !OE || !S)
    return false;
  switch (Row->Op) {
  case ApiOp::Alloc:
  case ApiOp::Block:
  case ApiOp::MaskPassthrough:
  case ApiOp::Register:
  case ApiOp::CallbackField:
  case ApiOp::MaskQuery:
  case ApiOp::LockClassKey:
  case ApiOp::RefPut:
    return false;
  default:
    break;
  }
  ProgramStateRef St = C.getState();
  const LocationContext *LC = C.getLocationContext();
  SValBuilder &SVB = C.getSValBuilder();
  QualType RT = Call.getResultType();
  bool HasResult = !RT.isNull() && !RT->isVoidType();
  // A modelled call's result, when it has one, is a value of its own.
  auto Bind = [&](ProgramStateRef In) {
    return HasResult
               ? In->BindExpr(OE, LC,
                              SVB.conjureSymbolVal(OE, LC, RT, C.blockCount()))
               : In;
  };
  gfpdep::Loc Where = makeLoc(OE->getBeginLoc(), C.getSourceManager());
  bool Scoped = ownedByCleanup(Call, C);

  switch (Row->Op) {
  case ApiOp::Acquire:
  case ApiOp::TryAcquire: {
    LockArg L = lockArg(Call, Row->Arg, C);
    if (!L.Ref.known() && !L.Key)
      return false;
    unsigned Sub = 0;
    if (Row->Arg2 >= 0 && unsigned(Row->Arg2) < Call.getNumArgs())
      if (auto CI = Call.getArgSVal(Row->Arg2).getAs<nonloc::ConcreteInt>())
        Sub = unsigned(CI->getValue().getZExtValue());
    bool Recursive = Row->Flags & RF_Recursive;
    // An acquisition that may fail (mutex_lock_interruptible) holds the lock
    // only when it returns 0: two outcomes, like a trylock's.
    bool MayFail = Row->Op == ApiOp::Acquire &&
                   (Row->Flags & RF_ZeroIsSuccess) && HasResult &&
                   RT->isIntegralOrEnumerationType();
    if (Row->Op == ApiOp::Acquire && !MayFail) {
      St = Bind(St);
      ProgramStateRef Out;
      std::string Note;
      acquire(Call, C, St, L, Row->Fl, Sub, Recursive, false, Where, "", Scoped,
              nullptr, Out, Note);
      if (Out)
        C.addTransition(Out, Note.empty() ? nullptr
                                          : noteFor(C, L.Key, LastBegun, Note));
      return true;
    }
    // The two outcomes of a trylock, each with its return value.
    bool ZeroIsSuccess = Row->Flags & RF_ZeroIsSuccess;
    ProgramStateRef Ok = St, Fail = St;
    if (MayFail) {
      // 0, or an error code (-EINTR, -ETIME) that is not 0.
      Ok = Ok->BindExpr(OE, LC, SVB.makeIntVal(0, RT));
      DefinedOrUnknownSVal Err =
          SVB.conjureSymbolVal(OE, LC, RT, C.blockCount());
      Fail = Fail->BindExpr(OE, LC, Err);
      if (auto NZ = SVB.evalEQ(Fail, Err, SVB.makeIntVal(0, RT))
                        .getAs<DefinedOrUnknownSVal>())
        if (ProgramStateRef F = Fail->assume(*NZ, false))
          Fail = F;
    } else if (HasResult && RT->isIntegralOrEnumerationType()) {
      Ok = Ok->BindExpr(OE, LC, SVB.makeIntVal(ZeroIsSuccess ? 0 : 1, RT));
      Fail = Fail->BindExpr(OE, LC, SVB.makeIntVal(ZeroIsSuccess ? 1 : 0, RT));
    } else if (HasResult) {
      SVal V = SVB.conjureSymbolVal(OE, LC, RT, C.blockCount());
      Ok = Ok->BindExpr(OE, LC, V);
      Fail = Fail->BindExpr(OE, LC, V);
    }
    ProgramStateRef Out;
    std::string Note;
    acquire(Call, C, Ok, L, Row->Fl, Sub, Recursive, true, Where,
            MayFail ? "it returns 0 on this path" : "", Scoped, nullptr, Out,
            Note);
    if (Out)
      C.addTransition(Out, noteFor(C, L.Key, LastBegun, Note));
    if (L.Key && !St->get<GfpdepLocks>(L.Key)) {
      LockEntry E(LockEntry::NotAcquired,
                  origin(Where, lockContext(Row->Fl, L.Ref), L.Name), L.Class);
      E.Try = !MayFail; // a trylock's failure, not a failed mutex_lock_*()
      E.Scoped = Scoped;
      Fail = Fail->set<GfpdepLocks>(L.Key, E);
    }
    C.addTransition(
        Fail,
        noteFor(C, L.Key, nullptr,
                (MayFail ? quoted(Row->Name) + " of " : "the trylock of ") +
                    flavorNoun(Row->Fl).str() + " " + quoted(L.Name) +
                    " fails on this path: not held"));
    return true;
  }
  case ApiOp::Release: {
    LockArg L = lockArg(Call, Row->Arg, C);
    St = Bind(St);
    std::string Note;
    ProgramStateRef Out = release(Call, C, St, L, Row->Fl, Where, Note);
    if (Out) {
      ExplodedNode *N = C.addTransition(
          Out, Note.empty() ? nullptr : noteFor(C, L.Key, nullptr, Note));
      if (!ReleasedFirst.empty() && !ReleasedFirst.back().N &&
          ReleasedFirst.back().Site->Where == Where)
        ReleasedFirst.back().N = N;
    }
    return true;
  }
  case ApiOp::Enter:
  case ApiOp::ScopeSave:
  case ApiOp::FsReclaimAcquire: {
    St = Bind(St);
    Context Ctx;
    Ctx.Kind = Row->Op == ApiOp::Enter       ? CtxKind::Section
               : Row->Op == ApiOp::ScopeSave ? CtxKind::Scope
                                             : CtxKind::FsReclaim;
    Ctx.Fl = Row->Op == ApiOp::FsReclaimAcquire ? Flavor::None : Row->Fl;
    const OriginRec *O = origin(Where, Ctx, Row->Name.str());
    St = beginContext(St, O);
    std::string Text = originText(Ctx); // as the engine's notes say it
    C.addTransition(
        St, noteFor(C, nullptr, O, Text + " (" + Row->Name.str() + ")"));
    return true;
  }
  case ApiOp::Exit:
  case ApiOp::ScopeRestore:
  case ApiOp::FsReclaimRelease: {
    St = Bind(St);
    CtxKind K = Row->Op == ApiOp::Exit           ? CtxKind::Section
                : Row->Op == ApiOp::ScopeRestore ? CtxKind::Scope
                                                 : CtxKind::FsReclaim;
    Flavor Fl = Row->Op == ApiOp::FsReclaimRelease ? Flavor::None : Row->Fl;
    const OriginRec *O = newestSection(St, K, Fl);
    if (O) {
      St = endContext(St, O);
      C.addTransition(
          St, noteFor(C, nullptr, O, "it ends here (" + Row->Name.str() + ")"));
    } else {
      C.addTransition(St);
    }
    return true;
  }
  case ApiOp::AssertHeld: {
    LockArg L = lockArg(Call, Row->Arg, C);
    St = Bind(St);
    if (!L.Key) {
      C.addTransition(St);
      return true;
    }
    const LockEntry *E = St->get<GfpdepLocks>(L.Key);
    if (!E || E->St != LockEntry::Held) {
      Context Ctx = lockContext(Flavor::Mutex, L.Ref);
      const OriginRec *O = origin(Where, Ctx, L.Name);
      St = beginContext(St, O);
      LockEntry H(LockEntry::Held, O, L.Class);
      H.FromCaller = true;
      St = St->set<GfpdepLocks>(L.Key, H);
    }
    C.addTransition(St);
    return true;
  }
  default:
    return false;
  }
}

void PathChecker::applySummary(const CallEvent &Call, CheckerContext &C,
                               const Summary &Sum) const {
  const Expr *OE = dyn_cast_or_null<Expr>(Call.getOriginExpr());
  if (!OE || (Sum.NetAcquire.empty() && Sum.NetRelease.empty() &&
              Sum.CondRelease.empty()))
    return;
  ProgramStateRef St = C.getState();
  gfpdep::Loc Where = makeLoc(OE->getBeginLoc(), C.getSourceManager());
  std::string Callee = declName(cast<FunctionDecl>(Call.getDecl()));
  // A summary's net acquisitions are what the callee may return holding
  // (on some path): enough to answer queries, not to judge balance.
  bool Scoped = true;
  std::string Notes;
  const void *NoteKey = nullptr;
  const OriginRec *NoteOrigin = nullptr;
  auto LockOf = [&](const Context &Ctx) {
    if (Ctx.Lock.Param >= 0)
      return lockArg(Call, Ctx.Lock.Param, C);
    LockArg L;
    L.Ref = Ctx.Lock;
    L.Class = Symbol(Ctx.Lock.key()).data();
    L.Key = L.Class;
    L.Name = Ctx.Lock.name();
    return L;
  };
  for (const Context &Ctx : Sum.NetRelease) {
    if (Ctx.Kind == CtxKind::Lock) {
      LockArg L = LockOf(Ctx);
      std::string Note;
      ProgramStateRef Out = release(Call, C, St, L, Ctx.Fl, Where, Note);
      if (!Out)
        return;
      if (!ReleasedFirst.empty() && !ReleasedFirst.back().N &&
          ReleasedFirst.back().Site->Where == Where)
        ReleasedFirst.pop_back(); // a wrapper releasing the caller's lock
      St = Out;
      if (!Note.empty()) {
        Notes = quoted(Callee) + ": " + Note;
        NoteKey = L.Key;
      }
      continue;
    }
    if (const OriginRec *O = newestSection(St, Ctx.Kind, Ctx.Fl))
      St = endContext(St, O);
  }
  llvm::SmallVector<const OriginRec *, 2> Begun;
  for (const Context &Ctx : Sum.NetAcquire) {
    if (Ctx.Kind == CtxKind::Lock) {
      LockArg L = LockOf(Ctx);
      if (!L.Ref.known())
        continue;
      ProgramStateRef Out;
      std::string Note;
      acquire(Call, C, St, L, Ctx.Fl, Ctx.Subclass, Ctx.Recursive, false, Where,
              Callee, Scoped, &Begun, Out, Note);
      if (!Out)
        return;
      St = Out;
      Notes = Note;
      NoteKey = L.Key;
      NoteOrigin = LastBegun;
      continue;
    }
    Context Sec = Ctx;
    const OriginRec *O = origin(Where, Sec, Callee);
    Begun.push_back(O);
    St = beginContext(St, O);
  }
  // A C++ object whose constructor began contexts: its destructor ends them.
  if (const auto *Ctor = dyn_cast<CXXConstructorCall>(&Call))
    if (const MemRegion *R = Ctor->getCXXThisVal().getAsRegion())
      for (const OriginRec *O : Begun)
        St = St->add<GfpdepOwned>({R, O});
  // A caller's lock the callee drops only on a failing (or succeeding)
  // return: the two outcomes are two paths.
  if (!Sum.CondRelease.empty()) {
    auto RV = Call.getReturnValue().getAs<DefinedOrUnknownSVal>();
    if (RV && !Call.getResultType()->isVoidType()) {
      auto [NZ, Z] = St->assume(*RV);
      for (auto [Branch, NonZero] : {std::pair{NZ, true}, std::pair{Z, false}}) {
        if (!Branch)
          continue;
        std::string BranchNotes = Notes;
        const void *BranchKey = NoteKey;
        for (const auto &[Ctx, OnNZ] : Sum.CondRelease) {
          if (OnNZ != NonZero || Ctx.Kind != CtxKind::Lock)
            continue;
          LockArg L = LockOf(Ctx);
          std::string Note;
          ProgramStateRef Out = release(Call, C, Branch, L, Ctx.Fl, Where, Note);
          if (!Out) {
            Branch = nullptr;
            break;
          }
          if (!ReleasedFirst.empty() && !ReleasedFirst.back().N &&
              ReleasedFirst.back().Site->Where == Where)
            ReleasedFirst.pop_back(); // a wrapper releasing the caller's lock
          Branch = Out;
          if (!Note.empty()) {
            BranchNotes = quoted(Callee) + ": " + Note +
                          (NonZero ? " (on a non-zero result)"
                                   : " (on a zero result)");
            BranchKey = L.Key;
          }
        }
        if (Branch)
          C.addTransition(Branch,
                          BranchNotes.empty()
                              ? nullptr
                              : noteFor(C, BranchKey, NoteOrigin, BranchNotes));
      }
      return;
    }
  }
  C.addTransition(St, Notes.empty() ? nullptr
                                    : noteFor(C, NoteKey, NoteOrigin, Notes));
}

/// Whether V depends on memory read back after it was made unknown: a
/// call's invalidation (symbols derived from the call's conjured value) or
/// a widened loop (values conjured at its condition). A call's own result
/// is conjured at the call: not that.
static bool rereadValue(SVal V) {
  for (SymbolRef Sym : V.symbols()) {
    if (isa<SymbolDerived>(Sym))
      return true;
    if (const auto *SC = dyn_cast<SymbolConjured>(Sym))
      if (!isa_and_nonnull<CallExpr, CXXConstructExpr, CXXNewExpr>(
              SC->getStmt()))
        return true;
  }
  return false;
}

void PathChecker::noteReread(SVal V, CheckerContext &C) const {
  ProgramStateRef St = C.getState();
  if (S && !St->get<GfpdepReread>() && rereadValue(V))
    C.addTransition(St->set<GfpdepReread>(true));
}

void PathChecker::checkBranchCondition(const Stmt *Cond,
                                       CheckerContext &C) const {
  if (stopForBudget(C))
    return;
  noteReread(C.getSVal(Cond), C);
}

// Comparisons are split into their two outcomes as soon as they are
// evaluated (the analyzer's eager assumption): look at them there.
void PathChecker::checkPostStmt(const BinaryOperator *BO,
                                CheckerContext &C) const {
  if (BO->isComparisonOp() || BO->isLogicalOp())
    noteReread(C.getSVal(BO), C);
}

void PathChecker::checkPostStmt(const UnaryOperator *UO,
                                CheckerContext &C) const {
  if (UO->getOpcode() == UO_LNot)
    noteReread(C.getSVal(UO), C);
}

void PathChecker::checkPreCall(const CallEvent &Call, CheckerContext &C) const {
  if (stopForBudget(C))
    return;
  if (S && !S->Sites.empty())
    answer(Call, C);
}

/// The queries asked at this call site: is the context in force, and may
/// the mask passed on have the bits the leaf needs?
void PathChecker::answer(const CallEvent &Call, CheckerContext &C) const {
  const Stmt *OE = Call.getOriginExpr();
  if (!OE)
    return;
  auto It = S->Sites.find(makeLoc(OE->getBeginLoc(), C.getSourceManager()));
  if (It == S->Sites.end())
    return;
  ProgramStateRef St = C.getState();
  SValBuilder &SVB = C.getSValBuilder();
  for (auto [I, J] : It->second) {
    if (S->Confirmed[I] && !S->ReportConfirmed)
      continue;
    const Finding &F = S->Findings[I];
    const PathQuery &Q = F.Query;
    const OriginRec *In = nullptr;
    if (!Q.WholeFunction) {
      for (const auto &[P, Seq] : St->get<GfpdepContexts>()) {
        const auto *O = static_cast<const OriginRec *>(P);
        if (O->Where == F.Origin || llvm::is_contained(O->Aliases, F.Origin))
          In = O;
      }
      if (!In)
        continue;
    }
    int Arg = Q.Sites[J].MaskArg;
    if (Q.NeedBits && Arg >= 0 && unsigned(Arg) < Call.getNumArgs()) {
      SVal V = Call.getArgSVal(Arg);
      if (auto CI = V.getAs<nonloc::ConcreteInt>()) {
        if ((CI->getValue().getZExtValue() & Q.NeedBits) != Q.NeedBits)
          continue;
      } else if (auto NL = V.getAs<NonLoc>()) {
        QualType T = Call.getArgExpr(Arg)->getType();
        if (T->isIntegralOrEnumerationType()) {
          NonLoc Need = SVB.makeIntVal(Q.NeedBits, T).castAs<NonLoc>();
          SVal Bits = SVB.evalBinOpNN(St, BO_And, *NL, Need, T);
          SVal Has = SVB.evalEQ(St, Bits, Need);
          if (auto D = Has.getAs<DefinedOrUnknownSVal>())
            if (!St->assume(*D, true))
              continue;
        }
      }
    }
    bool First = !S->Confirmed[I];
    S->confirm(I);
    if (S->ReportConfirmed && First) {
      // Standalone analyzer: the finding, on this path.
      while (RuleBugs.size() <= unsigned(F.R))
        RuleBugs.emplace_back(
            this, ("gfpdep-" + ruleId(Rule(RuleBugs.size()))).str(), "gfpdep");
      if (ExplodedNode *N = C.generateNonFatalErrorNode(St)) {
        auto R = std::make_unique<PathSensitiveBugReport>(
            RuleBugs[unsigned(F.R)], F.Message, N);
        R->addRange(OE->getSourceRange());
        Subject[R.get()] = In;
        C.emitReport(std::move(R));
      }
    }
  }
}

void PathChecker::checkPostCall(const CallEvent &Call,
                                CheckerContext &C) const {
  if (!S || !S->Unit || stopForBudget(C))
    return;
  // A C++ object's destructor ends what its constructor began.
  if (const auto *D = dyn_cast<CXXDestructorCall>(&Call)) {
    const MemRegion *R = D->getCXXThisVal().getAsRegion();
    if (!R)
      return;
    ProgramStateRef St = C.getState();
    // What the destructor ends: contexts and lock keys, for its note.
    std::vector<const void *> Ended;
    for (const OwnedPair &P : St->get<GfpdepOwned>()) {
      if (P.first != R)
        continue;
      const auto *O = static_cast<const OriginRec *>(P.second);
      St = endContext(St->remove<GfpdepOwned>(P), O);
      Ended.push_back(O);
      for (const auto &[K, E] : St->get<GfpdepLocks>())
        if (E.Site == O && E.St == LockEntry::Held) {
          LockEntry Rel = E;
          Rel.St = LockEntry::Released;
          St = St->set<GfpdepLocks>(K, Rel);
          Ended.push_back(K);
        }
    }
    if (!Ended.empty())
      C.addTransition(
          St, C.getNoteTag([this,
                            Ended](PathSensitiveBugReport &BR) -> std::string {
            auto It = Subject.find(&BR);
            return It != Subject.end() && llvm::is_contained(Ended, It->second)
                       ? "the guard's destructor releases it here"
                       : "";
          }));
    return;
  }
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Call.getDecl());
  if (!FD || rowOf(Call))
    return; // a modelled call was evaluated above
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def)
    return;
  auto It = S->Unit->Summaries.find(Def);
  if (It == S->Unit->Summaries.end())
    return;
  if (!C.wasInlined) {
    applySummary(Call, C, It->second);
    return;
  }
  // An inlined wrapper: its own calls were seen on the path. The contexts
  // it returned with began inside it; the engine's findings name this call
  // as their origin.
  const Expr *OE = dyn_cast_or_null<Expr>(Call.getOriginExpr());
  if (It->second.NetAcquire.empty() || !OE || !Def->getBody())
    return;
  const SourceManager &SM = C.getSourceManager();
  gfpdep::Loc Here = makeLoc(OE->getBeginLoc(), SM);
  gfpdep::Loc B = makeLoc(Def->getBody()->getBeginLoc(), SM);
  gfpdep::Loc E = makeLoc(Def->getBody()->getEndLoc(), SM);
  for (const auto &[P, Seq] : C.getState()->get<GfpdepContexts>()) {
    const auto *O = static_cast<const OriginRec *>(P);
    if (O->Where.File != B.File || O->Where < B || E < O->Where ||
        llvm::is_contained(O->Aliases, Here))
      continue;
    O->Aliases.push_back(Here);
    S->SeenOrigins.insert(Here);
  }
}

// -----------------------------------------------------------------------------
// Lock balance
// -----------------------------------------------------------------------------

void PathChecker::reportBalance(CheckerContext &C, ExplodedNode *N,
                                const Stmt *At, const void *Key,
                                const std::string &Message,
                                const std::string &Fix) const {
  auto R = std::make_unique<PathSensitiveBugReport>(BalanceBug, Message, N);
  if (At)
    R->addNote(Fix, PathDiagnosticLocation::createBegin(
                        At, C.getSourceManager(), C.getLocationContext()));
  Subject[R.get()] = Key;
  C.emitReport(std::move(R));
}

void PathChecker::checkEndFunction(const ReturnStmt *RS,
                                   CheckerContext &C) const {
  if (!S || !C.inTopFrame())
    return;
  ProgramStateRef St = C.getState();
  Exit X;
  X.Ret = RetKind::None;
  if (RS && RS->getRetValue()) {
    const Expr *RV = RS->getRetValue();
    SVal V = C.getSVal(RV);
    X.Ret = RetKind::Unknown;
    // Only a scalar result can say whether a lock is held.
    bool Scalar = RV->getType()->isIntegralOrEnumerationType() ||
                  RV->getType()->isPointerType();
    if (auto D = Scalar ? V.getAs<DefinedOrUnknownSVal>() : std::nullopt;
        D && !V.getAs<nonloc::LazyCompoundVal>() &&
        !V.getAs<nonloc::CompoundVal>()) {
      auto [T, F] = St->assume(*D);
      if (T && !F)
        X.Ret = RetKind::NonZero;
      else if (F && !T)
        X.Ret = RetKind::Zero;
    }
  }
  for (const auto &[K, E] : St->get<GfpdepLocks>())
    if (E.St == LockEntry::Held && !E.Scoped && !E.FromCaller)
      X.Held.push_back({K, E});
  X.N = X.Held.empty() ? C.getPredecessor() : C.generateNonFatalErrorNode(St);
  if (!X.N)
    X.N = C.getPredecessor();
  Exits.push_back(std::move(X));
}

void PathChecker::emitBalance(BugReporter &BR, ExplodedNode *N, const void *Key,
                              const std::string &Message,
                              const std::string &Fix) const {
  auto R = std::make_unique<PathSensitiveBugReport>(BalanceBug, Message, N);
  const SourceManager &SM = BR.getSourceManager();
  if (const Stmt *At = N->getStmtForDiagnostics())
    R->addNote(Fix, PathDiagnosticLocation(At, SM, N->getLocationContext()));
  else // the closing brace
    R->addNote(Fix, PathDiagnosticLocation::createDeclEnd(
                        N->getLocationContext(), SM));
  Subject[R.get()] = Key;
  BR.emitReport(std::move(R));
}

/// Whether the exploration stands for every path: no node budget hit, no
/// block given up, and the visit bound hit only at the head of a loop the
/// analyzer widened and that takes or drops no lock or section: its last,
/// widened iteration then stands for all later ones (the values it changes
/// are made unknown; the checker's state is the same in every iteration).
bool PathChecker::exploredInFull(ExplodedGraph &G, ExprEngine &Eng) const {
  if (!Eng.hasEmptyWorkList() || Eng.getCoreEngine().wasBlockAborted())
    return false;
  if (!Eng.wasBlocksExhausted())
    return true;
  if (!Eng.getAnalysisManager().options.ShouldWidenLoops)
    return false;
  for (const ExplodedNode &N : G.nodes()) {
    if (!N.isSink())
      continue;
    const ProgramPointTag *Tag = N.getLocation().getTag();
    if (!Tag || !Tag->getTagDescription().contains("Block count exceeded"))
      continue;
    auto Entry = N.getLocation().getAs<BlockEntrance>();
    const Stmt *Term = Entry ? Entry->getBlock()->getTerminatorStmt() : nullptr;
    if (!isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Term) ||
        touchesLocks(Term))
      return false;
  }
  return true;
}

void PathChecker::checkEndAnalysis(ExplodedGraph &G, BugReporter &BR,
                                   ExprEngine &Eng) const {
  auto Reset = [&] {
    Exits.clear();
    AcquiredFirst.clear();
    ReleasedFirst.clear();
    OutOfTime = false;
  };
  const LocationContext *Root = Eng.getRootLocationContext();
  const Decl *D = Root ? Root->getDecl() : nullptr;
  if (!S || !D) {
    Reset();
    return;
  }
  if (const Decl *Canon = D->getCanonicalDecl(); !S->Skipped.count(Canon)) {
    // A budget that ran out leaves the function cut short: the unit's (its
    // paths were ended, or it was not explored), or the function's own
    // (steps left in the work list).
    bool Full = false;
    if (OutOfTime)
      S->OverTime.insert(Canon);
    else if (!Eng.hasEmptyWorkList() && S->Budget.FunctionSteps)
      S->OverSteps.insert(Canon);
    else
      Full = exploredInFull(G, Eng);
    (Full ? S->Complete : S->Cut).insert(Canon);
  }
  const auto *FD = dyn_cast<FunctionDecl>(D);
  const ApiRow *Own =
      FD && S->Unit ? rowFor(FD, *S->Unit->Model, S->Unit->Facts) : nullptr;
  std::string Fn = FD ? declName(FD) : "the function";
  // The engine's view of the same function: the lock classes it may return
  // holding. A path of the analyzer that the engine's branch correlation
  // rules out (a flag tested twice around a call the analyzer assumes may
  // change it) is not reported.
  const Summary *Engine = nullptr;
  if (FD && S->Unit)
    if (const FunctionDecl *Def = FD->getDefinition()) {
      auto It = S->Unit->Summaries.find(Def);
      if (It != S->Unit->Summaries.end())
        Engine = &It->second;
    }
  auto EngineAgrees = [&](const std::vector<Context> &Net, const char *Class) {
    if (!Engine || !Class)
      return true;
    return llvm::any_of(Net, [&](const Context &C) {
      return C.Kind == CtxKind::Lock && Symbol(C.Lock.key()).data() == Class;
    });
  };

  // Held at exit on some paths but not on others, and not as a trylock
  // wrapper whose return value says which.
  if (!Own || (Own->Op != ApiOp::Acquire && Own->Op != ApiOp::TryAcquire)) {
    llvm::DenseMap<const void *, LockEntry> Keys;
    for (const Exit &X : Exits)
      for (const auto &[K, E] : X.Held)
        Keys.try_emplace(K, E);
    std::vector<std::pair<const void *, LockEntry>> Sorted(Keys.begin(),
                                                           Keys.end());
    llvm::sort(Sorted, [](const auto &A, const auto &B) {
      return A.second.Site->Where < B.second.Site->Where;
    });
    for (const auto &KV : Sorted) {
      const void *K = KV.first;
      const LockEntry &E = KV.second;
      bool AllHeld = true, HeldNonZero = true, HeldZero = true, FreeZero = true,
           FreeNonZero = true, ByTrylock = true;
      ExplodedNode *First = nullptr;
      for (const Exit &X : Exits) {
        const LockEntry *HeldE = nullptr;
        for (const auto &P : X.Held)
          if (P.first == K)
            HeldE = &P.second;
        bool Held = HeldE != nullptr;
        AllHeld &= Held;
        if (Held) {
          ByTrylock &= HeldE->Try;
          HeldNonZero &= X.Ret == RetKind::NonZero;
          HeldZero &= X.Ret == RetKind::Zero;
          if (!First)
            First = X.N;
        } else {
          FreeZero &= X.Ret == RetKind::Zero;
          FreeNonZero &= X.Ret == RetKind::NonZero;
        }
      }
      if (AllHeld || !First)
        continue; // a wrapper that returns with the lock held
      // A helper that takes the lock on some paths and never releases it
      // (if (shareable) down_read(&vma_lock->rw_sema)): its callers test
      // the same condition to unlock; no path "forgets" a release.
      if (!releasesClass(FD, E.Class))
        continue;
      if (ByTrylock && ((HeldNonZero && FreeZero) || (HeldZero && FreeNonZero)))
        continue; // a trylock wrapper: its return value says which
      if (!EngineAgrees(Engine ? Engine->NetAcquire : std::vector<Context>(),
                        E.Class) &&
          !EngineAgrees(Engine ? Engine->MayHoldAtExit : std::vector<Context>(),
                        E.Class))
        continue;
      emitBalance(BR, First, K,
                  flavorNoun(E.Site->Fl).str() + " " + quoted(E.Site->Name) +
                      " is still held when " + quoted(Fn) +
                      " returns on this path, but other paths release it",
                  "release " + quoted(E.Site->Name) +
                      " on this path too, or annotate " + quoted(Fn) +
                      " with GFPDEP_ACQUIRES() or GFPDEP_TRY_ACQUIRES() if "
                      "callers are to release it");
    }
  }

  // Released before being taken on one path, taken by the function itself
  // on another: so it is not held on entry.
  if (!Own || Own->Op != ApiOp::Release)
    for (const FirstRelease &R : ReleasedFirst)
      if (R.N && !R.Reread && AcquiredFirst.count(R.Key))
        emitBalance(BR, R.N, R.Key,
                    "releasing " + flavorNoun(R.Site->Fl).str() + " " +
                        quoted(R.Site->Name) + ", which this path of " +
                        quoted(Fn) +
                        " never acquired: other paths acquire it themselves, "
                        "so it is not held on entry",
                    "release it only on the paths that acquired it");
  Reset();
}

// -----------------------------------------------------------------------------
// Registration
// -----------------------------------------------------------------------------

void gfpdep::registerPathChecker(CheckerRegistry &Registry) {
  Registry.addChecker(
      [](CheckerManager &Mgr) { Mgr.registerChecker<PathChecker>(); },
      [](const CheckerManager &) { return true; }, PathCheckerName,
      "gfpdep: held locks, atomic and non-block sections and GFP masks per "
      "path; confirms the engine's findings and checks lock balance",
      /*DocsUri=*/"",
      /*IsHidden=*/false);
}
