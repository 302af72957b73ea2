//===- Dataflow.cpp - one function's facts -> its summary -----------------===//
///
/// \file
/// The state at a program point: the contexts this function began (with
/// whether every path holds them, and the condition they are guarded by when
/// only some paths do), the entry contexts it has ended (a caller's lock this
/// function releases, perhaps to take it again), the truth of correlated
/// conditions, what tracked locals hold (a lock pointer, a call's result, a
/// constant), and the conditional acquisitions waiting for a branch on their
/// result (trylocks, may-fail locks, conditional acquirers).
//===----------------------------------------------------------------------===//

#include "link/Dataflow.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <deque>
#include <optional>
#include <set>

using namespace gfpdep;

bool Ctx::atomic() const {
  switch (Key.Kind) {
  case CtxKind::Lock:
    return isSpinningLock(LockFl);
  case CtxKind::Section:
  case CtxKind::Entry:
    return Key.Fl == Flavor::IrqOff || Key.Fl == Flavor::PreemptOff ||
           Key.Fl == Flavor::RcuRead || Key.Fl == Flavor::BhOff ||
           Key.Fl == Flavor::HardIrq || Key.Fl == Flavor::Timer ||
           Key.Fl == Flavor::Tasklet || Key.Fl == Flavor::RcuCallback ||
           Key.Fl == Flavor::NapiPoll;
  default:
    return false;
  }
}

bool Ctx::nonBlocking() const {
  return (Key.Kind == CtxKind::Section || Key.Kind == CtxKind::Entry) &&
         Key.Fl == Flavor::NonBlock;
}

bool Effect::open() const {
  if (Kind == EffectKind::Alloc)
    for (const MaskTerm &T : M.V.Terms)
      if (T.K == MaskTerm::Param)
        return true;
  if ((Kind == EffectKind::Acquire || Kind == EffectKind::Requires ||
       Kind == EffectKind::Wait || Kind == EffectKind::Signal) &&
      Lock.K == LockVal::Param)
    return true;
  if (SubclassParam != NoIndex || !ParamTruths.empty() || !MaskGuards.empty() ||
      !FieldTruths.empty() || !FnGuards.empty())
    return true;
  for (const Under &U : Around)
    if (U.C.GuardParam >= 0)
      return true;
  return false;
}

static bool sameCtxForSummary(const Ctx &A, const Ctx &B) {
  return A.Key == B.Key && A.LockFl == B.LockFl && A.Origin == B.Origin &&
         A.Begun == B.Begun && A.SubclassParam == B.SubclassParam;
}

bool Transfer::operator==(const Transfer &O) const {
  auto SameNet = [](llvm::ArrayRef<NetCtx> A, llvm::ArrayRef<NetCtx> B) {
    if (A.size() != B.size())
      return false;
    for (size_t I = 0; I < A.size(); ++I)
      if (!sameCtxForSummary(A[I].C, B[I].C) || A[I].OnNonZero != B[I].OnNonZero ||
          A[I].FlagParam != B[I].FlagParam || A[I].ByResult != B[I].ByResult)
        return false;
    return true;
  };
  if (!SameNet(Acquires, O.Acquires) || !SameNet(CondAcquires, O.CondAcquires))
    return false;
  if (MayHeld != O.MayHeld || !SameNet(CondReleases, O.CondReleases))
    return false;
  if (Releases.size() != O.Releases.size())
    return false;
  for (size_t I = 0; I < Releases.size(); ++I)
    if (Releases[I].Key != O.Releases[I].Key)
      return false;
  if (MustTaken != O.MustTaken)
    return false;
  if (ReturnLock != O.ReturnLock || NoReturn != O.NoReturn)
    return false;
  if (ReturnMask.Terms.size() != O.ReturnMask.Terms.size())
    return false;
  return true;
}

namespace {

constexpr unsigned MaxDepth = 4;

uint64_t localAtom(uint32_t Local) { return (uint64_t(1) << 62) | Local; }
/// The value a parameter's pointee had at entry ("*locked"): tested before
/// anything on the path changed it, it is what the caller's flag says,
/// whatever is stored there later.
uint64_t entryAtom(uint32_t Local) {
  return (uint64_t(1) << 62) | (uint64_t(1) << 61) | Local;
}
/// The truth of call Call's result, while no later execution replaces it.
uint64_t callAtom(uint32_t Call) { return (uint64_t(2) << 62) | Call; }

struct Fact {
  bool Value = false;
  int32_t Param = -1;
  uint64_t Bits = 0;
  /// The condition was parameter FieldParam's field Field ("rwc->try_lock").
  int32_t FieldParam = -1;
  Symbol Field;
  /// Param is a flags parameter the function widens (FnFacts::Widenings):
  /// mask guards carry the widenings; a context's guard does not use it.
  bool Widened = false;
  bool operator==(const Fact &O) const {
    return Value == O.Value && Param == O.Param && Bits == O.Bits &&
           FieldParam == O.FieldParam && Field == O.Field && Widened == O.Widened;
  }
  bool operator!=(const Fact &O) const { return !(*this == O); }
};

/// What a tracked local holds on this path.
struct LocalV {
  LockVal Lock;              ///< Named or Param
  /// The locks it holds on other paths to here: each path's lock is the
  /// one it took, so an unlock through it releases whichever was taken.
  llvm::SmallVector<LockVal, 1> Alt;
  uint32_t FromCall = NoIndex;
  bool HasInt = false;
  int64_t Int = 0;
  bool NonNull = false;
  bool operator==(const LocalV &O) const {
    return Lock == O.Lock && Alt == O.Alt && FromCall == O.FromCall &&
           HasInt == O.HasInt && Int == O.Int && NonNull == O.NonNull;
  }
};

struct Pending {
  uint32_t Call = 0;
  bool OnNonZero = true; ///< success when the result is non-zero
  bool Begun = false;    ///< begun at the call; ended again on failure
  Ctx C;
};

/// An entry context that is no longer in force: a caller's lock this
/// function released (perhaps to take it again), or any lock after its
/// release, whoever took it.
struct RelEntry {
  CtxKey Key;
  bool Must = true; ///< gone on every path to here
  bool Net = true;  ///< released for the caller: no acquisition of ours ended
  uint64_t GuardKey = 0;
  bool GuardValue = false;
};

template <typename K, typename V>
V *findIn(llvm::SmallVectorImpl<std::pair<K, V>> &Vec, const K &Key) {
  for (auto &[A, B] : Vec)
    if (A == Key)
      return &B;
  return nullptr;
}
template <typename K, typename V>
const V *findIn(const llvm::SmallVectorImpl<std::pair<K, V>> &Vec, const K &Key) {
  for (const auto &[A, B] : Vec)
    if (A == Key)
      return &B;
  return nullptr;
}

/// A fact that holds on the paths where atom If has value IfValue: what a
/// join keeps of a fact known on one side only, when the sides differ in If
/// ("slab_to_unfreeze" is set only where "drain" was true).
struct Implied {
  uint64_t If = 0;
  bool IfValue = false;
  uint64_t Atom = 0;
  Fact F;
  bool operator==(const Implied &O) const {
    return If == O.If && IfValue == O.IfValue && Atom == O.Atom && F == O.F;
  }
  bool operator<(const Implied &O) const {
    return std::tie(If, IfValue, Atom) < std::tie(O.If, O.IfValue, O.Atom);
  }
};

struct State {
  llvm::SmallVector<Ctx, 4> In;
  llvm::SmallVector<RelEntry, 2> Rel;
  llvm::SmallVector<std::pair<uint64_t, Fact>, 4> Known;
  llvm::SmallVector<Implied, 2> Imp;
  /// More conditions a held context implies than its guard: the context
  /// Key is held only where atom If has value IfValue (a lock taken where
  /// both "skip_updated" and "locked" were set; "if (locked)" decides it).
  struct AlsoGuard {
    CtxKey Key;
    uint64_t If = 0;
    bool IfValue = false;
    bool operator==(const AlsoGuard &O) const {
      return Key == O.Key && If == O.If && IfValue == O.IfValue;
    }
    bool operator<(const AlsoGuard &O) const {
      if (Key != O.Key)
        return Key < O.Key;
      return std::tie(If, IfValue) < std::tie(O.If, O.IfValue);
    }
  };
  llvm::SmallVector<AlsoGuard, 1> Also;
  /// Tracked locals changed on some path since entry (entryAtom()).
  llvm::SmallVector<uint32_t, 2> Dirty;
  llvm::SmallVector<std::pair<uint32_t, LocalV>, 4> Locals;
  llvm::SmallVector<Pending, 1> Pend;
  /// Lock classes taken on every path to here (a must-set, at most
  /// MaxTaken: dropping one only reports less).
  llvm::SmallVector<TakenLock, 1> Taken;
  bool Reached = false;

  Ctx *find(const CtxKey &K) {
    for (Ctx &C : In)
      if (C.Key == K)
        return &C;
    return nullptr;
  }
  RelEntry *rel(const CtxKey &K) {
    for (RelEntry &R : Rel)
      if (R.Key == K)
        return &R;
    return nullptr;
  }
  void setKnown(uint64_t K, Fact F) {
    if (Fact *Old = findIn(Known, K)) {
      *Old = F;
      return;
    }
    Known.push_back({K, F});
  }
  void forget(uint64_t K) {
    if ((K >> 61) == 2) { // a local's current value
      uint32_t L = uint32_t(K & 0xffffffffu);
      if (!llvm::is_contained(Dirty, L))
        Dirty.push_back(L);
    }
    llvm::erase_if(Known, [&](const auto &P) { return P.first == K; });
    llvm::erase_if(Imp, [&](const Implied &I) { return I.If == K || I.Atom == K; });
    llvm::erase_if(Also, [&](const AlsoGuard &G) { return G.If == K; });
  }
  /// Atom K now has value V: the facts implied by it hold, the others are
  /// moot.
  void learn(uint64_t K, bool V) {
    llvm::SmallVector<Implied, 2> Now;
    llvm::erase_if(Imp, [&](const Implied &I) {
      if (I.If != K)
        return false;
      if (I.IfValue == V)
        Now.push_back(I);
      return true;
    });
    for (const Implied &I : Now)
      if (!findIn(Known, I.Atom))
        Known.push_back({I.Atom, I.F});
    llvm::SmallVector<CtxKey, 1> Gone;
    llvm::erase_if(Also, [&](const AlsoGuard &G) {
      if (G.If != K)
        return false;
      if (G.IfValue != V)
        Gone.push_back(G.Key);
      return true;
    });
    for (const CtxKey &Key : Gone) {
      llvm::erase_if(In, [&](const Ctx &C) { return C.Key == Key; });
      llvm::erase_if(Also, [&](const AlsoGuard &G) { return G.Key == Key; });
    }
  }
  const LocalV *local(uint32_t L) const { return findIn(Locals, L); }

  bool operator==(const State &O) const {
    if (Reached != O.Reached || In.size() != O.In.size() ||
        Rel.size() != O.Rel.size() || Known.size() != O.Known.size() ||
        Locals.size() != O.Locals.size() || Pend.size() != O.Pend.size() ||
        Imp.size() != O.Imp.size() || Dirty != O.Dirty || Also != O.Also ||
        Taken != O.Taken)
      return false;
    for (size_t I = 0; I < Imp.size(); ++I)
      if (!(Imp[I] == O.Imp[I]))
        return false;
    for (size_t I = 0; I < In.size(); ++I) {
      const Ctx &A = In[I], &B = O.In[I];
      if (A.Key != B.Key || A.Depth != B.Depth || A.Must != B.Must ||
          A.Begun != B.Begun || A.GuardKey != B.GuardKey ||
          A.GuardValue != B.GuardValue)
        return false;
    }
    for (size_t I = 0; I < Rel.size(); ++I)
      if (Rel[I].Key != O.Rel[I].Key || Rel[I].Must != O.Rel[I].Must ||
          Rel[I].Net != O.Rel[I].Net || Rel[I].GuardKey != O.Rel[I].GuardKey)
        return false;
    for (size_t I = 0; I < Known.size(); ++I)
      if (Known[I] != O.Known[I])
        return false;
    for (size_t I = 0; I < Locals.size(); ++I)
      if (Locals[I].first != O.Locals[I].first || !(Locals[I].second == O.Locals[I].second))
        return false;
    for (size_t I = 0; I < Pend.size(); ++I)
      if (Pend[I].Call != O.Pend[I].Call || Pend[I].C.Key != O.Pend[I].C.Key)
        return false;
    return true;
  }

  void normalise() {
    llvm::sort(In, [](const Ctx &A, const Ctx &B) { return A.Key < B.Key; });
    llvm::sort(Rel, [](const RelEntry &A, const RelEntry &B) { return A.Key < B.Key; });
    llvm::sort(Known, [](const auto &A, const auto &B) { return A.first < B.first; });
    llvm::sort(Imp);
    llvm::sort(Dirty);
    llvm::sort(Also);
    llvm::sort(Taken);
    llvm::sort(Locals, [](const auto &A, const auto &B) { return A.first < B.first; });
    llvm::sort(Pend, [](const Pending &A, const Pending &B) {
      return std::tie(A.Call, A.C.Key) < std::tie(B.Call, B.C.Key);
    });
  }

  /// A condition whose value differs between this state and O.
  static uint64_t splitBy(const State &A, const State &B) {
    for (const auto &[K, V] : A.Known)
      if (const Fact *F = findIn(B.Known, K))
        if (F->Value != V.Value)
          return K;
    return 0;
  }
  /// A local known to be zero in B and not known in A: on A it is presumed
  /// non-zero (a pointer that is set exactly when a lock is held).
  static uint64_t nullSplit(const State &A, const State &B) {
    for (const auto &[K, V] : B.Known)
      if ((K >> 62) == 1 && !V.Value && !findIn(A.Known, K))
        return K;
    return 0;
  }

