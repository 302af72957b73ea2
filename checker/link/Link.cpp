//===- Link.cpp - the whole program's summaries, contexts and rules -------===//
///
/// \file
/// Bottom-up summaries, top-down entry contexts, and the rules over every
/// concrete effect. A finding's notes walk the whole chain the way lockdep's
/// splat does: where the context began (reaching into the helper that took
/// the lock, one note per call), each call down to the leaf, where the mask
/// came from, and for the reclaim rules and cycles the other half.
//===----------------------------------------------------------------------===//

#include "link/Link.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <iterator>
#include <map>
#include <set>

using namespace gfpdep;

namespace {

// -----------------------------------------------------------------------------
// The call graph, for SCC order
// -----------------------------------------------------------------------------

struct CGNode {
  int32_t Index = -1;
  std::vector<CGNode *> Callees;
};

struct CallGraph {
  CGNode Root;
  std::vector<CGNode> Nodes;
};

} // namespace

namespace llvm {
template <> struct GraphTraits<CallGraph *> {
  using NodeRef = CGNode *;
  using ChildIteratorType = std::vector<CGNode *>::iterator;
  static NodeRef getEntryNode(CallGraph *G) { return &G->Root; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Callees.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Callees.end(); }
};
} // namespace llvm

namespace {

std::string quoted(llvm::StringRef S) { return "'" + S.str() + "'"; }

/// The name messages use for a lock.
std::string lockName(const Program &P, const LockVal &L, const FnFacts *In) {
  switch (L.K) {
  case LockVal::Named:
    return L.Class.str();
  case LockVal::Param:
  case LockVal::Local: {
    // Param: a parameter of In (a field of it when Class is set); Local here
    // means a parameter of function Class that no caller binds.
    const FnFacts *Owner = In;
    if (L.K == LockVal::Local) {
      int32_t I = P.indexOf(L.Class);
      Owner = I >= 0 ? P.Functions[I] : nullptr;
    }
    std::string Name = "parameter " + std::to_string(L.Index + 1);
    if (Owner && L.Index < Owner->ParamNames.size() &&
        !Owner->ParamNames[L.Index].empty())
      Name = Owner->ParamNames[L.Index].str();
    if (L.K == LockVal::Param && !L.Class.empty())
      return L.Class == "*" ? "*" + Name : Name + "->" + L.Class.str();
    return Name;
  }
  default:
    return "(unknown)";
  }
}

std::string lockDisplay(const std::string &Class, unsigned Subclass) {
  if (!Subclass)
    return quoted(Class);
  if (Subclass == RuntimeSubclass)
    return quoted(Class) + " (a run-time subclass)";
  return quoted(Class) + " (subclass " + std::to_string(Subclass) + ")";
}

/// A class key of the lock graph ("node::lock/1").
std::string classKey(const std::string &Class, unsigned Subclass) {
  if (Subclass == RuntimeSubclass)
    return Class + "/*";
  return Subclass ? Class + "/" + std::to_string(Subclass) : Class;
}

std::string keyDisplay(const std::string &Key) {
  size_t Slash = Key.rfind('/');
  if (Slash == std::string::npos)
    return quoted(Key);
  if (Key.substr(Slash + 1) == "*")
    return quoted(Key.substr(0, Slash)) + " (a run-time subclass)";
  return quoted(Key.substr(0, Slash)) + " (subclass " + Key.substr(Slash + 1) + ")";
}

/// A context around an effect, with everything its notes need.
struct Witness {
  const Effect *E = nullptr;
  Ctx C;
  uint32_t ChainLen = 0;  ///< effect chain steps below the context's function
  ChainRef Path;          ///< reversed: calls from the origin's function down
  const FnFacts *Fn = nullptr; ///< the function holding the effect
  std::string Name;       ///< the context's lock, for messages
  llvm::SmallVector<Loc, 2> AltOrigins;

  uint32_t length() const { return C.OriginChain.Size + Path.Size + ChainLen; }
};

/// An item: a context in force at a function's entry.
struct Item {
  Ctx C;
  ChainRef Path; ///< reversed
  uint64_t Aliases = 0; ///< parameters of the function bound to this lock
  /// Fields of parameters holding this lock (vmf->ptl).
  llvm::SmallVector<std::pair<uint32_t, Symbol>, 1> FieldAliases;
  std::string Name;
  llvm::SmallVector<Loc, 2> AltOrigins;
  /// The truth every way in passes for the function's parameters
  /// (unlist_netdevice(dev, false)): sites on paths that need the other
  /// value are not reached with this context.
  llvm::SmallVector<std::pair<uint32_t, bool>, 1> ParamConsts;
  /// The masks every way in passes for the function's mask parameters
  /// (pcpu_alloc(..., GFP_ATOMIC)): calls on paths that need another mask
  /// ("if (!is_atomic)") are not reached with this context. A parameter
  /// not listed may have any mask.
  llvm::SmallVector<std::pair<uint32_t, llvm::SmallVector<uint64_t, 2>>, 1> ParamMasks;
  /// The constants every way in passes for integer fields of what the
  /// function's pointer parameters point to, for the fields it (or a callee
  /// it passes the pointer to) tests: "struct rmap_walk_control rwc = {
  /// .try_lock = true }" passed as &rwc.
  struct FieldConst {
    uint32_t Param;
    Symbol Field;
    int64_t Value;
  };
  llvm::SmallVector<FieldConst, 0> FieldConsts;
  /// The functions every way in passes for function-pointer parameters the
  /// function calls through (kref_put(&x->ref, x_release)): a call of the
  /// parameter reaches only those. A parameter not listed may be any.
  llvm::SmallVector<std::pair<uint32_t, llvm::SmallVector<Symbol, 1>>, 0> ParamFns;
  /// The bytes of locals the functions of Path keep on the stack, from the
  /// one where the context began down to the caller of this function.
  uint64_t FrameSum = 0;
};

/// Where an item is kept: apart by its context and by what the ways in pass
/// for the parameters and parameter fields the function tests.
struct ItemKey {
  CtxKey Key;
  uint64_t Consts = 0;     ///< constsKey()
  std::string Fields;      ///< fieldsKey()
  bool operator<(const ItemKey &O) const {
    if (Key < O.Key)
      return true;
    if (O.Key < Key)
      return false;
    return std::tie(Consts, Fields) < std::tie(O.Consts, O.Fields);
  }
};

/// FieldConsts, sorted, as text: "param.field=value;".
static std::string fieldsKey(llvm::SmallVectorImpl<Item::FieldConst> &Consts) {
  llvm::sort(Consts, [](const Item::FieldConst &A, const Item::FieldConst &B) {
    return A.Param != B.Param ? A.Param < B.Param : A.Field.ref() < B.Field.ref();
  });
  std::string K;
  for (const Item::FieldConst &C : Consts)
    K += std::to_string(C.Param) + "." + C.Field.str() + "=" + std::to_string(C.Value) + ";";
  return K;
}

/// ParamFns, sorted, as text: "|param=fn,fn;": ways in that pass different
/// functions for a parameter called through are kept apart, so that a call
/// of it runs only what each passed (kref_put()'s release).
static std::string fnsKey(
    llvm::SmallVectorImpl<std::pair<uint32_t, llvm::SmallVector<Symbol, 1>>> &Fns) {
  if (Fns.empty())
    return std::string();
  llvm::sort(Fns, [](const auto &A, const auto &B) { return A.first < B.first; });
  std::string K = "|";
  for (auto &[P, List] : Fns) {
    llvm::sort(List, [](Symbol A, Symbol B) { return A.ref() < B.ref(); });
    K += std::to_string(P) + "=";
    for (Symbol S : List)
      K += S.str() + ",";
    K += ";";
  }
  return K;
}

/// Whether a site whose path tests parameter fields as Needs is reachable
/// with an item whose ways in pass Consts.
static bool fieldsConsistent(llvm::ArrayRef<Item::FieldConst> Consts,
                             llvm::ArrayRef<Effect::FieldTruth> Needs) {
  for (const Effect::FieldTruth &N : Needs)
    for (const Item::FieldConst &C : Consts)
      if (C.Param == N.Param && C.Field == N.Field && (C.Value != 0) != N.Value)
        return false;
  return true;
}

/// Whether a call whose path tests the function's mask parameters as
/// Guards is reachable with an item whose ways in pass Masks.
static bool masksConsistent(const Item &It, llvm::ArrayRef<Effect::MaskGuard> Guards) {
  for (const Effect::MaskGuard &G : Guards)
    for (const auto &[P, Values] : It.ParamMasks)
      if (P == G.Param &&
          llvm::none_of(Values, [&](uint64_t V) { return G.holds(V); }))
        return false;
  return true;
}

/// Old's per-parameter values widened by Y's: the union for a parameter
/// both constrain; a parameter either leaves open, or one with more than
/// Max values, is open (any value).
template <typename Vec> static bool mergeParamValues(Vec &Old, const Vec &Y, size_t Max) {
  bool Changed = false;
  for (size_t I = 0; I < Old.size();) {
    auto &[P, Values] = Old[I];
    auto Other = llvm::find_if(Y, [&](const auto &X) { return X.first == P; });
    if (Other != Y.end())
      for (const auto &V : Other->second)
        if (!llvm::is_contained(Values, V)) {
          Values.push_back(V);
          Changed = true;
        }
    if (Other == Y.end() || Values.size() > Max) {
      Old.erase(Old.begin() + I);
      Changed = true;
      continue;
    }
    ++I;
  }
  return Changed;
}

/// More masks than this for one parameter: any mask.
static constexpr unsigned MaxParamMasks = 8;
/// More functions than this for one parameter: any function.
static constexpr unsigned MaxParamFns = 16;

static bool mergeMasks(Item &Old, const Item &Y) {
  return mergeParamValues(Old.ParamMasks, Y.ParamMasks, MaxParamMasks);
}
static bool mergeFns(Item &Old, const Item &Y) {
  return mergeParamValues(Old.ParamFns, Y.ParamFns, MaxParamFns);
}

/// Whether It is a lock of an object of record Rec ("neighbour::lock").
static bool lockOfRecord(const Item &It, Symbol Rec) {
  if (Rec.empty() || It.C.Key.Kind != CtxKind::Lock || !It.C.Key.Lock.concrete())
    return false;
  llvm::StringRef Cls = It.C.Key.Lock.Class.ref();
  size_t Sep = Cls.rfind("::");
  return Sep != llvm::StringRef::npos && Cls.substr(0, Sep) == Rec.ref();
}

/// Whether a site whose path needs Needs is reachable with an item whose
/// ways in pass Consts.
static bool consistent(llvm::ArrayRef<std::pair<uint32_t, bool>> Consts,
                       llvm::ArrayRef<std::pair<uint32_t, bool>> Needs) {
  for (auto [P, V] : Needs)
    for (auto [Q, W] : Consts)
      if (P == Q && V != W)
        return false;
  return true;
}

/// Two bits a parameter below 32: known, and its truth.
static uint64_t constsKey(llvm::ArrayRef<std::pair<uint32_t, bool>> Consts) {
  uint64_t K = 0;
  for (auto [P, V] : Consts)
    if (P < 32)
      K |= (uint64_t(1) << (2 * P)) | (uint64_t(V) << (2 * P + 1));
  return K;
}


class Linker {
public:
  Linker(const Program &P, const LinkOptions &Opts, LinkResult &R)
      : P(P), Opts(Opts), R(R), L(P.layout()) {}
  void run();

private:
  const Program &P;
  const LinkOptions &Opts;
  LinkResult &R;
  const GfpLayout &L;
  StepArena Arena;
  std::vector<std::vector<int32_t>> Order; ///< SCCs, callees first
  /// Contexts at each function's entry, apart by what the ways in pass for
  /// the parameters the function tests (constsKey()).
  std::vector<std::map<ItemKey, Item>> Items;
  /// Bit i: the function's behaviour depends on parameter i's truth (it
  /// branches on it, or passes it on to a callee that does).
  std::vector<uint64_t> TestedParams;
  /// (parameter, field): the function's behaviour depends on that field of
  /// what the parameter points to (it tests it, or passes the pointer on to
  /// a callee that does).
  std::vector<std::set<std::pair<uint32_t, Symbol>>> TestedFields;
  std::vector<std::map<uint32_t, std::set<Symbol>>> Bindings;
  std::vector<bool> Called; ///< some call site reaches the function

