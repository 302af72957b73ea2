//===- Facts.h - what the translation unit stores and registers -*- C++ -*-===//
///
/// \file
/// Whole-unit facts gathered before any function is analysed: which
/// functions are stored into which struct fields and objects (ops tables,
/// notifier blocks, shrinkers), passed as function-pointer arguments, or
/// override a virtual method; which callbacks are registered as entry points
/// (OOM notifiers, shrinkers, IRQ handlers, timers); and what the gfpdep
/// annotations on functions say.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_FACTS_H
#define GFPDEP_ENGINE_FACTS_H

#include "Effects.h"
#include "model/ApiModel.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class CXXMethodDecl;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

using FunctionSet = llvm::SmallSetVector<const clang::FunctionDecl *, 4>;

/// A function that runs in a context of its own: an OOM notifier, a shrinker
/// callback, an IRQ handler, an annotated callback.
struct EntryPoint {
  const clang::FunctionDecl *Fn = nullptr;
  Context Ctx; ///< Kind Entry or NeverSleeps; Origin: registration or annotation
};

/// A user error found while reading the unit (a malformed annotation).
struct Problem {
  Loc Where;
  std::string Message;
};

class ProgramFacts {
public:
  /// A gfpdep::must_not_hold promise: the lock (a class, or a parameter) and
  /// where the promise is written.
  struct Promise {
    LockRef Lock;
    Loc Where;
  };

  void collect(clang::ASTContext &Ctx, const ApiModel &Model);

  /// Functions stored into field "record::field" of any object.
  const FunctionSet *fieldTargets(const std::string &FieldKey) const;
  /// Functions passed as argument Param of Fn.
  const FunctionSet *paramTargets(const clang::FunctionDecl *Fn,
                                  unsigned Param) const;
  /// Functions stored into a function-pointer variable.
  const FunctionSet *varTargets(const clang::VarDecl *VD) const;
  /// Every overrider seen of a virtual method, the method included.
  const FunctionSet *overriders(const clang::CXXMethodDecl *MD) const;
  /// The must-not-hold promises of a function, or null.
  const llvm::SmallVector<Promise, 1> *mustNotHold(const clang::FunctionDecl *Fn) const;
  /// The row an annotation gives a function (it then acts as modelled).
  const ApiRow *annotatedRow(const clang::FunctionDecl *Fn) const;

  std::vector<EntryPoint> Entries;
  std::vector<Problem> Problems;

  // Filled by the collector.
  std::map<std::string, FunctionSet> FieldStores;  ///< "record::field"
  std::map<std::string, FunctionSet> ObjectStores; ///< "object::field"
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, FunctionSet>
      ParamArgs;
  llvm::DenseMap<const clang::VarDecl *, FunctionSet> VarStores;
  llvm::DenseMap<const clang::CXXMethodDecl *, FunctionSet> Overriders;
  llvm::DenseMap<const clang::FunctionDecl *, ApiRow> AnnotatedRows;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<Promise, 1>>
      MustNotHold;
  std::vector<std::pair<const clang::CallExpr *, const ApiRow *>> Registrations;
  std::deque<std::string> AnnotationStrings; ///< storage for row names
  /// rowFor() answers, by canonical declaration (names are printed once).
  mutable llvm::DenseMap<const clang::FunctionDecl *, const ApiRow *> RowCache;
  bool Collected = false;
};

/// The model row for a callee: annotations first, then the table by
/// qualified name, then (for free functions) by plain name.
const ApiRow *rowFor(const clang::FunctionDecl *Fn, const ApiModel &Model,
                     const ProgramFacts &Facts);

} // namespace legacy
} // namespace gfpdep

#endif