  void join(const State &O) {
    if (!O.Reached)
      return;
    if (!Reached) {
      *this = O;
      return;
    }
    uint64_t Split = splitBy(*this, O);
    llvm::erase_if(Taken, [&](const TakenLock &T) { return !llvm::is_contained(O.Taken, T); });
    // Further guards: those the other side agrees with, those of contexts
    // the other side lacks, and for a context on one side only every
    // condition the sides disagree on.
    {
      constexpr size_t MaxAlso = 8;
      auto HasCtx = [](const State &Side, const CtxKey &K) {
        return llvm::any_of(Side.In, [&](const Ctx &C) { return C.Key == K; });
      };
      auto HoldsOn = [&](const State &Side, const AlsoGuard &G) {
        if (!HasCtx(Side, G.Key) || llvm::is_contained(Side.Also, G))
          return true;
        const Fact *F = findIn(Side.Known, G.If);
        return F && F->Value == G.IfValue;
      };
      llvm::SmallVector<AlsoGuard, 1> NewAlso;
      for (const AlsoGuard &G : Also)
        if (HoldsOn(O, G))
          NewAlso.push_back(G);
      for (const AlsoGuard &G : O.Also)
        if (!llvm::is_contained(NewAlso, G) && HoldsOn(*this, G))
          NewAlso.push_back(G);
      auto OneSided = [&](const State &Mine, const State &Other) {
        for (const Ctx &C : Mine.In) {
          if (HasCtx(Other, C.Key))
            continue;
          for (const auto &[X, XV] : Mine.Known) {
            const Fact *OX = findIn(Other.Known, X);
            if (!OX || OX->Value == XV.Value || NewAlso.size() >= MaxAlso)
              continue;
            AlsoGuard G{C.Key, X, XV.Value};
            if (!llvm::is_contained(NewAlso, G))
              NewAlso.push_back(G);
          }
          // A local the other side set to zero and this side left unknown:
          // presumed non-zero here, as nullSplit() presumes ("if
          // (!spin_trylock(&pcp->lock)) pcp = NULL;" then "if (!pcp)").
          for (const auto &[X, OV] : Other.Known) {
            if ((X >> 62) != 1 || OV.Value || findIn(Mine.Known, X) ||
                NewAlso.size() >= MaxAlso)
              continue;
            AlsoGuard G{C.Key, X, true};
            if (!llvm::is_contained(NewAlso, G))
              NewAlso.push_back(G);
          }
        }
      };
      OneSided(*this, O);
      OneSided(O, *this);
      Also = std::move(NewAlso);
    }
    // Guards for contexts on one side only.
    auto GuardFor = [&](const State &Mine, const State &Other, uint64_t &Key,
                        bool &Value, int32_t &Param, uint64_t &Bits) {
      if (Split) {
        const Fact *F = findIn(Mine.Known, Split);
        Key = Split;
        Value = F->Value;
        Param = F->Widened ? -1 : F->Param;
        Bits = F->Widened ? 0 : F->Bits;
        return true;
      }
      if (uint64_t N = nullSplit(Mine, Other)) {
        Key = N;
        Value = true;
        Param = -1;
        Bits = 0;
        return true;
      }
      return false;
    };
    // A guarded entry (a context, a release) on one side only, where the
    // other side knows its guard false: "only where the guard holds" is
    // true of both sides.
    auto GuardFails = [](const State &Side, uint64_t Key, bool Value) {
      const Fact *F = Key ? findIn(Side.Known, Key) : nullptr;
      return F && F->Value != Value;
    };
    for (Ctx &C : In)
      if (!const_cast<State &>(O).find(C.Key)) {
        if (!C.GuardKey &&
            GuardFor(*this, O, C.GuardKey, C.GuardValue, C.GuardParam, C.GuardBits))
          continue;
        if (GuardFails(O, C.GuardKey, C.GuardValue))
          continue;
        C.Must = false;
      }
    for (const Ctx &OC : O.In) {
      Ctx *Mine = find(OC.Key);
      if (!Mine) {
        Ctx G = OC;
        if (!G.GuardKey &&
            !GuardFor(O, *this, G.GuardKey, G.GuardValue, G.GuardParam, G.GuardBits))
          G.Must = false;
        In.push_back(G);
        continue;
      }
      Mine->Depth = std::max(Mine->Depth, OC.Depth);
      Mine->Must = Mine->Must && OC.Must;
      if (OC.Begun < Mine->Begun) {
        uint64_t GK = Mine->GuardKey;
        bool GV = Mine->GuardValue;
        bool Must = Mine->Must;
        uint8_t D = Mine->Depth;
        *Mine = OC;
        Mine->GuardKey = GK;
        Mine->GuardValue = GV;
        Mine->Must = Must;
        Mine->Depth = D;
      }
      if (Mine->GuardKey != OC.GuardKey || Mine->GuardValue != OC.GuardValue) {
        // Guarded on one side, unguarded on the other where the guard's
        // condition is known to hold: still guarded (the fixpoint joins a
        // guarded context with a new path that satisfies its guard).
        auto Holds = [](const State &Side, uint64_t Key, bool Value) {
          const Fact *F = findIn(Side.Known, Key);
          return F && F->Value == Value;
        };
        if (Mine->GuardKey && !OC.GuardKey && Holds(O, Mine->GuardKey, Mine->GuardValue)) {
          // keep Mine's guard
        } else if (!Mine->GuardKey && OC.GuardKey &&
                   Holds(*this, OC.GuardKey, OC.GuardValue)) {
          Mine->GuardKey = OC.GuardKey;
          Mine->GuardValue = OC.GuardValue;
          Mine->GuardParam = OC.GuardParam;
          Mine->GuardBits = OC.GuardBits;
        } else {
          if (Mine->GuardKey || OC.GuardKey)
            Mine->Must = false;
          Mine->GuardKey = 0;
          Mine->GuardParam = -1;
        }
      }
    }
    // Released entry contexts: on every path, or some.
    for (RelEntry &R : Rel)
      if (!const_cast<State &>(O).rel(R.Key)) {
        uint64_t K;
        bool V;
        int32_t P;
        uint64_t B;
        if (!R.GuardKey && GuardFor(*this, O, K, V, P, B)) {
          R.GuardKey = K;
          R.GuardValue = V;
          continue;
        }
        if (GuardFails(O, R.GuardKey, R.GuardValue))
          continue;
        R.Must = false;
        R.Net = false;
      }
    for (const RelEntry &OR : O.Rel) {
      RelEntry *Mine = rel(OR.Key);
      if (!Mine) {
        RelEntry G = OR;
        uint64_t K;
        bool V;
        int32_t P;
        uint64_t B;
        if (!G.GuardKey && GuardFor(O, *this, K, V, P, B)) {
          G.GuardKey = K;
          G.GuardValue = V;
        } else if (GuardFails(*this, G.GuardKey, G.GuardValue)) {
          // kept as it is
        } else {
          G.Must = false;
          G.Net = false;
        }
        Rel.push_back(G);
        continue;
      }
      Mine->Must = Mine->Must && OR.Must;
      Mine->Net = Mine->Net && OR.Net;
      if (Mine->GuardKey != OR.GuardKey) {
        const Fact *F = Mine->GuardKey ? findIn(O.Known, Mine->GuardKey) : nullptr;
        const Fact *G = OR.GuardKey ? findIn(Known, OR.GuardKey) : nullptr;
        if (Mine->GuardKey && !OR.GuardKey && F && F->Value == Mine->GuardValue) {
          // keep
        } else if (!Mine->GuardKey && OR.GuardKey && G && G->Value == OR.GuardValue) {
          Mine->GuardKey = OR.GuardKey;
          Mine->GuardValue = OR.GuardValue;
        } else {
          Mine->Must = Mine->Must && !Mine->GuardKey && !OR.GuardKey;
          Mine->GuardKey = 0;
        }
      }
    }
    // Implications: those both sides have, or that hold on the other side
    // because its condition is false there or its fact is known there.
    auto HoldsOn = [](const State &Side, const Implied &I) {
      if (llvm::is_contained(Side.Imp, I))
        return true;
      if (const Fact *C = findIn(Side.Known, I.If); C && C->Value != I.IfValue)
        return true;
      const Fact *A = findIn(Side.Known, I.Atom);
      return A && *A == I.F;
    };
    llvm::SmallVector<Implied, 2> NewImp;
    for (const Implied &I : Imp)
      if (HoldsOn(O, I))
        NewImp.push_back(I);
    for (const Implied &I : O.Imp)
      if (!llvm::is_contained(NewImp, I) && HoldsOn(*this, I))
        NewImp.push_back(I);
    // For each condition the sides disagree on, what each side knows holds
    // where the condition has that side's value ("slab_to_unfreeze" is set
    // only where "drain" was true): kept while the other side's knowledge
    // does not contradict it.
    constexpr size_t MaxImplied = 8;
    auto Keep = [&](const State &Mine, const State &Other) {
      for (const auto &[X, XV] : Mine.Known) {
        const Fact *OX = findIn(Other.Known, X);
        if (!OX || OX->Value == XV.Value)
          continue;
        for (const auto &[K, V] : Mine.Known) {
          if (K == X || NewImp.size() >= MaxImplied)
            continue;
          Implied I{X, XV.Value, K, V};
          if (!llvm::is_contained(NewImp, I))
            NewImp.push_back(I);
        }
      }
    };
    Keep(*this, O);
    Keep(O, *this);
    Imp = std::move(NewImp);
    for (uint32_t L : O.Dirty)
      if (!llvm::is_contained(Dirty, L))
        Dirty.push_back(L);
    // Facts both sides agree on survive.
    llvm::erase_if(Known, [&](const auto &P) {
      const Fact *F = findIn(O.Known, P.first);
      return !F || *F != P.second;
    });
    // A lock pointer assigned on one side only: the other side's is
    // indeterminate (an unlock through it would be undefined), so the
    // assigned one stands (pte_alloc_map_lock() sets ptl on the path that
    // locks).
    llvm::erase_if(Locals, [&](auto &P) {
      const LocalV *V = findIn(O.Locals, P.first);
      if (!V)
        return !P.second.Lock.known();
      if (*V == P.second)
        return false;
      // Lock pointers set on both sides: one that names no lock we know
      // stands for nothing we track (pmd_trans_huge_lock() from another
      // unit); two different locks are both candidates.
      LocalV &Mine = P.second;
      if (!Mine.Lock.known() && !V->Lock.known())
        return true;
      constexpr size_t MaxAlt = 4;
      if (!Mine.Lock.known()) {
        Mine.Lock = V->Lock;
        Mine.Alt = V->Alt;
      } else if (V->Lock.known()) {
        for (const LockVal &A : llvm::concat<const LockVal>(
                 llvm::ArrayRef<LockVal>(V->Lock), llvm::ArrayRef<LockVal>(V->Alt)))
          if (A != Mine.Lock && !llvm::is_contained(Mine.Alt, A) && Mine.Alt.size() < MaxAlt)
            Mine.Alt.push_back(A);
        llvm::sort(Mine.Alt);
      }
      if (Mine.FromCall != V->FromCall)
        Mine.FromCall = NoIndex;
      if (!(Mine.HasInt && V->HasInt && Mine.Int == V->Int))
        Mine.HasInt = false;
      Mine.NonNull = Mine.NonNull && V->NonNull;
      return false;
    });
    for (const auto &P : O.Locals)
      if (P.second.Lock.known() && !findIn(Locals, P.first))
        Locals.push_back(P);
    for (const Pending &P : O.Pend)
      if (llvm::none_of(Pend, [&](const Pending &Q) {
            return Q.Call == P.Call && Q.C.Key == P.C.Key;
          }))
        Pend.push_back(P);
    normalise();
  }
};

bool nameHas(llvm::StringRef Name, llvm::StringRef Part) { return Name.contains(Part); }

/// A condition with guard atom Key took value Value: the contexts (or
/// releases) guarded by the other value are not in force, those guarded by
/// this one now certainly are.
static void clearGuard(Ctx &C) {
  C.GuardKey = 0;
  C.GuardParam = -1;
}
static void clearGuard(RelEntry &R) { R.GuardKey = 0; }
template <typename Vec> static void settleGuards(Vec &V, uint64_t Key, bool Value) {
  for (auto It = V.begin(); It != V.end();) {
    if (It->GuardKey == Key) {
      if (It->GuardValue != Value) {
        It = V.erase(It);
        continue;
      }
      clearGuard(*It);
    }
    ++It;
  }
}

/// All of an effect but its chain: two effects with one key give the same
/// findings, apart from the chain shown.
static std::string effectKey(const Effect &E, llvm::ArrayRef<CtxKey> Released) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  auto L = [&](const Loc &X) { OS << X.File << ":" << X.Line << ":" << X.Col << ","; };
  auto Lk = [&](const LockVal &V) { OS << unsigned(V.K) << "/" << V.Index << "/" << V.Class << ","; };
  auto K = [&](const CtxKey &X) {
    OS << unsigned(X.Kind) << "/" << unsigned(X.Fl) << "/";
    Lk(X.Lock);
    OS << X.Subclass << "/" << X.Entry << ",";
  };
  OS << unsigned(E.Kind) << ",";
  L(E.Leaf);
  OS << E.What << "," << E.LeafMaskArg << ",";
  for (const MaskTerm &T : E.M.V.Terms) {
    OS << "t" << unsigned(T.K) << "/" << T.Bits << "/" << T.Index << "/" << T.Field << "/"
       << T.AtLeaf << "/";
    L(T.Where);
  }
  OS << E.M.V.Clear << "," << E.M.NoReclaim << "," << E.M.ScopeVia << ",";
  L(E.M.ScopeAt);
  Lk(E.Lock);
  OS << unsigned(E.Fl) << "," << E.Subclass << "," << E.SubclassParam << "," << E.Recursive
     << E.Read << E.OwnIrqOff << E.OwnBhOff << E.FaultOnly << E.ProcessOnly << ",";
  L(E.PromiseAt);
  for (const Under &U : E.Around) {
    const Ctx &C = U.C;
    OS << "u";
    K(C.Key);
    OS << unsigned(C.LockFl) << C.Recursive << C.ByLock << "/" << C.SubclassParam << "/"
       << unsigned(C.Depth) << C.Must << C.Borrowed << C.Implicit << "/" << C.GuardKey << "/"
       << C.GuardValue << "/" << C.GuardParam << "/" << C.GuardBits << ",";
  }
  OS << E.ReleaseOf << ",";
  for (auto [P, V] : E.ParamTruths)
    OS << "p" << P << "=" << V << ",";
  for (const Effect::MaskGuard &G : E.MaskGuards)
    OS << "m" << G.Param << "/" << G.Bits << "=" << G.Value << ",";
  for (const TakenLock &TL : E.TakenBefore)
    OS << "t" << TL.Class << ",";
  for (const Effect::FnGuard &G : E.FnGuards)
    OS << "g" << G.Param << "=" << G.Fn << ",";
  for (const Effect::FieldTruth &T : E.FieldTruths)
    OS << "f" << T.Param << "." << T.Field << "=" << T.Value << ",";
  for (const CtxKey &R : Released) {
    OS << "r";
    K(R);
  }
  return S;
}

/// Keeps one of the effects with one key: the shortest chain, then the
/// first in chain order; the survivors in their recorded order.
template <typename T>
static void dedupEffects(std::vector<T> &V, const StepArena &Arena) {
  if (V.size() < 2)
    return;
  std::map<std::string, size_t> Best;
  for (size_t I = 0; I < V.size(); ++I) {
    auto [It, Inserted] = Best.try_emplace(effectKey(V[I].E, V[I].Released), I);
    if (!Inserted && Arena.before(V[I].E.Chain, V[It->second].E.Chain))
      It->second = I;
  }
  if (Best.size() == V.size())
    return;
  std::vector<bool> Keep(V.size(), false);
  for (const auto &[Key, I] : Best)
    Keep[I] = true;
  size_t Out = 0;
  for (size_t I = 0; I < V.size(); ++I)
    if (Keep[I])
      V[Out++] = std::move(V[I]);
  V.resize(Out);
}

class FunctionFlow {
public:
  FunctionFlow(const Program &P, StepArena &Arena, std::vector<FnResult> &Results,
               int32_t Self, const DataflowLimits &Limits)
      : P(P), Arena(Arena), Results(Results), Self(Self), F(*P.Functions[Self]),
        Out(Results[Self]), L(P.layout()), Limits(Limits) {}