  /// Locks reclaim (an OOM notifier, a shrinker) or fs reclaim acquires,
  /// by lockdep's class: the lock's class and subclass (classKey()).
  std::map<std::string, Witness> ReclaimAcquired, FsReclaimAcquired;
  /// The acquisition in M of the class a held lock C is: the same subclass,
  /// or a run-time subclass on either side.
  const Witness *acquiredIn(const std::map<std::string, Witness> &M, const Ctx &C) const;
  /// wait-under-lock: what each callback (work item function, timer
  /// callback, IRQ handler; by name) acquires, by class key; what is held
  /// where complete() is called, by completion and class key; the waits
  /// made with a lock held.
  std::map<std::string, std::map<std::string, Witness>> CallbackAcquired;
  std::map<std::string, std::map<std::string, Witness>> SignalUnder;
  /// completion -> lock class taken on every path to its complete() ->
  /// that complete() (its effect and where the lock was taken).
  struct SignalAfterLock {
    const Effect *E = nullptr;
    TakenLock T;
  };
  std::map<std::string, std::map<std::string, SignalAfterLock>> SignalAfter;
  void noteSignalAfter(const Effect &E);
  std::vector<Witness> WaitUnderLock;
  void resolveWaitUnderLock();
  /// irq-inversion: per function, whether it may run with hard IRQs on
  /// (bit 0) and with soft IRQs on (bit 1: BHs on, hard IRQs on); the
  /// acquisitions in hard- and soft-IRQ context, by class key.
  std::vector<uint8_t> IrqState;
  /// How each function got each bit of IrqState: the caller and its call
  /// (-1: the function is where it began: it may sleep, or a process
  /// context entry).
  struct IrqVia {
    int32_t From = -1;
    Loc At;
  };
  std::vector<std::array<IrqVia, 2>> IrqFrom;
  /// The notes that show how an acquisition in function I is reached with
  /// interrupts (bit 0) or bottom halves (bit 1) enabled.
  void irqOnNotes(std::vector<Step> &Notes, uint32_t I, unsigned Bit) const;
  std::map<std::string, Witness> InHardIrq, InSoftIrq;
  void irqStates();
  void irqInversion();
  std::map<std::pair<std::string, std::string>, Witness> Edges;
  /// The other classes held at every acquisition of each edge (gate locks).
  std::map<std::pair<std::string, std::string>, std::set<std::string>> Gates;
  /// The concrete classes held around the effect being checked.
  std::set<std::string> HeldHere;
  std::vector<Witness> AllocUnderLock;
  std::map<std::string, Finding> Found;
  std::map<std::string, std::set<Loc>> Alternatives;
  std::map<std::string, std::string> Held; ///< report key -> "mutex 'x'"
  std::map<std::string, Loc> PrimaryOrigin; ///< report key -> its origin
  bool Uncheckable = false;

  void summaries();
  void contexts();
  void rules();
  void check(const FnFacts &F, uint32_t Index, const Effect &E,
             llvm::ArrayRef<CtxKey> Released, bool OnlySeeded);
  void visit(const Witness &W);
  void resolveReclaimUnderLock();
  void resolveCycles();
  void stackInReclaim();
  void exportGraph();

  // --- notes ---
  void originNotes(std::vector<Step> &Notes, const Witness &W) const;
  void chainNotes(std::vector<Step> &Notes, const Witness &W) const;
  void maskNote(std::vector<Step> &Notes, const Effect &E, const MaskTerm *V,
                uint64_t Effective, const EffMask &M) const;
  std::string stepText(const StepNode &N) const {
    return "'" + N.A.str() + "' calls '" + N.B.str() + "' here";
  }
  PathQuery queryFor(const Witness &W, uint64_t NeedBits) const;
  void report(Rule Ru, const Witness &W, std::string Message, std::vector<Step> Notes,
              std::string Fix, std::string Identity, uint64_t NeedBits = 0);

