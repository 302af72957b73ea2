//===- FunctionAnalysis.h - one function's dataflow -------------*- C++ -*-===//
///
/// \file
/// Runs the context dataflow over one function's CFG (held locks, atomic and
/// non-block sections, memalloc scopes, fs_reclaim), flow-sensitively and to
/// a fixpoint over loops, and turns what the function does and calls into
/// its Summary, composing the summaries of its callees.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_FUNCTIONANALYSIS_H
#define GFPDEP_ENGINE_FUNCTIONANALYSIS_H

#include "Effects.h"
#include "Facts.h"
#include "model/GfpLayout.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
} // namespace clang

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

struct AnalysisLimits {
  unsigned MaxBlocks = 20000;     ///< larger CFGs are skipped (no summary)
  unsigned MaxVisitsPerBlock = 64; ///< bounds the fixpoint on pathological loops
  unsigned MaxEffectsPerKind = 64; ///< summary bound: nearest effects kept
};

/// Everything a function's analysis reads.
struct AnalysisEnv {
  clang::ASTContext &Ctx;
  const ApiModel &Model;
  const GfpLayout &Layout;
  const ProgramFacts &Facts;
  /// Summaries of analysed definitions (callees first).
  const llvm::DenseMap<const clang::FunctionDecl *, Summary> &Summaries;
  AnalysisLimits Limits;
  /// Summaries from other units' summary files, for callees with no body.
  const class ExternalSummaries *External = nullptr;
};

/// The functions a call or construction may run: the direct callee (or every
/// overrider of a virtual one), or what was stored into the function pointer
/// it calls through.
void resolveCallees(const clang::Expr *Call, const ProgramFacts &Facts,
                    llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out);

/// Analyses Fn's body into Out. Returns false when the function was skipped
/// (no body, no CFG, over the limits); Out is then empty.
bool analyzeFunction(const clang::FunctionDecl *Fn, const AnalysisEnv &Env,
                     Summary &Out);

} // namespace legacy
} // namespace gfpdep

#endif
