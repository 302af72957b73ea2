//===- Rules.cpp - from summaries to findings ------------------------------===//
///
/// \file
/// Checks effects against the contexts around them, builds the lock-class
/// graph and the sets of locks taken inside reclaim, and writes each finding
/// with its whole chain: where the context began, each call down to the
/// leaf, where the mask came from, and for cycles the other half.
//===----------------------------------------------------------------------===//

#include "Rules.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>
#include <map>
#include <set>

using namespace gfpdep;

namespace {

/// An effect seen inside a context.
struct Witness {
  const Effect *E = nullptr;
  Enclosing U;

  /// Preference between witnesses of one fact: the shorter chain, then the
  /// earlier positions (deterministic).
  bool betterThan(const Witness &O) const {
    if (U.ChainLen != O.U.ChainLen)
      return U.ChainLen < O.U.ChainLen;
    if (E->Leaf != O.E->Leaf)
      return E->Leaf < O.E->Leaf;
    return U.Ctx.Origin < O.U.Ctx.Origin;
  }
};

std::string quoted(const std::string &S) { return "'" + S + "'"; }

std::string lockClassKey(const Context &C) {
  std::string K = C.Lock.Class;
  if (C.Subclass)
    K += "/" + std::to_string(C.Subclass);
  return K;
}

std::string lockClassKey(const Effect &E) {
  std::string K = E.Lock.Class;
  if (E.Subclass)
    K += "/" + std::to_string(E.Subclass);
  return K;
}

/// A class key of the lock graph ("node::lock/1") as messages show it.
std::string keyDisplay(const std::string &Key) {
  size_t Slash = Key.rfind('/');
  if (Slash == std::string::npos)
    return quoted(Key);
  return quoted(Key.substr(0, Slash)) + " (subclass " + Key.substr(Slash + 1) + ")";
}

std::string lockDisplay(const std::string &Class, unsigned Subclass) {
  if (!Subclass)
    return quoted(Class);
  return quoted(Class) + " (subclass " + std::to_string(Subclass) + ")";
}

} // namespace

std::string gfpdep::originText(const Context &C) {
  switch (C.Kind) {
  case CtxKind::Lock:
    if (C.Via == "lockdep_assert_held")
      return quoted(C.Lock.name()) + " is held here (lockdep_assert_held)";
    return flavorNoun(C.Fl).str() + " " + lockDisplay(C.Lock.name(), C.Subclass) +
           " acquired here";
  case CtxKind::Section:
    switch (C.Fl) {
    case Flavor::IrqOff: return "interrupts disabled here";
    case Flavor::PreemptOff: return "preemption disabled here";
    case Flavor::RcuRead: return "RCU read-side critical section begins here";
    case Flavor::BhOff: return "bottom halves disabled here";
    case Flavor::NonBlock: return "non-blocking region begins here";
    default: return "section begins here";
    }
  case CtxKind::Scope:
    return flavorNoun(C.Fl).str() + " begins here";
  case CtxKind::FsReclaim:
    return "fs_reclaim acquired here";
  case CtxKind::NeverSleeps:
    return quoted(C.Entry) + " is declared never to sleep here";
  case CtxKind::Entry:
    if (llvm::StringRef(C.Via).starts_with("gfpdep::"))
      return quoted(C.Entry) + " is annotated " + C.Via + " here";
    switch (C.Fl) {
    case Flavor::OomNotifier:
      return quoted(C.Entry) + " registered as an OOM notifier here";
    case Flavor::Shrinker:
      return quoted(C.Entry) + " registered as a shrinker callback here";
    case Flavor::HardIrq:
      return quoted(C.Entry) + " registered as a hard-IRQ handler here";
    case Flavor::Timer:
      return quoted(C.Entry) + " set up as a timer callback here";
    case Flavor::Tasklet:
      return quoted(C.Entry) + " set up as a tasklet here";
    case Flavor::RcuCallback:
      return quoted(C.Entry) + " queued as an RCU callback here";
    case Flavor::NapiPoll:
      return quoted(C.Entry) + " registered as a NAPI poll function here";
    default:
      return quoted(C.Entry) + " registered here";
    }
  }
  return "context begins here";
}

