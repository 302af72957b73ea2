//===- Program.cpp - every unit's facts, linked by id ---------------------===//
///
/// \file
/// Merges units (first definition of an id wins, units ordered by main
/// file), the stores that resolve indirect calls, the annotations, the
/// registrations that make entry points, and the suppression comments.
//===----------------------------------------------------------------------===//

#include "link/Program.h"
#include <set>
#include "llvm/ADT/STLExtras.h"

using namespace gfpdep;

Program::Program(const ProgramOptions &Opts)
    : Model(Opts.Model ? Opts.Model : &builtinModel()),
      Layout(GfpLayout::linuxDefault()) {}

void Program::add(std::shared_ptr<const UnitFacts> U) {
  Units.push_back(std::move(U));
}

void Program::finish() {
  // Same result whatever order the units came in.
  std::stable_sort(Units.begin(), Units.end(),
                   [](const std::shared_ptr<const UnitFacts> &A,
                      const std::shared_ptr<const UnitFacts> &B) {
                     return A->MainFile.ref() < B->MainFile.ref();
                   });
  // The layout: the first unit that defines one.
  for (const auto &U : Units)
    if (U->GfpFromUnit) {
      Layout = GfpLayout::fromNamed(U->GfpSingles, U->GfpComposites);
      break;
    }
  for (const auto &U : Units) {
    for (const FnFacts &F : U->Functions) {
      auto [It, Inserted] = FnIndex.try_emplace(F.Id, int32_t(Functions.size()));
      if (!Inserted)
        continue;
      Functions.push_back(&F);
      FunctionUnit.push_back(U.get());
      Names.try_emplace(F.Id, F.Name);
    }
    for (Symbol T : U->Trivial)
      TrivialFns.insert(T);
    for (const StoreFacts &S : U->Stores) {
      Names.try_emplace(S.Fn, S.FnName);
      switch (S.K) {
      case StoreFacts::Field:
        FieldStores[S.Key].insert(S.Fn);
        if (!S.Object.empty())
          ObjectStores[S.Object].insert(S.Fn);
        break;
      case StoreFacts::Var:
        VarStores[S.Key].insert(S.Fn);
        break;
      case StoreFacts::Arg:
        ArgStores[{S.Key, S.Position}].insert(S.Fn);
        break;
      case StoreFacts::Overrider:
        Overriders[S.Key].insert(S.Fn);
        break;
      }
    }
    for (const MaskStoreFacts &M : U->MaskStores)
      MaskStores[M.Field].push_back(M);
    for (const KeyedClassFacts &K : U->KeyedClasses)
      KeyedClasses.try_emplace(K.Class, K.Where);
    for (const AnnotationFacts &A : U->Annotations) {
      Names.try_emplace(A.Fn, A.FnName);
      switch (A.K) {
      case AnnotationFacts::Row: {
        if (AnnotatedRows.count(A.Fn))
          break;
        RowNames.push_back(A.FnName.str());
        AnnotatedRows[A.Fn] = ApiRow{RowNames.back(), A.Op, A.Fl, A.Param, -1, 0, ""};
        break;
      }
      case AnnotationFacts::Entry:
      case AnnotationFacts::NeverSleeps: {
        EntrySeed E;
        E.Fn = A.Fn;
        E.Kind = A.K == AnnotationFacts::Entry ? CtxKind::Entry : CtxKind::NeverSleeps;
        E.Fl = A.Fl;
        E.Origin = A.Where;
        E.Via = A.Via;
        E.Name = A.FnName;
        Entries.push_back(E);
        break;
      }
      case AnnotationFacts::MustNotHold:
        MustNotHold[A.Fn].push_back({A.Lock, A.Where});
        break;
      }
    }
    for (const SuppressionFacts &S : U->Suppressions)
      Suppressions[{S.File, S.Line}].push_back(S.Rule);
  }
  registrations();
  CalledParams.assign(Functions.size(), 0);
  for (size_t I = 0; I < Functions.size(); ++I)
    for (const CallFacts &C : Functions[I]->Calls)
      if (C.Kind == CalleeKind::Param && C.ParamIndex < 64)
        CalledParams[I] |= uint64_t(1) << C.ParamIndex;
  paramMaskStores();
  // One entry per (function, context, origin), in a stable order.
  llvm::sort(Entries, [](const EntrySeed &A, const EntrySeed &B) {
    return std::tie(A.Origin, A.Name, A.Fl) < std::tie(B.Origin, B.Name, B.Fl);
  });
  Entries.erase(std::unique(Entries.begin(), Entries.end(),
                            [](const EntrySeed &A, const EntrySeed &B) {
                              return A.Fn == B.Fn && A.Origin == B.Origin &&
                                     A.Fl == B.Fl && A.Kind == B.Kind;
                            }),
                Entries.end());
}