  void run();

private:
  const Program &P;
  StepArena &Arena;
  std::vector<FnResult> &Results;
  int32_t Self;
  const FnFacts &F;
  FnResult &Out;
  const GfpLayout &L;
  const DataflowLimits &Limits;
  bool Recording = false;
  uint32_t Seq = 0;
  std::vector<llvm::SmallVector<Target, 2>> CallTargets;
  std::vector<bool> TargetsDone;
  /// Parameters never assigned: their truth on a path is the caller's.
  std::vector<bool> TruthParam;
  llvm::DenseMap<uint32_t, llvm::SmallVector<Ctx, 1>> BegunBy;
  llvm::DenseMap<uint32_t, llvm::SmallVector<Ctx, 1>> VarOwns;
  /// What a guard owned when it was moved into a by-value argument's guard
  /// (std::move(g)): the callee's parameter, which releases it at the
  /// callee's end; ended here at the call.
  llvm::DenseMap<uint32_t, llvm::SmallVector<Ctx, 1>> MovedOwns;
  struct Ret {
    State S;
    uint32_t Value = NoIndex;
  };
  std::vector<Ret> Returns;

  llvm::ArrayRef<Target> targets(uint32_t Call) {
    if (!TargetsDone[Call]) {
      P.targets(F, F.Calls[Call], CallTargets[Call]);
      TargetsDone[Call] = true;
    }
    return CallTargets[Call];
  }

  // --- transfer ---
  void block(const BlockFacts &B, State &S);
  void edge(const BlockFacts &B, unsigned SuccIdx, State &S);
  void call(uint32_t Id, State &S);
  void guard(uint32_t Id, const CallFacts &C, State &S);
  void applyRow(const ApiRow &Row, const Target &T, uint32_t Id, State &S);
  void applySummary(const FnResult &R, const Target &T, uint32_t Id, bool Single,
                    State &S);
  void assign(const ValueFacts &V, State &S);

  // --- state ---
  void begin(State &S, Ctx C, uint32_t By);
  void endKey(State &S, CtxKey K);
  void endLock(State &S, const LockVal &Lock);
  /// The unlock of what argument Arg of C names (Lock, resolved): through a
  /// lock pointer that holds one of several locks by the path, each.
  void releaseArg(State &S, const CallFacts &C, int Arg, const LockVal &Lock);
  /// A subclass taken from the callee's parameter SubParam, in this
  /// function's terms: a constant, this function's parameter, or run time.
  void substituteSubclass(uint32_t &Sub, uint32_t &SubParam, const CallFacts &C) const;
  void endSection(State &S, CtxKind K, Flavor Fl);
  void lockSection(State &S, llvm::StringRef RowName, bool Begin, const Loc &At,
                   Symbol Via);
  void killGuards(State &S, uint64_t Atom);
  uint64_t scopeClear(const State &S) const;
  void applyScopes(const State &S, EffMask &M) const;
  llvm::SmallVector<Under, 1> around(const State &S, uint32_t ChainLen) const;
  llvm::SmallVector<CtxKey, 1> released(const State &S) const;
  bool paramGuard(uint64_t Key) const;

  // --- values ---
  LockVal resolveLock(const LockVal &V, const State &S, unsigned Depth = 0);
  LockVal argLock(const CallFacts &C, int Arg, const State &S);
  /// A callee's lock in this function's terms: its parameter (or a field of
  /// it) becomes what this call passes.
  LockVal substituteLock(const LockVal &L, const CallFacts &C, const State &S);
  /// The slot for field Field of local Base here, or NoIndex.
  uint32_t slot(uint32_t Base, Symbol Field) const {
    auto It = SlotIndex.find({Base, Field});
    return It == SlotIndex.end() ? NoIndex : It->second;
  }
  std::map<std::pair<uint32_t, Symbol>, uint32_t> SlotIndex;
  std::vector<llvm::SmallVector<uint32_t, 1>> SlotsOf; ///< base local -> slots
  const ArgVal *arg(const CallFacts &C, int Arg) const {
    if (Arg == ObjectArg)
      return &C.Object;
    if (Arg < 0 || unsigned(Arg) >= C.Args.size())
      return nullptr;
    return &C.Args[Arg];
  }
  MaskVal resolveMask(const MaskVal &M, const State &S, unsigned Depth = 0);
  MaskVal argMask(const CallFacts &C, int Arg, const State &S);
  bool guardMayHold(Ctx &C, const CallFacts &Call, const State &S);

  // --- recording ---
  void record(Effect E, const State &S, llvm::SmallVector<CtxKey, 1> Released);
  /// E's parameter-truth guards in this function's terms; false when this
  /// call's arguments exclude it.
  bool mapParamTruths(Effect &E, const CallFacts &C, const State &S) const;
  bool mapMaskGuards(Effect &E, const CallFacts &C, const State &S);
  /// The function-pointer guards of a callee's effect in this function's
  /// terms: false when this call passes another function.
  bool mapFnGuards(Effect &E, const CallFacts &C) const;
  /// Set while a call through a function-pointer parameter applies one of
  /// its possible targets: every effect recorded then depends on it.
  llvm::SmallVector<Effect::FnGuard, 1> CallGuards;
  static void noteTaken(State &S, const TakenLock &T) {
    constexpr size_t MaxTaken = 8;
    if (!llvm::is_contained(S.Taken, T) && S.Taken.size() < MaxTaken) {
      S.Taken.push_back(T);
      llvm::sort(S.Taken);
    }
  }
  /// Facts a call's summary implies of its out-parameters, added once the
  /// call has forgotten what they held (the flag a conditional release
  /// sets: set exactly where the result says "released").
  llvm::SmallVector<Implied, 1> PostCall;
  /// What this function ors into flags parameter P (FnFacts::Widenings).
  llvm::SmallVector<FnFacts::Widening, 0> widenings(int32_t P) const {
    llvm::SmallVector<FnFacts::Widening, 0> R;
    for (const FnFacts::Widening &W : F.Widenings)
      if (int32_t(W.Param) == P)
        R.push_back(W);
    return R;
  }
  /// The record whose last reference a drop on this path found
  /// (refcount_dec_and_test() true), or none.
  Symbol releaseOf(const State &S);
  bool interesting(const Effect &E) const;
  void site(uint32_t Id, const State &S);
  void summarise();
  Ctx lockCtx(const LockVal &Lock, Flavor Fl, uint32_t Sub, uint32_t SubParam,
              bool Recursive, llvm::StringRef RowName, const Loc &At, Symbol Via) {
    Ctx C;
    C.Key.Kind = CtxKind::Lock;
    C.Key.Lock = Lock;
    C.Key.Subclass = Sub;
    C.SubclassParam = SubParam;
    C.LockFl = Fl;
    C.Recursive = Recursive;
    C.Begun = C.Origin = At;
    C.Via = Via;
    return C;
  }
};

// -----------------------------------------------------------------------------
// Values
// -----------------------------------------------------------------------------

LockVal FunctionFlow::resolveLock(const LockVal &V, const State &S, unsigned Depth) {
  switch (V.K) {
  case LockVal::None:
  case LockVal::Named:
  case LockVal::Param:
    return V;
  case LockVal::Local: {
    const LocalV *LV = S.local(V.Index);
    if (LV && LV->Lock.known())
      return LV->Lock;
    if (LV)
      return LockVal();
    if (V.Index < F.ParamNames.size())
      return LockVal::ofParam(V.Index);
    // A field of a parameter nothing here assigned: the caller's.
    if (V.Index < F.Locals.size()) {
      const LocalFacts &L = F.Locals[V.Index];
      if (L.Base != NoIndex && L.Base < F.ParamNames.size() && !S.local(L.Base)) {
        LockVal P = LockVal::ofParam(L.Base);
        P.Class = L.Field;
        return P;
      }
    }
    return LockVal();
  }
  case LockVal::Result: {
    if (Depth > 8 || V.Index >= F.Calls.size())
      return LockVal();
    llvm::ArrayRef<Target> Ts = targets(V.Index);
    if (Ts.size() != 1 || !Ts[0].Fn || !Results[Ts[0].Index].Analysed)
      return LockVal();
    const LockVal &R = Results[Ts[0].Index].T.ReturnLock;
    if (R.K == LockVal::Param)
      return argLock(F.Calls[V.Index], int(R.Index), S);
    return R;
  }
  }
  return LockVal();
}

LockVal FunctionFlow::argLock(const CallFacts &C, int Arg, const State &S) {
  const ArgVal *A = arg(C, Arg);
  if (!A)
    return LockVal();
  return resolveLock(A->Lock, S);
}

LockVal FunctionFlow::substituteLock(const LockVal &L, const CallFacts &C,
                                     const State &S) {
  if (L.K != LockVal::Param)
    return L;
  if (L.Class.empty())
    return argLock(C, int(L.Index), S);
  // Field L.Class of the callee's parameter: that field of what is passed.
  const ArgVal *A = arg(C, int(L.Index));
  if (!A || A->SelfLocal == NoIndex)
    return LockVal();
  uint32_t Sl = slot(A->SelfLocal, L.Class);
  if (Sl != NoIndex)
    return resolveLock(LockVal::ofLocal(Sl), S);
  if (A->SelfLocal < F.ParamNames.size() && !S.local(A->SelfLocal)) {
    LockVal P = LockVal::ofParam(A->SelfLocal);
    P.Class = L.Class;
    return P;
  }
  return LockVal();
}

MaskVal FunctionFlow::resolveMask(const MaskVal &M, const State &S, unsigned Depth) {
  MaskVal R;
  R.Clear = M.Clear;
  for (const MaskTerm &T : M.Terms) {
    switch (T.K) {
    case MaskTerm::Const:
    case MaskTerm::Param:
      R.Terms.push_back(T);
      break;
    case MaskTerm::FieldRead:
      // What the program stores into that field.
      if (const auto *Stores = P.maskStores(T.Field))
        for (const MaskStoreFacts &St : *Stores) {
          MaskTerm C;
          C.K = MaskTerm::Const;
          C.Bits = St.Value | T.Bits;
          C.Where = St.Where;
          R.Terms.push_back(C);
        }
      break;
    case MaskTerm::Result: {
      if (Depth > 8 || T.Index >= F.Calls.size())
        break;
      llvm::ArrayRef<Target> Ts = targets(T.Index);
      for (const Target &Tg : Ts) {
        if (!Tg.Fn || !Results[Tg.Index].Analysed)
          continue;
        const MaskVal &RM = Results[Tg.Index].T.ReturnMask;
        for (const MaskTerm &X : RM.Terms) {
          if (X.K == MaskTerm::Param) {
            MaskVal A = argMask(F.Calls[T.Index], int(X.Index), S);
            for (MaskTerm Y : A.Terms) {
              Y.Bits |= X.Bits | T.Bits;
              Y.AtLeaf = false;
              R.Terms.push_back(Y);
            }
            R.Clear |= A.Clear;
            continue;
          }
          MaskTerm Y = X;
          Y.Bits |= T.Bits;
          Y.AtLeaf = false;
          // Bits or-ed in by the caller: the mask is composed there.
          if (T.Bits & ~X.Bits)
            Y.Where = T.Where;
          R.Terms.push_back(Y);
        }
        R.Clear |= RM.Clear;
      }
      break;
    }
    }
    if (R.Terms.size() > 32)
      break;
  }
  return R;
}

MaskVal FunctionFlow::argMask(const CallFacts &C, int Arg, const State &S) {
  const ArgVal *A = arg(C, Arg);
  if (!A)
    return MaskVal();
  if (const MaskVal *M = F.mask(*A))
    return resolveMask(*M, S);
  return MaskVal();
}

bool FunctionFlow::guardMayHold(Ctx &C, const CallFacts &Call, const State &S) {
  MaskVal M = argMask(Call, C.GuardParam, S);
  bool AnyParam = false;
  for (const MaskTerm &T : M.Terms)
    AnyParam |= T.K == MaskTerm::Param;
  if (M.empty() || AnyParam) {
    int32_t NewParam = -1;
    for (const MaskTerm &T : M.Terms)
      if (T.K == MaskTerm::Param)
        NewParam = int32_t(T.Index);
    C.GuardParam = NewParam;
    return true;
  }
  bool Any = false, All = true;
  for (const MaskTerm &T : M.Terms) {
    bool Holds = ((T.Bits & C.GuardBits) != 0) == C.GuardValue;
    Any |= Holds;
    All &= Holds;
  }
  if (All) {
    C.GuardKey = 0;
    C.GuardParam = -1;
  }
  return Any;
}

// -----------------------------------------------------------------------------
// State helpers
// -----------------------------------------------------------------------------

void FunctionFlow::begin(State &S, Ctx C, uint32_t By) {
  llvm::erase_if(S.Also, [&](const State::AlsoGuard &G) { return G.Key == C.Key; });
  if (Ctx *Old = S.find(C.Key)) {
    Old->Depth = std::min<unsigned>(Old->Depth + 1, MaxDepth);
    if (By != NoIndex)
      BegunBy[By].push_back(*Old);
    return;
  }
  C.Depth = 1;
  C.Seq = ++Seq;
  C.Must = true;
  // Taking back an entry lock this function released: held again, by us.
  if (By != NoIndex) {
    llvm::SmallVector<Ctx, 1> &Owned = BegunBy[By];
    if (llvm::none_of(Owned, [&](const Ctx &O) { return O.Key == C.Key; }))
      Owned.push_back(C);
  }
  S.In.push_back(C);
  S.normalise();
}

void FunctionFlow::endKey(State &S, CtxKey K) { // by value: K may point into S.In
  for (auto It = S.In.begin(); It != S.In.end(); ++It)
    if (It->Key == K) {
      if (It->Depth > 1) {
        --It->Depth;
        return;
      }
      // Whoever took it, it is not held here any more. Released for the
      // caller when it was the caller's (asserted held here), or when only
      // some paths had taken it here: on the others it was the caller's.
      bool Net = It->Borrowed || !It->Must;
      S.In.erase(It);
      CtxKey Entry = K;
      if (Entry.Kind == CtxKind::Lock)
        Entry.Subclass = 0;
      if (RelEntry *Old = S.rel(Entry)) {
        Old->Must = true;
        Old->GuardKey = 0;
        Old->Net = Old->Net || Net;
      } else {
        RelEntry New;
        New.Key = Entry;
        New.Net = Net;
        S.Rel.push_back(New);
      }
      S.normalise();
      return;
    }
}

void FunctionFlow::endLock(State &S, const LockVal &Lock) {
  // The latest acquisition of that lock, whatever its subclass.
  Ctx *Best = nullptr;
  for (Ctx &C : S.In)
    if (C.Key.Kind == CtxKind::Lock && C.Key.Lock == Lock && (!Best || C.Seq > Best->Seq))
      Best = &C;
  if (Best) {
    endKey(S, Best->Key);
    return;
  }
  CtxKey K;
  K.Kind = CtxKind::Lock;
  K.Lock = Lock;
  if (RelEntry *R = S.rel(K)) {
    R->Must = true;
    R->GuardKey = 0;
    return;
  }
  RelEntry R;
  R.Key = K;
  S.Rel.push_back(R);
  S.normalise();
}

void FunctionFlow::substituteSubclass(uint32_t &Sub, uint32_t &SubParam,
                                      const CallFacts &C) const {
  const ArgVal *A = arg(C, int(SubParam));
  SubParam = NoIndex;
  if (A && A->HasInt)
    Sub = uint32_t(A->Int);
  else if (A && A->IntParam != NoIndex)
    SubParam = A->IntParam;
  else
    Sub = RuntimeSubclass; // computed by the caller at run time
}

