//===- Context.h - contexts, chains, effects, transfer summaries -*- C++ -*-===//
///
/// \file
/// The link's vocabulary. A context is something in force at a program point
/// (a held lock, IRQs off, a memalloc scope, an entry point's context). An
/// effect is what a function may do (allocate, block, acquire, call a
/// function with a promise) with the chain of calls down to its leaf. A
/// transfer summary is what a call does to its caller's lock state. Chains
/// are shared, never copied: steps live in one arena per link.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_LINK_CONTEXT_H
#define GFPDEP_LINK_CONTEXT_H

#include "facts/Facts.h"
#include "llvm/ADT/SmallVector.h"
#include <vector>

namespace gfpdep {

enum class CtxKind : uint8_t {
  Lock,        ///< a held lock
  Section,     ///< IRQs/preemption/BH off, RCU read side, non-block region
  Scope,       ///< memalloc_noreclaim/noio/nofs
  FsReclaim,   ///< between fs_reclaim_acquire and fs_reclaim_release
  Entry,       ///< a whole function's context: OOM notifier, shrinker, IRQ ...
  NeverSleeps, ///< a function promised never to sleep (contract)
};

/// A subclass the source computes at run time (netif_addr_lock()'s
/// "spin_lock_nested(&dev->addr_list_lock, nest_level)"): nesting the class
/// is by design, and no two such acquisitions are known to be one subclass.
constexpr uint32_t RuntimeSubclass = ~0u;

/// A context's identity within a state.
struct CtxKey {
  CtxKind Kind = CtxKind::Lock;
  Flavor Fl = Flavor::None; ///< sections, scopes, entries (None for locks)
  LockVal Lock;             ///< locks: Named or Param
  uint32_t Subclass = 0;
  Symbol Entry;             ///< entries: the function

  bool operator==(const CtxKey &O) const {
    return Kind == O.Kind && Fl == O.Fl && Lock == O.Lock &&
           Subclass == O.Subclass && Entry == O.Entry;
  }
  bool operator!=(const CtxKey &O) const { return !(*this == O); }
  bool operator<(const CtxKey &O) const {
    if (Kind != O.Kind)
      return Kind < O.Kind;
    if (Fl != O.Fl)
      return Fl < O.Fl;
    if (Lock != O.Lock)
      return Lock < O.Lock;
    if (Subclass != O.Subclass)
      return Subclass < O.Subclass;
    return Entry < O.Entry;
  }
  /// The same lock object, whatever the subclass: what a release matches.
  bool sameLock(const CtxKey &O) const {
    return Kind == CtxKind::Lock && O.Kind == CtxKind::Lock && Lock == O.Lock;
  }
};

/// A shared list of steps: Head is an index into a StepArena.
struct ChainRef {
  uint32_t Head = 0;
  uint32_t Size = 0;
  bool empty() const { return Size == 0; }
};

enum class StepKind : uint8_t {
  Call, ///< "'A' calls 'B' here"
};

struct StepNode {
  Loc Where;
  Symbol A, B;
  uint32_t Next = 0;
  int32_t MaskArg = -1; ///< Call: the argument carrying the leaf's mask
  StepKind Kind = StepKind::Call;
  bool Merged = false;  ///< one of several call sites reaching one effect
};

/// Every step of every chain of a link, shared between effects.
class StepArena {
public:
  StepArena() { Nodes.emplace_back(); } // 0: the empty list
  ChainRef prepend(ChainRef C, const Loc &Where, Symbol A, Symbol B,
                   int32_t MaskArg = -1, bool Merged = false) {
    StepNode N;
    N.Where = Where;
    N.A = A;
    N.B = B;
    N.Next = C.Head;
    N.MaskArg = MaskArg;
    N.Merged = Merged;
    Nodes.push_back(N);
    return {uint32_t(Nodes.size() - 1), C.Size + 1};
  }
  /// The chain after its first N steps.
  ChainRef drop(ChainRef C, uint32_t N) const {
    while (N-- && C.Size) {
      C.Head = Nodes[C.Head].Next;
      --C.Size;
    }
    return C;
  }
  const StepNode &node(uint32_t I) const { return Nodes[I]; }
  /// The steps in list order.
  void steps(ChainRef C, llvm::SmallVectorImpl<const StepNode *> &Out) const {
    for (uint32_t I = C.Head, K = 0; K < C.Size; I = Nodes[I].Next, ++K)
      Out.push_back(&Nodes[I]);
  }
  /// Shorter first, then by the positions of the steps.
  bool before(ChainRef A, ChainRef B) const {
    if (A.Size != B.Size)
      return A.Size < B.Size;
    for (uint32_t I = A.Head, J = B.Head, K = 0; K < A.Size;
         I = Nodes[I].Next, J = Nodes[J].Next, ++K)
      if (Nodes[I].Where != Nodes[J].Where)
        return Nodes[I].Where < Nodes[J].Where;
    return false;
  }
  size_t size() const { return Nodes.size(); }

private:
  std::vector<StepNode> Nodes;
};

struct Ctx {
  CtxKey Key;
  Flavor LockFl = Flavor::None; ///< locks: mutex, spin, rwsem, ...
  bool Recursive = false;
  /// A section a lock's _irq/_irqsave/_bh form began with it: counted, but
  /// reported as the lock.
  bool ByLock = false;
  uint32_t SubclassParam = NoIndex;   ///< subclass from this parameter
  /// Where the context began in the function that holds it (a call to a
  /// helper, or the acquisition itself).
  Loc Begun;
  /// The real acquisition (inside the helper), and the calls from Begun down
  /// to the helper that made it: "'f' calls 'pmd_lock' here".
  Loc Origin;
  ChainRef OriginChain;
  Symbol Via;          ///< the API or helper that began it
  uint8_t Depth = 1;   ///< nesting count, saturating
  bool Must = true;    ///< held on every path to here
  bool Borrowed = false; ///< lockdep_assert_held: the caller's lock
  bool Implicit = false; ///< an entry's own context (a shrinker's PF_MEMALLOC)
  /// Begun only on paths where a condition had this truth value.
  uint64_t GuardKey = 0;
  bool GuardValue = false;
  int32_t GuardParam = -1;
  uint64_t GuardBits = 0;
  uint32_t Seq = 0; ///< acquisition order: a release ends the latest

