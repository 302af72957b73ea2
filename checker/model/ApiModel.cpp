//===- ApiModel.cpp - the kernel API table --------------------------------===//
///
/// \file
/// Builds the lookup index over ApiModel.def.
//===----------------------------------------------------------------------===//

#include "ApiModel.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ErrorHandling.h"

using namespace gfpdep;

static const ApiRow BuiltinRows[] = {
#define GFPDEP_API(Name, Op, Fl, Arg, Arg2, Flags, Fields)                      \
  {Name, ApiOp::Op, Flavor::Fl, Arg, Arg2, Flags, Fields},
#include "ApiModel.def"
};

bool gfpdep::isSleepingLock(Flavor F) {
  return F == Flavor::Mutex || F == Flavor::RwSem || F == Flavor::Semaphore;
}

bool gfpdep::isSpinningLock(Flavor F) {
  return F == Flavor::Spin || F == Flavor::RawSpin || F == Flavor::RwLock;
}

llvm::StringRef gfpdep::flavorNoun(Flavor F) {
  switch (F) {
  case Flavor::Mutex: return "mutex";
  case Flavor::RwSem: return "rw_semaphore";
  case Flavor::Semaphore: return "semaphore";
  case Flavor::Spin: return "spinlock";
  case Flavor::RawSpin: return "raw spinlock";
  case Flavor::RwLock: return "rwlock";
  case Flavor::IrqOff: return "interrupts disabled";
  case Flavor::PreemptOff: return "preemption disabled";
  case Flavor::RcuRead: return "RCU read-side section";
  case Flavor::BhOff: return "bottom halves disabled";
  case Flavor::NonBlock: return "non-blocking region";
  case Flavor::PagefaultOff: return "page faults disabled";
  case Flavor::NoReclaim: return "memalloc_noreclaim scope";
  case Flavor::NoIO: return "memalloc_noio scope";
  case Flavor::NoFS: return "memalloc_nofs scope";
  case Flavor::OomNotifier: return "OOM notifier";
  case Flavor::Shrinker: return "shrinker";
  case Flavor::HardIrq: return "hard-IRQ handler";
  case Flavor::Timer: return "timer callback";
  case Flavor::Tasklet: return "tasklet";
  case Flavor::RcuCallback: return "RCU callback";
  case Flavor::NapiPoll: return "NAPI poll function";
  case Flavor::WorkItem: return "work item";
  case Flavor::Completion: return "completion";
  case Flavor::IrqThread: return "IRQ thread function";
  case Flavor::Kthread: return "kernel thread";
  case Flavor::Workqueue: return "workqueue";
  case Flavor::None: return "";
  }
  llvm_unreachable("covered switch");
}

static const struct {
  const char *Name;
  ApiOp Op;
} OpNames[] = {
    {"alloc", ApiOp::Alloc},
    {"block", ApiOp::Block},
    {"acquire", ApiOp::Acquire},
    {"try-acquire", ApiOp::TryAcquire},
    {"release", ApiOp::Release},
    {"enter", ApiOp::Enter},
    {"exit", ApiOp::Exit},
    {"scope-save", ApiOp::ScopeSave},
    {"scope-restore", ApiOp::ScopeRestore},
    {"fs-reclaim-acquire", ApiOp::FsReclaimAcquire},
    {"fs-reclaim-release", ApiOp::FsReclaimRelease},
    {"assert-held", ApiOp::AssertHeld},
    {"mask-passthrough", ApiOp::MaskPassthrough},
    {"register", ApiOp::Register},
    {"mask-query", ApiOp::MaskQuery},
    {"lock-class-key", ApiOp::LockClassKey},
    {"ref-put", ApiOp::RefPut},
    {"callback-field", ApiOp::CallbackField},
    {"wait", ApiOp::Wait},
    {"signal", ApiOp::Signal},
};

static const struct {
  const char *Name;
  Flavor Fl;
} FlavorNames[] = {
    {"none", Flavor::None},           {"mutex", Flavor::Mutex},
    {"rwsem", Flavor::RwSem},         {"semaphore", Flavor::Semaphore},
    {"spin", Flavor::Spin},           {"raw-spin", Flavor::RawSpin},
    {"rwlock", Flavor::RwLock},       {"irq-off", Flavor::IrqOff},
    {"preempt-off", Flavor::PreemptOff}, {"rcu-read", Flavor::RcuRead},
    {"bh-off", Flavor::BhOff},        {"non-block", Flavor::NonBlock},
    {"pagefault-off", Flavor::PagefaultOff},
    {"noreclaim", Flavor::NoReclaim}, {"noio", Flavor::NoIO},
    {"nofs", Flavor::NoFS},           {"oom-notifier", Flavor::OomNotifier},
    {"shrinker", Flavor::Shrinker},   {"hardirq", Flavor::HardIrq},
    {"timer", Flavor::Timer},         {"tasklet", Flavor::Tasklet},
    {"rcu-callback", Flavor::RcuCallback}, {"napi-poll", Flavor::NapiPoll},
    {"work-item", Flavor::WorkItem},  {"completion", Flavor::Completion},
    {"irq-thread", Flavor::IrqThread}, {"kthread", Flavor::Kthread},
    {"workqueue", Flavor::Workqueue},
};

llvm::StringRef gfpdep::apiOpName(ApiOp Op) {
  for (const auto &N : OpNames)
    if (N.Op == Op)
      return N.Name;
  llvm_unreachable("every op has a name");
}

llvm::StringRef gfpdep::flavorName(Flavor F) {
  for (const auto &N : FlavorNames)
    if (N.Fl == F)
      return N.Name;
  llvm_unreachable("every flavour has a name");
}

bool gfpdep::parseApiOp(llvm::StringRef S, ApiOp &Op) {
  for (const auto &N : OpNames)
    if (S == N.Name) {
      Op = N.Op;
      return true;
    }
  return false;
}

bool gfpdep::parseFlavor(llvm::StringRef S, Flavor &F) {
  for (const auto &N : FlavorNames)
    if (S == N.Name) {
      F = N.Fl;
      return true;
    }
  return false;
}

ApiModel::ApiModel() {
  for (const ApiRow &R : BuiltinRows)
    Index[R.Name] = R;
}

const ApiRow *ApiModel::lookup(llvm::StringRef Name) const {
  auto It = Index.find(Name);
  return It == Index.end() ? nullptr : &It->second;
}

void ApiModel::addRow(const ApiRow &Row) {
  OwnedStrings.push_back(Row.Name.str());
  llvm::StringRef Name = OwnedStrings.back();
  OwnedStrings.push_back(Row.Fields.str());
  ApiRow Copy = Row;
  Copy.Name = Name;
  Copy.Fields = OwnedStrings.back();
  Index[Name] = Copy;
}

llvm::ArrayRef<ApiRow> ApiModel::builtinRows() const { return BuiltinRows; }

const ApiModel &gfpdep::builtinModel() {
  static const ApiModel Model;
  return Model;
}