void FunctionFlow::releaseArg(State &S, const CallFacts &C, int Arg, const LockVal &Lock) {
  const ArgVal *A = arg(C, Arg);
  // A guard passed by reference that the callee unlocked: what it owns.
  if (A && A->OutLocal != NoIndex) {
    auto It = VarOwns.find(A->OutLocal);
    if (It != VarOwns.end()) {
      for (const Ctx &Cx : It->second)
        endKey(S, Cx.Key);
      return;
    }
  }
  const LocalV *LV = A && A->Lock.K == LockVal::Local ? S.local(A->Lock.Index) : nullptr;
  if (!LV || !LV->Lock.known() || LV->Alt.empty()) {
    if (Lock.known())
      endLock(S, Lock);
    return;
  }
  // One of several locks, by the path: each held only on some paths is
  // released; one held on every path may stay.
  llvm::SmallVector<LockVal, 2> Cands{LV->Lock};
  Cands.append(LV->Alt.begin(), LV->Alt.end());
  for (const LockVal &Cand : Cands) {
    Ctx *Best = nullptr;
    for (Ctx &Cx : S.In)
      if (Cx.Key.Kind == CtxKind::Lock && Cx.Key.Lock == Cand &&
          (!Best || Cx.Seq > Best->Seq))
        Best = &Cx;
    if (Best && (!Best->Must || Best->GuardKey))
      endKey(S, Best->Key);
    else if (Best)
      Best->Must = false;
  }
}

void FunctionFlow::endSection(State &S, CtxKind K, Flavor Fl) {
  for (Ctx &C : S.In)
    if (C.Key.Kind == K && C.Key.Fl == Fl) {
      endKey(S, C.Key);
      return;
    }
  CtxKey Key;
  Key.Kind = K;
  Key.Fl = Fl;
  if (RelEntry *R = S.rel(Key)) {
    R->Must = true;
    R->GuardKey = 0;
    return;
  }
  RelEntry R;
  R.Key = Key;
  S.Rel.push_back(R);
  S.normalise();
}

/// The _irq/_irqsave and _bh forms: local_irq_disable()/local_bh_disable()
/// with the lock, and the unlock forms enable them again, so that
/// "local_bh_disable(); spin_lock(); ... spin_unlock_bh()" balances.
void FunctionFlow::lockSection(State &S, llvm::StringRef RowName, bool Begin,
                               const Loc &At, Symbol Via) {
  for (Flavor Fl : {Flavor::IrqOff, Flavor::BhOff}) {
    if (!nameHas(RowName, Fl == Flavor::IrqOff ? "_irq" : "_bh"))
      continue;
    if (!Begin) {
      endSection(S, CtxKind::Section, Fl);
      continue;
    }
    Ctx C;
    C.Key.Kind = CtxKind::Section;
    C.Key.Fl = Fl;
    C.Begun = C.Origin = At;
    C.Via = Via;
    C.ByLock = true;
    if (Ctx *Old = S.find(C.Key)) {
      Old->Depth = std::min<unsigned>(Old->Depth + 1, MaxDepth);
      continue;
    }
    begin(S, C, NoIndex);
  }
}

void FunctionFlow::killGuards(State &S, uint64_t Atom) {
  for (Ctx &C : S.In)
    if (C.GuardKey == Atom) {
      C.GuardKey = 0;
      C.GuardParam = -1;
      C.Must = false;
    }
  for (RelEntry &R : S.Rel)
    if (R.GuardKey == Atom) {
      R.GuardKey = 0;
      R.Must = false;
    }
}

uint64_t FunctionFlow::scopeClear(const State &S) const {
  uint64_t Clear = 0;
  for (const Ctx &C : S.In) {
    if (C.Key.Kind != CtxKind::Scope)
      continue;
    if (C.Key.Fl == Flavor::NoIO)
      Clear |= L.IO | L.FS;
    else if (C.Key.Fl == Flavor::NoFS)
      Clear |= L.FS;
  }
  return Clear;
}

void FunctionFlow::applyScopes(const State &S, EffMask &M) const {
  const Ctx *Outer = nullptr;
  for (const Ctx &C : S.In) {
    if (C.Key.Kind != CtxKind::Scope)
      continue;
    if (C.Key.Fl == Flavor::NoReclaim)
      M.NoReclaim = true;
    if (!Outer || C.Begun < Outer->Begun)
      Outer = &C;
  }
  M.V.Clear |= scopeClear(S);
  if (Outer) {
    M.ScopeAt = Outer->Begun;
    M.ScopeVia = Outer->Via;
  }
}

llvm::SmallVector<Under, 1> FunctionFlow::around(const State &S, uint32_t ChainLen) const {
  llvm::SmallVector<Under, 1> R;
  for (const Ctx &C : S.In)
    if (C.Key.Kind != CtxKind::Scope)
      R.push_back({C, ChainLen});
  return R;
}

/// A context on a parameter's lock, guarded by that parameter being
/// non-NULL: "if (root_lock) spin_unlock(root_lock)" releases whatever the
/// caller passed, since a NULL one holds nothing.
static bool ownPointerGuard(const CtxKey &K, uint64_t GuardKey, bool GuardValue) {
  return GuardKey && GuardValue && K.Kind == CtxKind::Lock &&
         (K.Lock.K == LockVal::Param || K.Lock.K == LockVal::Local) &&
         GuardKey == localAtom(K.Lock.Index);
}

llvm::SmallVector<CtxKey, 1> FunctionFlow::released(const State &S) const {
  llvm::SmallVector<CtxKey, 1> R;
  for (const RelEntry &E : S.Rel)
    if (E.Must && (!E.GuardKey || ownPointerGuard(E.Key, E.GuardKey, E.GuardValue) ||
                   paramGuard(E.GuardKey)))
      R.push_back(E.Key);
  return R;
}

/// A guard on a parameter or on what a parameter points to: the caller's
/// flag saying whether it holds the lock (compact_unlock_should_abort()'s
/// "if (*locked) spin_unlock(lock)"). A release under it is the caller's
/// lock gone on the paths that had it.
bool FunctionFlow::paramGuard(uint64_t Key) const {
  if ((Key >> 62) != 1)
    return false;
  uint32_t L = uint32_t(Key & 0xffffffffu);
  if (L < F.ParamNames.size())
    return true;
  return L < F.Locals.size() && F.Locals[L].Base != NoIndex &&
         F.Locals[L].Base < F.ParamNames.size();
}

// -----------------------------------------------------------------------------
// Transfer
// -----------------------------------------------------------------------------

void FunctionFlow::block(const BlockFacts &B, State &S) {
  for (const Event &E : B.Events) {
    if (!S.Reached)
      return;
    switch (E.K) {
    case Event::Call:
      call(E.A, S);
      break;
    case Event::Assign:
      assign(F.Values[E.A], S);
      break;
    case Event::Decl: {
      llvm::SmallVector<Ctx, 1> Owned;
      if (E.B < F.CallSets.size())
        for (uint32_t C : F.CallSets[E.B]) {
          auto It = BegunBy.find(C);
          if (It != BegunBy.end())
            Owned.append(It->second.begin(), It->second.end());
        }
      if (!Owned.empty())
        VarOwns[E.A] = Owned;
      break;
    }
    case Event::ScopeEnd: {
      auto It = VarOwns.find(E.A);
      if (It != VarOwns.end())
        for (const Ctx &C : It->second)
          endKey(S, C.Key);
      break;
    }
    case Event::Return:
      break;
    }
  }
}

void FunctionFlow::assign(const ValueFacts &V, State &S) {
  uint32_t Local = V.Local;
  if (Local == NoIndex)
    return;
  LocalV NV;
  NV.Lock = resolveLock(V.Val.Lock, S);
  NV.FromCall = V.FromCall;
  NV.HasInt = V.Val.HasInt;
  NV.Int = V.Val.Int;
  NV.NonNull = V.Val.NonNull;
  if (V.FromLocal != NoIndex)
    if (const LocalV *Src = S.local(V.FromLocal))
      NV = *Src;
  uint64_t Atom = localAtom(Local);
  std::optional<Fact> Copied;
  if (V.FromLocal != NoIndex)
    if (const Fact *Src = findIn(S.Known, localAtom(V.FromLocal)))
      Copied = *Src;
  killGuards(S, Atom);
  S.forget(Atom);
  if (Copied) // "locked = lruvec": the copy is as NULL as the original
    S.setKnown(Atom, {Copied->Value, -1, 0});
  // The copy is as telling as the original: contexts held only where the
  // original is (non-)zero are held only where the copy is, and what a
  // condition implies for the original it implies for the copy.
  if (V.FromLocal != NoIndex && V.FromLocal != Local) {
    uint64_t From = localAtom(V.FromLocal);
    llvm::SmallVector<State::AlsoGuard, 1> CopiedAlso;
    for (const State::AlsoGuard &G : S.Also)
      if (G.If == From)
        CopiedAlso.push_back({G.Key, Atom, G.IfValue});
    for (const State::AlsoGuard &G : CopiedAlso)
      if (!llvm::is_contained(S.Also, G))
        S.Also.push_back(G);
    llvm::SmallVector<Implied, 1> CopiedImp;
    for (const Implied &I : S.Imp)
      if (I.Atom == From) {
        Implied C = I;
        C.Atom = Atom;
        CopiedImp.push_back(C);
      }
    S.Imp.append(CopiedImp.begin(), CopiedImp.end());
  }
  // A new pointer: what its fields held is no longer known.
  if (Local < SlotsOf.size())
    for (uint32_t Sl : SlotsOf[Local]) {
      killGuards(S, localAtom(Sl));
      S.forget(localAtom(Sl));
      llvm::erase_if(S.Locals, [&](const auto &P) { return P.first == Sl; });
    }
  if (NV.HasInt)
    S.setKnown(Atom, {NV.Int != 0, -1, 0});
  else if (NV.NonNull)
    S.setKnown(Atom, {true, -1, 0});
  if (LocalV *Old = findIn(S.Locals, Local))
    *Old = NV;
  else
    S.Locals.push_back({Local, NV});
  // Pending acquisitions keep their call; a local now holding that call's
  // result is how a branch finds them.
  S.normalise();
}

void FunctionFlow::edge(const BlockFacts &B, unsigned SuccIdx, State &S) {
  if (B.Succs.size() != 2 || B.Cond.K == CondFacts::None)
    return;
  const CondFacts &C = B.Cond;
  bool Value = (SuccIdx == 0) != C.Negated;
  uint64_t Atom = 0;
  uint32_t ResultOf = NoIndex;
  switch (C.K) {
  case CondFacts::None:
    return;
  case CondFacts::Stable:
    Atom = C.Key;
    break;
  case CondFacts::Local: {
    Atom = localAtom(C.Index);
    if (const LocalV *LV = S.local(C.Index))
      ResultOf = LV->FromCall;
    break;
  }
  case CondFacts::CallResult:
    ResultOf = C.Index;
    break;
  }
  if (C.K == CondFacts::Local && !llvm::is_contained(S.Dirty, C.Index) &&
      paramGuard(localAtom(C.Index)) && C.Index >= F.ParamNames.size()) {
    // What a parameter points to, unchanged so far: its entry value too.
    uint64_t EA = entryAtom(C.Index);
    S.setKnown(EA, {Value, -1, 0});
    S.learn(EA, Value);
  }
  if (Atom) {
    // A narrowed mask found without the bit says nothing of the caller's.
    bool Decides = C.Param >= 0 && !(C.Narrowed && !Value);
    S.setKnown(Atom, {Value, Decides ? C.Param : -1, Decides ? C.Bits : 0, C.FieldParam,
                      C.FieldParam >= 0 ? C.Field : Symbol(),
                      Decides && !widenings(C.Param).empty()});
    S.learn(Atom, Value);
    // Contexts begun only when the condition had the other value are not
    // in force here; those begun when it had this value certainly are.
    settleGuards(S.In, Atom, Value);
    settleGuards(S.Rel, Atom, Value);
  }
  if (ResultOf != NoIndex) {
    // The result's truth is a fact of its own: a trylock macro branches on
    // it twice (its own "? 1 : 0", then the caller's if).
    uint64_t CA = callAtom(ResultOf);
    S.setKnown(CA, {Value, -1, 0});
    S.learn(CA, Value);
    // Contexts held, and a caller's locks released, as the result says.
    settleGuards(S.In, CA, Value);
    settleGuards(S.Rel, CA, Value);
    // A branch on a trylock's (or a conditional acquirer's) result.
    for (auto It = S.Pend.begin(); It != S.Pend.end();) {
      if (It->Call != ResultOf) {
        ++It;
        continue;
      }
      bool Success = Value == It->OnNonZero;
      Pending Pd = *It;
      It = S.Pend.erase(It);
      if (Pd.Begun) {
        if (!Success)
          endKey(S, Pd.C.Key);
      } else if (Success) {
        begin(S, Pd.C, NoIndex);
      }
    }
  }
}

void FunctionFlow::guard(uint32_t Id, const CallFacts &C, State &S) {
  // A standard guard: T's own lock() row says what it is.
  llvm::StringRef Kind = C.Name.ref();
  bool Shared = Kind == "shared_lock";
  if (C.Tag == GuardTag::Adopt)
    return; // the lock is already held: nothing begins here
  llvm::SmallVector<Ctx, 2> Begun;
  State Before = S;
  for (size_t I = 0; I < C.Args.size(); ++I) {
    Symbol Type = I < C.Types.size() ? C.Types[I] : Symbol();
    const ApiRow *Row = nullptr;
    if (!Type.empty())
      Row = P.model().lookup(Type.str() + (Shared ? "::lock_shared" : "::lock"));
    Flavor Fl = Row ? Row->Fl : Flavor::Mutex;
    if (Row && Row->Op != ApiOp::Acquire)
      continue;
    if (!Row && !Type.empty())
      continue; // a type with no lock semantics is not a lock
    LockVal Lock = resolveLock(C.Args[I].Lock, S);
    if (!Lock.known())
      continue;
    bool Recursive = Row && (Row->Flags & RF_Recursive);
    if (Recording && C.Tag == GuardTag::None && C.Args.size() == 1) {
      Effect E;
      E.Kind = EffectKind::Acquire;
      E.Leaf = C.At;
      E.What = Type.empty() ? Symbol(C.Name) : Symbol(Type.str() + "::lock");
      E.Lock = Lock;
      E.Fl = Fl;
      E.Recursive = Recursive;
      E.Around = around(Before, 0);
      record(std::move(E), Before, released(Before));
    } else if (Recording && C.Tag == GuardTag::None) {
      // std::scoped_lock(a, b): std::lock's deadlock avoidance, no order
      // between its own locks: each sees the state before the guard.
      Effect E;
      E.Kind = EffectKind::Acquire;
      E.Leaf = C.At;
      E.What = Type.empty() ? Symbol(C.Name) : Symbol(Type.str() + "::lock");
      E.Lock = Lock;
      E.Fl = Fl;
      E.Recursive = Recursive;
      E.Around = around(Before, 0);
      record(std::move(E), Before, released(Before));
    }
    Ctx Cx = lockCtx(Lock, Fl, 0, NoIndex, Recursive, "", C.At,
                     Type.empty() ? Symbol(C.Name) : Type);
    if (C.Tag == GuardTag::Defer) {
      BegunBy[Id].push_back(Cx); // owned, not held until lock()
      continue;
    }
    if (C.Tag == GuardTag::Try) {
      BegunBy[Id].push_back(Cx);
      continue;
    }
    begin(S, Cx, Id);
  }
}

