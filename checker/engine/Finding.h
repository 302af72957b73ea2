//===- Finding.h - what the engine reports ----------------------*- C++ -*-===//
///
/// \file
/// A finding: a rule, the leaf operation it points at, a one-line message and
/// the chain of steps (context began here -> each call -> the leaf's mask
/// origin -> the other half of a cycle). Front ends only present these.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_FINDING_H
#define GFPDEP_ENGINE_FINDING_H

#include "Symbol.h"
#include "llvm/ADT/StringRef.h"
#include <bitset>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace gfpdep {

/// The rules, with their stable ids.
enum class Rule {
  ReclaimUnderLock,
  ReclaimInReclaim,
  SleepInAtomic,
  BlockInNonblock,
  LockOrder,
  Contract,
  LockBalance, ///< path-sensitive mode only
  StackInReclaim,
  WaitUnderLock,
  IrqInversion,
  WaitContext, ///< off by default: the PREEMPT_RT check
  BlockUnderLock, ///< off by default: user space's blocking-in-critical-section
};
constexpr unsigned NumRules = 12;

/// "reclaim-under-lock", ...
llvm::StringRef ruleId(Rule R);
std::optional<Rule> parseRuleId(llvm::StringRef Id);
/// Whether a rule is off unless enabled (wait-context, the PREEMPT_RT check;
/// block-under-lock, for user space: in the kernel, sleeping under a mutex
/// is legal).
inline bool offByDefault(Rule R) {
  return R == Rule::WaitContext || R == Rule::BlockUnderLock;
}
/// The rules reported when no option says otherwise.
inline std::bitset<NumRules> defaultRules() {
  std::bitset<NumRules> B;
  for (unsigned I = 0; I < NumRules; ++I)
    B.set(I, !offByDefault(Rule(I)));
  return B;
}
/// Whether only the path-sensitive mode reports the rule (lock-balance).
inline bool pathSensitiveOnly(Rule R) { return R == Rule::LockBalance; }
/// The one-sentence summary of a rule (docs, SARIF rule metadata).
llvm::StringRef ruleSummary(Rule R);

/// A source position, independent of any SourceManager so that findings and
/// summaries can cross translation units. Raw is the clang encoding of the
/// same position in the unit that produced it (0 when unknown).
struct Loc {
  Symbol File;
  unsigned Line = 0;
  unsigned Col = 0;
  unsigned Raw = 0;

  bool valid() const { return Line != 0; }
  bool operator<(const Loc &O) const {
    return std::tie(File, Line, Col) < std::tie(O.File, O.Line, O.Col);
  }
  bool operator==(const Loc &O) const {
    return std::tie(File, Line, Col) == std::tie(O.File, O.Line, O.Col);
  }
  bool operator!=(const Loc &O) const { return !(*this == O); }
};

/// One note of a chain.
struct Step {
  Loc Where;
  std::string Text;
};

/// What the path-sensitive mode asks of a finding: is there a feasible path,
/// in the function where the finding's context begins, on which one of these
/// call sites runs with the context in force (and, where a site passes the
/// leaf's GFP mask on, with a mask that may have NeedBits)? A finding no such
/// path reaches is dropped. Not Checkable: the finding is kept as it is
/// (cycles, contexts of a whole function reached by several routes, ...).
struct PathQuery {
  struct Site {
    Loc At;
    int MaskArg = -1; ///< the argument at At carrying the leaf's mask; -1 none
  };
  bool Checkable = false;
  /// The context is in force from the function's entry (an OOM notifier, a
  /// never-sleeps promise): only the sites' reachability and masks count.
  bool WholeFunction = false;
  uint64_t NeedBits = 0; ///< the mask bits the leaf needs (all of them)
  std::vector<Site> Sites;

  /// Another witness of the same finding: either may be the feasible one.
  void merge(const PathQuery &O);
};

/// An edge of the program's lock-class graph: From is held while To is
/// acquired, first at At (the least location of its witnesses). Class keys
/// are "record::field", "name/1" for subclass 1, "name/*" for a run-time
/// one. The pseudo-locks "reclaim" and "fs_reclaim" stand for entering
/// reclaim: "L -> reclaim" is an allocation that may enter it while L is
/// held, "reclaim -> L" an acquisition of L from inside it (an OOM
/// notifier, a shrinker; an fs_reclaim section). A cycle through one of
/// them is a reclaim deadlock.
struct GraphEdge {
  std::string From, To;
  Loc At;
};

struct Finding {
  Rule R;
  Loc Where;
  std::string Message; ///< without the trailing "[gfpdep-<rule>]"
  std::vector<Step> Notes;
  Loc Origin; ///< where the context began (dedup key with R and Where)
  PathQuery Query; ///< for the path-sensitive mode
  /// What the finding is about, independent of wording and lines: the
  /// context's class or kind, the leaf operation, the functions of the
  /// chain. Baseline fingerprints hash this.
  std::string Identity;

  bool operator<(const Finding &O) const;
};

/// A fingerprint that survives unrelated edits and line shifts: the rule,
/// the leaf's file name, the message and the text of every note (no line
/// or column numbers). Baselines store these.
std::string fingerprint(const Finding &F);

/// Sorts by position, then rule, then origin, then message: the report order.
void sortFindings(std::vector<Finding> &Findings);

} // namespace gfpdep

#endif
