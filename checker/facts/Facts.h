//===- Facts.h - what one translation unit knows, AST-free ------*- C++ -*-===//
///
/// \file
/// The first stage of the data path. A unit's facts are everything the
/// analysis needs of its source, read once from the AST and then independent
/// of it: each function as a small control-flow graph of the events that
/// matter (calls with what their arguments name as locks, masks and
/// functions; assignments of tracked locals; scope ends; returns), the
/// branch conditions that correlate, where function pointers are stored, the
/// annotations, the GFP bit layout and the suppression comments. Facts depend
/// on nothing outside the unit: they travel with the unit's object file and
/// the link (checker/link/) decides over all of them.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_FACTS_FACTS_H
#define GFPDEP_FACTS_FACTS_H

#include "engine/Finding.h"
#include "model/ApiModel.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gfpdep {

constexpr uint32_t NoIndex = ~0u;

/// A function with no calls is kept in the facts for its frame only when
/// its locals reach this many bytes (the smallest stack budget accepted).
constexpr uint64_t MinFrameFacts = 64;
/// How many of a frame's largest locals the facts keep.
constexpr unsigned FrameLocalsKept = 3;

/// What an expression denotes as a lock (or as an object that holds
/// callbacks), as far as its unit can tell.
struct LockVal {
  enum Kind : uint8_t {
    None,    ///< not a lock we can name
    Named,   ///< a lockdep class: "record::field", a global's name
    Param,   ///< the lock a parameter points to (substituted by callers)
    Local,   ///< the lock a tracked local pointer holds here (flow-sensitive)
    Result,  ///< the lock the call Index returns (its summary says which)
  };
  Kind K = None;
  uint32_t Index = 0; ///< Param: position; Local: local id; Result: call id
  Symbol Class;       ///< Named

  bool known() const { return K != None; }
  bool concrete() const { return K == Named; }
  static LockVal ofClass(Symbol C) {
    LockVal V;
    V.K = Named;
    V.Class = C;
    return V;
  }
  static LockVal ofParam(uint32_t I) {
    LockVal V;
    V.K = Param;
    V.Index = I;
    return V;
  }
  static LockVal ofLocal(uint32_t I) {
    LockVal V;
    V.K = Local;
    V.Index = I;
    return V;
  }
  static LockVal ofResult(uint32_t Call) {
    LockVal V;
    V.K = Result;
    V.Index = Call;
    return V;
  }
  bool operator==(const LockVal &O) const {
    return K == O.K && Index == O.Index && Class == O.Class;
  }
  bool operator!=(const LockVal &O) const { return !(*this == O); }
  bool operator<(const LockVal &O) const {
    if (K != O.K)
      return K < O.K;
    if (Index != O.Index)
      return Index < O.Index;
    return Class < O.Class;
  }
};

/// One value a GFP mask may have.
struct MaskTerm {
  enum Kind : uint8_t {
    Const,  ///< Bits is the value
    Param,  ///< the caller's argument Index, with Bits or-ed in
    FieldRead, ///< what the program stores into Field, with Bits or-ed in
    Result, ///< what call Index returns, with Bits or-ed in
  };
  Kind K = Const;
  uint64_t Bits = 0;
  uint32_t Index = 0;
  Symbol Field;        ///< "record::field"
  Loc Where;           ///< Const: where the value is written
  bool AtLeaf = false; ///< written in the leaf call itself
};

/// The values a mask may have, and the bits scopes or "& ~B" take away.
struct MaskVal {
  llvm::SmallVector<MaskTerm, 1> Terms;
  uint64_t Clear = 0;
  bool empty() const { return Terms.empty(); }
};