void FunctionFlow::call(uint32_t Id, State &S) {
  const CallFacts &C = F.Calls[Id];
  // A new execution: what was known of its last result is gone.
  killGuards(S, callAtom(Id));
  S.forget(callAtom(Id));
  if (C.Kind == CalleeKind::Guard) {
    // A guard constructed from std::move(g): it owns what g owned (a local
    // declared with it adopts that; a by-value parameter's guard is ended
    // by the call it is passed to).
    for (const ArgVal &A : C.Args)
      if (A.MovedLocal != NoIndex) {
        auto It = VarOwns.find(A.MovedLocal);
        if (It == VarOwns.end())
          continue;
        llvm::SmallVector<Ctx, 1> &Owned = BegunBy[Id];
        for (const Ctx &Cx : It->second)
          if (llvm::none_of(Owned, [&](const Ctx &O) { return O.Key == Cx.Key; }))
            Owned.push_back(Cx);
        MovedOwns[A.MovedLocal] = It->second;
        VarOwns.erase(It);
      }
    guard(Id, C, S);
    return;
  }
  // A guard moved into a by-value parameter: the callee's parameter dies
  // at the callee's end and releases what it owns.
  for (const ArgVal &A : C.Args)
    if (A.MovedLocal != NoIndex) {
      auto It = MovedOwns.find(A.MovedLocal);
      if (It != MovedOwns.end()) {
        for (const Ctx &Cx : It->second)
          endKey(S, Cx.Key);
        MovedOwns.erase(It);
      } else if (auto V = VarOwns.find(A.MovedLocal); V != VarOwns.end()) {
        for (const Ctx &Cx : V->second)
          endKey(S, Cx.Key);
        VarOwns.erase(V);
      }
    }
  // lock()/unlock()/release() on a guard variable.
  if (C.ObjLocal != NoIndex) {
    auto It = VarOwns.find(C.ObjLocal);
    if (It != VarOwns.end()) {
      llvm::StringRef Method = C.Name.ref().rsplit("::").second;
      if (Method == "unlock") {
        for (const Ctx &Cx : It->second)
          endKey(S, Cx.Key);
        return;
      }
      if (Method == "lock") {
        for (Ctx Cx : It->second) {
          Cx.Begun = Cx.Origin = C.At;
          begin(S, Cx, NoIndex);
        }
        return;
      }
      if (Method == "release") {
        VarOwns.erase(It);
        return;
      }
    }
  }
  // unlock() on a guard the caller passed by reference: the caller's guard
  // lets go of its lock, and the caller's call site ends what it owns.
  if (C.ObjLocal != NoIndex && C.ObjLocal < F.ParamNames.size()) {
    auto [Type, Method] = C.Name.ref().rsplit("::");
    if ((Type.starts_with("std::unique_lock<") || Type.starts_with("std::shared_lock<")) &&
        Method == "unlock") {
      endLock(S, LockVal::ofParam(C.ObjLocal));
      return;
    }
  }
  llvm::ArrayRef<Target> Ts = targets(Id);
  bool Single = Ts.size() == 1;
  bool NoReturn = C.DeclaredNoReturn;
  if (Recording)
    site(Id, S); // what the callee runs under: the state before the call
  for (const Target &T : Ts) {
    CallGuards.clear();
    if (C.Kind == CalleeKind::Param)
      CallGuards.push_back({C.ParamIndex, T.Id});
    if (const auto *Promises = P.promises(T.Id))
      for (const Promise &Pr : *Promises) {
        Effect E;
        E.Kind = EffectKind::Requires;
        E.Leaf = C.At;
        E.What = T.Name;
        E.Lock = substituteLock(Pr.Lock, C, S);
        E.PromiseAt = Pr.Where;
        if (!E.Lock.known())
          continue;
        E.Around = around(S, 0);
        record(std::move(E), S, released(S));
      }
    if (T.Row) {
      applyRow(*T.Row, T, Id, S);
      continue;
    }
    if (T.Fn) {
      if (Results[T.Index].Analysed) {
        applySummary(Results[T.Index], T, Id, Single, S);
        if (Single && Results[T.Index].T.NoReturn)
          NoReturn = true;
      }
      continue;
    }
    if (T.Trivial)
      continue;
    // No body and no model: a gfp_t parameter means it allocates with it.
    if (C.GfpParam >= 0) {
      ApiRow Row{"", ApiOp::Alloc, Flavor::None, C.GfpParam, -1, 0, ""};
      applyRow(Row, T, Id, S);
    }
  }
  CallGuards.clear();
  // Out-parameters: the callee may have stored anything there. What a
  // guard says of them stays (the kernel's "locked" protocol: the callee
  // drops the lock and clears the flag together).
  for (const ArgVal &A : C.Args) {
    if (A.OutLocal != NoIndex) {
      S.forget(localAtom(A.OutLocal));
      llvm::erase_if(S.Locals, [&](const auto &P) { return P.first == A.OutLocal; });
    }
    if (A.SelfLocal != NoIndex && A.SelfLocal < SlotsOf.size())
      for (uint32_t Sl : SlotsOf[A.SelfLocal])
        S.forget(localAtom(Sl));
  }
  if (!PostCall.empty()) {
    for (const Implied &I : PostCall)
      if (!llvm::is_contained(S.Imp, I))
        S.Imp.push_back(I);
    PostCall.clear();
    S.normalise();
  }
  if (NoReturn)
    S.Reached = false;
}

void FunctionFlow::applyRow(const ApiRow &Row, const Target &T, uint32_t Id,
                            State &S) {
  const CallFacts &C = F.Calls[Id];
  // The operation as the source spelled it (a modelled macro around it).
  Symbol What = !C.Spelled.empty() ? C.Spelled
                : T.Name.empty()   ? Symbol(Row.Name)
                                   : T.Name;
  switch (Row.Op) {
  case ApiOp::Alloc: {
    EffMask M;
    if (Row.Flags & RF_ImplicitKernel) {
      MaskTerm K;
      K.Bits = L.Kernel;
      K.Where = C.At;
      K.AtLeaf = true;
      M.V.Terms.push_back(K);
    } else {
      M.V = argMask(C, Row.Arg, S);
    }
    if (M.V.empty())
      return;
    applyScopes(S, M);
    Effect E;
    E.Kind = EffectKind::Alloc;
    E.Leaf = C.At;
    E.What = What;
    if (!(Row.Flags & RF_ImplicitKernel))
      E.LeafMaskArg = Row.Arg;
    E.M = std::move(M);
    E.Around = around(S, 0);
    record(std::move(E), S, released(S));
    return;
  }
  case ApiOp::Block: {
    // A wait that drops a lock (pthread_cond_wait(cond, mutex)) waits
    // without it and takes it back while the others are still held.
    LockVal Dropped = (Row.Flags & RF_DropsLock) ? argLock(C, Row.Arg, S) : LockVal();
    State Without = S;
    if (Dropped.known())
      endLock(Without, Dropped);
    Effect E;
    E.Kind = EffectKind::Block;
    E.Leaf = C.At;
    E.What = What;
    E.FaultOnly = Row.Flags & RF_FaultOnly;
    E.ProcessOnly = Row.Flags & RF_ProcessOnly;
    E.Around = around(Without, 0);
    record(std::move(E), Without, released(Without));
    if (Dropped.known()) {
      Effect Back;
      Back.Kind = EffectKind::Acquire;
      Back.Leaf = C.At;
      Back.What = What;
      Back.Lock = Dropped;
      Back.Fl = Row.Fl;
      Back.Around = around(Without, 0);
      record(std::move(Back), Without, released(Without));
    }
    return;
  }
  case ApiOp::Acquire: {
    LockVal Lock = argLock(C, Row.Arg, S);
    if (!Lock.known())
      return;
    uint32_t Sub = 0, SubParam = NoIndex;
    const ArgVal *SA = arg(C, Row.Arg2);
    if (!SA && C.HasHintSubclass)
      SA = &C.HintSubclass;
    if (SA) {
      if (SA->HasInt)
        Sub = uint32_t(SA->Int);
      else if (SA->IntParam != NoIndex)
        SubParam = SA->IntParam;
      else
        Sub = RuntimeSubclass;
    }
    if (Lock.concrete())
      noteTaken(S, {Lock.Class, C.At});
    // Taking back an entry lock this function released is not recursion;
    // the acquisition is still an effect for lock order.
    Effect E;
    E.Kind = EffectKind::Acquire;
    E.Leaf = C.At;
    E.What = What;
    E.Lock = Lock;
    E.Fl = Row.Fl;
    E.Subclass = Sub;
    E.SubclassParam = SubParam;
    E.Recursive = Row.Flags & RF_Recursive;
    E.Read = nameHas(Row.Name, "read");
    E.OwnIrqOff = nameHas(Row.Name, "_irq");
    E.OwnBhOff = nameHas(Row.Name, "_bh");
    E.Around = around(S, 0);
    record(std::move(E), S, released(S));
    Ctx Cx = lockCtx(Lock, Row.Fl, Sub, SubParam, Row.Flags & RF_Recursive,
                     Row.Name, C.At, What);
    begin(S, Cx, Id);
    lockSection(S, Row.Name, true, C.At, What);
    // Taken through a local pointer: that pointer is not NULL here (the
    // kernel's "n is set exactly when n->list_lock is held").
    if (const ArgVal *LA = arg(C, Row.Arg))
      if (LA->BaseLocal != NoIndex) {
        killGuards(S, localAtom(LA->BaseLocal));
        S.setKnown(localAtom(LA->BaseLocal), {true, -1, 0});
      }
    if (Row.Flags & RF_ZeroIsSuccess) {
      Pending Pd;
      Pd.Call = Id;
      Pd.OnNonZero = false;
      Pd.Begun = true;
      Pd.C = Cx;
      S.Pend.push_back(Pd);
      S.normalise();
    }
    return;
  }
  case ApiOp::TryAcquire: {
    LockVal Lock = argLock(C, Row.Arg, S);
    if (!Lock.known())
      return;
    Pending Pd;
    Pd.Call = Id;
    Pd.OnNonZero = !(Row.Flags & RF_ZeroIsSuccess);
    Pd.C = lockCtx(Lock, Row.Fl, 0, NoIndex, Row.Flags & RF_Recursive, Row.Name,
                   C.At, What);
    S.Pend.push_back(Pd);
    S.normalise();
    return;
  }
  case ApiOp::Release: {
    releaseArg(S, C, Row.Arg, argLock(C, Row.Arg, S));
    lockSection(S, Row.Name, false, C.At, What);
    return;
  }
  case ApiOp::Enter:
  case ApiOp::ScopeSave: {
    Ctx Cx;
    Cx.Key.Kind = Row.Op == ApiOp::Enter ? CtxKind::Section : CtxKind::Scope;
    Cx.Key.Fl = Row.Fl;
    Cx.Begun = Cx.Origin = C.At;
    Cx.Via = What;
    begin(S, Cx, Id);
    // rcu_read_lock_bh() disables bottom halves too.
    if (Row.Op == ApiOp::Enter && Row.Fl == Flavor::RcuRead)
      lockSection(S, Row.Name, true, C.At, What);
    return;
  }
  case ApiOp::Exit:
  case ApiOp::ScopeRestore:
    endSection(S, Row.Op == ApiOp::Exit ? CtxKind::Section : CtxKind::Scope, Row.Fl);
    if (Row.Op == ApiOp::Exit && Row.Fl == Flavor::RcuRead)
      lockSection(S, Row.Name, false, C.At, What);
    return;
  case ApiOp::FsReclaimAcquire: {
    MaskVal M = argMask(C, Row.Arg, S);
    bool Enters = false;
    for (const MaskTerm &V : M.Terms)
      Enters |= V.K == MaskTerm::Const &&
                L.entersFsReclaim(V.Bits & ~(scopeClear(S) | M.Clear));
    for (const Ctx &Cx : S.In)
      if (Cx.Key.Kind == CtxKind::Scope && Cx.Key.Fl == Flavor::NoReclaim)
        Enters = false;
    if (!Enters)
      return;
    Ctx Cx;
    Cx.Key.Kind = CtxKind::FsReclaim;
    Cx.Begun = Cx.Origin = C.At;
    Cx.Via = What;
    begin(S, Cx, Id);
    return;
  }
  case ApiOp::FsReclaimRelease:
    endSection(S, CtxKind::FsReclaim, Flavor::None);
    return;
  case ApiOp::AssertHeld: {
    LockVal Lock = argLock(C, Row.Arg, S);
    if (!Lock.known())
      return;
    for (const Ctx &Cx : S.In)
      if (Cx.Key.Kind == CtxKind::Lock && Cx.Key.Lock == Lock)
        return;
    // The flavour is unknown; a spinning one would make this atomic, which
    // an assertion alone does not tell.
    Ctx Cx = lockCtx(Lock, Flavor::Mutex, 0, NoIndex, false, "", C.At,
                     "lockdep_assert_held");
    Cx.Borrowed = true;
    begin(S, Cx, NoIndex);
    return;
  }
  case ApiOp::Wait:
  case ApiOp::Signal: {
    // What the wait names: the work item, the timer, the completion, the
    // workqueue, the kernel thread's task; for an IRQ, its dev_id's record
    // (the handler was requested with it) or its number ("#dev::irq").
    const ArgVal *A = arg(C, Row.Arg);
    LockVal Obj;
    if (A && Row.Fl == Flavor::HardIrq && (Row.Flags & RF_IrqNumber)) {
      if (A->Lock.concrete())
        Obj = LockVal::ofClass(Symbol("#" + A->Lock.Class.str()));
    } else if (A && Row.Fl == Flavor::HardIrq) {
      if (!A->Record.empty())
        Obj = LockVal::ofClass(Symbol("*" + A->Record.str()));
    } else {
      Obj = argLock(C, Row.Arg, S);
    }
    if (Row.Op == ApiOp::Wait && !(Row.Flags & RF_Spins)) {
      Effect B;
      B.Kind = EffectKind::Block;
      B.Leaf = C.At;
      B.What = What;
      B.Around = around(S, 0);
      record(std::move(B), S, released(S));
    }
    if (!Obj.known())
      return;
    Effect E;
    E.Kind = Row.Op == ApiOp::Wait ? EffectKind::Wait : EffectKind::Signal;
    if (E.Kind == EffectKind::Signal)
      E.TakenBefore.assign(S.Taken.begin(), S.Taken.end());
    E.Leaf = C.At;
    E.What = What;
    E.Lock = Obj;
    E.Fl = Row.Fl;
    E.Around = around(S, 0);
    record(std::move(E), S, released(S));
    return;
  }
  case ApiOp::MaskPassthrough:
  case ApiOp::Register:
  case ApiOp::CallbackField:
  case ApiOp::MaskQuery:
  case ApiOp::LockClassKey:
  case ApiOp::RefPut:
    return;
  }
}

