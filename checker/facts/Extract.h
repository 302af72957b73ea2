//===- Extract.h - a unit's AST and macros -> its facts ---------*- C++ -*-===//
///
/// \file
/// Reads a translation unit into UnitFacts. Construct a FactsCollector on the
/// unit's preprocessor before parsing starts (it records the kernel hint
/// macros a function body expands and the suppression comments), then call
/// extract() once the AST is complete.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_FACTS_EXTRACT_H
#define GFPDEP_FACTS_EXTRACT_H

#include "facts/Facts.h"
#include <memory>

namespace clang {
class ASTContext;
class CommentHandler;
class FunctionDecl;
class Preprocessor;
} // namespace clang

namespace gfpdep {

struct ExtractOptions {
  unsigned MaxBlocks = 20000; ///< larger functions are skipped, with a remark
};

class FactsCollector {
public:
  /// PP may be null: no hint macros, no suppression comments, the default
  /// GFP layout.
  explicit FactsCollector(clang::Preprocessor *PP);
  ~FactsCollector();
  FactsCollector(const FactsCollector &) = delete;
  FactsCollector &operator=(const FactsCollector &) = delete;

  UnitFacts extract(clang::ASTContext &Ctx, const ExtractOptions &Opts = {});

  struct State;

private:
  clang::Preprocessor *PP;
  std::shared_ptr<State> S;
  std::unique_ptr<clang::CommentHandler> Comments;
};

/// The id facts use for a function: its USR, prefixed with the absolute path
/// of its file when it has internal linkage (static functions of two files
/// may share a USR).
std::string functionId(const clang::FunctionDecl *FD);

} // namespace gfpdep

#endif
