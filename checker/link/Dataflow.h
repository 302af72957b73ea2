//===- Dataflow.h - one function's facts -> its summary ---------*- C++ -*-===//
///
/// \file
/// Runs the context dataflow over one function's event CFG, flow-sensitively
/// and to a fixpoint over loops, given its callees' results. What it gives:
///  - the transfer summary (what a call to it does to a caller's lock state:
///    locks held at every return, released, held iff the result says so, the
///    lock or mask it returns, whether it returns at all);
///  - open effects, which depend on the caller (a parameter's mask or lock)
///    and travel up to each call site;
///  - anchors, effects that are concrete here, with the contexts around
///    them and the entry contexts released before them;
///  - call sites, with the contexts in force there, for the top-down pass.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_LINK_DATAFLOW_H
#define GFPDEP_LINK_DATAFLOW_H

#include "link/Context.h"
#include "link/Program.h"

namespace gfpdep {

struct Site {
  uint32_t Call = 0;
  llvm::SmallVector<int32_t, 2> Targets; ///< Program::Functions indices
  uint32_t Held = NoIndex;               ///< FnResult::HeldSets
  llvm::SmallVector<CtxKey, 1> Released; ///< entry contexts ended before it
  llvm::SmallVector<LockVal, 3> ArgLocks; ///< what each argument names here
  /// The locks the fields of each pointer argument hold here (arg, field).
  struct FieldLock {
    uint32_t Arg;
    Symbol Field;
    LockVal Lock;
  };
  llvm::SmallVector<FieldLock, 1> FieldLocks;
  /// The truth of this function's (never assigned) parameters on the way
  /// here: a caller passing other constants does not reach the call.
  llvm::SmallVector<std::pair<uint32_t, bool>, 1> ParamTruths;
  /// What the call passes for the callee's parameters, as truth: a constant
  /// (Value 0 or 1) or this function's parameter FromParam passed on.
  struct ArgTruth {
    uint32_t Arg;
    int8_t Value = -1;
    uint32_t FromParam = NoIndex;
  };
  llvm::SmallVector<ArgTruth, 1> ArgTruths;
  /// The tests of fields of this function's parameters passed on the way
  /// here ("if (rwc->try_lock) return;"): a context whose ways in all pass
  /// a struct holding the other constant does not reach the call.
  llvm::SmallVector<Effect::FieldTruth, 0> FieldTruths;
  /// What the call passes for fields of the callee's pointer parameters:
  /// the constant Value of field Field of a local struct ("&rwc"), or this
  /// function's parameter FromParam passed on, with what it points to.
  struct ArgField {
    uint32_t Arg;
    Symbol Field;
    int64_t Value = 0;
    uint32_t FromParam = NoIndex;
  };
  llvm::SmallVector<ArgField, 0> ArgFields;
  /// The tests of this function's mask parameters passed on the way here
  /// ("if (!is_atomic) pcpu_populate_chunk(...)"): a context whose ways in
  /// all pass masks that fail one does not reach the call.
  llvm::SmallVector<Effect::MaskGuard, 1> MaskGuards;
  /// What the call passes as a mask: constants, or this function's mask
  /// parameter FromParam with Or or-ed in (Clear taken away either way).
  struct ArgMask {
    uint32_t Arg;
    llvm::SmallVector<uint64_t, 2> Consts;
    uint32_t FromParam = NoIndex;
    uint64_t Or = 0;
    uint64_t Clear = 0;
  };
  llvm::SmallVector<ArgMask, 1> ArgMasks;
  /// What the call passes for function-pointer parameters the callee calls:
  /// the functions named here, or this function's parameter FromParam.
  struct ArgFn {
    uint32_t Arg;
    llvm::SmallVector<Symbol, 1> Fns;
    uint32_t FromParam = NoIndex;
  };
  llvm::SmallVector<ArgFn, 0> ArgFns;
  /// Reached where a reference drop found the last reference to an object
  /// of this record: the object's destruction, which nobody holding a lock
  /// of that record's objects enters.
  Symbol ReleaseOf;
};

struct Anchor {
  Effect E;
  /// Entry contexts (of the anchor's function) ended before the leaf.
  llvm::SmallVector<CtxKey, 1> Released;
};

struct OpenEffect {
  Effect E;
  /// Entry contexts (of the summarised function) ended before the leaf.
  llvm::SmallVector<CtxKey, 1> Released;
};

struct FnResult {
  Transfer T;
  std::vector<OpenEffect> Open;
  std::vector<Anchor> Anchors;
  std::vector<Site> Sites;
  std::vector<llvm::SmallVector<Ctx, 2>> HeldSets;
  bool Analysed = false;
  bool CutShort = false; ///< a block hit the visit bound
};

struct DataflowLimits {
  unsigned MaxVisitsPerBlock = 64;
};

/// Analyses Program::Functions[Index] into Results[Index], reading the
/// results of its callees (those not analysed yet count as doing nothing).
void analyseFunction(const Program &P, StepArena &Arena,
                     std::vector<FnResult> &Results, int32_t Index,
                     const DataflowLimits &Limits);

/// A signature of the parts of a result callers read, for SCC fixpoints.
std::string resultSignature(const FnResult &R);

} // namespace gfpdep

#endif
