//===- Finding.cpp - rule ids and report order -----------------------------===//
///
/// \file
/// The rule table (id and one-sentence summary) and the order findings are
/// reported in.
//===----------------------------------------------------------------------===//

#include "Finding.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"

using namespace gfpdep;

namespace {
struct RuleInfo {
  Rule R;
  const char *Id;
  const char *Summary;
};

const RuleInfo Rules[] = {
    {Rule::ReclaimUnderLock, "reclaim-under-lock",
     "A reclaim-capable allocation runs while a lock is held that reclaim "
     "itself (a shrinker, an OOM notifier, fs_reclaim) also takes."},
    {Rule::ReclaimInReclaim, "reclaim-in-reclaim",
     "A reclaim-capable allocation is reachable from an OOM notifier, or a "
     "__GFP_FS one from inside an fs_reclaim section."},
    {Rule::SleepInAtomic, "sleep-in-atomic",
     "A blocking operation is reachable in atomic context."},
    {Rule::BlockInNonblock, "block-in-nonblock",
     "A blocking operation is reachable in a non-blocking region or "
     "function."},
    {Rule::LockOrder, "lock-order",
     "The lock-class graph has a cycle, or a lock class is acquired while "
     "already held."},
    {Rule::Contract, "contract",
     "A function breaks a promise made by its gfpdep annotation."},
    {Rule::LockBalance, "lock-balance",
     "On some path a function returns with a lock still held, takes a lock "
     "it already holds, or releases one it does not hold (path-sensitive "
     "mode)."},
    {Rule::StackInReclaim, "stack-in-reclaim",
     "A function reachable from an OOM notifier, a shrinker or an fs_reclaim "
     "section keeps more locals on the stack than the budget allows."},
    {Rule::WaitUnderLock, "wait-under-lock",
     "Code waits, with a lock held, for a work item, a workqueue, a timer, an "
     "IRQ handler or thread, a kernel thread or a completion whose callback or "
     "completer needs that lock."},
    {Rule::IrqInversion, "irq-inversion",
     "A lock class taken in hard- or soft-IRQ context is taken elsewhere with "
     "interrupts (bottom halves) enabled, or is held while a class taken with "
     "interrupts enabled is acquired."},
    {Rule::WaitContext, "wait-context",
     "A spinlock_t or rwlock_t, which sleeps on PREEMPT_RT, is taken while a "
     "raw spinlock is held or with IRQs or preemption disabled by hand (off by "
     "default)."},
    {Rule::BlockUnderLock, "block-under-lock",
     "A blocking call (sleep, read, recv, poll, ...) is made while a lock is "
     "held (off by default; for user space)."},
};
} // namespace

llvm::StringRef gfpdep::ruleId(Rule R) {
  for (const RuleInfo &I : Rules)
    if (I.R == R)
      return I.Id;
  return "unknown";
}

llvm::StringRef gfpdep::ruleSummary(Rule R) {
  for (const RuleInfo &I : Rules)
    if (I.R == R)
      return I.Summary;
  return "";
}

std::optional<Rule> gfpdep::parseRuleId(llvm::StringRef Id) {
  Id.consume_front("gfpdep-");
  for (const RuleInfo &I : Rules)
    if (Id == I.Id)
      return I.R;
  return std::nullopt;
}

bool Finding::operator<(const Finding &O) const {
  if (Where != O.Where)
    return Where < O.Where;
  if (R != O.R)
    return R < O.R;
  if (Origin != O.Origin)
    return Origin < O.Origin;
  return Message < O.Message;
}

void gfpdep::sortFindings(std::vector<Finding> &Findings) {
  llvm::sort(Findings);
}

std::string gfpdep::fingerprint(const Finding &F) {
  llvm::SHA1 H;
  auto Add = [&](llvm::StringRef S) {
    H.update(S);
    H.update(llvm::StringRef("\0", 1));
  };
  Add(ruleId(F.R));
  Add(llvm::sys::path::filename(F.Where.File.ref()));
  if (!F.Identity.empty()) {
    Add(F.Identity);
  } else {
    Add(F.Message);
    for (const Step &S : F.Notes) {
      Add(llvm::sys::path::filename(S.Where.File.ref()));
      Add(S.Text);
    }
  }
  std::array<uint8_t, 20> D = H.final();
  std::string Hex;
  for (uint8_t B : D)
    Hex += llvm::formatv("{0:x-2}", B).str();
  return Hex;
}

void PathQuery::merge(const PathQuery &O) {
  if (!Checkable || !O.Checkable || WholeFunction != O.WholeFunction ||
      NeedBits != O.NeedBits) {
    Checkable = false;
    Sites.clear();
    return;
  }
  for (const Site &S : O.Sites)
    if (llvm::none_of(Sites, [&](const Site &Mine) {
          return Mine.At == S.At && Mine.MaskArg == S.MaskArg;
        }))
      Sites.push_back(S);
}
