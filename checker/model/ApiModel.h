//===- ApiModel.h - what kernel API functions do ----------------*- C++ -*-===//
///
/// \file
/// The API model: a table (ApiModel.def) mapping function names to what they
/// do to the analysed program's state. The engine asks it about every callee
/// it meets, by name, before looking at the callee's body.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_MODEL_APIMODEL_H
#define GFPDEP_MODEL_APIMODEL_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <deque>
#include <string>

namespace gfpdep {

/// What a modelled call does.
enum class ApiOp : uint8_t {
  Alloc,            ///< allocates with the mask in Arg (RF_ImplicitKernel: GFP_KERNEL)
  Block,            ///< may sleep
  Acquire,          ///< takes the lock in Arg (blocks if the flavour sleeps)
  TryAcquire,       ///< takes the lock in Arg on its success branch only
  Release,          ///< drops the lock in Arg
  Enter,            ///< opens a context section (IRQs off, RCU, non-block, ...)
  Exit,             ///< closes it
  ScopeSave,        ///< memalloc_*_save: a mask scope begins
  ScopeRestore,     ///< memalloc_*_restore: it ends
  FsReclaimAcquire, ///< fs_reclaim_acquire(gfp)
  FsReclaimRelease, ///< fs_reclaim_release(gfp)
  AssertHeld,       ///< lockdep_assert_held(l): the caller holds l
  MaskPassthrough,  ///< returns the mask in Arg (current_gfp_context)
  Register,         ///< registers the callback(s) in Arg
  /// Reads the GFP mask in Arg, never allocates or sleeps (a cpuset or
  /// mempolicy lookup): not the "no body, gfp_t parameter" default.
  MaskQuery,
  /// Initialises the lock in Arg with the lockdep class key in Arg2
  /// (__mutex_init): a key kept in each object (&h->resize_key) gives each
  /// object its own class.
  LockClassKey,
  /// Drops a reference to the object Arg's counter is in and is true when
  /// it was the last (refcount_dec_and_test): what follows on that branch
  /// is the object's destruction.
  RefPut,
  /// Not a function: Name is "record::field", and a function stored into
  /// that field (an assignment or an initialiser, e.g. DEFINE_TIMER's
  /// `.function = f`) is a callback of the row's flavour.
  CallbackField,
  /// Waits until the callback bound to the object in Arg has finished
  /// (Flavor: the work item's function, the timer's callback, the IRQ
  /// handler of the device in Arg, the completer of the completion in Arg):
  /// cancel_work_sync, del_timer_sync, free_irq, wait_for_completion. It
  /// sleeps, unless RF_Spins.
  Wait,
  /// Wakes the waiters of the completion in Arg (complete, complete_all).
  Signal,
};
/// The last ApiOp: readers validate against it.
constexpr ApiOp LastApiOp = ApiOp::Signal;

/// Which kind of lock, context or callback a row is about.
enum class Flavor : uint8_t {
  None,
  Mutex, RwSem, Semaphore,          // sleeping locks
  Spin, RawSpin, RwLock,            // spinning locks
  IrqOff, PreemptOff, RcuRead, BhOff, NonBlock, // sections
  PagefaultOff,                     // pagefault_disable(): user copies do not sleep
  NoReclaim, NoIO, NoFS,            // memalloc scopes
  OomNotifier, Shrinker, HardIrq, Timer, Tasklet, // callback kinds
  RcuCallback, NapiPoll, // soft-IRQ callbacks: call_rcu(), NAPI poll
  WorkItem,   // a work item's function (process context)
  Completion, // a completion: what wait_for_completion() waits for
  IrqThread,  // a threaded IRQ's thread function (process context)
  Kthread,    // a kernel thread's function (process context)
  Workqueue,  // a workqueue: what flush_workqueue() waits for
};

/// Row flags.
enum : uint16_t {
  RF_ImplicitKernel = 1 << 0, ///< allocates with GFP_KERNEL, no mask argument
  /// Returns 0 on success: a trylock (down_trylock), or an acquisition
  /// that may fail (mutex_lock_interruptible: held only when it returns 0).
  RF_ZeroIsSuccess = 1 << 1,
  RF_Recursive = 1 << 2,      ///< the lock may be re-taken by its holder
  /// Blocks only to fault a page in: not with page faults disabled
  /// (copy_from_user() under pagefault_disable()/kmap_atomic()).
  RF_FaultOnly = 1 << 3,
  /// Sleeps only outside interrupt context: in a hard- or soft-IRQ handler,
  /// or with bottom halves disabled (in_interrupt()), it defers its work
  /// instead (vfree(), kvfree()).
  RF_ProcessOnly = 1 << 4,
  /// A C library function: the row applies only to a function declared in
  /// a system header, not to a program's own function of that name.
  RF_SystemHeader = 1 << 5,
  /// Block: releases the lock in Arg while it waits and takes it back
  /// before it returns (pthread_cond_wait(cond, mutex)).
  RF_DropsLock = 1 << 6,
  /// Wait: spins until the callback has finished instead of sleeping
  /// (del_timer_sync()).
  RF_Spins = 1 << 7,
  /// Wait (HardIrq): Arg is the IRQ number, not a dev_id; it waits for the
  /// handlers requested on that number (synchronize_irq()).
  RF_IrqNumber = 1 << 8,
  /// Register (HardIrq): the argument after Arg is the thread function,
  /// run in process context (request_threaded_irq()).
  RF_ThreadFn = 1 << 9,
  /// Register: the call's result is the object the callback is bound to,
  /// named where the caller stores it (kthread_create_on_node()).
  RF_BindsResult = 1 << 10,
};

/// The implicit object argument of a member call.
constexpr int ObjectArg = -2;

struct ApiRow {
  llvm::StringRef Name;
  ApiOp Op;
  Flavor Fl;
  int Arg;
  int Arg2;
  uint16_t Flags;
  llvm::StringRef Fields; ///< Register with an object: its callback fields
};

/// The last Flavor: readers validate against it.
constexpr Flavor LastFlavor = Flavor::Workqueue;

bool isSleepingLock(Flavor F);
bool isSpinningLock(Flavor F);
/// A noun for messages: "mutex", "spinlock", "rw_semaphore", ...
llvm::StringRef flavorNoun(Flavor F);
llvm::StringRef apiOpName(ApiOp Op);
llvm::StringRef flavorName(Flavor F);
bool parseApiOp(llvm::StringRef S, ApiOp &Op);
bool parseFlavor(llvm::StringRef S, Flavor &F);

/// The built-in table plus rows added at run time (a user model file).
class ApiModel {
public:
  ApiModel();
  ApiModel(const ApiModel &) = delete; // rows point into OwnedStrings
  ApiModel &operator=(const ApiModel &) = delete;
  /// The row for a function's name (qualified for C++ members: "std::mutex::lock").
  const ApiRow *lookup(llvm::StringRef Name) const;
  /// Adds or replaces a row; the model keeps its own copy of the strings.
  void addRow(const ApiRow &Row);
  /// Every row, built-in first, in table order.
  llvm::ArrayRef<ApiRow> builtinRows() const;
  size_t size() const { return Index.size(); }

private:
  llvm::StringMap<ApiRow> Index;
  std::deque<std::string> OwnedStrings;
};

/// The built-in model, built once.
const ApiModel &builtinModel();

} // namespace gfpdep

#endif