  // --- masks ---
  const MaskTerm *sleepValue(const Effect &E, const EffMask &M, uint64_t &Eff) const {
    if (E.Kind != EffectKind::Alloc)
      return nullptr;
    for (const MaskTerm &T : M.V.Terms) {
      if (T.K != MaskTerm::Const)
        continue;
      uint64_t X = T.Bits & ~M.V.Clear;
      if (L.reclaimCapable(X)) {
        Eff = X;
        return &T;
      }
    }
    return nullptr;
  }
  const MaskTerm *reclaimValue(const Effect &E, const EffMask &M, bool FsOnly,
                               uint64_t &Eff) const {
    if (E.Kind != EffectKind::Alloc || M.NoReclaim)
      return nullptr;
    for (const MaskTerm &T : M.V.Terms) {
      if (T.K != MaskTerm::Const)
        continue;
      uint64_t X = T.Bits & ~M.V.Clear;
      if (FsOnly ? L.entersFsReclaim(X) : L.reclaimCapable(X)) {
        Eff = X;
        return &T;
      }
    }
    return nullptr;
  }
  std::string leafText(const Witness &W, uint64_t Mask) const;
  std::string reclaimPhrase(uint64_t Mask) const;
  std::string atomicPhrase(const Witness &W) const;
  void reportBlocking(Rule Ru, const Witness &W, const std::string &Why);
  /// The effect's mask with the scopes at its function's entry applied.
  EffMask maskAt(const Witness &W) const;
  std::vector<const Item *> ScopeItems; ///< for the anchor being checked
  bool FaultsOff = false;               ///< page faults disabled there
  bool InInterrupt = false; ///< in_interrupt() there: an IRQ entry, BHs off
};

// -----------------------------------------------------------------------------
// 1. Summaries, bottom-up
// -----------------------------------------------------------------------------

void Linker::summaries() {
  size_t N = P.Functions.size();
  R.Results.assign(N, FnResult());
  CallGraph G;
  G.Nodes.resize(N);
  llvm::SmallVector<Target, 4> Ts;
  for (size_t I = 0; I < N; ++I) {
    CGNode &Node = G.Nodes[I];
    Node.Index = int32_t(I);
    G.Root.Callees.push_back(&Node);
    const FnFacts &F = *P.Functions[I];
    llvm::SmallSetVector<int32_t, 8> Seen;
    for (const CallFacts &C : F.Calls) {
      Ts.clear();
      P.targets(F, C, Ts);
      for (const Target &T : Ts)
        if (T.Fn && !T.Row && Seen.insert(T.Index))
          Node.Callees.push_back(&G.Nodes[T.Index]);
    }
  }
  for (auto SCC = llvm::scc_begin(&G); !SCC.isAtEnd(); ++SCC) {
    const std::vector<CGNode *> &Members = *SCC;
    if (Members.size() == 1 && Members[0] == &G.Root)
      continue;
    std::vector<int32_t> Comp;
    for (CGNode *M : Members)
      Comp.push_back(M->Index);
    llvm::sort(Comp);
    Order.push_back(Comp);
    bool Recursive = SCC.hasCycle();
    if (!Recursive) {
      analyseFunction(P, Arena, R.Results, Comp[0], Opts.Limits);
      continue;
    }
    bool Stable = false;
    for (unsigned Iter = 0; Iter < Opts.MaxSccIterations && !Stable; ++Iter) {
      Stable = true;
      for (int32_t I : Comp) {
        std::string Before = R.Results[I].Analysed ? resultSignature(R.Results[I]) : "";
        analyseFunction(P, Arena, R.Results, I, Opts.Limits);
        if (resultSignature(R.Results[I]) != Before)
          Stable = false;
      }
    }
    if (!Stable) {
      ++R.Stats.FixpointLimitHit;
      if (std::getenv("GFPDEP_DEBUG_SCC")) {
        llvm::errs() << "unstable component of " << Comp.size() << ":";
        for (int32_t I : Comp) {
          std::string Before = resultSignature(R.Results[I]);
          analyseFunction(P, Arena, R.Results, I, Opts.Limits);
          if (resultSignature(R.Results[I]) != Before) {
            llvm::errs() << " " << P.Functions[I]->Name << "(" << Before.size() << "->"
                         << resultSignature(R.Results[I]).size() << ")";
            if (std::getenv("GFPDEP_DEBUG_SCC")[0] == '2')
              llvm::errs() << "\n  before: " << Before << "\n  after:  "
                           << resultSignature(R.Results[I]) << "\n";
          }
        }
        llvm::errs() << "\n";
      }
    }
  }
  for (const FnResult &FR : R.Results) {
    R.Stats.Anchors += FR.Anchors.size();
    R.Stats.OpenEffects += FR.Open.size();
    R.Stats.Sites += FR.Sites.size();
    R.Stats.FunctionsCutShort += FR.CutShort;
  }
  R.Stats.Functions = N;
}

// -----------------------------------------------------------------------------
// 2. Contexts at function entries, top-down
// -----------------------------------------------------------------------------

static bool releasedBy(llvm::ArrayRef<CtxKey> Released, const Item &It) {
  for (const CtxKey &K : Released) {
    if (K.Kind == CtxKind::Lock && It.C.Key.Kind == CtxKind::Lock) {
      if (K.Lock.K == LockVal::Param && K.Lock.Class.empty() &&
          K.Lock.Index < 64 && (It.Aliases >> K.Lock.Index) & 1)
        return true;
      if (K.Lock.K == LockVal::Param && !K.Lock.Class.empty() &&
          llvm::is_contained(It.FieldAliases, std::make_pair(K.Lock.Index, K.Lock.Class)))
        return true;
      if (K.Lock == It.C.Key.Lock)
        return true;
      continue;
    }
    if (K.Kind == It.C.Key.Kind && K.Fl == It.C.Key.Fl && K.Kind != CtxKind::Lock)
      return true;
  }
  return false;
}

void Linker::contexts() {
  size_t N = P.Functions.size();
  TestedParams.assign(N, 0);
  for (size_t I = 0; I < N; ++I)
    for (const BlockFacts &B : P.Functions[I]->Blocks)
      if (B.Cond.K == CondFacts::Local && B.Cond.ParamTruth && B.Cond.Index < 32)
        TestedParams[I] |= uint64_t(1) << B.Cond.Index;
  // Passed on to a callee that tests it: callees first.
  for (const std::vector<int32_t> &Comp : Order)
    for (unsigned Iter = 0; Iter < 2; ++Iter)
      for (int32_t FI : Comp)
        for (const Site &S : R.Results[FI].Sites)
          for (const Site::ArgTruth &AT : S.ArgTruths)
            if (AT.FromParam < 32 && AT.Arg < 32)
              for (int32_t T : S.Targets)
                if ((TestedParams[T] >> AT.Arg) & 1)
                  TestedParams[FI] |= uint64_t(1) << AT.FromParam;
  TestedFields.assign(N, {});
  for (size_t I = 0; I < N; ++I)
    for (const BlockFacts &B : P.Functions[I]->Blocks)
      if (B.Cond.FieldParam >= 0)
        TestedFields[I].insert({uint32_t(B.Cond.FieldParam), B.Cond.Field});
  for (const std::vector<int32_t> &Comp : Order)
    for (unsigned Iter = 0; Iter < 2; ++Iter)
      for (int32_t FI : Comp)
        for (const Site &S : R.Results[FI].Sites)
          for (const Site::ArgField &AF : S.ArgFields)
            if (AF.FromParam != NoIndex)
              for (int32_t T : S.Targets)
                for (const auto &[A, Fld] : TestedFields[T])
                  if (A == AF.Arg &&
                      !llvm::is_contained(P.Functions[FI]->ParamFieldWrites,
                                          std::make_pair(AF.FromParam, Fld)))
                    TestedFields[FI].insert({AF.FromParam, Fld});
  Items.assign(N, {});
  Bindings.assign(N, {});
  Called.assign(N, false);
  for (const FnResult &FR : R.Results)
    for (const Site &S : FR.Sites)
      for (int32_t T : S.Targets)
        Called[T] = true;
  // Seeds: entry points.
  for (const EntrySeed &S : P.Entries) {
    int32_t I = P.indexOf(S.Fn);
    if (I < 0)
      continue;
    Item It;
    It.C.Key.Kind = S.Kind;
    It.C.Key.Fl = S.Fl;
    It.C.Key.Entry = S.Name;
    It.C.Begun = It.C.Origin = S.Origin;
    It.C.Via = S.Via;
    auto [Pos, Inserted] = Items[I].try_emplace(ItemKey{It.C.Key}, It);
    if (!Inserted && It.C.Origin < Pos->second.C.Origin)
      Pos->second = It;
    if (S.Fl == Flavor::Shrinker && S.Kind == CtxKind::Entry) {
      // Shrinkers run with PF_MEMALLOC: their allocations do not recurse.
      Item Sc;
      Sc.C.Key.Kind = CtxKind::Scope;
      Sc.C.Key.Fl = Flavor::NoReclaim;
      Sc.C.Begun = Sc.C.Origin = S.Origin;
      Sc.C.Via = "shrinker callback (PF_MEMALLOC)";
      Sc.C.Implicit = true;
      Items[I].try_emplace(ItemKey{Sc.C.Key}, Sc);
    }
  }
  // Callers first: the reverse of the bottom-up order.
  for (auto Comp = Order.rbegin(); Comp != Order.rend(); ++Comp) {
    bool Changed = true;
    for (unsigned Iter = 0; Changed && Iter < Opts.MaxSccIterations; ++Iter) {
      Changed = false;
      for (int32_t FI : *Comp) {
        const FnFacts &F = *P.Functions[FI];
        const FnResult &FR = R.Results[FI];
        for (const Site &S : FR.Sites) {
          const CallFacts &C = F.Calls[S.Call];
          // What the caller has in force at this call.
          llvm::SmallVector<Item, 4> In;
          for (const auto &[K, It] : Items[FI])
            if (!releasedBy(S.Released, It) && consistent(It.ParamConsts, S.ParamTruths) &&
                masksConsistent(It, S.MaskGuards) && !lockOfRecord(It, S.ReleaseOf) &&
                fieldsConsistent(It.FieldConsts, S.FieldTruths))
              In.push_back(It);
          if (S.Held != NoIndex)
            for (const Ctx &Cx : FR.HeldSets[S.Held]) {
              Item It;
              It.C = Cx;
              // Held on every path to this call, or only on some.
              It.C.Must = Cx.Must && !Cx.GuardKey;
              It.C.GuardKey = 0;
              if (Cx.Key.Kind == CtxKind::Lock && Cx.Key.Lock.K == LockVal::Param) {
                uint32_t PI = Cx.Key.Lock.Index;
                auto B = Cx.Key.Lock.Class.empty() ? Bindings[FI].find(PI)
                                                   : Bindings[FI].end();
                if (B != Bindings[FI].end() && !B->second.empty()) {
                  for (Symbol Cls : B->second) {
                    Item Bound = It;
                    Bound.C.Key.Lock = LockVal::ofClass(Cls);
                    Bound.Name = Cls.str();
                    Bound.Aliases = PI < 64 ? uint64_t(1) << PI : 0;
                    In.push_back(Bound);
                  }
                  continue;
                }
                // A parameter nobody binds: named after the parameter.
                It.Name = lockName(P, Cx.Key.Lock, &F);
                It.C.Key.Lock.K = LockVal::Local;
                It.C.Key.Lock.Class =
                    Cx.Key.Lock.Class.empty()
                        ? F.Id
                        : Symbol(F.Id.str() + "::" + Cx.Key.Lock.Class.str());
                It.Aliases = PI < 64 ? uint64_t(1) << PI : 0;
              } else if (Cx.Key.Kind == CtxKind::Lock) {
                It.Name = lockName(P, Cx.Key.Lock, &F);
              }
              In.push_back(It);
            }
          for (int32_t TI : S.Targets) {
            const FnFacts &T = *P.Functions[TI];
            // Lock parameters of the callee bound here.
            for (unsigned J = 0; J < S.ArgLocks.size(); ++J) {
              const LockVal &A = S.ArgLocks[J];
              std::set<Symbol> &Dst = Bindings[TI][J];
              size_t Before = Dst.size();
              if (A.K == LockVal::Named)
                Dst.insert(A.Class);
              else if (A.K == LockVal::Param && A.Class.empty()) {
                auto B = Bindings[FI].find(A.Index);
                if (B != Bindings[FI].end())
                  Dst.insert(B->second.begin(), B->second.end());
              }
              Changed |= Dst.size() != Before;
            }
            for (const Item &X : In) {
              // A call through a function-pointer parameter runs what this
              // context's ways in passed for it.
              if (C.Kind == CalleeKind::Param) {
                auto PF = llvm::find_if(X.ParamFns, [&](const auto &PM) {
                  return PM.first == C.ParamIndex;
                });
                if (PF != X.ParamFns.end() && !llvm::is_contained(PF->second, T.Id))
                  continue;
              }
              Item Y = X;
              Y.Path = Arena.prepend(X.Path, C.At, F.Name, T.Name);
              Y.ParamFns.clear();
              for (const Site::ArgFn &AF : S.ArgFns) {
                if (AF.FromParam == NoIndex) {
                  Y.ParamFns.push_back({AF.Arg, AF.Fns});
                  continue;
                }
                auto From = llvm::find_if(X.ParamFns, [&](const auto &PM) {
                  return PM.first == AF.FromParam;
                });
                if (From != X.ParamFns.end())
                  Y.ParamFns.push_back({AF.Arg, From->second});
              }
              Y.FrameSum = X.FrameSum + F.FrameBytes;
              Y.Aliases = 0;
              Y.FieldAliases.clear();
              Y.ParamConsts.clear();
              for (const Site::ArgTruth &AT : S.ArgTruths) {
                if (AT.Value >= 0)
                  Y.ParamConsts.push_back({AT.Arg, AT.Value != 0});
                else
                  for (auto [Q, W] : X.ParamConsts)
                    if (Q == AT.FromParam)
                      Y.ParamConsts.push_back({AT.Arg, W});
              }
              llvm::erase_if(Y.ParamConsts, [&](const auto &PC) {
                return PC.first >= 32 || !((TestedParams[TI] >> PC.first) & 1);
              });
              Y.FieldConsts.clear();
              for (const Site::ArgField &AF : S.ArgFields) {
                if (AF.FromParam == NoIndex) {
                  Y.FieldConsts.push_back({AF.Arg, AF.Field, AF.Value});
                  continue;
                }
                for (const Item::FieldConst &FC : X.FieldConsts)
                  if (FC.Param == AF.FromParam &&
                      !llvm::is_contained(F.ParamFieldWrites, std::make_pair(FC.Param, FC.Field)))
                    Y.FieldConsts.push_back({AF.Arg, FC.Field, FC.Value});
              }
              llvm::erase_if(Y.FieldConsts, [&](const Item::FieldConst &FC) {
                return !TestedFields[TI].count({FC.Param, FC.Field});
              });
              Y.ParamMasks.clear();
              for (const Site::ArgMask &AM : S.ArgMasks) {
                if (AM.FromParam == NoIndex) {
                  Y.ParamMasks.push_back({AM.Arg, AM.Consts});
                  continue;
                }
                auto From = llvm::find_if(X.ParamMasks, [&](const auto &PM) {
                  return PM.first == AM.FromParam;
                });
                if (From == X.ParamMasks.end())
                  continue;
                llvm::SmallVector<uint64_t, 2> Values;
                for (uint64_t V : From->second) {
                  uint64_t W = (V | AM.Or) & ~AM.Clear;
                  if (!llvm::is_contained(Values, W))
                    Values.push_back(W);
                }
                Y.ParamMasks.push_back({AM.Arg, std::move(Values)});
              }
              if (Y.C.Key.Kind == CtxKind::Lock) {
                for (unsigned J = 0; J < S.ArgLocks.size() && J < 64; ++J) {
                  const LockVal &A = S.ArgLocks[J];
                  if ((A.K == LockVal::Named && A == Y.C.Key.Lock) ||
                      (A.K == LockVal::Param && A.Class.empty() && A.Index < 64 &&
                       ((X.Aliases >> A.Index) & 1)))
                    Y.Aliases |= uint64_t(1) << J;
                }
                for (const Site::FieldLock &FL : S.FieldLocks) {
                  const LockVal &A = FL.Lock;
                  bool Same = A == Y.C.Key.Lock ||
                              (A.K == LockVal::Param && A.Class.empty() && A.Index < 64 &&
                               ((X.Aliases >> A.Index) & 1)) ||
                              (A.K == LockVal::Param && !A.Class.empty() &&
                               llvm::is_contained(X.FieldAliases,
                                                  std::make_pair(A.Index, A.Class)));
                  if (Same)
                    Y.FieldAliases.push_back({FL.Arg, FL.Field});
                }
              }
              auto [Pos, Inserted] =
                  Items[TI].try_emplace(
                      ItemKey{Y.C.Key, constsKey(Y.ParamConsts),
                              fieldsKey(Y.FieldConsts) + fnsKey(Y.ParamFns)},
                      Y);
              if (Inserted) {
                Changed = true;
                continue;
              }
              Item &Old = Pos->second;
              Changed |= mergeMasks(Old, Y);
              Changed |= mergeFns(Old, Y);
              if ((Old.Aliases | Y.Aliases) != Old.Aliases) {
                Old.Aliases |= Y.Aliases;
                Changed = true;
              }
              for (const auto &FA : Y.FieldAliases)
                if (!llvm::is_contained(Old.FieldAliases, FA)) {
                  Old.FieldAliases.push_back(FA);
                  Changed = true;
                }
              if (Old.C.Must && !Y.C.Must) {
                Old.C.Must = false; // held on some ways in only
                Changed = true;
              }
              bool Better = Y.Path.Size + Y.C.OriginChain.Size <
                                Old.Path.Size + Old.C.OriginChain.Size ||
                            (Y.Path.Size + Y.C.OriginChain.Size ==
                                 Old.Path.Size + Old.C.OriginChain.Size &&
                             Y.C.Origin < Old.C.Origin);
              if (Better) {
                if (Old.C.Origin != Y.C.Origin &&
                    !llvm::is_contained(Y.AltOrigins, Old.C.Origin))
                  Y.AltOrigins.push_back(Old.C.Origin);
                for (const Loc &A : Old.AltOrigins)
                  if (A != Y.C.Origin && !llvm::is_contained(Y.AltOrigins, A) &&
                      Y.AltOrigins.size() < 8)
                    Y.AltOrigins.push_back(A);
                Y.Aliases = Old.Aliases;
                Y.ParamMasks = Old.ParamMasks;
                Y.ParamFns = Old.ParamFns;
                Y.C.Must = Y.C.Must && Old.C.Must;
                for (const auto &FA : Old.FieldAliases)
                  if (!llvm::is_contained(Y.FieldAliases, FA))
                    Y.FieldAliases.push_back(FA);
                Old = Y;
                Changed = true;
              } else {
                // Not a better witness: its origins are other places the
                // context begins above this function.
                llvm::SmallVector<Loc, 3> Add{Y.C.Origin};
                Add.append(Y.AltOrigins.begin(), Y.AltOrigins.end());
                for (const Loc &A : Add)
                  if (A != Old.C.Origin && !llvm::is_contained(Old.AltOrigins, A) &&
                      Old.AltOrigins.size() < 8) {
                    Old.AltOrigins.push_back(A);
                    Changed = true;
                  }
              }
            }
          }
        }
      }
    }
  }
  for (const auto &M : Items)
    R.Stats.EntryContexts += M.size();
}

// -----------------------------------------------------------------------------
// 3. Rules
// -----------------------------------------------------------------------------

} // namespace

std::string gfpdep::originText(const Ctx &C, llvm::StringRef LockName) {
  switch (C.Key.Kind) {
  case CtxKind::Lock:
    if (C.Via == "lockdep_assert_held")
      return quoted(LockName) + " is held here (lockdep_assert_held)";
    return flavorNoun(C.LockFl).str() + " " +
           lockDisplay(LockName.str(), C.Key.Subclass) + " acquired here";
  case CtxKind::Section:
    switch (C.Key.Fl) {
    case Flavor::IrqOff: return "interrupts disabled here";
    case Flavor::PreemptOff: return "preemption disabled here";
    case Flavor::RcuRead: return "RCU read-side critical section begins here";
    case Flavor::BhOff: return "bottom halves disabled here";
    case Flavor::NonBlock: return "non-blocking region begins here";
    default: return "section begins here";
    }
  case CtxKind::Scope:
    return flavorNoun(C.Key.Fl).str() + " begins here";
  case CtxKind::FsReclaim:
    return "fs_reclaim acquired here";
  case CtxKind::NeverSleeps:
    return quoted(C.Key.Entry) + " is declared never to sleep here";
  case CtxKind::Entry:
    if (C.Via.ref().starts_with("gfpdep::"))
      return quoted(C.Key.Entry) + " is annotated " + C.Via.str() + " here";
    switch (C.Key.Fl) {
    case Flavor::OomNotifier:
      return quoted(C.Key.Entry) + " registered as an OOM notifier here";
    case Flavor::Shrinker:
      return quoted(C.Key.Entry) + " registered as a shrinker callback here";
    case Flavor::HardIrq:
      return quoted(C.Key.Entry) + " registered as a hard-IRQ handler here";
    case Flavor::Timer:
      return quoted(C.Key.Entry) + " set up as a timer callback here";
    case Flavor::Tasklet:
      return quoted(C.Key.Entry) + " set up as a tasklet here";
    case Flavor::RcuCallback:
      return quoted(C.Key.Entry) + " queued as an RCU callback here";
    case Flavor::NapiPoll:
      return quoted(C.Key.Entry) + " registered as a NAPI poll function here";
    case Flavor::WorkItem:
      return quoted(C.Key.Entry) + " set up as the work item's function here";
    case Flavor::IrqThread:
      return quoted(C.Key.Entry) + " registered as a threaded IRQ's thread function here";
    case Flavor::Kthread:
      return quoted(C.Key.Entry) + " started as a kernel thread here";
    default:
      return quoted(C.Key.Entry) + " registered here";
    }
  }
  return "context begins here";
}