void FunctionFlow::applySummary(const FnResult &R, const Target &T, uint32_t Id,
                                bool Single, State &S) {
  const CallFacts &C = F.Calls[Id];
  if (Recording && !R.Open.empty()) {
    for (const OpenEffect &OE : R.Open) {
      Effect E = OE.E;
      int32_t MaskArg = -1;
      if (E.Kind == EffectKind::Alloc) {
        MaskVal M;
        M.Clear = E.M.V.Clear;
        bool ConstReclaims = false;
        for (const MaskTerm &Tm : E.M.V.Terms) {
          if (Tm.K != MaskTerm::Param) {
            ConstReclaims |= L.reclaimCapable(Tm.Bits & ~E.M.V.Clear);
            M.Terms.push_back(Tm);
            continue;
          }
          MaskVal A = argMask(C, int(Tm.Index), S);
          for (MaskTerm X : A.Terms) {
            X.Bits |= Tm.Bits;
            X.AtLeaf = false;
            M.Terms.push_back(X);
          }
          M.Clear |= A.Clear;
          if (!L.reclaimCapable(Tm.Bits))
            MaskArg = int32_t(Tm.Index);
        }
        if (ConstReclaims)
          MaskArg = -1;
        if (M.empty())
          continue;
        E.M.V = std::move(M);
        applyScopes(S, E.M);
      }
      if (E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires ||
          E.Kind == EffectKind::Wait || E.Kind == EffectKind::Signal) {
        E.Lock = substituteLock(E.Lock, C, S);
        if (!E.Lock.known())
          continue;
      }
      if (!mapParamTruths(E, C, S))
        continue; // a branch this call's argument never takes
      if (!mapMaskGuards(E, C, S))
        continue; // a mask test every mask this call passes fails
      if (!mapFnGuards(E, C))
        continue; // reached through a function this call does not pass
      if (E.SubclassParam != NoIndex) {
        substituteSubclass(E.Subclass, E.SubclassParam, C);
      }
      // Contexts the callee ended before the leaf, in this function's terms.
      llvm::SmallVector<CtxKey, 1> CalleeReleased;
      for (CtxKey K : OE.Released) {
        if (K.Kind == CtxKind::Lock && K.Lock.K == LockVal::Param) {
          K.Lock = substituteLock(K.Lock, C, S);
          if (!K.Lock.known())
            continue;
        }
        CalleeReleased.push_back(K);
      }
      llvm::SmallVector<Under, 1> Around;
      for (Under &U : E.Around) {
        if (U.C.Key.Kind == CtxKind::Lock && U.C.Key.Lock.K == LockVal::Param) {
          U.C.Key.Lock = substituteLock(U.C.Key.Lock, C, S);
          if (!U.C.Key.Lock.known())
            continue;
        }
        if (U.C.SubclassParam != NoIndex) {
          substituteSubclass(U.C.Key.Subclass, U.C.SubclassParam, C);
        }
        if (U.C.GuardParam >= 0 && !guardMayHold(U.C, C, S))
          continue; // begun only for masks this caller does not pass
        Around.push_back(std::move(U));
      }
      E.Chain = Arena.prepend(E.Chain, C.At, F.Name, T.Name, MaskArg);
      llvm::SmallVector<CtxKey, 1> Rel = released(S);
      for (const Ctx &Cx : S.In) {
        if (Cx.Key.Kind == CtxKind::Scope)
          continue;
        bool EndedBelow = llvm::any_of(CalleeReleased, [&](const CtxKey &K) {
          return K == Cx.Key || K.sameLock(Cx.Key) ||
                 (K.Kind != CtxKind::Lock && K.Kind == Cx.Key.Kind && K.Fl == Cx.Key.Fl);
        });
        if (EndedBelow)
          continue;
        // One entry per context: a recursion that takes the lock again at
        // every level (jbd2_journal_abort() -> ... -> jbd2_journal_abort())
        // would otherwise grow the effect at every round of its fixpoint.
        auto Same = llvm::find_if(Around, [&](const Under &U) { return U.C.Key == Cx.Key; });
        if (Same == Around.end())
          Around.push_back({Cx, E.Chain.Size});
        else if (Cx.Must && !Same->C.Must)
          *Same = {Cx, E.Chain.Size};
      }
      // What the callee ended is gone for this function's callers too,
      // unless it was this function's own acquisition; a lock this function
      // only asserts held (lockdep_assert_held) is its caller's.
      for (const CtxKey &K : CalleeReleased) {
        const Ctx *Held = S.find(K);
        if ((!Held || Held->Borrowed) &&
            llvm::none_of(Rel, [&](const CtxKey &X) { return X == K; }))
          Rel.push_back(K);
      }
      E.Around = std::move(Around);
      // What this function took before calling the completer counts too.
      if (E.Kind == EffectKind::Signal)
        for (const TakenLock &TL : S.Taken)
          if (!llvm::is_contained(E.TakenBefore, TL))
            E.TakenBefore.push_back(TL);
      record(std::move(E), S, std::move(Rel));
    }
  }
  if (!Single)
    return;
  const Transfer &X = R.T;
  for (TakenLock TL : X.MustTaken) {
    if (!TL.Via.valid()) {
      TL.Via = C.At;
      TL.Caller = F.Name;
      TL.Callee = T.Name;
    }
    noteTaken(S, TL);
  }
  for (Ctx Cx : X.Releases) {
    if (Cx.Key.Kind == CtxKind::Lock) {
      LockVal Lock = substituteLock(Cx.Key.Lock, C, S);
      if (Cx.Key.Lock.K == LockVal::Param && Cx.Key.Lock.Class.empty())
        releaseArg(S, C, int(Cx.Key.Lock.Index), Lock);
      else if (Lock.known())
        endLock(S, Lock);
      continue;
    }
    endSection(S, Cx.Key.Kind, Cx.Key.Fl);
  }
  // A lock the callee releases exactly when its result says so
  // (add_transaction_credits() drops j_state_lock on a non-zero return):
  // held on only where the result says it was kept, which a branch on the
  // result decides. A lock held twice here, or already held only on some
  // condition, is left as it is.
  for (const NetCtx &N : X.CondReleases) {
    if (N.C.Key.Kind != CtxKind::Lock)
      continue;
    LockVal Lock = substituteLock(N.C.Key.Lock, C, S);
    if (!Lock.known())
      continue;
    // What says it: the result, or the caller's flag the callee sets
    // through a pointer (known clear before the call: "int dropped = 0").
    uint64_t Guard = callAtom(Id);
    bool HeldWhen = !N.OnNonZero;
    bool ByFlag = false;
    if (N.FlagParam != NoIndex) {
      const ArgVal *FA = arg(C, int(N.FlagParam));
      const Fact *Before =
          FA && FA->OutLocal != NoIndex ? findIn(S.Known, localAtom(FA->OutLocal)) : nullptr;
      if (Before && !Before->Value) {
        Guard = localAtom(FA->OutLocal);
        HeldWhen = false;
        ByFlag = true;
      }
    }
    if (!ByFlag && !N.ByResult)
      continue; // the flag may be set already, and the result says nothing
    Ctx *Best = nullptr;
    for (Ctx &Cx : S.In)
      if (Cx.Key.Kind == CtxKind::Lock && Cx.Key.Lock == Lock && (!Best || Cx.Seq > Best->Seq))
        Best = &Cx;
    if (Best) {
      if (Best->Depth == 1 && !Best->GuardKey && !Best->Borrowed) {
        Best->GuardKey = Guard;
        Best->GuardValue = HeldWhen;
        Best->GuardParam = -1;
        // The result says it as well: a branch on either decides, and
        // the result tells the flag.
        if (ByFlag && N.ByResult) {
          S.Also.push_back({Best->Key, callAtom(Id), !N.OnNonZero});
          PostCall.push_back({callAtom(Id), N.OnNonZero, Guard, {true, -1, 0}});
          PostCall.push_back({callAtom(Id), !N.OnNonZero, Guard, {false, -1, 0}});
        }
        S.normalise();
      }
      continue;
    }
    // The caller's lock: released for it where the result says so.
    CtxKey K;
    K.Kind = CtxKind::Lock;
    K.Lock = Lock;
    if (S.rel(K))
      continue;
    RelEntry R;
    R.Key = K;
    R.GuardKey = Guard;
    R.GuardValue = !HeldWhen;
    S.Rel.push_back(R);
    S.normalise();
  }
  auto Substitute = [&](Ctx Cx, bool &Ok) {
    Ok = true;
    if (Cx.Key.Kind == CtxKind::Lock && Cx.Key.Lock.K == LockVal::Param) {
      Cx.Key.Lock = substituteLock(Cx.Key.Lock, C, S);
      Ok = Cx.Key.Lock.known();
    }
    if (Cx.SubclassParam != NoIndex) {
      substituteSubclass(Cx.Key.Subclass, Cx.SubclassParam, C);
    }
    Cx.OriginChain = Arena.prepend(Cx.OriginChain, C.At, F.Name, T.Name);
    Cx.Begun = C.At;
    Cx.Via = T.Name;
    Cx.GuardKey = 0;
    Cx.GuardParam = -1;
    return Cx;
  };
  for (const NetCtx &N : X.Acquires) {
    bool Ok;
    Ctx Cx = Substitute(N.C, Ok);
    if (!Ok)
      continue;
    begin(S, Cx, Id);
    // compact_lock_irqsave(&lruvec->lru_lock, ...): lruvec is not NULL.
    if (N.C.Key.Kind == CtxKind::Lock && N.C.Key.Lock.K == LockVal::Param &&
        N.C.Key.Lock.Class.empty())
      if (const ArgVal *LA = arg(C, int(N.C.Key.Lock.Index)))
        if (LA->BaseLocal != NoIndex) {
          killGuards(S, localAtom(LA->BaseLocal));
          S.setKnown(localAtom(LA->BaseLocal), {true, -1, 0});
        }
  }
  for (const NetCtx &N : X.CondAcquires) {
    bool Ok;
    Ctx Cx = Substitute(N.C, Ok);
    if (!Ok)
      continue;
    Pending Pd;
    Pd.Call = Id;
    Pd.OnNonZero = N.OnNonZero;
    Pd.C = Cx;
    S.Pend.push_back(Pd);
    S.normalise();
  }
  // What the callee left in the fields of what this call passed.
  for (const Transfer::OutField &O : X.OutFields) {
    const ArgVal *A = arg(C, int(O.Param));
    if (!A || A->SelfLocal == NoIndex)
      continue;
    uint32_t Sl = slot(A->SelfLocal, O.Field);
    if (Sl == NoIndex)
      continue;
    LocalV NV;
    NV.Lock = substituteLock(O.Lock, C, S);
    if (LocalV *Old = findIn(S.Locals, Sl))
      *Old = NV;
    else
      S.Locals.push_back({Sl, NV});
    S.normalise();
  }
}

// -----------------------------------------------------------------------------
// Recording
// -----------------------------------------------------------------------------

bool FunctionFlow::interesting(const Effect &E) const {
  if (E.Kind != EffectKind::Alloc)
    return true;
  for (const MaskTerm &T : E.M.V.Terms) {
    if (T.K != MaskTerm::Const)
      return true;
    // PF_MEMALLOC stops reclaim, not sleeping: still interesting.
    if (L.reclaimCapable(T.Bits & ~E.M.V.Clear))
      return true;
  }
  return false;
}

Symbol FunctionFlow::releaseOf(const State &S) {
  for (const auto &[K, V] : S.Known) {
    if ((K >> 62) != 2 || !V.Value)
      continue;
    uint32_t Call = uint32_t(K & 0xffffffffu);
    if (Call >= F.Calls.size())
      continue;
    for (const Target &T : targets(Call))
      if (T.Row && T.Row->Op == ApiOp::RefPut) {
        LockVal Counter = argLock(F.Calls[Call], T.Row->Arg, S);
        llvm::StringRef Cls = Counter.concrete() ? Counter.Class.ref() : llvm::StringRef();
        size_t Sep = Cls.rfind("::");
        if (Sep != llvm::StringRef::npos)
          return Symbol(Cls.substr(0, Sep));
      }
  }
  return Symbol();
}

bool FunctionFlow::mapParamTruths(Effect &E, const CallFacts &C, const State &S) const {
  llvm::SmallVector<std::pair<uint32_t, bool>, 1> Mine;
  for (auto [P, V] : E.ParamTruths) {
    const ArgVal *A = arg(C, int(P));
    if (!A)
      continue;
    std::optional<bool> Truth;
    if (A->HasInt)
      Truth = A->Int != 0;
    else if (A->NonNull)
      Truth = true;
    else if (A->IntParam != NoIndex || A->SelfLocal != NoIndex) {
      uint32_t Local = A->IntParam != NoIndex ? A->IntParam : A->SelfLocal;
      if (const Fact *K = findIn(S.Known, localAtom(Local)))
        Truth = K->Value;
      else if (Local < TruthParam.size() && TruthParam[Local])
        Mine.push_back({Local, V});
    }
    if (Truth && *Truth != V)
      return false;
  }
  E.ParamTruths = std::move(Mine);
  // Field tests: the caller's struct constants decide them, its own test of
  // the same field on the way here too; a parameter passed on carries them
  // up unless this function writes the field.
  llvm::SmallVector<Effect::FieldTruth, 0> MyFields;
  for (const Effect::FieldTruth &T : E.FieldTruths) {
    const ArgVal *A = arg(C, int(T.Param));
    if (!A)
      continue;
    auto Const = llvm::find_if(A->FieldInts, [&](const auto &FI) { return FI.first == T.Field; });
    if (Const != A->FieldInts.end()) {
      if ((Const->second != 0) != T.Value)
        return false;
      continue;
    }
    uint32_t Self = A->SelfLocal;
    if (Self == NoIndex || Self >= TruthParam.size() || !TruthParam[Self] ||
        llvm::is_contained(F.ParamFieldWrites, std::make_pair(Self, T.Field)))
      continue;
    bool Decided = false;
    for (const auto &[K, Fct] : S.Known)
      if (Fct.FieldParam == int32_t(Self) && Fct.Field == T.Field) {
        if (Fct.Value != T.Value)
          return false;
        Decided = true;
      }
    if (!Decided)
      MyFields.push_back({Self, T.Field, T.Value});
  }
  E.FieldTruths = std::move(MyFields);
  return true;
}

bool FunctionFlow::mapFnGuards(Effect &E, const CallFacts &C) const {
  llvm::SmallVector<Effect::FnGuard, 0> Mine;
  for (const Effect::FnGuard &G : E.FnGuards) {
    const ArgVal *A = arg(C, int(G.Param));
    if (A && A->Fns != NoIndex) {
      if (!llvm::is_contained(F.FnLists[A->Fns], G.Fn))
        return false;
      continue; // this call passes it
    }
    if (A && A->Lock.K == LockVal::Param && A->Lock.Class.empty()) {
      Effect::FnGuard Own{A->Lock.Index, G.Fn}; // passed on from our caller
      if (!llvm::is_contained(Mine, Own))
        Mine.push_back(Own);
      continue;
    }
    // A function-pointer field or variable ("ce->ops->destroy"): what the
    // program stores there.
    if (A && A->Lock.concrete())
      if (const SymbolSet *Stored = P.storedInto(A->Lock.Class))
        if (!Stored->count(G.Fn))
          return false;
    // Anything else (a local): what it holds is not followed here.
  }
  E.FnGuards = std::move(Mine);
  return true;
}