/// What one argument of a call (or a stored or returned value) denotes.
struct ArgVal {
  LockVal Lock;                ///< as a lock or callback-holding object
  uint32_t Mask = NoIndex;     ///< as a GFP mask: FnFacts::Masks
  uint32_t Fns = NoIndex;      ///< functions it may point to: FnFacts::FnLists
  int64_t Int = 0;             ///< an integer constant, when HasInt
  bool HasInt = false;
  bool NonNull = false;        ///< an address, or a non-zero constant
  uint32_t OutLocal = NoIndex; ///< "&v" of a tracked local: an out-parameter
  /// std::move(g) of an owning local (a guard), directly or as what a
  /// by-value guard argument is constructed from: what g owns moves with it.
  uint32_t MovedLocal = NoIndex;
  uint32_t IntParam = NoIndex; ///< the value of this (integer) parameter
  Symbol Record;               ///< the record a pointer argument points to
  /// The tracked local pointer the argument is reached through (&n->lock):
  /// taking the lock means that pointer is not NULL.
  uint32_t BaseLocal = NoIndex;
  /// The argument is this tracked local or parameter itself ("vmf"): its
  /// fields are the caller's for the callee's parameter fields.
  uint32_t SelfLocal = NoIndex;
  /// "&v" of a local struct whose integer fields keep their initializer's
  /// constants ("struct rmap_walk_control rwc = { .try_lock = true };"):
  /// (field, value), the fields the initializer leaves out being 0.
  llvm::SmallVector<std::pair<Symbol, int64_t>, 0> FieldInts;
};

/// How a call finds its callee.
enum class CalleeKind : uint8_t {
  Direct,  ///< Id
  Virtual, ///< Id or any of its overriders
  Field,   ///< whatever is stored into field Id ("record::field")
  Param,   ///< whatever is passed for parameter ParamIndex of this function
  Var,     ///< whatever is stored into the function-pointer variable Id
  Hint,    ///< a kernel hint macro (Name), whatever it expanded to
  Guard,   ///< a standard guard object (Name: lock_guard, unique_lock, ...)
};

/// Standard guard construction tags.
enum class GuardTag : uint8_t { None, Defer, Try, Adopt };

struct CallFacts {
  CalleeKind Kind = CalleeKind::Direct;
  Symbol Id;    ///< function id, field key or variable id
  Symbol Name;  ///< qualified name: model lookup and messages
  Symbol Plain; ///< the unqualified name of a free function (model lookup)
  uint32_t ParamIndex = 0;
  Loc At;
  llvm::SmallVector<ArgVal, 3> Args;
  ArgVal Object;             ///< the implicit object of a member call
  uint32_t ObjLocal = NoIndex; ///< a member call on this local object
  /// A callee without a body here: its first gfp_t parameter (-1 none).
  int8_t GfpParam = -1;
  bool DeclaredNoReturn = false;
  GuardTag Tag = GuardTag::None;
  /// Guard: the mutex types, one per mutex argument ("std::mutex").
  llvm::SmallVector<Symbol, 1> Types;
  /// A call inside a modelled macro (alloc_page() over alloc_pages()): the
  /// macro's name, which is what the source spelled.
  Symbol Spelled;
  /// A call inside a *_nested() macro: the subclass the macro was given.
  ArgVal HintSubclass;
  bool HasHintSubclass = false;
  /// A registration whose result is the bound object (RF_BindsResult): the
  /// field or global the caller stores the result into ("dev::thread").
  Symbol StoredInto;
};

/// The value an assignment stores or a return returns.
struct ValueFacts {
  ArgVal Val;
  uint32_t FromCall = NoIndex;  ///< the result of this call
  uint32_t FromLocal = NoIndex; ///< the value of this tracked local
  uint32_t Local = NoIndex;     ///< Assign: the local assigned
};

struct Event {
  enum Kind : uint8_t {
    Call,     ///< A: call id
    Assign,   ///< A: value id (ValueFacts::Local is the local)
    Decl,     ///< A: local; the calls of CallSets[B] begin what it owns
    ScopeEnd, ///< A: local whose destructor or cleanup runs
    Return,   ///< A: value id
  };
  Kind K = Call;
  uint32_t A = 0, B = 0, C = 0;
};

