//===- Rules.h - from summaries to findings ---------------------*- C++ -*-===//
///
/// \file
/// The last stage of the engine: every effect is checked against every
/// context around it (and against the entry contexts of the functions it is
/// reachable from); the lock-class graph, with the reclaim pseudo-locks kept
/// apart, is searched for cycles. The rules are those of SPEC.md.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_RULES_H
#define GFPDEP_ENGINE_RULES_H

#include "Effects.h"
#include "Finding.h"
#include "SummaryFile.h"
#include "model/GfpLayout.h"
#include <bitset>
#include <vector>

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

/// An entry context and the summary of the function it applies to.
struct EntrySummary {
  Context Ctx;
  const Summary *S = nullptr;
};

struct RuleInput {
  const GfpLayout *Layout = nullptr;
  std::vector<const Summary *> Functions; ///< every analysed function
  std::vector<EntrySummary> Entries;
  /// Lock classes other units take inside reclaim (their summary files).
  const std::deque<ReclaimAcquisition> *ExternalReclaim = nullptr;
  /// Lock-order edges other units found.
  const std::deque<LockEdge> *ExternalEdges = nullptr;
};

struct RuleOutput {
  std::vector<Finding> Findings;
  /// The lock classes this unit takes inside reclaim, for its summary file.
  std::vector<ReclaimAcquisition> Reclaim;
  /// This unit's lock-order edges, for its summary file.
  std::vector<LockEdge> Edges;
};

struct RuleOptions {
  std::bitset<NumRules> Enabled = defaultRules();
  bool enabled(Rule R) const { return Enabled.test(unsigned(R)); }
};

/// The note where a context began: "spinlock 'L' acquired here",
/// "interrupts disabled here", "'fn' registered as an OOM notifier here".
std::string originText(const Context &C);

/// Runs the rules; findings come back deduplicated (one per rule, leaf and
/// context origin) and sorted.
RuleOutput runRules(const RuleInput &In, const RuleOptions &Opts);

/// The lock-order cycles of a whole program's edges (the gfpdep command runs
/// this once over every unit's edges instead of per unit).
std::vector<Finding> lockOrderCycles(const std::vector<LockEdge> &Edges,
                                     const RuleOptions &Opts);

} // namespace legacy
} // namespace gfpdep

#endif