const ApiRow *Program::rowFor(Symbol Id, Symbol Name, Symbol Plain) const {
  if (!Id.empty()) {
    auto C = RowCache.find(Id);
    if (C != RowCache.end())
      return C->second;
  }
  const ApiRow *R = nullptr;
  if (!Id.empty()) {
    auto It = AnnotatedRows.find(Id);
    if (It != AnnotatedRows.end())
      R = &It->second;
  }
  if (!R && !Name.empty()) {
    R = Model->lookup(Name);
    // A C library row needs the plain name, which a call carries only for
    // the library's own function.
    if (R && (R->Flags & RF_SystemHeader))
      R = nullptr;
  }
  if (!R && !Plain.empty())
    R = Model->lookup(Plain);
  if (!Id.empty())
    RowCache[Id] = R;
  return R;
}

Symbol Program::nameOf(Symbol Id) const {
  auto It = Names.find(Id);
  return It == Names.end() ? Id : It->second;
}

void Program::target(Symbol Id, Symbol Name, Symbol Plain,
                     llvm::SmallVectorImpl<Target> &Out) const {
  Target T;
  T.Id = Id;
  T.Name = Name.empty() ? nameOf(Id) : Name;
  T.Plain = Plain;
  T.Row = rowFor(Id, T.Name, Plain);
  if (!T.Row) {
    T.Index = indexOf(Id);
    if (T.Index >= 0)
      T.Fn = Functions[T.Index];
    else
      T.Trivial = TrivialFns.count(Id);
  }
  Out.push_back(T);
}

void Program::addStored(const SymbolSet *Set, llvm::SmallVectorImpl<Target> &Out) const {
  if (!Set)
    return;
  for (Symbol Fn : *Set) {
    if (llvm::any_of(Out, [&](const Target &T) { return T.Id == Fn; }))
      continue;
    Symbol Name = nameOf(Fn);
    // Stored functions are looked up by their own name too.
    llvm::StringRef Plain = Name.ref();
    target(Fn, Name, Plain.contains("::") ? Symbol() : Symbol(Plain), Out);
  }
}

void Program::targets(const FnFacts &Caller, const CallFacts &C,
                      llvm::SmallVectorImpl<Target> &Out) const {
  auto Find = [](const SymbolMap<SymbolSet> &M, Symbol K) -> const SymbolSet * {
    auto It = M.find(K);
    return It == M.end() ? nullptr : &It->second;
  };
  switch (C.Kind) {
  case CalleeKind::Direct:
  case CalleeKind::Hint:
    target(C.Id, C.Name, C.Plain, Out);
    return;
  case CalleeKind::Virtual:
    if (const SymbolSet *Set = Find(Overriders, C.Id)) {
      // The method itself when it has a body, and every overrider.
      if (indexOf(C.Id) >= 0 || rowFor(C.Id, C.Name, C.Plain))
        target(C.Id, C.Name, C.Plain, Out);
      addStored(Set, Out);
      return;
    }
    target(C.Id, C.Name, C.Plain, Out);
    return;
  case CalleeKind::Field:
    addStored(Find(FieldStores, C.Id), Out);
    return;
  case CalleeKind::Var:
    addStored(Find(VarStores, C.Id), Out);
    return;
  case CalleeKind::Param: {
    auto It = ArgStores.find({Caller.Id, C.ParamIndex});
    if (It != ArgStores.end())
      addStored(&It->second, Out);
    return;
  }
  case CalleeKind::Guard:
    return; // the dataflow models guards itself
  }
}