/// A two-way branch's condition, when it is one the analysis correlates.
struct CondFacts {
  enum Kind : uint8_t {
    None,
    Stable,     ///< an expression nothing between two tests changes: Key
    Local,      ///< the truth of tracked local Index
    CallResult, ///< the truth of call Index's result
  };
  Kind K = None;
  bool Negated = false; ///< the true edge is taken when the value is false
  uint64_t Key = 0;
  /// Stable: "(parameter Param & Bits) != 0", a GFP mask test.
  int32_t Param = -1;
  uint64_t Bits = 0;
  uint32_t Index = 0;
  /// Stable: the truth of parameter Param itself (a pointer that is
  /// non-NULL exactly when it names a lock).
  bool ParamTruth = false;
  /// Stable mask test: the parameter was narrowed before it ("gfp =
  /// current_gfp_context(gfp);"), so only a set bit speaks for the
  /// caller's mask.
  bool Narrowed = false;
  /// Stable: the truth of integer field Field of what pointer parameter
  /// FieldParam points to ("if (rwc->try_lock)"); the caller's struct may
  /// say which way it goes.
  int32_t FieldParam = -1;
  Symbol Field;
};

struct BlockFacts {
  llvm::SmallVector<Event, 4> Events;
  /// For a two-way branch: [true edge, false edge]; NoIndex: not taken.
  llvm::SmallVector<uint32_t, 2> Succs;
  CondFacts Cond;
};

struct LocalFacts {
  Symbol Name;
  uint64_t Bytes = 0; ///< its size on the stack
  Loc At;
  /// A field of (or what is pointed to by) another tracked local or a
  /// parameter: "vmf->ptl" is Field "ptl" of Base vmf, "*locked" Field "*".
  uint32_t Base = NoIndex;
  Symbol Field;
};

struct FnFacts {
  Symbol Id;   ///< USR; internal functions also carry their file
  Symbol Name; ///< printable, qualified
  Loc At;
  bool External = false;  ///< visible to other units by its id
  bool MainFile = false;  ///< defined in the unit's main file
  bool NoReturn = false;  ///< declared noreturn
  llvm::SmallVector<Symbol, 2> ParamNames;
  uint64_t GfpParams = 0; ///< bit i: parameter i is a gfp_t
  /// Bit i: parameter i is never assigned nor has its address taken: its
  /// value is the caller's throughout.
  uint64_t StableParams = 0;
  /// Fields of what pointer parameters point to that the function writes
  /// ("p->f = ...", "p->f++", "&p->f"): a caller's constant for p->f does
  /// not hold past it.
  llvm::SmallVector<std::pair<uint32_t, Symbol>, 0> ParamFieldWrites;
  std::vector<BlockFacts> Blocks;
  uint32_t Entry = 0, Exit = 0;
  std::vector<CallFacts> Calls;
  std::vector<ValueFacts> Values;
  std::vector<MaskVal> Masks;
  std::vector<llvm::SmallVector<Symbol, 1>> FnLists;
  std::vector<llvm::SmallVector<uint32_t, 2>> CallSets;
  /// Tracked locals and owning variables; the parameters come first, local
  /// i < ParamNames.size() being parameter i.
  std::vector<LocalFacts> Locals;
  uint64_t FrameBytes = 0; ///< all locals together
  /// The largest locals of the frame (at most FrameLocalsKept, largest
  /// first): what a stack-in-reclaim report names.
  struct FrameLocal {
    Symbol Name;
    uint64_t Bytes = 0;
    Loc At;
  };
  llvm::SmallVector<FrameLocal, 0> BigLocals;
  /// A flags parameter that the function widens with constants
  /// ("fgp_flags |= FGP_LOCK;" in __filemap_get_folio()), and the bits of
  /// the parameter that must be set for it to happen (the enclosing
  /// "if (fgp_flags & FGP_CREAT)"; 0: no such test). A bit test of the
  /// parameter is then decided by the caller's value with these added.
  struct Widening {
    uint32_t Param = 0;
    uint64_t Bits = 0;
    uint64_t Need0 = 0, Need1 = 0;
  };
  llvm::SmallVector<Widening, 0> Widenings;