namespace {

void Linker::originNotes(std::vector<Step> &Notes, const Witness &W) const {
  // The calls from where the context began down to the real acquisition.
  llvm::SmallVector<const StepNode *, 4> Steps;
  Arena.steps(W.C.OriginChain, Steps);
  for (const StepNode *S : Steps)
    Notes.push_back({S->Where, stepText(*S)});
  Notes.push_back({W.C.Origin, originText(W.C, W.Name)});
}

void Linker::chainNotes(std::vector<Step> &Notes, const Witness &W) const {
  originNotes(Notes, W);
  // From the function where the context began down to the effect's owner.
  llvm::SmallVector<const StepNode *, 8> Path;
  Arena.steps(W.Path, Path);
  for (auto It = Path.rbegin(); It != Path.rend(); ++It)
    Notes.push_back({(*It)->Where, stepText(**It)});
  // And down to the leaf.
  ChainRef Below = Arena.drop(W.E->Chain, W.E->Chain.Size - std::min(W.ChainLen, W.E->Chain.Size));
  llvm::SmallVector<const StepNode *, 8> Steps;
  Arena.steps(Below, Steps);
  for (const StepNode *S : Steps)
    Notes.push_back({S->Where, stepText(*S)});
}

void Linker::maskNote(std::vector<Step> &Notes, const Effect &E, const MaskTerm *V,
                      uint64_t Effective, const EffMask &M) const {
  if (!V)
    return;
  if (!V->AtLeaf && V->Where.valid())
    Notes.push_back({V->Where, L.describe(V->Bits) + " passed here"});
  if (Effective != V->Bits && M.ScopeAt.valid())
    Notes.push_back({M.ScopeAt, M.ScopeVia.str() + " scope begins here: the mask becomes " +
                                    L.describe(Effective)});
}

PathQuery Linker::queryFor(const Witness &W, uint64_t NeedBits) const {
  PathQuery Q;
  const Ctx &C = W.C;
  Q.WholeFunction = C.Key.Kind == CtxKind::Entry || C.Key.Kind == CtxKind::NeverSleeps ||
                    C.Implicit;
  Q.NeedBits = W.E->Kind == EffectKind::Alloc ? NeedBits : 0;
  PathQuery::Site S;
  if (W.Path.Size) {
    // The context began in a caller: its call down.
    llvm::SmallVector<const StepNode *, 8> Path;
    Arena.steps(W.Path, Path);
    S.At = Path.back()->Where;
    S.MaskArg = -1;
    Q.Checkable = !Q.WholeFunction;
  } else if (W.ChainLen == 0 || W.ChainLen > W.E->Chain.Size) {
    S.At = W.E->Leaf;
    S.MaskArg = W.E->Kind == EffectKind::Alloc ? W.E->LeafMaskArg : -1;
    Q.Checkable = W.ChainLen == 0;
  } else {
    ChainRef From = Arena.drop(W.E->Chain, W.E->Chain.Size - W.ChainLen);
    const StepNode &N = Arena.node(From.Head);
    S.At = N.Where;
    S.MaskArg = N.MaskArg;
    Q.Checkable = !N.Merged;
  }
  if (!Q.NeedBits)
    S.MaskArg = -1;
  Q.Checkable &= S.At.valid() && C.Begun.valid();
  if (Q.Checkable)
    Q.Sites.push_back(S);
  return Q;
}

void Linker::report(Rule Ru, const Witness &W, std::string Message,
                    std::vector<Step> Notes, std::string Fix, std::string Identity,
                    uint64_t NeedBits) {
  if (!Opts.Rules.enabled(Ru))
    return;
  if (P.suppressed(W.E->Leaf, ruleId(Ru)))
    return;
  std::string K = ruleId(Ru).str() + "|" + W.E->Leaf.File.str() + ":" +
                  std::to_string(W.E->Leaf.Line) + ":" + std::to_string(W.E->Leaf.Col) +
                  "|" + Identity;
  // Other places the context begins above this leaf.
  std::set<Loc> &Alts = Alternatives[K];
  if (W.C.Key.Kind == CtxKind::Lock)
    Held[K] = flavorNoun(W.C.LockFl).str() + " " + quoted(W.Name);
  for (const Loc &A : W.AltOrigins)
    Alts.insert(A);
  if (!Fix.empty())
    Notes.push_back({W.E->Leaf, std::move(Fix)});
  // Where the context began in the function that holds it: the call of a
  // helper that took the lock, or the acquisition.
  Loc Origin = W.C.Begun.valid() ? W.C.Begun : W.C.Origin;
  Finding F{Ru, W.E->Leaf, std::move(Message), std::move(Notes), Origin,
            queryFor(W, NeedBits)};
  // The structure: the context, the leaf operation, the functions of the chain.
  F.Identity = Identity + "|" + W.E->What.str();
  llvm::SmallVector<const StepNode *, 8> Steps;
  Arena.steps(W.E->Chain, Steps);
  for (const StepNode *S : Steps)
    F.Identity += ">" + S->B.str();
  if (Uncheckable)
    F.Query = PathQuery();
  auto It = Found.find(K);
  if (It == Found.end()) {
    PrimaryOrigin[K] = W.C.Origin;
    Found[K] = std::move(F);
    return;
  }
  // One report per (rule, leaf, class): the better witness is the report,
  // the other's origin one of its notes.
  PathQuery Q = It->second.Query;
  Q.merge(F.Query);
  if (It->second.Notes.size() < F.Notes.size() ||
      (It->second.Notes.size() == F.Notes.size() && !(F.Origin < It->second.Origin))) {
    Alts.insert(W.C.Origin);
    It->second.Query = std::move(Q);
    return;
  }
  F.Query = std::move(Q);
  Alts.insert(PrimaryOrigin[K]);
  PrimaryOrigin[K] = W.C.Origin;
  It->second = std::move(F);
}

std::string Linker::leafText(const Witness &W, uint64_t Mask) const {
  const Effect &E = *W.E;
  switch (E.Kind) {
  case EffectKind::Alloc:
    return quoted(E.What) + " with " + L.describe(Mask);
  case EffectKind::Block:
    return quoted(E.What);
  case EffectKind::Acquire:
    return "acquiring " + flavorNoun(E.Fl).str() + " " +
           quoted(lockName(P, E.Lock, W.Fn));
  case EffectKind::Requires:
    return "calling " + quoted(E.What);
  case EffectKind::Wait:
  case EffectKind::Signal:
    return quoted(E.What);
  }
  return quoted(E.What);
}

std::string Linker::reclaimPhrase(uint64_t Mask) const {
  if (!L.mayInvokeOom(Mask))
    return "may enter direct reclaim (it does not invoke the OOM killer itself: " +
           L.oomOptOut(Mask).str() + ")";
  if (!(Mask & L.FS))
    return "may enter direct reclaim and the OOM path (without __GFP_FS it runs the "
           "OOM notifiers but kills no task)";
  return "may enter direct reclaim and invoke the OOM killer";
}

std::string Linker::atomicPhrase(const Witness &W) const {
  const Ctx &C = W.C;
  if (C.Key.Kind == CtxKind::Lock)
    return flavorNoun(C.LockFl).str() + " " + quoted(W.Name) + " is held";
  if (C.Key.Kind == CtxKind::Section)
    switch (C.Key.Fl) {
    case Flavor::IrqOff: return "interrupts are disabled";
    case Flavor::PreemptOff: return "preemption is disabled";
    case Flavor::RcuRead: return "inside an RCU read-side critical section";
    case Flavor::BhOff: return "bottom halves are disabled";
    default: break;
    }
  if (C.Key.Kind == CtxKind::Entry)
    switch (C.Key.Fl) {
    case Flavor::HardIrq: return quoted(C.Key.Entry) + " is a hard-IRQ handler";
    case Flavor::Timer: return quoted(C.Key.Entry) + " is a timer callback";
    case Flavor::Tasklet: return quoted(C.Key.Entry) + " is a tasklet";
    case Flavor::RcuCallback:
      return quoted(C.Key.Entry) + " is an RCU callback (soft-IRQ context)";
    case Flavor::NapiPoll:
      return quoted(C.Key.Entry) + " is a NAPI poll function (soft-IRQ context)";
    default: return quoted(C.Key.Entry) + " runs in atomic context";
    }
  return "the context is atomic";
}

/// "lock:record::field/1", "section:3", "entry:fn": what a report is about.
static std::string contextIdentity(const Witness &W) {
  const CtxKey &K = W.C.Key;
  switch (K.Kind) {
  case CtxKind::Lock:
    return "lock:" + classKey(W.Name, K.Subclass);
  case CtxKind::Entry:
  case CtxKind::NeverSleeps:
    return "entry:" + std::to_string(unsigned(K.Fl)) + ":" + K.Entry.str();
  default:
    return "ctx:" + std::to_string(unsigned(K.Kind)) + ":" + std::to_string(unsigned(K.Fl));
  }
}

EffMask Linker::maskAt(const Witness &W) const {
  EffMask M = W.E->M;
  if (W.E->Kind != EffectKind::Alloc)
    return M;
  const Item *Outer = nullptr;
  for (const Item *S : ScopeItems) {
    if (S->C.Key.Fl == Flavor::NoReclaim)
      M.NoReclaim = true;
    else if (S->C.Key.Fl == Flavor::NoIO)
      M.V.Clear |= L.IO | L.FS;
    else if (S->C.Key.Fl == Flavor::NoFS)
      M.V.Clear |= L.FS;
    if (!S->C.Implicit && (!Outer || S->Path.Size > Outer->Path.Size))
      Outer = S;
  }
  if (Outer) {
    M.ScopeAt = Outer->C.Begun;
    M.ScopeVia = Outer->C.Via;
  }
  return M;
}

void Linker::reportBlocking(Rule Ru, const Witness &W, const std::string &Why) {
  const Effect &E = *W.E;
  EffMask M = maskAt(W);
  uint64_t Mask = 0;
  const MaskTerm *V = sleepValue(E, M, Mask);
  // A user copy with page faults disabled fails instead of sleeping.
  // vfree() in interrupt context defers the free instead of sleeping.
  bool Blocking = (E.Kind == EffectKind::Block && !(E.FaultOnly && FaultsOff) &&
                   !(E.ProcessOnly && InInterrupt)) ||
                  (E.Kind == EffectKind::Acquire && isSleepingLock(E.Fl));
  if (!Blocking && !V)
    return;
  std::vector<Step> Notes;
  chainNotes(Notes, W);
  maskNote(Notes, E, V, Mask, M);
  std::string Fix;
  if (Ru == Rule::BlockInNonblock) {
    Fix = E.Kind == EffectKind::Acquire
              ? "use the trylock variant and return -EAGAIN when it fails"
          : V ? "use GFP_NOWAIT here, or move the allocation out of the non-blocking region"
              : "move the call out of the non-blocking region";
  } else if (Ru == Rule::Contract) {
    Fix = "remove the sleeping call from this path, or drop the promise";
  } else {
    Fix = V ? "use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the atomic "
              "section begins"
          : E.Kind == EffectKind::Acquire
              ? "take the sleeping lock before the atomic section begins"
              : "move the call out of the atomic section";
  }
  report(Ru, W, leafText(W, Mask) + " may sleep" + Why, std::move(Notes), std::move(Fix),
         contextIdentity(W), V ? L.DirectReclaim : 0);
}

void Linker::visit(const Witness &W) {
  const Effect &E = *W.E;
  const Ctx &C = W.C;
  if (C.ByLock)
    return; // the IRQs or BHs a lock's own form disabled: reported as the lock
  bool ConcreteAcquire = E.Kind == EffectKind::Acquire && E.Lock.concrete();
  bool CtxConcreteLock = C.Key.Kind == CtxKind::Lock && C.Key.Lock.concrete();
  auto Keep = [](std::map<std::string, Witness> &M, const std::string &K, const Witness &W) {
    auto It = M.find(K);
    if (It == M.end() || W.length() < It->second.length() ||
        (W.length() == It->second.length() && W.E->Leaf < It->second.E->Leaf))
      M[K] = W;
  };
  if (E.Kind == EffectKind::Wait || E.Kind == EffectKind::Signal) {
    if (CtxConcreteLock && E.Lock.concrete()) {
      if (E.Kind == EffectKind::Wait)
        WaitUnderLock.push_back(W);
      else
        Keep(SignalUnder[E.Lock.Class.str()],
             classKey(C.Key.Lock.Class.str(), C.Key.Subclass), W);
    }
    return;
  }
  // block-under-lock (user space, opt-in): a blocking call with a lock
  // held, whatever the lock: the other threads that need it wait as long
  // (the Clang Static Analyzer's unix.BlockInCriticalSection, with the
  // chain).
  if (E.Kind == EffectKind::Block && C.Key.Kind == CtxKind::Lock &&
      Opts.Rules.enabled(Rule::BlockUnderLock) && !(E.FaultOnly && FaultsOff)) {
    std::vector<Step> Notes;
    chainNotes(Notes, W);
    std::string Held = flavorNoun(C.LockFl).str() + " " + quoted(W.Name);
    report(Rule::BlockUnderLock, W,
           quoted(E.What) + " blocks while " + Held +
               " is held: every thread waiting for " + quoted(W.Name) + " waits as long",
           std::move(Notes), "release " + quoted(W.Name) + " before the blocking call",
           contextIdentity(W));
  }
  // wait-context (PREEMPT_RT): spinlock_t and rwlock_t sleep there; taking
  // one under a raw spinlock, or with IRQs or preemption disabled by hand
  // (not by a lock's own _irqsave form, C.ByLock, skipped above), is
  // lockdep's "BUG: Invalid wait context".
  if (E.Kind == EffectKind::Acquire && (E.Fl == Flavor::Spin || E.Fl == Flavor::RwLock) &&
      Opts.Rules.enabled(Rule::WaitContext)) {
    bool Raw = C.Key.Kind == CtxKind::Lock && C.LockFl == Flavor::RawSpin;
    bool ByHand = C.Key.Kind == CtxKind::Section &&
                  (C.Key.Fl == Flavor::IrqOff || C.Key.Fl == Flavor::PreemptOff);
    if (Raw || ByHand) {
      std::vector<Step> Notes;
      chainNotes(Notes, W);
      std::string Taken = quoted(lockName(P, E.Lock, W.Fn));
      std::string Why =
          Raw ? "raw spinlock " + quoted(W.Name) + " is held"
              : C.Key.Fl == Flavor::IrqOff ? std::string("interrupts are disabled")
                                           : std::string("preemption is disabled");
      std::string Fix =
          Raw ? "make " + quoted(W.Name) + " a spinlock_t, or " + Taken + " a raw_spinlock_t"
              : "take " + Taken + " with spin_lock_irqsave() instead of disabling " +
                    (C.Key.Fl == Flavor::IrqOff ? "interrupts" : "preemption") +
                    " by hand, or make it a raw_spinlock_t";
      report(Rule::WaitContext, W,
             leafText(W, 0) + " while " + Why + ": on PREEMPT_RT a " +
                 (E.Fl == Flavor::RwLock ? "rwlock_t" : "spinlock_t") +
                 " sleeps, which is invalid here (lockdep: invalid wait context)",
             std::move(Notes), std::move(Fix), contextIdentity(W));
    }
  }
  if (ConcreteAcquire && isSpinningLock(E.Fl) && C.Key.Kind == CtxKind::Entry) {
    if (C.Key.Fl == Flavor::HardIrq)
      Keep(InHardIrq, classKey(E.Lock.Class.str(), E.Subclass), W);
    else if (C.Key.Fl == Flavor::Timer || C.Key.Fl == Flavor::Tasklet ||
             C.Key.Fl == Flavor::RcuCallback || C.Key.Fl == Flavor::NapiPoll)
      Keep(InSoftIrq, classKey(E.Lock.Class.str(), E.Subclass), W);
  }
  if (ConcreteAcquire && C.Key.Kind == CtxKind::Entry &&
      (C.Key.Fl == Flavor::WorkItem || C.Key.Fl == Flavor::Timer ||
       C.Key.Fl == Flavor::HardIrq || C.Key.Fl == Flavor::IrqThread ||
       C.Key.Fl == Flavor::Kthread))
    Keep(CallbackAcquired[std::to_string(unsigned(C.Key.Fl)) + ":" + C.Key.Entry.str()],
         classKey(E.Lock.Class.str(), E.Subclass), W);
  if (E.Kind == EffectKind::Requires) {
    if (CtxConcreteLock && E.Lock.concrete() && C.Key.Lock.Class == E.Lock.Class) {
      std::vector<Step> Notes;
      chainNotes(Notes, W);
      Notes.push_back({E.PromiseAt, quoted(E.What) + " is declared must-not-hold " +
                                        quoted(E.Lock.Class) + " here"});
      report(Rule::Contract, W,
             "calling " + quoted(E.What) + " while " + flavorNoun(C.LockFl).str() + " " +
                 quoted(C.Key.Lock.Class) + " is held, but " + quoted(E.What) +
                 " is declared must-not-hold " + quoted(E.Lock.Class),
             std::move(Notes), "release " + quoted(C.Key.Lock.Class) + " before the call",
             contextIdentity(W));
    }
    return;
  }
  if (C.atomic())
    reportBlocking(Rule::SleepInAtomic, W, " in atomic context: " + atomicPhrase(W));
  if (C.nonBlocking())
    reportBlocking(Rule::BlockInNonblock, W,
                   C.Key.Kind == CtxKind::Entry
                       ? " in " + quoted(C.Key.Entry) + ", which must not block"
                       : " in a non-blocking region (after non_block_start())");
  if (C.Key.Kind == CtxKind::NeverSleeps)
    reportBlocking(Rule::Contract, W,
                   ", but " + quoted(C.Key.Entry) + " is declared never to sleep");

  if (C.Key.Kind == CtxKind::Entry &&
      (C.Key.Fl == Flavor::OomNotifier || C.Key.Fl == Flavor::Shrinker)) {
    if (ConcreteAcquire)
      Keep(ReclaimAcquired, classKey(E.Lock.Class.str(), E.Subclass), W);
    EffMask M = maskAt(W);
    uint64_t Mask = 0;
    if (C.Key.Fl == Flavor::OomNotifier)
      if (const MaskTerm *V = reclaimValue(E, M, false, Mask)) {
        std::vector<Step> Notes;
        chainNotes(Notes, W);
        maskNote(Notes, E, V, Mask, M);
        report(Rule::ReclaimInReclaim, W,
               leafText(W, Mask) + " " + reclaimPhrase(Mask) +
                   " from inside the OOM notifier " + quoted(C.Key.Entry) +
                   ": reclaim recursion on the OOM path",
               std::move(Notes),
               "use GFP_NOWAIT on paths reachable from the OOM notifier, or allocate "
               "in advance",
               contextIdentity(W), L.DirectReclaim);
      }
    return;
  }
  if (C.Key.Kind == CtxKind::FsReclaim) {
    if (ConcreteAcquire)
      Keep(FsReclaimAcquired, classKey(E.Lock.Class.str(), E.Subclass), W);
    EffMask M = maskAt(W);
    uint64_t Mask = 0;
    if (const MaskTerm *V = reclaimValue(E, M, true, Mask)) {
      std::vector<Step> Notes;
      chainNotes(Notes, W);
      maskNote(Notes, E, V, Mask, M);
      report(Rule::ReclaimInReclaim, W,
             leafText(W, Mask) +
                 " may enter fs reclaim inside an fs_reclaim section: reclaim recursion",
             std::move(Notes),
             "use GFP_NOFS here, or memalloc_nofs_save() around the section",
             contextIdentity(W), L.DirectReclaim | L.FS);
    }
    return;
  }
  if (!CtxConcreteLock)
    return;
  if (ConcreteAcquire) {
    std::string From = classKey(C.Key.Lock.Class.str(), C.Key.Subclass);
    std::string To = classKey(E.Lock.Class.str(), E.Subclass);
    if (From == To) {
      // Recursive only where the first acquisition is certain: a lock held
      // on some paths only is the mark of conditions the dataflow does not
      // correlate (the kernel's "locked" flags), not of recursion.
      // A class whose objects each have a key of their own (lockdep gives
      // each its class): two of them held together are two classes.
      if (!C.Recursive && !E.Recursive && C.Must && !C.GuardKey &&
          !P.keyedClass(E.Lock.Class) && E.Subclass != RuntimeSubclass) {
        std::vector<Step> Notes;
        chainNotes(Notes, W);
        report(Rule::LockOrder, W,
               "acquiring " + flavorNoun(E.Fl).str() + " " +
                   lockDisplay(E.Lock.Class.str(), E.Subclass) +
                   " while it is already held: possible recursive locking",
               std::move(Notes),
               "if these are different objects of one class, take the inner one with "
               "the _nested() variant and a subclass",
               "recursive:" + To);
      }
    } else {
      auto Key = std::make_pair(From, To);
      std::set<std::string> G = HeldHere;
      G.erase(From);
      G.erase(To);
      auto [GIt, GNew] = Gates.try_emplace(Key, G);
      if (!GNew) {
        std::set<std::string> Both;
        std::set_intersection(GIt->second.begin(), GIt->second.end(), G.begin(), G.end(),
                              std::inserter(Both, Both.end()));
        GIt->second = std::move(Both);
      }
      auto It = Edges.find(Key);
      if (It == Edges.end() || W.length() < It->second.length() ||
          (W.length() == It->second.length() && E.Leaf < It->second.E->Leaf))
        Edges[Key] = W;
    }
  }
  EffMask M = maskAt(W);
  uint64_t Mask = 0;
  if (reclaimValue(E, M, false, Mask))
    AllocUnderLock.push_back(W);
}

void Linker::check(const FnFacts &F, uint32_t Index, const Effect &E,
                   llvm::ArrayRef<CtxKey> Released, bool OnlySeeded) {
  ScopeItems.clear();
  if (const char *D = std::getenv("GFPDEP_DEBUG_CHECK"); D && F.Name == D) {
    llvm::errs() << "check " << F.Name << " effect " << unsigned(E.Kind) << " " << E.Lock.Class
                 << " at " << E.Leaf.Line << " released:";
    for (const CtxKey &K : Released)
      llvm::errs() << " " << unsigned(K.Lock.K) << ":" << K.Lock.Index << ":" << K.Lock.Class;
    llvm::errs() << " items:";
    for (const auto &[K, It] : Items[Index])
      llvm::errs() << " " << It.C.Key.Lock.Class << "/" << K.Consts << K.Fields << "/alias" << It.Aliases;
    llvm::errs() << " open=" << OnlySeeded << "\n";
  }
  llvm::SmallVector<const Item *, 8> Entry;
  for (const auto &[K, It] : Items[Index]) {
    if (releasedBy(Released, It))
      continue;
    if (OnlySeeded && It.Path.Size)
      continue;
    if (K.Key.Kind == CtxKind::Scope) {
      ScopeItems.push_back(&It);
      continue;
    }
    Entry.push_back(&It);
  }
  FaultsOff = false;
  InInterrupt = false;
  auto Interrupt = [](const Ctx &C) {
    if (C.Key.Kind == CtxKind::Section)
      return C.Key.Fl == Flavor::BhOff;
    if (C.Key.Kind != CtxKind::Entry)
      return false;
    switch (C.Key.Fl) {
    case Flavor::HardIrq:
    case Flavor::Timer:
    case Flavor::Tasklet:
    case Flavor::RcuCallback:
    case Flavor::NapiPoll:
      return true;
    default:
      return false;
    }
  };
  for (const Under &U : E.Around) {
    FaultsOff |= U.C.Key.Kind == CtxKind::Section && U.C.Key.Fl == Flavor::PagefaultOff;
    InInterrupt |= Interrupt(U.C);
  }
  for (const Item *It : Entry) {
    FaultsOff |= It->C.Key.Kind == CtxKind::Section && It->C.Key.Fl == Flavor::PagefaultOff;
    InInterrupt |= Interrupt(It->C);
  }
  HeldHere.clear();
  if (E.Kind == EffectKind::Acquire && E.Lock.concrete()) {
    for (const Under &U : E.Around)
      if (U.C.Key.Kind == CtxKind::Lock && U.C.Key.Lock.concrete())
        HeldHere.insert(classKey(U.C.Key.Lock.Class.str(), U.C.Key.Subclass));
    for (const Item *It : Entry)
      if (It->C.Key.Kind == CtxKind::Lock && It->C.Key.Lock.concrete() && It->C.Must)
        HeldHere.insert(classKey(It->C.Key.Lock.Class.str(), It->C.Key.Subclass));
  }
  auto Visit = [&](Witness W) {
    if (W.C.Key.Kind == CtxKind::Lock && W.Name.empty())
      W.Name = lockName(P, W.C.Key.Lock, W.Fn);
    // A lock of the object whose last reference the path dropped: not
    // the one freed, or its holder's unlock would be a use after free.
    if (!E.ReleaseOf.empty() && W.C.Key.Kind == CtxKind::Lock && W.C.Key.Lock.concrete()) {
      llvm::StringRef Cls = W.C.Key.Lock.Class.ref();
      size_t Sep = Cls.rfind("::");
      if (Sep != llvm::StringRef::npos && Cls.substr(0, Sep) == E.ReleaseOf.ref())
        return;
    }
    visit(W);
  };
  for (const Under &U : E.Around) {
    if (OnlySeeded)
      break;
    Witness W;
    W.E = &E;
    W.C = U.C;
    W.ChainLen = U.ChainLen;
    W.Fn = &F;
    if (U.C.Key.Kind == CtxKind::Lock && U.C.Key.Lock.K == LockVal::Param) {
      auto B = Bindings[Index].find(U.C.Key.Lock.Index);
      if (B != Bindings[Index].end() && !B->second.empty()) {
        for (Symbol Cls : B->second) {
          Witness Bw = W;
          Bw.C.Key.Lock = LockVal::ofClass(Cls);
          Bw.Name = Cls.str();
          Visit(Bw);
        }
        continue;
      }
    }
    Visit(W);
  }
  for (const Item *It : Entry) {
    Witness W;
    W.E = &E;
    W.C = It->C;
    W.ChainLen = E.Chain.Size;
    W.Path = It->Path;
    W.Fn = &F;
    W.Name = It->Name;
    W.AltOrigins = It->AltOrigins;
    Visit(W);
  }
}

const Witness *Linker::acquiredIn(const std::map<std::string, Witness> &M,
                                  const Ctx &C) const {
  const std::string Class = C.Key.Lock.Class.str();
  auto Exact = M.find(classKey(Class, C.Key.Subclass));
  if (Exact != M.end())
    return &Exact->second;
  const Witness *Best = nullptr;
  for (auto It = M.lower_bound(Class); It != M.end(); ++It) {
    llvm::StringRef K = It->first;
    if (!K.starts_with(Class))
      break;
    if (K.size() > Class.size() && K[Class.size()] != '/')
      continue; // another class with this prefix
    bool Match = C.Key.Subclass == RuntimeSubclass || K.ends_with("/*");
    if (Match && (!Best || It->second.length() < Best->length()))
      Best = &It->second;
  }
  return Best;
}

void Linker::resolveReclaimUnderLock() {
  for (const Witness &W : AllocUnderLock) {
    const Effect &E = *W.E;
    const Ctx &C = W.C;
    EffMask M = E.M; // scopes were applied when the witness was made
    uint64_t Mask = 0, FsMask = 0;
    const MaskTerm *V = reclaimValue(E, M, false, Mask);
    const MaskTerm *FsV = reclaimValue(E, M, true, FsMask);
    const Witness *Other = nullptr;
    bool ViaFs = false;
    if (const Witness *R = acquiredIn(ReclaimAcquired, C)) {
      Other = R;
    } else if (FsV) {
      if (const Witness *Fs = acquiredIn(FsReclaimAcquired, C)) {
        Other = Fs;
        ViaFs = true;
        V = FsV;
        Mask = FsMask;
      }
    }
    if (!Other)
      continue;
    std::vector<Step> Notes;
    chainNotes(Notes, W);
    maskNote(Notes, E, V, Mask, M);
    const Ctx &OC = Other->C;
    chainNotes(Notes, *Other);
    Notes.push_back({Other->E->Leaf,
                     flavorNoun(Other->E->Fl).str() + " " +
                         lockDisplay(Other->E->Lock.Class.str(), Other->E->Subclass) +
                         " acquired here, " +
                         (ViaFs ? "inside fs_reclaim" : "inside reclaim")});
    std::string Shown = lockDisplay(C.Key.Lock.Class.str(), C.Key.Subclass);
    std::string Who =
        ViaFs ? std::string("fs reclaim")
              : (OC.Key.Fl == Flavor::Shrinker ? "the shrinker " : "the OOM notifier ") +
                    quoted(OC.Key.Entry);
    report(Rule::ReclaimUnderLock, W,
           leafText(W, Mask) + " " +
               (ViaFs ? std::string("may enter fs reclaim") : reclaimPhrase(Mask)) +
               " while " + flavorNoun(C.LockFl).str() + " " + Shown + " is held, and " +
               Who + " acquires " + Shown + ": possible deadlock",
           std::move(Notes),
           "allocate before acquiring " + Shown + ", or use GFP_NOWAIT while it is held",
           "lock:" + classKey(C.Key.Lock.Class.str(), C.Key.Subclass), ViaFs ? L.DirectReclaim | L.FS : L.DirectReclaim);
  }
}

void Linker::resolveCycles() {
  std::map<std::string, std::vector<std::string>> Succ;
  for (const auto &[Key, W] : Edges)
    Succ[Key.first].push_back(Key.second);
  std::set<std::vector<std::string>> Seen;
  for (const auto &[Start, Unused] : Succ) {
    std::map<std::string, std::string> Parent;
    std::deque<std::string> Queue;
    for (const std::string &N : Succ[Start])
      if (!Parent.count(N)) {
        Parent[N] = Start;
        Queue.push_back(N);
      }
    bool Closed = Parent.count(Start);
    while (!Queue.empty() && !Closed) {
      std::string N = Queue.front();
      Queue.pop_front();
      auto It = Succ.find(N);
      if (It == Succ.end())
        continue;
      for (const std::string &M : It->second) {
        if (Parent.count(M))
          continue;
        Parent[M] = N;
        if (M == Start) {
          Closed = true;
          break;
        }
        Queue.push_back(M);
      }
    }
    if (!Closed)
      continue;
    std::vector<std::string> Cycle;
    for (std::string N = Parent[Start]; N != Start; N = Parent[N])
      Cycle.push_back(N);
    Cycle.push_back(Start);
    std::reverse(Cycle.begin(), Cycle.end());
    if (Opts.LockOrderGates) {
      // A gate: one class held at every acquisition of every edge.
      std::set<std::string> Common = Gates[{Cycle.back(), Cycle.front()}];
      for (size_t I = 0; I + 1 < Cycle.size() && !Common.empty(); ++I) {
        const std::set<std::string> &G = Gates[{Cycle[I], Cycle[I + 1]}];
        std::set<std::string> Both;
        std::set_intersection(Common.begin(), Common.end(), G.begin(), G.end(),
                              std::inserter(Both, Both.end()));
        Common = std::move(Both);
      }
      if (!Common.empty())
        continue;
    }
    auto Min = std::min_element(Cycle.begin(), Cycle.end());
    std::rotate(Cycle.begin(), Min, Cycle.end());
    Seen.insert(Cycle);
  }
  // One report per closing acquisition and the class it takes: the cycles
  // it closes through other held classes are notes of that report.
  std::map<std::pair<Loc, std::string>, std::vector<std::vector<std::string>>> ByLeaf;
  for (const std::vector<std::string> &Cycle : Seen) {
    const Witness &Closing = Edges.at({Cycle.back(), Cycle.front()});
    ByLeaf[{Closing.E->Leaf, Cycle.front()}].push_back(Cycle);
  }
  auto OrderOf = [&](const std::vector<std::string> &Cycle) {
    std::string Order;
    for (const std::string &C : Cycle)
      Order += keyDisplay(C) + " -> ";
    return Order + keyDisplay(Cycle.front());
  };
  for (auto &[Where, Cycles] : ByLeaf) {
    // Shortest first, then by class names: the report's own cycle.
    llvm::sort(Cycles, [](const auto &A, const auto &B) {
      return A.size() != B.size() ? A.size() < B.size() : A < B;
    });
    const std::vector<std::string> &Cycle = Cycles.front();
    size_t N = Cycle.size();
    const Witness &Closing = Edges.at({Cycle[N - 1], Cycle[0]});
    std::vector<Step> Notes;
    chainNotes(Notes, Closing);
    std::string Ident = "cycle";
    for (size_t I = 0; I < N; ++I)
      Ident += ":" + Cycle[I];
    for (size_t I = 0; I + 1 < N; ++I) {
      const Witness &W = Edges.at({Cycle[I], Cycle[I + 1]});
      chainNotes(Notes, W);
      Notes.push_back({W.E->Leaf, flavorNoun(W.E->Fl).str() + " " + keyDisplay(Cycle[I + 1]) +
                                      " acquired here while " + keyDisplay(Cycle[I]) +
                                      " is held"});
    }
    // The other cycles this acquisition closes: where their held class
    // was taken above it.
    for (size_t J = 1; J < Cycles.size(); ++J) {
      const Witness &Other = Edges.at({Cycles[J].back(), Cycles[J].front()});
      Notes.push_back({Other.C.Origin.valid() ? Other.C.Origin : Other.E->Leaf,
                       keyDisplay(Cycles[J].back()) +
                           " acquired here; with it held, the same acquisition also closes "
                           "the lock-order cycle " +
                           OrderOf(Cycles[J])});
    }
    Uncheckable = true;
    // The cycle's other edges may be suppressed at their own acquisitions.
    bool Suppressed = false;
    for (size_t I = 0; I + 1 < N; ++I)
      Suppressed |= P.suppressed(Edges.at({Cycle[I], Cycle[I + 1]}).E->Leaf, "lock-order");
    if (!Suppressed)
      report(Rule::LockOrder, Closing,
             "acquiring " + flavorNoun(Closing.E->Fl).str() + " " + keyDisplay(Cycle[0]) +
                 " while holding " + keyDisplay(Cycle[N - 1]) +
                 " closes the lock-order cycle " + OrderOf(Cycle) + ": possible deadlock",
             std::move(Notes), "take these locks in one order everywhere", Ident);
    Uncheckable = false;
  }
}

/// Whether each function may run with hard IRQs on and with soft IRQs on:
/// from the functions nothing calls (process context, IRQs on), the soft-IRQ
/// entries (hard IRQs on, BHs off) and the hard-IRQ handlers (both off),
/// down every call not made with IRQs or BHs disabled.
void Linker::irqStates() {
  size_t N = P.Functions.size();
  IrqState.assign(N, 0);
  IrqFrom.assign(N, {});
  std::vector<bool> IrqEntry(N, false);
  std::vector<uint32_t> Work;
  auto Raise = [&](int32_t I, uint8_t Bits, int32_t From = -1, const Loc &At = Loc()) {
    if ((IrqState[I] | Bits) == IrqState[I])
      return;
    for (unsigned B = 0; B < 2; ++B)
      if ((Bits >> B & 1) && !(IrqState[I] >> B & 1))
        IrqFrom[I][B] = {From, At};
    IrqState[I] |= Bits;
    Work.push_back(uint32_t(I));
  };
  for (const EntrySeed &S : P.Entries) {
    int32_t I = P.indexOf(S.Fn);
    if (I < 0 || S.Kind != CtxKind::Entry)
      continue;
    switch (S.Fl) {
    case Flavor::HardIrq:
      IrqEntry[I] = true;
      break;
    case Flavor::Timer:
    case Flavor::Tasklet:
    case Flavor::RcuCallback:
    case Flavor::NapiPoll:
      IrqEntry[I] = true;
      Raise(I, 1);
      break;
    case Flavor::IrqOff:
      IrqEntry[I] = true; // annotated atomic context: IRQs off
      break;
    default:
      Raise(I, 3); // process context: an OOM notifier, a work item
      break;
    }
  }
  // A function nothing here calls runs where its callers elsewhere run it,
  // which the program does not show: it counts as process context with
  // IRQs on only when it may sleep (sleeping with IRQs or BHs disabled would
  // be a bug of its own). A callback of a kind the
  // model does not know (a virtqueue's, stored in a table) is such a
  // function too, and may well run in IRQ context.
  std::vector<bool> Sleeps(N, false);
  for (size_t I = 0; I < N; ++I) {
    auto Evidence = [&](const Effect &E) {
      if (E.Kind == EffectKind::Block && !E.FaultOnly && !E.ProcessOnly)
        return true;
      if (E.Kind == EffectKind::Acquire && isSleepingLock(E.Fl))
        return true;
      if (E.Kind == EffectKind::Alloc)
        for (const MaskTerm &T : E.M.V.Terms)
          if (T.K == MaskTerm::Const && !E.M.NoReclaim && L.reclaimCapable(T.Bits & ~E.M.V.Clear))
            return true;
      return false;
    };
    for (const Anchor &A : R.Results[I].Anchors)
      Sleeps[I] = Sleeps[I] || (A.E.Chain.Size == 0 && Evidence(A.E));
    for (const OpenEffect &O : R.Results[I].Open)
      Sleeps[I] = Sleeps[I] || (O.E.Chain.Size == 0 && Evidence(O.E));
  }
  // Its body, or a function it calls directly, or one below that, may
  // sleep: a sleep many calls below may be on a path its real callers never
  // take with interrupts on (netpoll_send_udp() reaches a sleeping call ten
  // calls down; netconsole calls it with IRQs off).
  constexpr unsigned MaxSleepDepth = 2;
  std::vector<unsigned> Depth(N, ~0u);
  for (size_t I = 0; I < N; ++I)
    if (Sleeps[I])
      Depth[I] = 0;
  for (const std::vector<int32_t> &Comp : Order) // callees first
    for (unsigned Iter = 0; Iter <= MaxSleepDepth; ++Iter)
      for (int32_t FI : Comp)
        for (const Site &S : R.Results[FI].Sites)
          for (int32_t T : S.Targets)
            if (Depth[T] < MaxSleepDepth)
              Depth[FI] = std::min(Depth[FI], Depth[T] + 1);
  for (size_t I = 0; I < N; ++I)
    Sleeps[I] = Depth[I] <= MaxSleepDepth;
  for (size_t I = 0; I < N; ++I)
    if (!Called[I] && !IrqEntry[I] && Sleeps[I])
      Raise(int32_t(I), 3);
  while (!Work.empty()) {
    uint32_t FI = Work.back();
    Work.pop_back();
    const FnResult &FR = R.Results[FI];
    for (const Site &S : FR.Sites) {
      uint8_t Bits = IrqState[FI];
      if (S.Held != NoIndex)
        for (const Ctx &Cx : FR.HeldSets[S.Held])
          if (Cx.Key.Kind == CtxKind::Section) {
            if (Cx.Key.Fl == Flavor::IrqOff)
              Bits = 0;
            else if (Cx.Key.Fl == Flavor::BhOff)
              Bits &= ~uint8_t(2);
          }
      if (Bits)
        for (int32_t T : S.Targets)
          Raise(T, Bits, int32_t(FI), P.Functions[FI]->Calls[S.Call].At);
    }
  }
}

void Linker::irqOnNotes(std::vector<Step> &Notes, uint32_t I, unsigned Bit) const {
  llvm::SmallVector<uint32_t, 8> Up{I};
  for (size_t Guard = 0; Guard < IrqFrom.size() && IrqFrom[Up.back()][Bit].From >= 0; ++Guard) {
    int32_t F = IrqFrom[Up.back()][Bit].From;
    if (llvm::is_contained(Up, uint32_t(F)))
      break;
    Up.push_back(uint32_t(F));
  }
  const FnFacts &Root = *P.Functions[Up.back()];
  Notes.push_back({Root.At, quoted(Root.Name.str()) + " runs in process context with " +
                                (Bit ? "bottom halves" : "interrupts") +
                                " enabled (it may sleep, or is a process-context callback)"});
  for (size_t K = Up.size() - 1; K > 0; --K) {
    const IrqVia &V = IrqFrom[Up[K - 1]][Bit];
    Notes.push_back({V.At, quoted(P.Functions[Up[K]]->Name.str()) + " calls " +
                               quoted(P.Functions[Up[K - 1]]->Name.str()) + " here"});
  }
}

/// irq-inversion, lockdep's "inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W}
/// usage" (and the soft-IRQ form): a spinning lock class taken in IRQ
/// context is taken elsewhere with that kind of interrupt enabled; and its
/// "HARDIRQ-safe -> HARDIRQ-unsafe lock order": while a class taken in IRQ
/// context is held, a class taken elsewhere with interrupts enabled is
/// acquired.
void Linker::irqInversion() {
  if (!Opts.Rules.enabled(Rule::IrqInversion))
    return;
  irqStates();
  const bool Debug = std::getenv("GFPDEP_DEBUG_IRQ") != nullptr;
  // The acquisitions made with hard (soft) IRQs on, by class key.
  std::map<std::string, std::vector<std::pair<const Effect *, uint32_t>>> HardOn, SoftOn;
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    if (!IrqState[I])
      continue;
    // Concrete acquisitions: anchors, and open effects whose lock is
    // concrete (open only for a parameter's truth on their path: "n is not
    // NULL" after a first lock through n).
    llvm::SmallVector<const Effect *, 16> Acqs;
    for (const Anchor &A : R.Results[I].Anchors)
      Acqs.push_back(&A.E);
    for (const OpenEffect &O : R.Results[I].Open)
      Acqs.push_back(&O.E);
    for (const Effect *EP : Acqs) {
      const Effect &E = *EP;
      if (E.Kind != EffectKind::Acquire || !E.Lock.concrete() || !isSpinningLock(E.Fl))
        continue;
      uint8_t Bits = IrqState[I];
      if (E.OwnIrqOff)
        Bits = 0;
      if (E.OwnBhOff)
        Bits &= ~uint8_t(2);
      for (const Under &U : E.Around)
        if (U.C.Key.Kind == CtxKind::Section) {
          if (U.C.Key.Fl == Flavor::IrqOff)
            Bits = 0;
          else if (U.C.Key.Fl == Flavor::BhOff)
            Bits &= ~uint8_t(2);
        }
      std::string K = classKey(E.Lock.Class.str(), E.Subclass);
      if (Debug) {
        llvm::errs() << "acquire " << K << " in " << P.Functions[I]->Name << " at "
                     << E.Leaf.Line << " state " << unsigned(IrqState[I]) << " bits "
                     << unsigned(Bits) << " own " << E.OwnIrqOff << E.OwnBhOff << " around";
        for (const Under &U : E.Around)
          llvm::errs() << " " << unsigned(U.C.Key.Kind) << "/" << unsigned(U.C.Key.Fl);
        llvm::errs() << "\n";
      }
      if (Bits & 1)
        HardOn[K].push_back({&E, uint32_t(I)});
      if (Bits & 2)
        SoftOn[K].push_back({&E, uint32_t(I)});
    }
  }
  if (Debug) {
    for (const auto &[K, W] : InHardIrq)
      llvm::errs() << "in-hardirq " << K << "\n";
    for (const auto &[K, W] : InSoftIrq)
      llvm::errs() << "in-softirq " << K << "\n";
    for (const auto &[K, V] : HardOn)
      llvm::errs() << "hardirq-on " << K << " x" << V.size() << "\n";
    for (const auto &[K, V] : SoftOn)
      llvm::errs() << "softirq-on " << K << " x" << V.size() << "\n";
  }
  for (auto &M : {&HardOn, &SoftOn})
    for (auto &[K, V] : *M)
      llvm::sort(V, [](const auto &A, const auto &B) {
        if (A.first->Chain.Size != B.first->Chain.Size)
          return A.first->Chain.Size < B.first->Chain.Size;
        return A.first->Leaf < B.first->Leaf;
      });
  std::set<std::string> Reported;
  auto Inconsistent = [&](bool Hard) {
    auto &In = Hard ? InHardIrq : InSoftIrq;
    auto &On = Hard ? HardOn : SoftOn;
    for (const auto &[K, Wi] : In) {
      auto It = On.find(K);
      if (It == On.end() || Reported.count(K))
        continue;
      // A reader in IRQ context is a recursive read: only a writer with
      // interrupts enabled conflicts with it.
      const Effect *O = nullptr;
      uint32_t OI = 0;
      for (const auto &[E, F] : It->second)
        if (!(Wi.E->Read && E->Read)) {
          O = E;
          OI = F;
          break;
        }
      if (!O)
        continue;
      Reported.insert(K);
      std::string Cls = lockDisplay(O->Lock.Class.str(), O->Subclass);
      std::string Noun = flavorNoun(O->Fl).str();
      Witness W;
      W.E = O;
      W.Fn = P.Functions[OI];
      W.C.Key.Kind = CtxKind::Section;
      std::vector<Step> Notes;
      irqOnNotes(Notes, OI, Hard ? 0 : 1);
      llvm::SmallVector<const StepNode *, 8> Steps;
      Arena.steps(O->Chain, Steps);
      for (const StepNode *S : Steps)
        Notes.push_back({S->Where, stepText(*S)});
      chainNotes(Notes, Wi);
      Notes.push_back({Wi.E->Leaf, Noun + " " + Cls + " acquired here, in " +
                                       (Hard ? "hard-IRQ" : "soft-IRQ") + " context"});
      size_t Also = 0;
      for (const auto &[E, F] : It->second)
        if (E != O && !(Wi.E->Read && E->Read) && Also < 3) {
          Notes.push_back({E->Leaf, "also acquired with " +
                                        std::string(Hard ? "interrupts" : "bottom halves") +
                                        " enabled here"});
          ++Also;
        }
      const Ctx &IC = Wi.C;
      std::string Who = (Hard ? "the hard-IRQ handler " : "the " + flavorNoun(IC.Key.Fl).str() + " ") +
                        quoted(IC.Key.Entry.str());
      std::string In = Wi.E->Read ? "R" : "W", OnRW = O->Read ? "R" : "W";
      std::string Usage = Hard ? "{IN-HARDIRQ-" + In + "} -> {HARDIRQ-ON-" + OnRW + "}"
                               : "{IN-SOFTIRQ-" + In + "} -> {SOFTIRQ-ON-" + OnRW + "}";
      std::string Message =
          Noun + " " + Cls + " is acquired here with " +
          (Hard ? "interrupts" : "bottom halves") + " enabled, and " + Who +
          (Hard ? "" : " (soft-IRQ context)") + " acquires it too: inconsistent " + Usage +
          " usage; " + (Hard ? "an interrupt" : "a soft interrupt") +
          " that arrives on this CPU while it is held here deadlocks";
      std::string Fix = Hard ? "use " + std::string(O->Fl == Flavor::RwLock
                                                        ? (O->Read ? "read_lock_irqsave()"
                                                                   : "write_lock_irqsave()")
                                                        : "spin_lock_irqsave()") +
                                   " here"
                             : "use " + std::string(O->Fl == Flavor::RwLock
                                                        ? (O->Read ? "read_lock_bh()"
                                                                   : "write_lock_bh()")
                                                        : "spin_lock_bh()") +
                                   " here";
      report(Rule::IrqInversion, W, std::move(Message), std::move(Notes), std::move(Fix),
             std::string(Hard ? "hard:" : "soft:") + K);
    }
  };
  Inconsistent(true);
  Inconsistent(false);
  // IRQ-safe -> IRQ-unsafe order: an edge A -> B where A is taken in IRQ
  // context and B with interrupts on (and B is not itself reported above).
  for (bool Hard : {true, false}) {
    auto &In = Hard ? InHardIrq : InSoftIrq;
    auto &On = Hard ? HardOn : SoftOn;
    for (const auto &[Key, We] : Edges) {
      const std::string &A = Key.first, &B = Key.second;
      auto Ia = In.find(A);
      auto Ob = On.find(B);
      if (Ia == In.end() || Ob == On.end() || In.count(B) || Reported.count(B) ||
          Reported.count(A + ">" + B))
        continue;
      Reported.insert(A + ">" + B);
      const Effect *O = Ob->second.front().first;
      uint32_t OI = Ob->second.front().second;
      std::string Noun = flavorNoun(We.E->Fl).str();
      std::string ClsA = keyDisplay(A), ClsB = keyDisplay(B);
      std::vector<Step> Notes;
      chainNotes(Notes, We);
      chainNotes(Notes, Ia->second);
      Notes.push_back({Ia->second.E->Leaf, ClsA + " acquired here, in " +
                                               (Hard ? "hard-IRQ" : "soft-IRQ") + " context"});
      irqOnNotes(Notes, OI, Hard ? 0 : 1);
      llvm::SmallVector<const StepNode *, 8> OSteps;
      Arena.steps(O->Chain, OSteps);
      for (const StepNode *S : OSteps)
        Notes.push_back({S->Where, stepText(*S)});
      Notes.push_back({O->Leaf, ClsB + " acquired here with " +
                                    std::string(Hard ? "interrupts" : "bottom halves") +
                                    " enabled"});
      std::string S = Hard ? "HARDIRQ" : "SOFTIRQ";
      report(Rule::IrqInversion, We,
             "acquiring " + Noun + " " + ClsB + " while " + ClsA + " is held: " + ClsA +
                 " is taken in " + (Hard ? "hard-IRQ" : "soft-IRQ") + " context and " + ClsB +
                 " with " + (Hard ? "interrupts" : "bottom halves") + " enabled (" + S +
                 "-safe -> " + S + "-unsafe lock order); an interrupt taken while " + ClsB +
                 " is held there can deadlock",
             std::move(Notes),
             "take " + ClsB + " with " + (Hard ? "interrupts" : "bottom halves") +
                 " disabled everywhere (" + (Hard ? "spin_lock_irqsave()" : "spin_lock_bh()") +
                 ")",
             std::string(Hard ? "hardorder:" : "softorder:") + A + ">" + B);
    }
  }
}