void Program::paramMaskStores() {
  // A function storing its parameter into a mask field: each call's
  // argument values are stored there. An argument that is the caller's own
  // parameter makes the caller a storing function in turn (a few levels).
  std::vector<MaskStoreFacts> Pending;
  for (auto &[Field, List] : MaskStores) {
    for (const MaskStoreFacts &M : List)
      if (M.Param != NoIndex)
        Pending.push_back(M);
    llvm::erase_if(List, [](const MaskStoreFacts &M) { return M.Param != NoIndex; });
  }
  for (unsigned Round = 0; Round < 4 && !Pending.empty(); ++Round) {
    SymbolMap<std::vector<MaskStoreFacts>> ByFn;
    for (MaskStoreFacts &M : Pending)
      ByFn[M.Fn].push_back(std::move(M));
    Pending.clear();
    for (const FnFacts *F : Functions)
      for (const CallFacts &C : F->Calls) {
        if (C.Kind != CalleeKind::Direct && C.Kind != CalleeKind::Hint)
          continue;
        auto It = ByFn.find(C.Id);
        if (It == ByFn.end())
          continue;
        for (const MaskStoreFacts &St : It->second) {
          if (St.Param >= C.Args.size())
            continue;
          const MaskVal *MV = F->mask(C.Args[St.Param]);
          if (!MV)
            continue;
          for (const MaskTerm &T : MV->Terms) {
            MaskStoreFacts N;
            N.Field = St.Field;
            N.Value = (T.Bits | St.Value) & ~MV->Clear;
            N.Where = T.K == MaskTerm::Const ? T.Where : C.At;
            if (T.K == MaskTerm::Const) {
              MaskStores[St.Field].push_back(N);
            } else if (T.K == MaskTerm::Param) {
              N.Fn = F->Id;
              N.Param = T.Index;
              Pending.push_back(N);
            }
          }
        }
      }
  }
}

