//===- Program.h - every unit's facts, linked by id ------------*- C++ -*-===//
///
/// \file
/// The second stage of the data path. A Program is the union of the facts of
/// every unit given to the link (one unit for a plain compile, the whole
/// build for gfpdep): each function once (the first unit, by main-file name,
/// that defines an id wins, so header inlines seen by every unit are one
/// function), every store of a function pointer, every annotation, and the
/// model rows that apply. It answers "what may this call run?".
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_LINK_PROGRAM_H
#define GFPDEP_LINK_PROGRAM_H

#include "facts/Facts.h"
#include "link/Context.h"
#include "model/ApiModel.h"
#include "model/GfpLayout.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace gfpdep {

template <typename V> using SymbolMap = llvm::DenseMap<Symbol, V>;
using SymbolSet = llvm::SmallSetVector<Symbol, 2>;

/// One function a call may run.
struct Target {
  Symbol Id, Name, Plain;
  const FnFacts *Fn = nullptr; ///< its facts, when some unit defines it
  int32_t Index = -1;          ///< its position in Program::Functions
  const ApiRow *Row = nullptr; ///< a model row: never entered
  bool Trivial = false;        ///< defined, does nothing worth modelling
};

/// An entry point: a function that runs in a context of its own.
struct EntrySeed {
  Symbol Fn;
  CtxKind Kind = CtxKind::Entry; ///< Entry or NeverSleeps
  Flavor Fl = Flavor::None;
  Loc Origin; ///< the registration call or the annotation
  Symbol Via; ///< "register_oom_notifier", "gfpdep::oom_notifier"
  Symbol Name; ///< the function's printable name
};

/// A callback bound to an object a Wait row names (wait-under-lock): a work
/// item's function, a timer's callback, the handler of an IRQ requested
/// with a dev_id of some record.
struct Binding {
  Symbol Fn;   ///< function id
  Symbol Name; ///< its printable name
  Loc At;      ///< where it was bound
  /// The flavour of the callback's own entry, when not the binding's (a
  /// threaded IRQ's thread function is bound to the IRQ, runs as IrqThread).
  Flavor EntryFl = Flavor::None;
};

/// A work item queued on a workqueue (queue_work(wq, &d->work)).
struct QueuedWork {
  Symbol Work; ///< the work item ("dev::work")
  Loc At;      ///< the queueing call
};

/// A must-not-hold promise.
struct Promise {
  LockVal Lock; ///< Named, or Param of the promising function
  Loc Where;
};

struct ProgramOptions {
  const ApiModel *Model = nullptr; ///< null: the built-in model
};

class Program {
public:
  explicit Program(const ProgramOptions &Opts = {});
  Program(const Program &) = delete;
  Program &operator=(const Program &) = delete;

  /// Adds a unit. Units may come in any order: finish() sorts them.
  void add(std::shared_ptr<const UnitFacts> U);
  /// Links everything added: functions by id, stores, entries, rows.
  void finish();

  const ApiModel &model() const { return *Model; }
  const GfpLayout &layout() const { return Layout; }

  /// Functions with facts, deterministic order (by unit, then position).
  std::vector<const FnFacts *> Functions;
  /// The unit each function came from.
  std::vector<const UnitFacts *> FunctionUnit;
  int32_t indexOf(Symbol Id) const {
    auto It = FnIndex.find(Id);
    return It == FnIndex.end() ? -1 : It->second;
  }

  /// What call C of function Caller may run.
  void targets(const FnFacts &Caller, const CallFacts &C,
               llvm::SmallVectorImpl<Target> &Out) const;
  /// The row for a function: its annotation, then the table by qualified
  /// name, then (free functions) by plain name.
  const ApiRow *rowFor(Symbol Id, Symbol Name, Symbol Plain) const;