  bool atomic() const;
  bool nonBlocking() const;
  bool paramDependent() const {
    return GuardParam >= 0 || Key.Lock.K == LockVal::Param ||
           SubclassParam != NoIndex;
  }
};

/// A context around an effect, and how many of the effect's chain steps lie
/// below the function where it began.
struct Under {
  Ctx C;
  uint32_t ChainLen = 0;
};

/// Wait: waits for the callback bound to the object Lock names (Fl: work
/// item, timer, IRQ handler, completion). Signal: complete() on the
/// completion Lock names.
enum class EffectKind : uint8_t { Alloc, Block, Acquire, Requires, Wait, Signal };

/// A mask with the scopes in force applied.
struct EffMask {
  MaskVal V;
  bool NoReclaim = false; ///< under memalloc_noreclaim (PF_MEMALLOC)
  Loc ScopeAt;            ///< where the outermost scope began
  Symbol ScopeVia;
};

/// A lock class taken (and maybe released) on every path to a point.
struct TakenLock {
  Symbol Class;
  Loc At; ///< the acquisition
  /// Taken in a callee: the call that takes it, in the function that
  /// first saw it taken ("'dev_work' calls 'dev_update' here").
  Loc Via;
  Symbol Caller, Callee;
  bool operator==(const TakenLock &O) const { return Class == O.Class; }
  bool operator<(const TakenLock &O) const { return Class < O.Class; }
};

struct Effect {
  EffectKind Kind = EffectKind::Block;
  Loc Leaf;
  Symbol What;          ///< the operation at the leaf: "kmalloc", "mutex_lock"
  int32_t LeafMaskArg = -1;
  EffMask M;            ///< Alloc
  LockVal Lock;         ///< Acquire: the lock; Requires: must not be held
  Flavor Fl = Flavor::None;
  uint32_t Subclass = 0;
  uint32_t SubclassParam = NoIndex;
  bool Recursive = false;
  /// Acquire: a reader (read_lock, down_read): lockdep's recursive read in
  /// IRQ context.
  bool Read = false;
  /// Acquire: the lock's own form disables hard IRQs (_irq, _irqsave) or
  /// bottom halves (_bh) before taking it.
  bool OwnIrqOff = false, OwnBhOff = false;
  bool FaultOnly = false; ///< Block: only to fault a page in (copy_from_user)
  bool ProcessOnly = false; ///< Block: not in interrupt context (vfree)
  Loc PromiseAt;        ///< Requires
  /// The effect happens only where function-pointer parameter Param is Fn:
  /// it was reached through a call of that parameter ("release(kref)" in
  /// kref_put()), which runs what the caller passed, not every function
  /// any caller passes.
  struct FnGuard {
    uint32_t Param;
    Symbol Fn;
    bool operator==(const FnGuard &O) const { return Param == O.Param && Fn == O.Fn; }
  };
  llvm::SmallVector<FnGuard, 0> FnGuards;
  /// Signal: the lock classes taken on every path from the owner's entry
  /// to the complete(), released or not (a completer that needs L first
  /// cannot complete while the waiter holds L).
  llvm::SmallVector<TakenLock, 0> TakenBefore;
  ChainRef Chain;       ///< calls from the owner down to the leaf
  llvm::SmallVector<Under, 1> Around;
  /// The effect is on the path that dropped the last reference to an object
  /// of this record (refcount_dec_and_test(&n->refcnt) was true): held
  /// locks of that record's objects cannot be the freed one's, whose holder
  /// would go on to use freed memory.
  Symbol ReleaseOf;
  /// The effect happens only where parameter first's truth is second
  /// ("if (lock) write_lock(...)"): a caller passing the other constant
  /// never reaches it.
  llvm::SmallVector<std::pair<uint32_t, bool>, 1> ParamTruths;
  /// The effect happens only where "(mask parameter Param & Bits) != 0" is
  /// Value ("if (gfpflags_allow_blocking(gfp)) might_sleep();"): a caller
  /// whose masks all say otherwise never reaches it.
  struct MaskGuard {
    uint32_t Param;
    uint64_t Bits;
    bool Value;
    /// The widenings of the parameter before the test (FnFacts::Widenings):
    /// the caller's value with these added is what the test sees.
    llvm::SmallVector<FnFacts::Widening, 0> Widen;
    /// Whether the test holds for a value V the caller passes.
    bool holds(uint64_t V) const {
      for (size_t Round = 0; Round <= Widen.size(); ++Round) {
        uint64_t Before = V;
        for (const FnFacts::Widening &W : Widen)
          if ((!W.Need0 || (V & W.Need0)) && (!W.Need1 || (V & W.Need1)))
            V |= W.Bits;
        if (V == Before)
          break;
      }
      return ((V & Bits) != 0) == Value;
    }
  };
  llvm::SmallVector<MaskGuard, 1> MaskGuards;
  /// The effect happens only where integer field Field of what parameter
  /// Param points to has truth Value ("if (rwc->try_lock) return;"): a
  /// caller whose struct holds the other constant never reaches it.
  struct FieldTruth {
    uint32_t Param;
    Symbol Field;
    bool Value;
    bool operator==(const FieldTruth &O) const {
      return Param == O.Param && Field == O.Field && Value == O.Value;
    }
  };
  llvm::SmallVector<FieldTruth, 0> FieldTruths;