/// wait-under-lock: a wait made with L held for a callback that acquires
/// L, or for a completion whose complete() runs with L held.
void Linker::resolveWaitUnderLock() {
  if (!Opts.Rules.enabled(Rule::WaitUnderLock))
    return;
  for (const Witness &W : WaitUnderLock) {
    const Effect &E = *W.E;
    const Ctx &C = W.C;
    std::string Shown = lockDisplay(C.Key.Lock.Class.str(), C.Key.Subclass);
    std::string Held = flavorNoun(C.LockFl).str() + " " + Shown;
    std::string Key = E.Lock.Class.str();
    std::vector<Step> Notes;
    std::string Message, Fix;
    if (E.Fl == Flavor::Completion) {
      auto It = SignalUnder.find(Key);
      const Witness *Other = It == SignalUnder.end() ? nullptr : acquiredIn(It->second, C);
      if (!Other) {
        // The completer takes the lock before it completes (and releases
        // it first): it waits for the waiter's lock, the waiter for it.
        auto A = SignalAfter.find(Key);
        if (A == SignalAfter.end())
          continue;
        auto B = A->second.find(C.Key.Lock.Class.str());
        if (B == A->second.end())
          continue;
        const SignalAfterLock &SA = B->second;
        chainNotes(Notes, W);
        if (SA.T.Via.valid())
          Notes.push_back({SA.T.Via, quoted(SA.T.Caller) + " calls " + quoted(SA.T.Callee) +
                                         " here"});
        Notes.push_back({SA.T.At, flavorNoun(C.LockFl).str() + " " + Shown +
                                      " acquired here, before " + quoted(Key) +
                                      " is completed"});
        Notes.push_back({SA.E->Leaf, quoted(SA.E->What) + " completes " + quoted(Key) +
                                         " here, only after taking " + Shown});
        report(Rule::WaitUnderLock, W,
               quoted(E.What) + " waits for completion " + quoted(Key) + " while " + Held +
                   " is held, and " + quoted(Key) + " is completed only after " + Shown +
                   " is taken: possible deadlock",
               std::move(Notes),
               "release " + Shown + " before waiting, or complete " + quoted(Key) +
                   " before taking it",
               "lock:" + classKey(C.Key.Lock.Class.str(), C.Key.Subclass));
        continue;
      }
      chainNotes(Notes, W);
      chainNotes(Notes, *Other);
      Notes.push_back({Other->E->Leaf, quoted(Other->E->What) + " completes " + quoted(Key) +
                                           " here, with " + Shown + " held"});
      Message = quoted(E.What) + " waits for completion " + quoted(Key) + " while " + Held +
                " is held, and " + quoted(Key) + " is completed with " + Shown +
                " held: possible deadlock";
      Fix = "release " + Shown + " before waiting, or complete " + quoted(Key) +
            " without holding it";
    } else {
      // The callbacks the wait waits for: bound to the object, or, for a
      // workqueue, the functions of the work items queued on it.
      struct Candidate {
        const Binding *B;
        const QueuedWork *Q;
      };
      std::vector<Candidate> Cands;
      if (E.Fl == Flavor::Workqueue) {
        if (const std::vector<QueuedWork> *Qs = P.queued(E.Lock.Class))
          for (const QueuedWork &Q : *Qs)
            if (const std::vector<Binding> *Bs = P.bound(Flavor::WorkItem, Q.Work))
              for (const Binding &B : *Bs)
                Cands.push_back({&B, &Q});
      } else if (const std::vector<Binding> *Bs = P.bound(E.Fl, E.Lock.Class)) {
        for (const Binding &B : *Bs)
          Cands.push_back({&B, nullptr});
      }
      const Witness *Other = nullptr;
      const Binding *By = nullptr;
      const QueuedWork *ByQueue = nullptr;
      for (const Candidate &Cd : Cands) {
        Flavor Fl = Cd.B->EntryFl != Flavor::None ? Cd.B->EntryFl
                    : E.Fl == Flavor::Workqueue   ? Flavor::WorkItem
                                                  : E.Fl;
        auto It = CallbackAcquired.find(std::to_string(unsigned(Fl)) + ":" + Cd.B->Name.str());
        if (It == CallbackAcquired.end())
          continue;
        if (const Witness *A = acquiredIn(It->second, C))
          if (!Other || A->length() < Other->length()) {
            Other = A;
            By = Cd.B;
            ByQueue = Cd.Q;
          }
      }
      if (!Other)
        continue;
      chainNotes(Notes, W);
      if (ByQueue)
        Notes.push_back({ByQueue->At, quoted(ByQueue->Work.str()) + " queued on " +
                                          quoted(Key) + " here"});
      chainNotes(Notes, *Other);
      Notes.push_back({Other->E->Leaf, flavorNoun(Other->E->Fl).str() + " " +
                                           lockDisplay(Other->E->Lock.Class.str(),
                                                       Other->E->Subclass) +
                                           " acquired here, in " + quoted(By->Name.str())});
      std::string What;
      switch (E.Fl) {
      case Flavor::WorkItem:
        What = "work item " + quoted(Key) + ", whose function " + quoted(By->Name.str());
        Fix = "release " + Shown + " before waiting, or cancel without waiting "
              "(cancel_work(), cancel_delayed_work())";
        break;
      case Flavor::Timer:
        What = "timer " + quoted(Key) + ", whose callback " + quoted(By->Name.str());
        Fix = "release " + Shown + " before waiting, or use del_timer() (it does not wait)";
        break;
      case Flavor::Workqueue:
        What = "the work queued on " + quoted(Key) + ", whose function " +
               quoted(By->Name.str());
        Fix = "release " + Shown + " before flushing or destroying the workqueue";
        break;
      case Flavor::Kthread:
        What = "kernel thread " + quoted(Key) + " to exit, whose function " +
               quoted(By->Name.str());
        Fix = "release " + Shown + " before stopping the thread";
        break;
      default: {
        llvm::StringRef K(Key);
        std::string Handler =
            By->EntryFl == Flavor::IrqThread ? "the IRQ thread function " : "the IRQ handler ";
        What = Handler + quoted(By->Name.str()) +
               (K.starts_with("#") ? " (requested on IRQ " + quoted(K.drop_front().str()) + ")"
                                   : " (requested with a " + quoted(K.drop_front().str()) +
                                         " dev_id)") +
               ", which";
        Fix = "release " + Shown + " before " +
              (E.What == "synchronize_irq" ? "waiting for the IRQ" : "freeing the IRQ");
        break;
      }
      }
      Message = quoted(E.What) + " waits for " + What + " acquires " + Shown + ", while " +
                Held + " is held: possible deadlock";
    }
    report(Rule::WaitUnderLock, W, std::move(Message), std::move(Notes), std::move(Fix),
           "lock:" + classKey(C.Key.Lock.Class.str(), C.Key.Subclass));
  }
}