namespace {

/// Why the context forbids sleeping, for the message.
std::string atomicPhrase(const Context &C) {
  if (C.Kind == CtxKind::Lock)
    return flavorNoun(C.Fl).str() + " " + quoted(C.Lock.name()) + " is held";
  if (C.Kind == CtxKind::Section)
    switch (C.Fl) {
    case Flavor::IrqOff: return "interrupts are disabled";
    case Flavor::PreemptOff: return "preemption is disabled";
    case Flavor::RcuRead: return "inside an RCU read-side critical section";
    case Flavor::BhOff: return "bottom halves are disabled";
    default: break;
    }
  if (C.Kind == CtxKind::Entry)
    switch (C.Fl) {
    case Flavor::HardIrq: return quoted(C.Entry) + " is a hard-IRQ handler";
    case Flavor::Timer: return quoted(C.Entry) + " is a timer callback";
    case Flavor::Tasklet: return quoted(C.Entry) + " is a tasklet";
    case Flavor::RcuCallback:
      return quoted(C.Entry) + " is an RCU callback (soft-IRQ context)";
    case Flavor::NapiPoll:
      return quoted(C.Entry) + " is a NAPI poll function (soft-IRQ context)";
    default: return quoted(C.Entry) + " runs in atomic context";
    }
  return "the context is atomic";
}

class RuleEngine {
public:
  RuleEngine(const RuleInput &In, const RuleOptions &Opts)
      : In(In), Opts(Opts), L(*In.Layout) {}

  RuleOutput run();
  std::vector<Finding> cyclesOf(const std::vector<LockEdge> &All);

private:
  const RuleInput &In;
  const RuleOptions &Opts;
  const GfpLayout &L;

  std::map<std::string, Witness> ReclaimAcquired;   ///< class -> inside reclaim
  std::map<std::string, Witness> FsReclaimAcquired; ///< class -> inside fs_reclaim
  std::map<std::pair<std::string, std::string>, Witness> Edges;
  std::vector<Witness> AllocUnderLock;
  std::map<std::string, Finding> Found;
  /// Set while reporting findings made of several witnesses (cycles): the
  /// path-sensitive mode keeps them as they are.
  bool Uncheckable = false;

  void visit(const Effect &E, const Enclosing &U);
  void keep(std::map<std::string, Witness> &M, const std::string &K,
            const Witness &W) {
    auto It = M.find(K);
    if (It == M.end() || W.betterThan(It->second))
      M[K] = W;
  }

  /// The first value of an allocation's mask, after scopes, that can enter
  /// direct reclaim (and, if FsOnly, fs reclaim).
  /// Sleeping is decided by the mask alone (might_alloc() warns under
  /// PF_MEMALLOC too); entering reclaim also needs no PF_MEMALLOC.
  const MaskSource *sleepValue(const Effect &E, uint64_t &Effective) const {
    if (E.Kind != EffectKind::Alloc)
      return nullptr;
    for (const MaskSource &V : E.M.Values) {
      uint64_t M = V.Value & ~E.M.Clear;
      if (L.reclaimCapable(M)) {
        Effective = M;
        return &V;
      }
    }
    return nullptr;
  }

  const MaskSource *reclaimValue(const Effect &E, bool FsOnly,
                                 uint64_t &Effective) const {
    if (E.Kind != EffectKind::Alloc || E.M.NoReclaim)
      return nullptr;
    for (const MaskSource &V : E.M.Values) {
      uint64_t M = V.Value & ~E.M.Clear;
      if (FsOnly ? L.entersFsReclaim(M) : L.reclaimCapable(M)) {
        Effective = M;
        return &V;
      }
    }
    return nullptr;
  }

  std::string leafText(const Effect &E, uint64_t Mask) const {
    switch (E.Kind) {
    case EffectKind::Alloc:
      return quoted(E.What) + " with " + L.describe(Mask);
    case EffectKind::Block:
      return quoted(E.What);
    case EffectKind::Acquire:
      return "acquiring " + flavorNoun(E.Fl).str() + " " + quoted(E.Lock.name());
    case EffectKind::Requires:
      return "calling " + quoted(E.What);
    }
    return quoted(E.What);
  }

  std::string reclaimPhrase(uint64_t Mask) const {
    if (!L.mayInvokeOom(Mask))
      return "may enter direct reclaim (it does not invoke the OOM killer "
             "itself: " + L.oomOptOut(Mask).str() + ")";
    // out_of_memory() runs the notifiers first, then kills no task for an
    // allocation without __GFP_FS.
    if (!(Mask & L.FS))
      return "may enter direct reclaim and the OOM path (without __GFP_FS "
             "it runs the OOM notifiers but kills no task)";
    return "may enter direct reclaim and invoke the OOM killer";
  }

