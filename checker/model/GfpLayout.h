//===- GfpLayout.h - what each GFP bit means in this TU ---------*- C++ -*-===//
///
/// \file
/// GFP masks are plain integers; what each bit means differs between kernel
/// versions. A GfpLayout is read from the translation unit's own
/// __GFP_* / ___GFP_* macros or enums, with Linux 6.1 values as the fallback
/// when the unit defines none.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_MODEL_GFPLAYOUT_H
#define GFPDEP_MODEL_GFPLAYOUT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
} // namespace clang

namespace gfpdep {

class GfpLayout {
public:
  /// Linux 6.1's values.
  static GfpLayout linuxDefault();
  /// A layout from named values (as a summary file records them).
  static GfpLayout fromNamed(std::vector<std::pair<std::string, uint64_t>> Singles,
                             std::vector<std::pair<std::string, uint64_t>> Composites);
  /// The layout a translation unit defines; linuxDefault() if it defines none.
  static GfpLayout read(clang::Preprocessor &PP, clang::ASTContext &Ctx);

  uint64_t DirectReclaim = 0, KswapdReclaim = 0, IO = 0, FS = 0;
  uint64_t NoRetry = 0, RetryMayFail = 0, NoFail = 0;
  uint64_t Kernel = 0; ///< GFP_KERNEL, for APIs that allocate with it implicitly
  bool FromTranslationUnit = false;

  bool reclaimCapable(uint64_t M) const { return M & DirectReclaim; }
  bool entersFsReclaim(uint64_t M) const {
    return reclaimCapable(M) && (M & FS);
  }
  /// Reclaim-capable and allowed to invoke the OOM killer itself.
  bool mayInvokeOom(uint64_t M) const {
    return reclaimCapable(M) && !(M & (NoRetry | RetryMayFail));
  }
  /// "__GFP_NORETRY" / "__GFP_RETRY_MAYFAIL" when that bit keeps M out of the
  /// OOM killer, else "".
  llvm::StringRef oomOptOut(uint64_t M) const;
  /// The mask in the unit's own names: "GFP_KERNEL | __GFP_NOWARN".
  std::string describe(uint64_t M) const;

  /// Named values used by describe(): composites first, then single bits.
  std::vector<std::pair<std::string, uint64_t>> Composites, Singles;
};

/// Evaluates an object-like macro of the unit as an integer constant: follows
/// nested and function-like macros (with ## pasting), enum constants and
/// casts, as the kernel writes its GFP flags. std::nullopt if it cannot.
std::optional<uint64_t> evaluateMacro(clang::Preprocessor &PP,
                                      clang::ASTContext &Ctx,
                                      llvm::StringRef Name);

/// The same for a sequence of token spellings (a macro argument as written:
/// "SINGLE_DEPTH_NESTING", "I_MUTEX_PARENT", "1").
std::optional<uint64_t> evaluateTokens(clang::Preprocessor &PP,
                                       clang::ASTContext &Ctx,
                                       llvm::ArrayRef<std::string> Tokens);

} // namespace gfpdep

#endif