/// stack-in-reclaim: a frame over the budget, or a chain of frames over
/// the chain budget, below an entry that runs on a stack an allocation has
/// already used deeply (out_of_memory() calls the OOM notifiers from inside
/// the page allocator; shrinkers run inside reclaim; an fs_reclaim section
/// is reclaim as lockdep sees it).
void Linker::stackInReclaim() {
  if (!Opts.Rules.enabled(Rule::StackInReclaim))
    return;
  auto Where = [](const Ctx &C, bool Own) -> std::string {
    if (C.Key.Kind == CtxKind::FsReclaim)
      return "inside an fs_reclaim section";
    std::string At = Own ? "in the " : "below the ";
    if (C.Key.Fl == Flavor::OomNotifier)
      return At + "OOM notifier " + quoted(C.Key.Entry);
    return At + "shrinker callback " + quoted(C.Key.Entry);
  };
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    const FnFacts &F = *P.Functions[I];
    if (F.BigLocals.empty())
      continue;
    bool OverFrame = F.FrameBytes > Opts.StackBudget;
    for (const auto &[K, It] : Items[I]) {
      const Ctx &C = It.C;
      bool Reclaim = C.Key.Kind == CtxKind::FsReclaim ||
                     (C.Key.Kind == CtxKind::Entry &&
                      (C.Key.Fl == Flavor::OomNotifier || C.Key.Fl == Flavor::Shrinker));
      if (!Reclaim)
        continue;
      // The chain budget is reported where the sum first goes over it.
      uint64_t Sum = It.FrameSum + F.FrameBytes;
      bool OverChain = Opts.StackChainBudget && Sum > Opts.StackChainBudget &&
                       It.FrameSum <= Opts.StackChainBudget;
      if (!OverFrame && !OverChain)
        continue;
      const FnFacts::FrameLocal &Big = F.BigLocals.front();
      Effect E;
      E.Kind = EffectKind::Block;
      E.Leaf = Big.At;
      E.What = Big.Name;
      Witness W;
      W.E = &E;
      W.C = C;
      W.Path = It.Path;
      W.Fn = &F;
      W.Name = It.Name;
      W.AltOrigins = It.AltOrigins;
      std::vector<Step> Notes;
      chainNotes(Notes, W);
      // The other locals that count (a pointer or a counter does not).
      for (size_t J = 1; J < F.BigLocals.size(); ++J)
        if (F.BigLocals[J].Bytes >= 32)
          Notes.push_back({F.BigLocals[J].At, quoted(F.BigLocals[J].Name) + " takes " +
                                                std::to_string(F.BigLocals[J].Bytes) +
                                                " bytes of the frame"});
      std::string Message;
      if (OverFrame)
        Message = quoted(F.Name.str()) + " keeps " + std::to_string(F.FrameBytes) +
                  " bytes of locals on the stack (" + quoted(Big.Name.str()) + ": " +
                  std::to_string(Big.Bytes) + "), over the " +
                  std::to_string(Opts.StackBudget) + "-byte budget, " +
                  Where(C, It.Path.Size == 0 && C.Key.Kind == CtxKind::Entry) +
                  ", on a stack the failing allocation has already used deeply";
      else
        Message = "the frames of the chain down to " + quoted(F.Name.str()) + " keep " +
                  std::to_string(Sum) + " bytes of locals on the stack, over the " +
                  std::to_string(Opts.StackChainBudget) + "-byte chain budget, " +
                  Where(C, false);
      if (OverFrame && OverChain)
        Notes.push_back({Big.At, "the frames of the chain down to here keep " +
                                     std::to_string(Sum) + " bytes, over the " +
                                     std::to_string(Opts.StackChainBudget) +
                                     "-byte chain budget"});
      report(Rule::StackInReclaim, W, std::move(Message), std::move(Notes),
             "allocate " + quoted(Big.Name.str()) +
                 " in advance (a field of the object, set up at probe time, as "
                 "the virtio_balloon fix did with vb->pfns) instead of on the stack",
             "stack"); // one report per frame: other entries are notes
    }
  }
}

