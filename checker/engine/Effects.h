//===- Effects.h - contexts, effects and function summaries -----*- C++ -*-===//
///
/// \file
/// The engine's vocabulary. A Context is something in force at a program
/// point (a held lock, IRQs off, a memalloc scope, an entry point's reclaim
/// context). An Effect is what a function may do, directly or through calls
/// (allocate, block, acquire), with the chain of call sites down to the leaf
/// and every context enclosing the leaf on that chain. A Summary is the set of
/// effects reachable from a function's entry plus its net lock effect.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_EFFECTS_H
#define GFPDEP_ENGINE_EFFECTS_H

#include "Finding.h"
#include "model/ApiModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

/// A lock class ("virtio_balloon::balloon_lock"), or the lock a parameter of
/// the summarised function points to, resolved at each call site.
struct LockRef {
  Symbol Class;
  int Param = -1;
  Symbol Display; ///< for a parameter: its name, for messages

  bool known() const { return Param >= 0 || !Class.empty(); }
  /// The name messages use: the class, or the parameter's name.
  std::string name() const {
    if (Param < 0)
      return Class.str();
    return Display.empty() ? "parameter " + std::to_string(Param + 1)
                           : Display.str();
  }
  bool concrete() const { return Param < 0 && !Class.empty(); }
  std::string key() const;
};

/// One value a GFP mask may have, and where it was written.
struct MaskSource {
  uint64_t Value = 0;
  Loc Where;
  bool AtLeaf = false; ///< written in the leaf call itself: no "passed here" note
  bool operator<(const MaskSource &O) const;
};

/// The set of values a mask may have: constants, and/or the value of a
/// parameter of the summarised function (with bits or-ed in). Scopes in force
/// clear bits from all of them.
struct Mask {
  llvm::SmallVector<MaskSource, 2> Values;
  int Param = -1;
  uint64_t ParamOr = 0;
  uint64_t Clear = 0;     ///< bits memalloc_noio/nofs scopes take away
  bool NoReclaim = false; ///< under memalloc_noreclaim (PF_MEMALLOC)
  Loc ScopeAt;            ///< where the outermost such scope began
  Symbol ScopeVia;        ///< and with what ("memalloc_noio_save")

  bool empty() const { return Values.empty() && Param < 0; }
  void add(const MaskSource &S);
  void unite(const Mask &O);
  std::string key() const;
};

enum class CtxKind : uint8_t {
  Lock,          ///< a held lock (Fl says which flavour)
  Section,       ///< IRQs/preemption/BH off, RCU read side, non-block region
  Scope,         ///< memalloc_noreclaim/noio/nofs
  FsReclaim,     ///< between fs_reclaim_acquire and fs_reclaim_release
  Entry,         ///< a whole function's context: OOM notifier, shrinker, IRQ ...
  NeverSleeps,   ///< a function promised never to sleep (contract)
};

struct Context {
  CtxKind Kind = CtxKind::Lock;
  Flavor Fl = Flavor::None;
  LockRef Lock;          ///< Kind == Lock
  unsigned Subclass = 0; ///< *_nested subclass
  bool Recursive = false;
  Loc Origin;            ///< where it began
  Symbol Via;            ///< the API or wrapper that began it ("mutex_lock")
  Symbol Entry;          ///< Kind == Entry/NeverSleeps: the function's name
  unsigned Depth = 1;    ///< nesting count, saturating
  bool Implicit = false; ///< given by the function's own entry context
  /// Begun only on paths where a condition had this truth value (set at a
  /// join; a later branch on the same condition keeps or drops the
  /// context). GuardKey identifies the condition; 0 is none.
  uint64_t GuardKey = 0;
  bool GuardValue = false;
  /// When the condition is "(parameter GuardParam & GuardBits) != 0" (a
  /// GFP mask test such as gfp & __GFP_DIRECT_RECLAIM), callers decide the
  /// guard from the mask they pass.
  int GuardParam = -1;
  uint64_t GuardBits = 0;

  std::string key() const; ///< identity within a state (not the origin)
  bool atomic() const;
  bool nonBlocking() const;
};

/// A context around an effect, and how many of the effect's chain steps lie
/// below the function where it began.
struct Enclosing {
  Context Ctx;
  unsigned ChainLen = 0;
};