  /// Origin note, then the calls from the context's function to the leaf.
  void chainNotes(std::vector<Step> &Notes, const Effect &E,
                  const Enclosing &U) const {
    Notes.push_back({U.Ctx.Origin, originText(U.Ctx)});
    for (Step &S : E.Chain.suffix(U.ChainLen))
      Notes.push_back(std::move(S));
  }

  /// Where the mask came from when not written at the leaf, and the scope
  /// that changed it, if one did.
  void maskNote(std::vector<Step> &Notes, const Effect &E, const MaskSource *V,
                uint64_t Effective) const {
    if (!V)
      return;
    if (!V->AtLeaf && V->Where.valid())
      Notes.push_back({V->Where, L.describe(V->Value) + " passed here"});
    if (Effective != V->Value && E.M.ScopeAt.valid())
      Notes.push_back({E.M.ScopeAt, E.M.ScopeVia.str() +
                                        " scope begins here: the mask becomes " +
                                        L.describe(Effective)});
  }

  /// The path-sensitive mode's question for a witness: the call site in
  /// the context's function that leads to the leaf (or the leaf itself).
  PathQuery queryFor(const Effect &E, const Enclosing &U,
                     uint64_t NeedBits) const {
    PathQuery Q;
    const Context &C = U.Ctx;
    Q.WholeFunction = C.Kind == CtxKind::Entry ||
                      C.Kind == CtxKind::NeverSleeps || C.Implicit;
    Q.NeedBits = E.Kind == EffectKind::Alloc ? NeedBits : 0;
    PathQuery::Site S;
    if (U.ChainLen == 0 || U.ChainLen > E.Chain.size()) {
      S.At = E.Leaf;
      S.MaskArg = E.Kind == EffectKind::Alloc ? E.LeafMaskArg : -1;
      Q.Checkable = U.ChainLen == 0;
    } else {
      Chain::StepInfo Info = E.Chain.stepFromEnd(U.ChainLen);
      S.At = Info.Where;
      S.MaskArg = Info.MaskArg;
      Q.Checkable = !Info.Merged;
    }
    if (!Q.NeedBits)
      S.MaskArg = -1;
    Q.Checkable &= S.At.valid() && C.Origin.valid();
    if (Q.Checkable)
      Q.Sites.push_back(S);
    return Q;
  }

  void report(Rule R, const Effect &E, const Enclosing &U, std::string Message,
              std::vector<Step> Notes, std::string Fix, uint64_t NeedBits = 0) {
    if (!Opts.enabled(R))
      return;
    if (!Fix.empty())
      Notes.push_back({E.Leaf, std::move(Fix)});
    Finding F{R, E.Leaf, std::move(Message), std::move(Notes), U.Ctx.Origin,
              queryFor(E, U, NeedBits)};
    if (Uncheckable)
      F.Query = PathQuery();
    std::string K = ruleId(R).str() + "|" + E.Leaf.File + ":" +
                    std::to_string(E.Leaf.Line) + ":" +
                    std::to_string(E.Leaf.Col) + "|" + U.Ctx.Origin.File + ":" +
                    std::to_string(U.Ctx.Origin.Line) + ":" +
                    std::to_string(U.Ctx.Origin.Col);
    auto It = Found.find(K);
    if (It != Found.end()) {
      // One finding, several witnesses: any of them may be the feasible one.
      PathQuery Q = It->second.Query;
      Q.merge(F.Query);
      if (It->second.Notes.size() <= F.Notes.size()) {
        It->second.Query = std::move(Q);
        return;
      }
      F.Query = std::move(Q);
    }
    Found[K] = std::move(F);
  }

  void reportBlocking(Rule R, const Effect &E, const Enclosing &U,
                      const std::string &Why);
  void resolveReclaimUnderLock();
  void resolveCycles();
};

} // namespace