void Linker::noteSignalAfter(const Effect &E) {
  if (E.Kind != EffectKind::Signal || !E.Lock.concrete())
    return;
  for (const TakenLock &T : E.TakenBefore) {
    SignalAfterLock &Best = SignalAfter[E.Lock.Class.str()][T.Class.str()];
    if (!Best.E || E.Chain.Size < Best.E->Chain.Size ||
        (E.Chain.Size == Best.E->Chain.Size &&
         std::tie(E.Leaf, T.At) < std::tie(Best.E->Leaf, Best.T.At)))
      Best = {&E, T};
  }
}

void Linker::rules() {
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    for (const Anchor &A : R.Results[I].Anchors) {
      noteSignalAfter(A.E);
      check(*P.Functions[I], uint32_t(I), A.E, A.Released, false);
    }
    for (const OpenEffect &O : R.Results[I].Open)
      noteSignalAfter(O.E);
    // Effects that depend on a caller: with the callers, where they become
    // concrete; in this function's own entry context (a callback registered
    // here) or when nothing calls it, as they are.
    for (const OpenEffect &O : R.Results[I].Open)
      check(*P.Functions[I], uint32_t(I), O.E, O.Released, Called[I]);
  }
  resolveReclaimUnderLock();
  resolveCycles();
  resolveWaitUnderLock();
  irqInversion();
  stackInReclaim();
  for (auto &[K, F] : Found) {
    // "also held via": the other places the context begins above this leaf.
    auto It = Alternatives.find(K);
    if (It != Alternatives.end()) {
      std::vector<Step> Also;
      bool Stack = F.R == Rule::StackInReclaim;
      for (const Loc &A : It->second)
        if (A != PrimaryOrigin[K] && A.valid())
          Also.push_back({A, Stack ? std::string("also reached from here")
                                   : "also held via this acquisition" +
                                         (Held.count(K) ? " of " + Held[K] : std::string())});
      if (!Also.empty()) {
        // Before the fix note, which is last.
        auto Pos = F.Notes.empty() ? F.Notes.end() : F.Notes.end() - 1;
        F.Notes.insert(Pos, Also.begin(), Also.end());
      }
    }
    if (!Opts.OnlyFile.empty()) {
      bool Touches = F.Where.File == Opts.OnlyFile;
      for (const Step &S : F.Notes)
        Touches |= S.Where.File == Opts.OnlyFile;
      if (!Touches)
        continue;
    }
    R.Findings.push_back(std::move(F));
  }
  sortFindings(R.Findings);
}