  std::vector<EntrySeed> Entries;
  /// The GFP masks stored into a field ("record::field").
  const std::vector<MaskStoreFacts> *maskStores(Symbol Field) const {
    auto It = MaskStores.find(Field);
    return It == MaskStores.end() ? nullptr : &It->second;
  }
  const std::vector<Promise> *promises(Symbol Fn) const {
    auto It = MustNotHold.find(Fn);
    return It == MustNotHold.end() ? nullptr : &It->second;
  }
  /// Where a lock of Class is initialised with a class key of its object's
  /// own, or null: its objects are classes apart.
  const Loc *keyedClass(Symbol Class) const {
    auto It = KeyedClasses.find(Class);
    return It == KeyedClasses.end() ? nullptr : &It->second;
  }
  /// The callbacks of flavour Fl bound to Object ("record::field", a
  /// global's name, "*record" for an IRQ's dev_id), or null.
  const std::vector<Binding> *bound(Flavor Fl, Symbol Object) const {
    auto It = Bindings.find({unsigned(Fl), Object});
    return It == Bindings.end() ? nullptr : &It->second;
  }
  /// The functions stored into a function-pointer field ("record::field")
  /// or variable (its id), or null.
  const SymbolSet *storedInto(Symbol Key) const {
    auto It = FieldStores.find(Key);
    if (It != FieldStores.end())
      return &It->second;
    auto V = VarStores.find(Key);
    return V == VarStores.end() ? nullptr : &V->second;
  }
  /// The parameters (bit i: parameter i < 64) function I calls through.
  uint64_t calledParams(int32_t I) const {
    return I >= 0 && size_t(I) < CalledParams.size() ? CalledParams[I] : 0;
  }
  /// The work items queued on workqueue Wq ("dev::wq", a global), or null.
  const std::vector<QueuedWork> *queued(Symbol Wq) const {
    auto It = Queued.find(Wq);
    return It == Queued.end() ? nullptr : &It->second;
  }
  /// Whether a "gfpdep-ignore" comment suppresses Rule at L.
  bool suppressed(const Loc &L, llvm::StringRef Rule) const;
  /// A name for any function id the program has seen.
  Symbol nameOf(Symbol Id) const;

  const std::vector<std::shared_ptr<const UnitFacts>> &units() const { return Units; }

private:
  std::unique_ptr<ApiModel> OwnedModel;
  const ApiModel *Model;
  GfpLayout Layout;
  std::vector<std::shared_ptr<const UnitFacts>> Units;
  SymbolMap<int32_t> FnIndex;
  llvm::DenseSet<Symbol> TrivialFns;
  SymbolMap<SymbolSet> FieldStores, ObjectStores, VarStores, Overriders;
  std::map<std::pair<Symbol, uint32_t>, SymbolSet> ArgStores;
  SymbolMap<Symbol> Names;
  SymbolMap<std::vector<MaskStoreFacts>> MaskStores;
  SymbolMap<Loc> KeyedClasses;
  std::map<std::pair<unsigned, Symbol>, std::vector<Binding>> Bindings;
  std::map<Symbol, std::vector<QueuedWork>> Queued;
  std::vector<uint64_t> CalledParams;
  SymbolMap<ApiRow> AnnotatedRows;
  SymbolMap<std::vector<Promise>> MustNotHold;
  std::deque<std::string> RowNames;
  /// (file, line) -> rules suppressed there.
  std::map<std::pair<Symbol, uint32_t>, llvm::SmallVector<Symbol, 1>> Suppressions;
  mutable SymbolMap<const ApiRow *> RowCache;

  void target(Symbol Id, Symbol Name, Symbol Plain,
              llvm::SmallVectorImpl<Target> &Out) const;
  void addStored(const SymbolSet *Set, llvm::SmallVectorImpl<Target> &Out) const;
  void registrations();
  void bind(Flavor Fl, Symbol Object, Symbol Fn, const Loc &At,
            Flavor EntryFl = Flavor::None);
  void paramMaskStores();
};

} // namespace gfpdep

#endif