  const MaskVal *mask(const ArgVal &A) const {
    return A.Mask == NoIndex ? nullptr : &Masks[A.Mask];
  }
  llvm::ArrayRef<Symbol> fns(const ArgVal &A) const {
    if (A.Fns == NoIndex)
      return {};
    return FnLists[A.Fns];
  }
};

/// A function stored into a struct field, a variable, or passed as an
/// argument: indirect calls resolve to these.
struct StoreFacts {
  enum Kind : uint8_t {
    Field, ///< Key "record::field"; Object "object::field" when named
    Var,   ///< Key: the variable's id
    Arg,   ///< Key: the callee's id, Position: the parameter
    Overrider, ///< Key: a virtual method's id, Fn overrides it
  };
  Kind K = Field;
  Symbol Key;
  Symbol Object;
  uint32_t Position = 0;
  Symbol Fn;
  Symbol FnName;
  Loc At; ///< where it is stored (a callback field's store registers it)
};

/// A constant GFP mask stored into a field ("mapping->gfp_mask = ...").
struct MaskStoreFacts {
  Symbol Field;
  uint64_t Value = 0;
  Loc Where;
  /// A store of parameter Param of function Fn ("m->gfp_mask = mask" in
  /// mapping_set_gfp_mask()), Value or-ed in: the link turns every call's
  /// argument into stores of its values. NoIndex: Value is the constant.
  Symbol Fn;
  uint32_t Param = NoIndex;
};

/// A lock initialised with a lockdep class key kept in each object
/// (__mutex_init(&h->resize_lock, ..., &h->resize_key)): every object of
/// Class is a class of its own, so two of them held together are not
/// recursion.
struct KeyedClassFacts {
  Symbol Class;
  Loc Where;
};

/// A gfpdep annotation on a function.
struct AnnotationFacts {
  enum Kind : uint8_t {
    Row,         ///< the function acts as a model row: Op, Fl, Param
    Entry,       ///< an entry point of context Fl
    NeverSleeps, ///< a promise: never sleeps
    MustNotHold, ///< a promise: callers must not hold Lock
  };
  Kind K = Row;
  Symbol Fn, FnName;
  ApiOp Op = ApiOp::Block;
  Flavor Fl = Flavor::None;
  int32_t Param = -1; ///< Row: 0-based argument; MustNotHold: lock parameter
  LockVal Lock;       ///< MustNotHold: the class, or Param
  Symbol Via;         ///< "gfpdep::oom_notifier"
  Loc Where;
};

/// A "gfpdep-ignore: <rule>" comment: findings whose leaf is on Line or the
/// line after are not reported.
struct SuppressionFacts {
  Symbol File;
  uint32_t Line = 0;
  Symbol Rule; ///< a rule id or "all"
};

/// A user error found while reading the unit (a malformed annotation).
struct Problem {
  Loc Where;
  std::string Message;
};

/// Everything a unit contributes to the program.
struct UnitFacts {
  Symbol MainFile;
  std::vector<FnFacts> Functions;
  /// Defined here with nothing to analyse (no calls): not unknown callees.
  std::vector<Symbol> Trivial;
  std::vector<StoreFacts> Stores;
  std::vector<MaskStoreFacts> MaskStores;
  std::vector<KeyedClassFacts> KeyedClasses;
  std::vector<AnnotationFacts> Annotations;
  std::vector<SuppressionFacts> Suppressions;
  /// The unit's GFP bits by name, as GfpLayout::fromNamed() takes them.
  std::vector<std::pair<std::string, uint64_t>> GfpSingles, GfpComposites;
  bool GfpFromUnit = false;
  /// Not part of the serialised facts: diagnostics of this compile.
  std::vector<Problem> Problems;
  /// Functions over the size limit, skipped (each gets a remark).
  std::vector<std::pair<Symbol, Loc>> Skipped;
};

} // namespace gfpdep

#endif
