//===- Link.h - the whole program's summaries, contexts and rules -*- C++ -*-===//
///
/// \file
/// The link decides over a Program:
///  1. bottom-up over the call graph's SCCs (to a fixpoint in recursion),
///     every function's dataflow gives its summary (Dataflow.h);
///  2. top-down, the contexts that may be in force at each function's entry
///     (locks held by callers, sections, scopes, entry points such as OOM
///     notifiers), each with the shortest chain from where it began, and the
///     lock classes each lock parameter may be bound to;
///  3. every concrete effect is checked against the contexts around it and
///     at its function's entry (minus those its function ended first): the
///     rules of SPEC.md. Findings are reported once per (rule, leaf, lock
///     class or context kind).
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_LINK_LINK_H
#define GFPDEP_LINK_LINK_H

#include "engine/Finding.h"
#include "link/Dataflow.h"
#include "link/Program.h"
#include <bitset>

namespace gfpdep {

struct RuleOptions {
  std::bitset<NumRules> Enabled = defaultRules();
  bool enabled(Rule R) const { return Enabled.test(unsigned(R)); }
};

struct LinkOptions {
  RuleOptions Rules;
  DataflowLimits Limits;
  /// Iterations of one recursive component before its summaries are taken
  /// as they are (counted in LinkStats::FixpointLimitHit).
  unsigned MaxSccIterations = 64;
  /// stack-in-reclaim: the most bytes of locals one function may keep on
  /// the stack below an OOM notifier, a shrinker or an fs_reclaim section,
  /// and (0: no limit) the most the frames of a whole chain from such an
  /// entry may keep together.
  uint64_t StackBudget = 512;
  uint64_t StackChainBudget = 0;
  /// lock-order: a cycle whose every edge is taken while one other class
  /// (a gate lock) is held cannot deadlock and is not reported (opt-in:
  /// lockdep reports it).
  bool LockOrderGates = false;
  /// Report only findings that touch this file (a plain compile reports its
  /// own unit's findings); empty: all.
  Symbol OnlyFile;
  /// Fill LinkResult::Graph.
  bool Graph = false;
};

struct LinkStats {
  unsigned Functions = 0;     ///< functions with facts
  unsigned Anchors = 0;       ///< concrete effects checked
  unsigned OpenEffects = 0;   ///< effects that travel to callers
  unsigned Sites = 0;         ///< call sites into functions with facts
  unsigned EntryContexts = 0; ///< contexts at function entries
  unsigned FixpointLimitHit = 0; ///< recursive components cut at the limit
  unsigned FunctionsCutShort = 0; ///< a block hit the visit bound
  double SummaryTime = 0, ContextTime = 0, RulesTime = 0;
};

struct LinkResult {
  std::vector<Finding> Findings;
  LinkStats Stats;
  /// The summaries, by Program::Functions index (the path-sensitive mode
  /// reads them).
  std::vector<FnResult> Results;
  /// When LinkOptions::Graph: sorted by (From, To), one edge per pair.
  std::vector<GraphEdge> Graph;
};

LinkResult linkProgram(const Program &P, const LinkOptions &Opts);

/// The note where a context began: "spinlock 'L' acquired here",
/// "interrupts disabled here", "'fn' registered as an OOM notifier here".
std::string originText(const Ctx &C, llvm::StringRef LockName);

} // namespace gfpdep

#endif