  /// Depends on the caller: a parameter's mask or lock, a guard on a
  /// parameter's bits or truth.
  bool open() const;
};

/// A context a callee leaves begun for its caller.
struct NetCtx {
  Ctx C;
  bool OnNonZero = true; ///< conditional: held when the result is (non)zero
  /// CondReleases: released exactly when the callee set *parameter
  /// FlagParam non-zero, and kept where it did not write it
  /// (ext4_ind_trunc_restart_fn(): "up_write(...); *dropped = 1;"); the
  /// result says nothing. NoIndex: the result says it.
  uint32_t FlagParam = NoIndex;
  /// CondReleases: the result says it too (OnNonZero).
  bool ByResult = true;
};

/// What a call does to its caller's state.
struct Transfer {
  llvm::SmallVector<NetCtx, 1> Acquires;     ///< held at every return
  llvm::SmallVector<Ctx, 1> Releases;        ///< ended at every return
  llvm::SmallVector<NetCtx, 1> CondAcquires; ///< held iff the result says so
  /// Held at some returns but neither at every one nor as the result says:
  /// the lock-balance suspects (callers do not assume them held).
  llvm::SmallVector<CtxKey, 1> MayHeld;
  /// A caller's lock released iff the result says so (OnNonZero), kept at
  /// the other returns.
  llvm::SmallVector<NetCtx, 1> CondReleases;
  LockVal ReturnLock;                        ///< the lock it returns
  MaskVal ReturnMask;                        ///< the mask it returns
  llvm::SmallVector<std::pair<uint32_t, LockVal>, 1> OutLocks; ///< *param = lock
  /// What the function leaves in a field of a parameter (map_pte() stores
  /// the lock it took in pvmw->ptl): parameter, field, lock.
  struct OutField {
    uint32_t Param;
    Symbol Field;
    LockVal Lock;
  };
  llvm::SmallVector<OutField, 1> OutFields;
  /// Lock classes the function takes on every path to every return.
  llvm::SmallVector<TakenLock, 0> MustTaken;
  bool NoReturn = false;

  bool operator==(const Transfer &O) const;
  bool operator!=(const Transfer &O) const { return !(*this == O); }
};

} // namespace gfpdep

#endif