void RuleEngine::reportBlocking(Rule R, const Effect &E, const Enclosing &U,
                                const std::string &Why) {
  uint64_t Mask = 0;
  const MaskSource *V = sleepValue(E, Mask);
  if (!E.blocking() && !V)
    return;
  std::vector<Step> Notes;
  chainNotes(Notes, E, U);
  maskNote(Notes, E, V, Mask);
  std::string Fix;
  if (R == Rule::BlockInNonblock) {
    Fix = E.Kind == EffectKind::Acquire
              ? "use the trylock variant and return -EAGAIN when it fails"
          : V ? "use GFP_NOWAIT here, or move the allocation out of the "
                "non-blocking region"
              : "move the call out of the non-blocking region";
  } else if (R == Rule::Contract) {
    Fix = "remove the sleeping call from this path, or drop the promise";
  } else {
    Fix = V ? "use GFP_ATOMIC or GFP_NOWAIT here, or allocate before the "
              "atomic section begins"
          : E.Kind == EffectKind::Acquire
              ? "take the sleeping lock before the atomic section begins"
              : "move the call out of the atomic section";
  }
  report(R, E, U, leafText(E, Mask) + " may sleep" + Why, std::move(Notes),
         std::move(Fix), V ? L.DirectReclaim : 0);
}

void RuleEngine::visit(const Effect &E, const Enclosing &U) {
  const Context &C = U.Ctx;
  if (E.Kind == EffectKind::Requires) {
    if (C.Kind == CtxKind::Lock && C.Lock.concrete() && E.Lock.concrete() &&
        C.Lock.Class == E.Lock.Class) {
      std::vector<Step> Notes;
      chainNotes(Notes, E, U);
      Notes.push_back({E.PromiseAt, quoted(E.What) +
                                        " is declared must-not-hold " +
                                        quoted(E.Lock.Class) + " here"});
      report(Rule::Contract, E, U,
             "calling " + quoted(E.What) + " while " + flavorNoun(C.Fl).str() +
                 " " + quoted(C.Lock.Class) + " is held, but " +
                 quoted(E.What) + " is declared must-not-hold " +
                 quoted(E.Lock.Class),
             std::move(Notes),
             "release " + quoted(C.Lock.Class) + " before the call");
    }
    return;
  }
  bool ConcreteAcquire = E.Kind == EffectKind::Acquire && E.Lock.concrete();
  if (C.atomic())
    reportBlocking(Rule::SleepInAtomic, E, U,
                   " in atomic context: " + atomicPhrase(C));
  if (C.nonBlocking())
    reportBlocking(Rule::BlockInNonblock, E, U,
                   C.Kind == CtxKind::Entry
                       ? " in " + quoted(C.Entry) + ", which must not block"
                       : " in a non-blocking region (after non_block_start())");
  if (C.Kind == CtxKind::NeverSleeps)
    reportBlocking(Rule::Contract, E, U,
                   ", but " + quoted(C.Entry) + " is declared never to sleep");

  if (C.Kind == CtxKind::Entry &&
      (C.Fl == Flavor::OomNotifier || C.Fl == Flavor::Shrinker)) {
    if (ConcreteAcquire)
      keep(ReclaimAcquired, E.Lock.Class, {&E, U});
    uint64_t Mask = 0;
    // Shrinkers run with PF_MEMALLOC: their allocations do not recurse.
    if (C.Fl == Flavor::OomNotifier)
      if (const MaskSource *V = reclaimValue(E, false, Mask)) {
        std::vector<Step> Notes;
        chainNotes(Notes, E, U);
        maskNote(Notes, E, V, Mask);
        report(Rule::ReclaimInReclaim, E, U,
               leafText(E, Mask) + " " + reclaimPhrase(Mask) +
                   " from inside the OOM notifier " + quoted(C.Entry) +
                   ": reclaim recursion on the OOM path",
               std::move(Notes),
               "use GFP_NOWAIT on paths reachable from the OOM notifier, or "
               "allocate in advance",
               L.DirectReclaim);
      }
    return;
  }
  if (C.Kind == CtxKind::FsReclaim) {
    if (ConcreteAcquire)
      keep(FsReclaimAcquired, E.Lock.Class, {&E, U});
    uint64_t Mask = 0;
    if (const MaskSource *V = reclaimValue(E, true, Mask)) {
      std::vector<Step> Notes;
      chainNotes(Notes, E, U);
      maskNote(Notes, E, V, Mask);
      report(Rule::ReclaimInReclaim, E, U,
             leafText(E, Mask) +
                 " may enter fs reclaim inside an fs_reclaim section: reclaim "
                 "recursion",
             std::move(Notes),
             "use GFP_NOFS here, or memalloc_nofs_save() around the section",
             L.DirectReclaim | L.FS);
    }
    return;
  }
  if (C.Kind != CtxKind::Lock || !C.Lock.concrete())
    return;
  if (ConcreteAcquire) {
    std::string From = lockClassKey(C), To = lockClassKey(E);
    if (From == To) {
      if (!C.Recursive && !E.Recursive) {
        std::vector<Step> Notes;
        chainNotes(Notes, E, U);
        report(Rule::LockOrder, E, U,
               "acquiring " + flavorNoun(E.Fl).str() + " " +
                   lockDisplay(E.Lock.Class, E.Subclass) +
                   " while it is already held: possible recursive locking",
               std::move(Notes),
               "if these are different objects of one class, take the inner "
               "one with the _nested() variant and a subclass");
      }
    } else {
      auto Key = std::make_pair(From, To);
      Witness W{&E, U};
      auto It = Edges.find(Key);
      if (It == Edges.end() || W.betterThan(It->second))
        Edges[Key] = W;
    }
  }
  uint64_t Mask = 0;
  if (reclaimValue(E, false, Mask))
    AllocUnderLock.push_back({&E, U});
}