/// The call steps from a summary's owner down to a leaf, shared between
/// effects: prepending a call is O(1), and callers' effects share the tail.
class Chain {
public:
  Chain() = default;
  Chain(const Chain &) = default;
  Chain(Chain &&O) noexcept : Head(std::move(O.Head)), Size(O.Size) { O.Size = 0; }
  /// By value: the chain given up is released by the temporary, below.
  Chain &operator=(Chain O) noexcept {
    std::swap(Head, O.Head);
    std::swap(Size, O.Size);
    return *this;
  }
  /// Releases the nodes no other chain shares one by one: a chain of a
  /// million steps would otherwise overflow the stack, each node's
  /// shared_ptr destroying the next.
  ~Chain() {
    std::shared_ptr<const Node> N = std::move(Head);
    while (N && N.use_count() == 1) {
      std::shared_ptr<const Node> Next = std::move(N->Next);
      N = std::move(Next);
    }
  }
  unsigned size() const { return Size; }
  bool empty() const { return Size == 0; }
  /// A chain with Front before this one.
  Chain prepend(const Step &Front) const { return prepend(Front.Where, Front.Text); }
  /// The same with an interned text: no copy of the string per effect.
  /// MaskArg: the argument of this call that carries the leaf's GFP mask
  /// into the callee (-1: none, or the callee's mask does not depend on it).
  Chain prepend(const Loc &Where, Symbol Text, int MaskArg = -1) const;
  /// The same chain with its first step marked as one of several call sites
  /// of the summary's owner that reach the same effect.
  Chain withMergedHead() const;
  /// What the path-sensitive mode needs of the step N from the end
  /// (N == size(): the first step).
  struct StepInfo {
    Loc Where;
    int MaskArg = -1;
    bool Merged = false;
  };
  StepInfo stepFromEnd(unsigned N) const;
  /// The steps, outermost call first.
  std::vector<Step> steps() const;
  /// The last N steps (those below a context that began N calls up).
  std::vector<Step> suffix(unsigned N) const;
  /// Shorter first, then by the positions of the steps.
  bool before(const Chain &O) const;
  /// For writers that store shared steps once: the first step's node
  /// (null when empty; equal for chains that share it), that step, and
  /// the chain after it.
  const void *identity() const { return Head.get(); }
  Step front() const { return {Head->Where, Head->Text.str()}; }
  Chain rest() const;

private:
  struct Node {
    Loc Where;
    Symbol Text;
    mutable std::shared_ptr<const Node> Next; ///< moved out only when released
    int MaskArg = -1;
    bool Merged = false;
  };
  std::shared_ptr<const Node> Head;
  unsigned Size = 0;
};

using EnclosingList = llvm::SmallVector<Enclosing, 0>;

/// Alloc, Block and Acquire are what a function may do; Requires is a
/// promise a callee asks of its callers: "do not hold this lock" (contract).
enum class EffectKind : uint8_t { Alloc, Block, Acquire, Requires };

struct Effect {
  // SmallVector's move is not noexcept; ours is (no exceptions here), so
  // vectors of effects move them when they grow instead of copying.
  Effect() = default;
  Effect(const Effect &) = default;
  Effect(Effect &&) noexcept = default;
  Effect &operator=(const Effect &) = default;
  Effect &operator=(Effect &&) noexcept = default;

  EffectKind Kind = EffectKind::Block;
  Loc Leaf;
  Symbol What;      ///< the operation at the leaf: "kmalloc", "mutex_lock"
  int LeafMaskArg = -1; ///< Alloc: the leaf call's mask argument, if it has one
  Mask M;           ///< Alloc
  LockRef Lock;     ///< Acquire; Requires: the lock that must not be held
  Loc PromiseAt;    ///< Requires: where the promise is written
  Flavor Fl = Flavor::None;
  unsigned Subclass = 0;
  bool Recursive = false;
  gfpdep::Chain Chain;          ///< call sites from the summary's owner down
  EnclosingList Under; ///< contexts in force at the leaf

  std::string key() const;
  /// A hash of key()'s content, and equality of that content: the summary
  /// index uses these, key() is for tests and debugging.
  uint64_t identityHash() const;
  bool sameIdentity(const Effect &O) const;
  bool blocking() const; ///< independent of the mask (Block, sleeping Acquire)
};

/// An effect and one context around it, ready for the rules: recorded in
/// the function where the context began (or where the effect became
/// concrete), so the summary need not carry the context further up.
struct Check {
  std::shared_ptr<const Effect> E; ///< shared by the contexts around it
  Enclosing U;
};

struct Summary {
  std::vector<Effect> Effects;
  std::vector<Check> Checks;
  std::vector<Context> NetAcquire; ///< in force when the function returns
  std::vector<Context> NetRelease; ///< ended here, begun by a caller
  /// Locks held at some returns only (not assumed held by callers): what
  /// the path-sensitive mode's lock-balance check cross-checks against.
  /// Not written to summary files.
  std::vector<Context> MayHoldAtExit;
  /// A caller's lock released only when the result is non-zero (second:
  /// true) or zero: from the link's summaries, for the path-sensitive mode.
  std::vector<std::pair<Context, bool>> CondRelease;
  /// Effect::identityHash() -> positions
  llvm::DenseMap<uint64_t, llvm::SmallVector<unsigned, 1>> Index;

  /// Adds E unless an effect with its key is there; keeps the shorter chain.
  /// Returns true if the summary changed.
  bool add(Effect E);
  /// Bounds the summary: at most MaxPerKind effects of each kind, the
  /// nearest ones (shortest chains) kept.
  void truncate(unsigned MaxPerKind);
  bool Truncated = false;
  /// A fingerprint for fixpoint detection.
  std::string signature() const;
};

} // namespace legacy
} // namespace gfpdep

#endif