bool FunctionFlow::mapMaskGuards(Effect &E, const CallFacts &C, const State &S) {
  llvm::SmallVector<Effect::MaskGuard, 1> Mine;
  for (const Effect::MaskGuard &G : E.MaskGuards) {
    MaskVal A = argMask(C, int(G.Param), S);
    if (A.empty())
      continue; // the mask is unknown here: the effect may happen
    bool AnyHolds = false;
    int32_t Param = -1;
    bool SameParam = true;
    for (const MaskTerm &T : A.Terms) {
      if (T.K == MaskTerm::Param) {
        if (G.Value && G.holds(T.Bits & ~A.Clear)) {
          AnyHolds = true; // bits or-ed in already satisfy it
          continue;
        }
        if (Param >= 0 && Param != int32_t(T.Index))
          SameParam = false;
        Param = int32_t(T.Index);
        continue;
      }
      if (T.K != MaskTerm::Const) {
        AnyHolds = true; // a value not followed: may hold
        continue;
      }
      if (G.holds(T.Bits & ~A.Clear))
        AnyHolds = true;
    }
    if (AnyHolds)
      continue; // holds for some mask this call passes
    if (Param < 0)
      return false; // every mask this call passes fails the test
    if (!SameParam)
      continue;
    // The caller's own; its widenings of that parameter come first.
    Effect::MaskGuard Own{uint32_t(Param), G.Bits, G.Value, widenings(Param)};
    Own.Widen.append(G.Widen.begin(), G.Widen.end());
    Mine.push_back(std::move(Own));
  }
  E.MaskGuards = std::move(Mine);
  return true;
}

void FunctionFlow::record(Effect E, const State &S,
                          llvm::SmallVector<CtxKey, 1> Released) {
  if (!Recording || !interesting(E))
    return;
  for (const Effect::FnGuard &G : CallGuards)
    if (!llvm::is_contained(E.FnGuards, G))
      E.FnGuards.push_back(G);
  // The mask tests on parameters this path passed: an effect reached only
  // for some masks depends on what the caller passes (a sleep only for
  // masks that allow blocking).
  for (const auto &[K, Fct] : S.Known) {
    if (Fct.Param < 0 || !Fct.Bits)
      continue;
    auto It = llvm::find_if(E.MaskGuards, [&](const Effect::MaskGuard &G) {
      return G.Param == uint32_t(Fct.Param) && G.Bits == Fct.Bits;
    });
    if (It == E.MaskGuards.end())
      E.MaskGuards.push_back({uint32_t(Fct.Param), Fct.Bits, Fct.Value, widenings(Fct.Param)});
    else if (It->Value != Fct.Value)
      return; // a path the callee's tests exclude
  }
  // On the branch where a reference drop found the last reference.
  if (E.ReleaseOf.empty())
    E.ReleaseOf = releaseOf(S);
  // The parameters' truth on this path: an effect reached only for some
  // values of them depends on what the caller passes.
  for (uint32_t P = 0; P < TruthParam.size(); ++P) {
    if (!TruthParam[P])
      continue;
    const Fact *K = findIn(S.Known, localAtom(P));
    if (!K)
      continue;
    auto It = llvm::find_if(E.ParamTruths, [&](const auto &X) { return X.first == P; });
    if (It == E.ParamTruths.end())
      E.ParamTruths.push_back({P, K->Value});
    else if (It->second != K->Value)
      return; // a path the callee's branch excludes
  }
  // The parameters' field tests on this path ("if (rwc->try_lock)").
  for (const auto &[K, Fct] : S.Known) {
    if (Fct.FieldParam < 0)
      continue;
    auto It = llvm::find_if(E.FieldTruths, [&](const Effect::FieldTruth &T) {
      return T.Param == uint32_t(Fct.FieldParam) && T.Field == Fct.Field;
    });
    if (It == E.FieldTruths.end())
      E.FieldTruths.push_back({uint32_t(Fct.FieldParam), Fct.Field, Fct.Value});
    else if (It->Value != Fct.Value)
      return; // a path the callee's tests exclude
  }
  if (E.Kind == EffectKind::Alloc) {
    // Constant values are concrete here, parameter values travel up.
    Effect Concrete = E;
    llvm::erase_if(Concrete.M.V.Terms,
                   [](const MaskTerm &T) { return T.K == MaskTerm::Param; });
    llvm::erase_if(E.M.V.Terms, [](const MaskTerm &T) { return T.K != MaskTerm::Param; });
    if (!Concrete.M.V.empty() && interesting(Concrete)) {
      if (Concrete.open())
        Out.Open.push_back({std::move(Concrete), Released});
      else
        Out.Anchors.push_back({std::move(Concrete), Released});
    }
    if (E.M.V.empty())
      return;
    Out.Open.push_back({std::move(E), std::move(Released)});
    return;
  }
  if (E.open())
    Out.Open.push_back({std::move(E), std::move(Released)});
  else
    Out.Anchors.push_back({std::move(E), std::move(Released)});
}

void FunctionFlow::site(uint32_t Id, const State &S) {
  llvm::ArrayRef<Target> Ts = targets(Id);
  Site St;
  St.Call = Id;
  for (const Target &T : Ts)
    if (T.Fn && !T.Row)
      St.Targets.push_back(T.Index);
  if (St.Targets.empty())
    return;
  llvm::SmallVector<Ctx, 2> Held(S.In.begin(), S.In.end());
  if (!Out.HeldSets.empty() && Out.HeldSets.back().size() == Held.size() &&
      llvm::equal(Out.HeldSets.back(), Held, [](const Ctx &A, const Ctx &B) {
        return A.Key == B.Key && A.Begun == B.Begun && A.Origin == B.Origin;
      }))
    St.Held = Out.HeldSets.size() - 1;
  else if (!Held.empty()) {
    Out.HeldSets.push_back(std::move(Held));
    St.Held = Out.HeldSets.size() - 1;
  }
  St.Released = released(S);
  const CallFacts &C = F.Calls[Id];
  for (uint32_t P = 0; P < TruthParam.size(); ++P)
    if (TruthParam[P])
      if (const Fact *K = findIn(S.Known, localAtom(P)))
        St.ParamTruths.push_back({P, K->Value});
  St.ReleaseOf = releaseOf(S);
  for (const auto &[K, Fct] : S.Known) {
    if (Fct.Param >= 0 && Fct.Bits)
      St.MaskGuards.push_back({uint32_t(Fct.Param), Fct.Bits, Fct.Value, widenings(Fct.Param)});
    if (Fct.FieldParam >= 0)
      St.FieldTruths.push_back({uint32_t(Fct.FieldParam), Fct.Field, Fct.Value});
  }
  for (unsigned I = 0; I < C.Args.size(); ++I) {
    const ArgVal &A = C.Args[I];
    for (const auto &[Fld, V] : A.FieldInts)
      St.ArgFields.push_back({I, Fld, V});
    if (A.SelfLocal != NoIndex && A.SelfLocal < TruthParam.size() && TruthParam[A.SelfLocal])
      St.ArgFields.push_back({I, Symbol(), 0, A.SelfLocal});
  }
  for (unsigned I = 0; I < C.Args.size(); ++I) {
    if (C.Args[I].Mask == NoIndex)
      continue;
    MaskVal M = argMask(C, int(I), S);
    if (M.empty())
      continue;
    Site::ArgMask AM{I};
    AM.Clear = M.Clear;
    bool Known = true;
    for (const MaskTerm &T : M.Terms) {
      if (T.K == MaskTerm::Const) {
        if (!llvm::is_contained(AM.Consts, T.Bits & ~M.Clear))
          AM.Consts.push_back(T.Bits & ~M.Clear);
      } else if (T.K == MaskTerm::Param && AM.FromParam == NoIndex) {
        AM.FromParam = T.Index;
        AM.Or = T.Bits;
      } else {
        Known = false; // a second parameter, or a value not followed
      }
    }
    // A mix of constants and a parameter: not followed (either may be
    // passed).
    if (Known && (AM.Consts.empty() != (AM.FromParam == NoIndex)))
      St.ArgMasks.push_back(std::move(AM));
  }
  // The functions passed for parameters a callee calls through.
  uint64_t Called = 0;
  for (int32_t TI : St.Targets)
    Called |= P.calledParams(TI);
  for (unsigned I = 0; I < C.Args.size() && I < 64; ++I) {
    if (!((Called >> I) & 1))
      continue;
    const ArgVal &A = C.Args[I];
    Site::ArgFn AF{I};
    const SymbolSet *Stored = nullptr;
    if (A.Fns != NoIndex)
      AF.Fns.assign(F.FnLists[A.Fns].begin(), F.FnLists[A.Fns].end());
    else if (A.Lock.K == LockVal::Param && A.Lock.Class.empty())
      AF.FromParam = A.Lock.Index;
    else if (A.Lock.concrete() && (Stored = P.storedInto(A.Lock.Class)))
      AF.Fns.assign(Stored->begin(), Stored->end()); // "ce->ops->destroy"
    else
      continue;
    St.ArgFns.push_back(std::move(AF));
  }
  for (unsigned I = 0; I < C.Args.size(); ++I) {
    const ArgVal &A = C.Args[I];
    Site::ArgTruth AT{I};
    uint32_t Local = A.IntParam != NoIndex ? A.IntParam : A.SelfLocal;
    if (A.HasInt)
      AT.Value = A.Int != 0;
    else if (A.NonNull)
      AT.Value = 1;
    else if (Local != NoIndex) {
      if (const Fact *K = findIn(S.Known, localAtom(Local)))
        AT.Value = K->Value;
      else if (Local < TruthParam.size() && TruthParam[Local])
        AT.FromParam = Local;
    }
    if (AT.Value >= 0 || AT.FromParam != NoIndex)
      St.ArgTruths.push_back(AT);
  }
  for (unsigned I = 0; I < C.Args.size(); ++I) {
    St.ArgLocks.push_back(argLock(C, int(I), S));
    uint32_t Self = C.Args[I].SelfLocal;
    if (Self != NoIndex && Self < SlotsOf.size())
      for (uint32_t Sl : SlotsOf[Self]) {
        LockVal L = resolveLock(LockVal::ofLocal(Sl), S);
        if (L.known())
          St.FieldLocks.push_back({I, F.Locals[Sl].Field, L});
      }
  }
  Out.Sites.push_back(std::move(St));
}

/// Whether a returned value is known to be zero (NULL, 0, a local that
/// holds 0 on this path), known non-zero, or neither.
static int returnTruth(const ValueFacts *V, const State &S) {
  if (!V)
    return -1;
  if (V->FromLocal != NoIndex) {
    if (const Fact *F = findIn(S.Known, localAtom(V->FromLocal)))
      return F->Value ? 1 : 0;
    return -1;
  }
  if (V->Val.HasInt)
    return V->Val.Int != 0;
  if (V->Val.NonNull)
    return 1;
  return -1;
}