void RuleEngine::resolveReclaimUnderLock() {
  for (const Witness &W : AllocUnderLock) {
    const Effect &E = *W.E;
    const Context &C = W.U.Ctx;
    uint64_t Mask = 0, FsMask = 0;
    const MaskSource *V = reclaimValue(E, false, Mask);
    const MaskSource *FsV = reclaimValue(E, true, FsMask);
    const Witness *Other = nullptr;
    bool ViaFs = false;
    auto It = ReclaimAcquired.find(C.Lock.Class);
    if (It != ReclaimAcquired.end()) {
      Other = &It->second;
    } else if (FsV) {
      auto Fs = FsReclaimAcquired.find(C.Lock.Class);
      if (Fs != FsReclaimAcquired.end()) {
        Other = &Fs->second;
        ViaFs = true;
        V = FsV;
        Mask = FsMask;
      }
    }
    if (!Other)
      continue;
    std::vector<Step> Notes;
    chainNotes(Notes, E, W.U);
    maskNote(Notes, E, V, Mask);
    // The other half: reclaim entry -> ... -> where it takes the lock.
    const Context &OC = Other->U.Ctx;
    chainNotes(Notes, *Other->E, Other->U);
    Notes.push_back({Other->E->Leaf,
                     flavorNoun(Other->E->Fl).str() + " " +
                         quoted(Other->E->Lock.Class) + " acquired here, " +
                         (ViaFs ? "inside fs_reclaim" : "inside reclaim")});
    std::string Who =
        ViaFs ? std::string("fs reclaim")
              : (OC.Fl == Flavor::Shrinker ? "the shrinker " : "the OOM notifier ") +
                    quoted(OC.Entry);
    report(Rule::ReclaimUnderLock, E, W.U,
           leafText(E, Mask) + " " +
               (ViaFs ? std::string("may enter fs reclaim") : reclaimPhrase(Mask)) +
               " while " + flavorNoun(C.Fl).str() + " " + quoted(C.Lock.Class) +
               " is held, and " + Who + " acquires " + quoted(C.Lock.Class) +
               ": possible deadlock",
           std::move(Notes),
           "allocate before acquiring " + quoted(C.Lock.Class) +
               ", or use GFP_NOWAIT while it is held",
           ViaFs ? L.DirectReclaim | L.FS : L.DirectReclaim);
  }
}