void Linker::run() {
  using Clock = std::chrono::steady_clock;
  auto Since = [](Clock::time_point T) {
    return std::chrono::duration<double>(Clock::now() - T).count();
  };
  Clock::time_point T = Clock::now();
  summaries();
  R.Stats.SummaryTime = Since(T);
  T = Clock::now();
  contexts();
  R.Stats.ContextTime = Since(T);
  T = Clock::now();
  rules();
  if (Opts.Graph)
    exportGraph();
  R.Stats.RulesTime = Since(T);
}

void Linker::exportGraph() {
  std::map<std::pair<std::string, std::string>, Loc> G;
  auto Add = [&](std::string From, std::string To, const Loc &At) {
    auto [It, New] = G.try_emplace({std::move(From), std::move(To)}, At);
    if (!New && At < It->second)
      It->second = At;
  };
  for (const auto &[Key, W] : Edges)
    Add(Key.first, Key.second, W.E->Leaf);
  for (const auto &[Key, W] : ReclaimAcquired)
    Add("reclaim", Key, W.E->Leaf);
  for (const auto &[Key, W] : FsReclaimAcquired)
    Add("fs_reclaim", Key, W.E->Leaf);
  for (const Witness &W : AllocUnderLock) {
    std::string Held = classKey(W.C.Key.Lock.Class.str(), W.C.Key.Subclass);
    uint64_t Mask = 0;
    if (reclaimValue(*W.E, W.E->M, false, Mask))
      Add(Held, "reclaim", W.E->Leaf);
    if (reclaimValue(*W.E, W.E->M, true, Mask))
      Add(Held, "fs_reclaim", W.E->Leaf);
  }
  for (auto &[Key, At] : G)
    R.Graph.push_back({Key.first, Key.second, At});
}

} // namespace

LinkResult gfpdep::linkProgram(const Program &P, const LinkOptions &Opts) {
  LinkResult R;
  Linker(P, Opts, R).run();
  return R;
}