void FunctionFlow::summarise() {
  Transfer &T = Out.T;
  T = Transfer();
  if (Returns.empty()) {
    T.NoReturn = true;
    return;
  }
  // The lock classes taken on the way to every return.
  T.MustTaken.assign(Returns.front().S.Taken.begin(), Returns.front().S.Taken.end());
  for (const Ret &R : Returns)
    llvm::erase_if(T.MustTaken,
                   [&](const TakenLock &TL) { return !llvm::is_contained(R.S.Taken, TL); });
  // The lock and mask it returns.
  bool LockAgreed = true;
  for (const Ret &R : Returns) {
    if (R.Value == NoIndex)
      continue;
    const ValueFacts &V = F.Values[R.Value];
    LockVal Lk = resolveLock(V.Val.Lock, R.S);
    if (V.FromLocal != NoIndex)
      if (const LocalV *LV = R.S.local(V.FromLocal))
        if (LV->Lock.known())
          Lk = LV->Lock;
    if (!Lk.known())
      continue;
    if (!T.ReturnLock.known())
      T.ReturnLock = Lk;
    else if (T.ReturnLock != Lk)
      LockAgreed = false;
    if (const MaskVal *M = F.mask(V.Val)) {
      MaskVal RM = resolveMask(*M, R.S);
      T.ReturnMask.Terms.append(RM.Terms.begin(), RM.Terms.end());
      T.ReturnMask.Clear |= RM.Clear;
    }
  }
  if (!LockAgreed)
    T.ReturnLock = LockVal();
  for (const Ret &R : Returns)
    if (R.Value != NoIndex && !F.Values[R.Value].Val.Lock.known())
      if (const MaskVal *M = F.mask(F.Values[R.Value].Val)) {
        MaskVal RM = resolveMask(*M, R.S);
        T.ReturnMask.Terms.append(RM.Terms.begin(), RM.Terms.end());
        T.ReturnMask.Clear |= RM.Clear;
      }
  if (T.ReturnMask.Terms.size() > 16)
    T.ReturnMask.Terms.resize(16);

  // Contexts held at returns: at every one, or exactly at those whose
  // result says so.
  std::vector<CtxKey> Keys;
  for (const Ret &R : Returns)
    for (const Ctx &C : R.S.In)
      if (C.Key.Kind != CtxKind::Entry && !C.Implicit && !C.Borrowed &&
          llvm::none_of(Keys, [&](const CtxKey &K) { return K == C.Key; }))
        Keys.push_back(C.Key);
  llvm::sort(Keys);
  for (const CtxKey &K : Keys) {
    bool All = true, CondNZ = true, CondZ = true;
    const Ctx *Witness = nullptr;
    for (const Ret &R : Returns) {
      const Ctx *C = nullptr;
      for (const Ctx &X : R.S.In)
        if (X.Key == K)
          C = &X;
      // A caller's lock released and taken back is the caller's, not ours.
      if (C && K.Kind == CtxKind::Lock)
        for (const RelEntry &E : R.S.Rel)
          if (E.Key.sameLock(K) && E.Must && E.Net)
            C = nullptr;
      const ValueFacts *V = R.Value == NoIndex ? nullptr : &F.Values[R.Value];
      int Truth = returnTruth(V, R.S);
      bool Certain = C && C->Must &&
                     (!C->GuardKey || ownPointerGuard(C->Key, C->GuardKey, C->GuardValue));
      // Guarded by the truth of the very local that is returned.
      bool GuardedByResult = C && C->GuardKey && V && V->FromLocal != NoIndex &&
                             C->GuardKey == localAtom(V->FromLocal);
      if (C && !Witness)
        Witness = C;
      if (!Certain)
        All = false;
      // Held iff the result is non-zero.
      if (Truth == 0 ? C != nullptr
                     : !(Certain || (GuardedByResult && C->GuardValue)))
        CondNZ = false;
      if (Truth == 1 ? C != nullptr : !(Certain && Truth == 0))
        CondZ = false;
      // A returned call result with this context pending on it.
      if (!C && V && V->FromCall != NoIndex)
        for (const Pending &Pd : R.S.Pend)
          if (Pd.Call == V->FromCall && Pd.C.Key == K && !Pd.Begun) {
            if (!Witness)
              Witness = &Pd.C;
            CondNZ = Pd.OnNonZero;
            CondZ = !Pd.OnNonZero;
          }
    }
    if (!Witness)
      continue;
    Ctx W = *Witness;
    W.Must = true;
    W.GuardKey = 0;
    W.GuardParam = -1;
    W.Depth = 1;
    if (All) {
      T.Acquires.push_back({W, true});
      continue;
    }
    if (CondNZ || CondZ)
      T.CondAcquires.push_back({W, CondNZ});
    else
      T.MayHeld.push_back(K);
  }
  // Pending acquisitions returned as the result (trylock wrappers).
  for (const Ret &R : Returns) {
    if (R.Value == NoIndex)
      continue;
    const ValueFacts &V = F.Values[R.Value];
    if (V.FromCall == NoIndex)
      continue;
    for (const Pending &Pd : R.S.Pend)
      if (Pd.Call == V.FromCall && !Pd.Begun &&
          llvm::none_of(T.CondAcquires, [&](const NetCtx &N) { return N.C.Key == Pd.C.Key; }) &&
          llvm::none_of(T.Acquires, [&](const NetCtx &N) { return N.C.Key == Pd.C.Key; }))
        T.CondAcquires.push_back({Pd.C, Pd.OnNonZero});
  }
  // Fields of parameters holding a lock at every return.
  for (uint32_t Sl = 0; Sl < F.Locals.size(); ++Sl) {
    const LocalFacts &L = F.Locals[Sl];
    if (L.Base == NoIndex || L.Base >= F.ParamNames.size())
      continue;
    LockVal Common;
    bool Same = true;
    for (const Ret &R : Returns) {
      const LocalV *LV = R.S.local(Sl);
      if (!LV || !LV->Lock.known()) {
        Same = false;
        break;
      }
      if (!Common.known())
        Common = LV->Lock;
      else if (Common != LV->Lock)
        Same = false;
    }
    if (Same && Common.known())
      T.OutFields.push_back({L.Base, L.Field, Common});
  }
  // Entry contexts ended at every return, and not taken back.
  std::vector<CtxKey> Rel;
  for (const RelEntry &E : Returns.front().S.Rel)
    Rel.push_back(E.Key);
  for (const CtxKey &K : Rel) {
    bool Every = true, Retaken = true;
    for (const Ret &R : Returns) {
      bool Found = false;
      for (const RelEntry &E : R.S.Rel)
        if (E.Key == K && E.Must && E.Net &&
            (!E.GuardKey || ownPointerGuard(E.Key, E.GuardKey, E.GuardValue)))
          Found = true;
      Every &= Found;
      bool Held = false;
      for (const Ctx &C : R.S.In)
        if (C.Key.sameLock(K) || C.Key == K)
          Held = true;
      Retaken &= Held;
    }
    if (!Every)
      continue;
    if (Retaken) {
      // Released and taken back: for the caller nothing changed.
      llvm::erase_if(T.Acquires, [&](const NetCtx &N) {
        return N.C.Key.sameLock(K) || N.C.Key == K;
      });
      continue;
    }
    Ctx C;
    C.Key = K;
    T.Releases.push_back(C);
  }
  // A caller's lock released exactly when the result says so, and held
  // (kept or taken back) at the other returns: allocate_file_region_entries()
  // drops resv->lock on its -ENOMEM return only.
  std::vector<CtxKey> Some;
  for (const Ret &R : Returns)
    for (const RelEntry &E : R.S.Rel)
      if (E.Key.Kind == CtxKind::Lock && E.Must && E.Net &&
          llvm::none_of(Some, [&](const CtxKey &K) { return K == E.Key; }) &&
          llvm::none_of(T.Releases, [&](const Ctx &C) { return C.Key == E.Key; }))
        Some.push_back(E.Key);
  llvm::sort(Some);
  for (const CtxKey &K : Some) {
    bool OnNZ = true, OnZ = true, AnyGone = false, AnyKept = false;
    for (const Ret &R : Returns) {
      const ValueFacts *V = R.Value == NoIndex ? nullptr : &F.Values[R.Value];
      int Truth = returnTruth(V, R.S);
      bool Released = llvm::any_of(R.S.Rel, [&](const RelEntry &E) {
        return E.Key == K && E.Must && E.Net && !E.GuardKey;
      });
      const Ctx *H = nullptr;
      for (const Ctx &C : R.S.In)
        if (C.Key.sameLock(K))
          H = &C;
      bool MayReleased = llvm::any_of(
          R.S.Rel, [&](const RelEntry &E) { return E.Key == K; });
      // Taken back (on the paths that released it: a may-release joined
      // with a may-hold is one loop that drops and re-takes the lock), or
      // released at every path here.
      bool Kept = !MayReleased || H;
      bool Gone = Released && !H;
      if (Truth < 0 || (!Kept && !Gone)) {
        OnNZ = OnZ = false;
        break;
      }
      AnyGone |= Gone;
      AnyKept |= !Gone;
      if (Gone) {
        OnNZ &= Truth == 1;
        OnZ &= Truth == 0;
      } else {
        OnNZ &= Truth == 0;
        OnZ &= Truth == 1;
      }
    }
    // Both kinds of return: a lock dropped at none is not released, one
    // dropped at every return would be a plain release.
    if (!AnyGone || !AnyKept)
      continue;
    Ctx C;
    C.Key = K;
    NetCtx N{C, OnNZ};
    N.ByResult = OnNZ || OnZ;
    // Released exactly where the function set a flag through a pointer
    // parameter, "*dropped = 1" (and kept where it never wrote it): the
    // flag the caller tests, whether or not the result says it too.
    for (uint32_t P = 0; P < F.ParamNames.size(); ++P) {
      uint32_t Sl = slot(P, Symbol("*"));
      if (Sl == NoIndex)
        continue;
      bool Flag = true;
      for (const Ret &R : Returns) {
        bool Released = llvm::any_of(R.S.Rel, [&](const RelEntry &E) {
          return E.Key == K && E.Must && E.Net && !E.GuardKey;
        });
        bool Held = llvm::any_of(R.S.In, [&](const Ctx &X) { return X.Key.sameLock(K); });
        bool MayReleased = llvm::any_of(R.S.Rel, [&](const RelEntry &E) { return E.Key == K; });
        bool Gone = Released && !Held;
        bool Kept = !MayReleased || Held;
        const Fact *Set = findIn(R.S.Known, localAtom(Sl));
        bool Written = llvm::is_contained(R.S.Dirty, Sl);
        if (Gone ? !(Set && Set->Value) : (!Kept || Written)) {
          Flag = false;
          break;
        }
      }
      if (Flag) {
        N.FlagParam = P;
        break;
      }
    }
    if (OnNZ || OnZ || N.FlagParam != NoIndex)
      T.CondReleases.push_back(N);
  }
}

void FunctionFlow::run() {
  Out = FnResult();
  unsigned N = F.Blocks.size();
  SlotsOf.assign(F.Locals.size(), {});
  for (uint32_t I = 0; I < F.Locals.size(); ++I)
    if (F.Locals[I].Base != NoIndex && F.Locals[I].Base < F.Locals.size()) {
      SlotsOf[F.Locals[I].Base].push_back(I);
      SlotIndex[{F.Locals[I].Base, F.Locals[I].Field}] = I;
    }
  CallTargets.assign(F.Calls.size(), {});
  TargetsDone.assign(F.Calls.size(), false);
  TruthParam.assign(F.ParamNames.size(), false);
  for (uint32_t P = 0; P < TruthParam.size() && P < 64; ++P)
    TruthParam[P] = (F.StableParams >> P) & 1;
  std::vector<State> BlockIn(N);
  std::vector<unsigned> Visits(N, 0);
  if (F.Entry >= N)
    return;
  // Reverse post-order: a join is first evaluated once its forward
  // predecessors are, so a guard found there is not preceded by a less
  // precise state its successors would keep.
  std::vector<uint32_t> Rpo(N, NoIndex);
  {
    std::vector<uint32_t> Order;
    std::vector<char> Seen(N, 0);
    std::vector<std::pair<uint32_t, unsigned>> Stack{{F.Entry, 0}};
    Seen[F.Entry] = 1;
    while (!Stack.empty()) {
      auto &[B, I] = Stack.back();
      const BlockFacts &BF = F.Blocks[B];
      if (I < BF.Succs.size()) {
        uint32_t S2 = BF.Succs[I++];
        if (S2 != NoIndex && S2 < N && !Seen[S2]) {
          Seen[S2] = 1;
          Stack.push_back({S2, 0});
        }
        continue;
      }
      Order.push_back(B);
      Stack.pop_back();
    }
    for (size_t I = 0; I < Order.size(); ++I)
      Rpo[Order[Order.size() - 1 - I]] = uint32_t(I);
  }
  std::set<std::pair<uint32_t, uint32_t>> Work; // (rpo index, block)
  BlockIn[F.Entry].Reached = true;
  Work.insert({Rpo[F.Entry], F.Entry});
  while (!Work.empty()) {
    uint32_t B = Work.begin()->second;
    Work.erase(Work.begin());
    if (++Visits[B] > Limits.MaxVisitsPerBlock) {
      Out.CutShort = true;
      continue;
    }
    State S = BlockIn[B];
    block(F.Blocks[B], S);
    if (!S.Reached)
      continue;
    const BlockFacts &BF = F.Blocks[B];
    for (unsigned I = 0; I < BF.Succs.size(); ++I) {
      uint32_t Succ = BF.Succs[I];
      if (Succ == NoIndex || Succ >= N)
        continue;
      State Edge = S;
      edge(BF, I, Edge);
      State Joined = BlockIn[Succ];
      Joined.join(Edge);
      if (Joined == BlockIn[Succ])
        continue;
      BlockIn[Succ] = std::move(Joined);
      Work.insert({Rpo[Succ], Succ});
    }
  }
  if (const char *Dbg = std::getenv("GFPDEP_DEBUG_BLOCKS"))
    if (F.Name == Dbg)
      for (unsigned B = 0; B < N; ++B) {
        llvm::errs() << "block " << B << (BlockIn[B].Reached ? "" : " unreached");
        for (const Ctx &C : BlockIn[B].In)
          llvm::errs() << " ctx(" << unsigned(C.Key.Kind) << ":" << C.Key.Lock.Class
                       << C.Key.Lock.Index << " must=" << C.Must << " guard=" << C.GuardKey
                       << "=" << C.GuardValue << ")";
        auto Atom = [](uint64_t K) {
          return (K >> 62) == 1 ? "l" + std::to_string(K & 0xffffffff)
                 : (K >> 62) == 2 ? "c" + std::to_string(K & 0xffffffff)
                                  : "s" + std::to_string(K);
        };
        for (const auto &[K, V] : BlockIn[B].Known)
          llvm::errs() << " known(" << Atom(K) << "=" << V.Value << ")";
        for (const Implied &I : BlockIn[B].Imp)
          llvm::errs() << " implied(" << Atom(I.If) << "=" << I.IfValue << " => "
                       << Atom(I.Atom) << "=" << I.F.Value << ")";
        llvm::errs() << " succs";
        for (uint32_t S2 : F.Blocks[B].Succs)
          llvm::errs() << " " << int(S2);
        llvm::errs() << "\n";
      }
  // Second pass over the fixpoint: record effects, sites and returns.
  Recording = true;
  // Blocks in id order, which the extractor made deterministic. BegunBy and
  // VarOwns are kept from the fixpoint: they are facts about calls and
  // variables, and a block may end a variable's scope before (in id order)
  // the block that declares it.
  for (unsigned B = 0; B < N; ++B) {
    if (!BlockIn[B].Reached)
      continue;
    State S = BlockIn[B];
    block(F.Blocks[B], S);
    if (!S.Reached)
      continue;
    const BlockFacts &BF = F.Blocks[B];
    for (unsigned I = 0; I < BF.Succs.size(); ++I)
      if (BF.Succs[I] == F.Exit) {
        Ret R;
        R.S = S;
        edge(BF, I, R.S);
        for (const Event &E : BF.Events)
          if (E.K == Event::Return)
            R.Value = E.A;
        Returns.push_back(std::move(R));
      }
  }
  summarise();
  // One of each: a callee's effect reached through several calls here is
  // one effect for the callers, and callers of callers would multiply the
  // copies (fs/jbd2/journal.c grew past 24 GB).
  dedupEffects(Out.Open, Arena);
  dedupEffects(Out.Anchors, Arena);
  Out.Analysed = true;
  if (std::getenv("GFPDEP_DEBUG_SUMMARY")) {
    llvm::errs() << "summary " << F.Name << ": " << resultSignature(Out);
    for (const NetCtx &N : Out.T.CondReleases)
      llvm::errs() << " condrel(" << N.C.Key.Lock.Class << N.C.Key.Lock.Index << " nz=" << N.OnNonZero
                   << ")";
    llvm::errs() << "\n";
    for (const Ret &R : Returns) {
      llvm::errs() << "  return";
      for (const Ctx &C : R.S.In)
        llvm::errs() << " ctx(" << unsigned(C.Key.Kind) << " " << C.Key.Lock.Class
                     << " must=" << C.Must << " guard=" << C.GuardKey << ")";
      for (const auto &[K, V] : R.S.Known)
        llvm::errs() << " known(" << K << "=" << V.Value << ")";
      for (const RelEntry &E : R.S.Rel)
        llvm::errs() << " rel(" << E.Key.Lock.Class << " must=" << E.Must << " net=" << E.Net
                     << " guard=" << E.GuardKey << ")";
      if (R.Value != NoIndex)
        llvm::errs() << " truth=" << returnTruth(&F.Values[R.Value], R.S);
      llvm::errs() << "\n";
    }
  }
}

} // namespace

void gfpdep::analyseFunction(const Program &P, StepArena &Arena,
                             std::vector<FnResult> &Results, int32_t Index,
                             const DataflowLimits &Limits) {
  FunctionFlow(P, Arena, Results, Index, Limits).run();
}

std::string gfpdep::resultSignature(const FnResult &R) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  auto Key = [&](const CtxKey &K) {
    OS << unsigned(K.Kind) << ":" << unsigned(K.Fl) << ":" << unsigned(K.Lock.K) << ":"
       << K.Lock.Index << ":" << K.Lock.Class << "/" << K.Subclass << ":" << K.Entry
       << ";";
  };
  for (const NetCtx &N : R.T.Acquires)
    Key(N.C.Key);
  OS << "|";
  for (const NetCtx &N : R.T.CondAcquires) {
    Key(N.C.Key);
    OS << N.OnNonZero;
  }
  OS << "|";
  for (const Ctx &C : R.T.Releases)
    Key(C.Key);
  OS << "|" << unsigned(R.T.ReturnLock.K) << R.T.ReturnLock.Index << R.T.ReturnLock.Class
     << "|" << R.T.ReturnMask.Terms.size() << "|" << R.T.NoReturn << "|";
  std::vector<std::string> Open;
  for (const OpenEffect &O : R.Open) {
    std::string E;
    llvm::raw_string_ostream EOS(E);
    EOS << unsigned(O.E.Kind) << O.E.Leaf.File << O.E.Leaf.Line << ":" << O.E.Leaf.Col
        << ":" << O.E.Lock.Class << O.E.Lock.Index << ":" << O.E.M.V.Terms.size() << ":"
        << O.E.Around.size();
    for (auto [P, V] : O.E.ParamTruths)
      EOS << ":p" << P << "=" << V;
    for (const Effect::FieldTruth &T : O.E.FieldTruths)
      EOS << ":f" << T.Param << "." << T.Field << "=" << T.Value;
    EOS << ":" << O.E.ReleaseOf;
    Open.push_back(std::move(E));
  }
  llvm::sort(Open);
  Open.erase(std::unique(Open.begin(), Open.end()), Open.end());
  for (const std::string &E : Open)
    OS << E << ";";
  return S;
}