void RuleEngine::resolveCycles() {
  std::map<std::string, std::vector<std::string>> Succ;
  for (const auto &[Key, W] : Edges)
    Succ[Key.first].push_back(Key.second);
  std::set<std::vector<std::string>> Seen;
  for (const auto &[Start, Unused] : Succ) {
    // Shortest path Start -> ... -> Start.
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
    std::vector<std::string> Cycle; // Start, ..., last (last -> Start closes)
    for (std::string N = Parent[Start]; N != Start; N = Parent[N])
      Cycle.push_back(N);
    Cycle.push_back(Start);
    std::reverse(Cycle.begin(), Cycle.end());
    // Canonical rotation: from the smallest class.
    auto Min = std::min_element(Cycle.begin(), Cycle.end());
    std::rotate(Cycle.begin(), Min, Cycle.end());
    if (!Seen.insert(Cycle).second)
      continue;
    size_t N = Cycle.size();
    const Witness &Closing = Edges.at({Cycle[N - 1], Cycle[0]});
    std::vector<Step> Notes;
    chainNotes(Notes, *Closing.E, Closing.U);
    std::string Order;
    for (size_t I = 0; I < N; ++I)
      Order += keyDisplay(Cycle[I]) + " -> ";
    Order += keyDisplay(Cycle[0]);
    for (size_t I = 0; I + 1 < N; ++I) {
      const Witness &W = Edges.at({Cycle[I], Cycle[I + 1]});
      chainNotes(Notes, *W.E, W.U);
      Notes.push_back({W.E->Leaf, flavorNoun(W.E->Fl).str() + " " +
                                      keyDisplay(Cycle[I + 1]) +
                                      " acquired here while " +
                                      keyDisplay(Cycle[I]) + " is held"});
    }
    Uncheckable = true;
    report(Rule::LockOrder, *Closing.E, Closing.U,
           "acquiring " + flavorNoun(Closing.E->Fl).str() + " " +
               keyDisplay(Cycle[0]) + " while holding " + keyDisplay(Cycle[N - 1]) +
               " closes the lock-order cycle " + Order + ": possible deadlock",
           std::move(Notes), "take these locks in one order everywhere");
    Uncheckable = false;
  }
}

RuleOutput RuleEngine::run() {
  for (const Summary *S : In.Functions)
    for (const Check &C : S->Checks)
      visit(*C.E, C.U);
  for (const EntrySummary &ES : In.Entries)
    for (const Effect &E : ES.S->Effects)
      visit(E, Enclosing{ES.Ctx, unsigned(E.Chain.size())});
  RuleOutput Out;
  // What this unit exports is its own; other units' acquisitions then join.
  for (const auto &[Class, W] : ReclaimAcquired)
    Out.Reclaim.push_back({false, *W.E, W.U});
  for (const auto &[Class, W] : FsReclaimAcquired)
    Out.Reclaim.push_back({true, *W.E, W.U});
  for (const auto &[Key, W] : Edges)
    Out.Edges.push_back({Key.first, Key.second, *W.E, W.U});
  if (In.ExternalEdges)
    for (const LockEdge &E : *In.ExternalEdges) {
      Witness W{&E.Acquire, E.Held};
      auto Key = std::make_pair(E.From, E.To);
      auto It = Edges.find(Key);
      if (It == Edges.end() || W.betterThan(It->second))
        Edges[Key] = W;
    }
  if (In.ExternalReclaim)
    for (const ReclaimAcquisition &R : *In.ExternalReclaim)
      if (R.Acquire.Lock.concrete())
        keep(R.FsReclaim ? FsReclaimAcquired : ReclaimAcquired,
             R.Acquire.Lock.Class.str(), {&R.Acquire, R.Inside});
  resolveReclaimUnderLock();
  resolveCycles();
  for (auto &[K, F] : Found)
    Out.Findings.push_back(std::move(F));
  sortFindings(Out.Findings);
  return Out;
}

RuleOutput gfpdep::runRules(const RuleInput &In, const RuleOptions &Opts) {
  return RuleEngine(In, Opts).run();
}

std::vector<Finding> RuleEngine::cyclesOf(const std::vector<LockEdge> &All) {
  for (const LockEdge &E : All) {
    Witness W{&E.Acquire, E.Held};
    auto Key = std::make_pair(E.From, E.To);
    auto It = Edges.find(Key);
    if (It == Edges.end() || W.betterThan(It->second))
      Edges[Key] = W;
  }
  resolveCycles();
  std::vector<Finding> Out;
  for (auto &[K, F] : Found)
    Out.push_back(std::move(F));
  sortFindings(Out);
  return Out;
}

std::vector<Finding> gfpdep::lockOrderCycles(const std::vector<LockEdge> &Edges,
                                             const RuleOptions &Opts) {
  RuleInput In;
  GfpLayout L = GfpLayout::linuxDefault();
  In.Layout = &L;
  return RuleEngine(In, Opts).cyclesOf(Edges);
}