void Program::registrations() {
  // A call to a Register row makes its callbacks entry points: the function
  // argument itself, or the callback fields of the object argument (stores
  // into that object, or else into any object of that field's record).
  llvm::SmallVector<Target, 2> Ts;
  for (unsigned I = 0; I < Functions.size(); ++I) {
    const FnFacts &F = *Functions[I];
    for (const CallFacts &C : F.Calls) {
      if (C.Kind != CalleeKind::Direct && C.Kind != CalleeKind::Hint)
        continue;
      const ApiRow *Row = rowFor(C.Id, C.Name, C.Plain);
      if (!Row || Row->Op != ApiOp::Register || Row->Arg < 0 ||
          unsigned(Row->Arg) >= C.Args.size())
        continue;
      const ArgVal &A = C.Args[Row->Arg];
      llvm::SmallVector<Symbol, 2> Callbacks;
      if (Row->Fields.empty()) {
        for (Symbol S : F.fns(A))
          Callbacks.push_back(S);
      } else {
        llvm::SmallVector<llvm::StringRef, 2> Fields;
        Row->Fields.split(Fields, ',');
        for (llvm::StringRef Field : Fields) {
          const SymbolSet *Set = nullptr;
          if (A.Lock.concrete()) {
            auto It = ObjectStores.find(Symbol(A.Lock.Class.str() + "::" + Field.str()));
            if (It != ObjectStores.end())
              Set = &It->second;
          }
          if (!Set && !A.Record.empty()) {
            auto It = FieldStores.find(Symbol(A.Record.str() + "::" + Field.str()));
            if (It != FieldStores.end())
              Set = &It->second;
          }
          if (Set)
            Callbacks.append(Set->begin(), Set->end());
        }
      }
      // The object the callbacks are bound to, for the waits on it.
      Symbol Object;
      if (Row->Arg2 >= 0 && unsigned(Row->Arg2) < C.Args.size()) {
        const ArgVal &O = C.Args[Row->Arg2];
        if (Row->Fl == Flavor::HardIrq) {
          if (!O.Record.empty())
            Object = Symbol("*" + O.Record.str());
        } else if (O.Lock.concrete()) {
          Object = O.Lock.Class;
        }
      }
      if (Row->Flags & RF_BindsResult)
        Object = C.StoredInto;
      // Work queued on a workqueue: what flush_workqueue() waits for. The
      // work item's function is bound to the work item (below); it is not
      // an entry here.
      if (Row->Fl == Flavor::Workqueue) {
        if (Row->Arg2 < 0)
          Object = Symbol("system_wq"); // schedule_work()
        if (!Object.empty() && A.Lock.concrete())
          Queued[Object].push_back({A.Lock.Class, C.At});
        continue;
      }
      // An IRQ's handlers are bound to its dev_id's record and, when it is
      // a field or a global, to its number (synchronize_irq()).
      Symbol Irq;
      if (Row->Fl == Flavor::HardIrq && Row->Arg >= 1 &&
          C.Args[Row->Arg - 1].Lock.concrete())
        Irq = Symbol("#" + C.Args[Row->Arg - 1].Lock.Class.str());
      // A kernel thread, like a work item, runs in process context: its
      // function is an entry only when something waits for it (below).
      bool Entry = Row->Fl != Flavor::Kthread;
      for (Symbol Fn : Callbacks) {
        EntrySeed E;
        E.Fn = Fn;
        E.Kind = CtxKind::Entry;
        E.Fl = Row->Fl;
        E.Origin = C.At;
        E.Via = Row->Name;
        E.Name = nameOf(Fn);
        if (Entry)
          Entries.push_back(E);
        if (!Object.empty())
          bind(Row->Fl, Object, Fn, C.At);
        if (!Irq.empty())
          bind(Row->Fl, Irq, Fn, C.At);
      }
      // request_threaded_irq(): the thread function runs in process
      // context; free_irq() and synchronize_irq() wait for it too.
      if ((Row->Flags & RF_ThreadFn) && unsigned(Row->Arg + 1) < C.Args.size())
        for (Symbol Fn : F.fns(C.Args[Row->Arg + 1])) {
          if (!Object.empty())
            bind(Row->Fl, Object, Fn, C.At, Flavor::IrqThread);
          if (!Irq.empty())
            bind(Row->Fl, Irq, Fn, C.At, Flavor::IrqThread);
        }
    }
  }
  // A function stored into a callback field ("timer_list::function", by
  // DEFINE_TIMER's initialiser or an assignment) is registered where stored.
  for (const auto &U : Units)
    for (const StoreFacts &S : U->Stores) {
      if (S.K != StoreFacts::Field)
        continue;
      const ApiRow *Row = Model->lookup(S.Key);
      if (!Row || Row->Op != ApiOp::CallbackField)
        continue;
      // "vb::work::func" binds the function to the work item "vb::work".
      llvm::StringRef Obj = S.Object.ref();
      llvm::StringRef Field = S.Key.ref().rsplit("::").second;
      if (Obj.consume_back(("::" + Field.str())) && !Obj.empty())
        bind(Row->Fl, Symbol(Obj), S.Fn, S.At);
      // A work item's function runs in process context: an entry of its
      // own only when something waits for it (below).
      if (Row->Fl == Flavor::WorkItem)
        continue;
      EntrySeed E;
      E.Fn = S.Fn;
      E.Kind = CtxKind::Entry;
      E.Fl = Row->Fl;
      E.Origin = S.At;
      E.Via = Row->Name;
      E.Name = nameOf(S.Fn);
      Entries.push_back(E);
    }
  // Process-context callbacks something waits for (cancel_work_sync(),
  // flush_workqueue(), kthread_stop(), free_irq() for a thread function):
  // their functions are entries, so the locks they take are known. A wait
  // on an object the unit cannot name (a parameter nobody resolves here)
  // waits for any of its kind.
  std::map<unsigned, std::set<Symbol>> Waited;
  std::set<unsigned> WaitedAny;
  for (const FnFacts *F : Functions)
    for (const CallFacts &C : F->Calls) {
      if (C.Kind != CalleeKind::Direct && C.Kind != CalleeKind::Hint)
        continue;
      const ApiRow *Row = rowFor(C.Id, C.Name, C.Plain);
      if (!Row || Row->Op != ApiOp::Wait || Row->Arg < 0 ||
          unsigned(Row->Arg) >= C.Args.size())
        continue;
      const ArgVal &A = C.Args[Row->Arg];
      unsigned Fl = unsigned(Row->Fl);
      if (Row->Fl == Flavor::HardIrq) {
        if (Row->Flags & RF_IrqNumber) {
          if (A.Lock.concrete())
            Waited[Fl].insert(Symbol("#" + A.Lock.Class.str()));
        } else if (!A.Record.empty()) {
          Waited[Fl].insert(Symbol("*" + A.Record.str()));
        }
        continue;
      }
      if (A.Lock.concrete())
        Waited[Fl].insert(A.Lock.Class);
      else
        WaitedAny.insert(Fl);
    }
  auto IsWaited = [&](Flavor Fl, Symbol Object) {
    return WaitedAny.count(unsigned(Fl)) || Waited[unsigned(Fl)].count(Object);
  };
  // The work items on a queue something flushes are waited for.
  for (const auto &[Wq, Works] : Queued)
    if (IsWaited(Flavor::Workqueue, Wq))
      for (const QueuedWork &Q : Works)
        Waited[unsigned(Flavor::WorkItem)].insert(Q.Work);
  std::set<std::pair<Symbol, Loc>> Seeded;
  for (const auto &[K, Bs] : Bindings) {
    Flavor KFl = Flavor(K.first);
    if (KFl != Flavor::WorkItem && KFl != Flavor::Kthread && KFl != Flavor::HardIrq)
      continue;
    if (!IsWaited(KFl, K.second))
      continue;
    for (const Binding &B : Bs) {
      if (KFl == Flavor::HardIrq && B.EntryFl != Flavor::IrqThread)
        continue; // the primary handler is an entry already
      if (!Seeded.insert({B.Fn, B.At}).second)
        continue;
      EntrySeed E;
      E.Fn = B.Fn;
      E.Kind = CtxKind::Entry;
      E.Fl = KFl == Flavor::HardIrq ? Flavor::IrqThread : KFl;
      E.Origin = B.At;
      E.Via = Symbol(KFl == Flavor::WorkItem  ? "work_struct::func"
                     : KFl == Flavor::Kthread ? "kthread_create_on_node"
                                              : "request_threaded_irq");
      E.Name = B.Name;
      Entries.push_back(E);
    }
  }
}

void Program::bind(Flavor Fl, Symbol Object, Symbol Fn, const Loc &At, Flavor EntryFl) {
  std::vector<Binding> &V = Bindings[{unsigned(Fl), Object}];
  for (const Binding &B : V)
    if (B.Fn == Fn && B.At == At && B.EntryFl == EntryFl)
      return;
  V.push_back({Fn, nameOf(Fn), At, EntryFl});
}

bool Program::suppressed(const Loc &L, llvm::StringRef Rule) const {
  for (uint32_t Line : {L.Line, L.Line ? L.Line - 1 : 0}) {
    auto It = Suppressions.find({L.File, Line});
    if (It == Suppressions.end())
      continue;
    for (Symbol R : It->second)
      if (R == Rule || R == "all")
        return true;
  }
  return false;
}
