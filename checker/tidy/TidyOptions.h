//===- TidyOptions.h - the gfpdep.* CheckOptions of the tidy checks -*- C++ -*-===//
///
/// \file
/// The engine options of the clang-tidy checks: the plugin's
/// -fplugin-arg-gfpdep-<option>s that change what the engine finds, as
/// clang-tidy CheckOptions shared by every gfpdep-* check (gfpdep.Models,
/// gfpdep.StackBudget, ...). A check reads them (ReadOptions); the unit's
/// run parses and resolves them once (EngineConfig) and loads its model
/// files through a process-wide cache (loadModels).
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_TIDY_TIDYOPTIONS_H
#define GFPDEP_TIDY_TIDYOPTIONS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/StringRef.h"
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace llvm::vfs {
class FileSystem;
} // namespace llvm::vfs

namespace gfpdep {
class ApiModel;

namespace tidy {

/// Every option, in the order the docs list them.
enum class Opt : unsigned {
  Models,           ///< model=: ';'-separated model files
  Facts,            ///< facts=: ';'-separated facts inputs
  Summaries,        ///< summaries=: ';'-separated summary directories
  StackBudget,      ///< stack-budget=
  StackChainBudget, ///< stack-chain-budget= (0: none)
  LockOrderGates,   ///< lock-order-gates
  MaxEffects,       ///< max-effects=
  Stats,            ///< stats
};
constexpr unsigned NumOpts = unsigned(Opt::Stats) + 1;

/// The option's global name ("gfpdep.Models").
llvm::StringRef optionName(Opt O);
/// Its default, as written in a configuration.
llvm::StringRef optionDefault(Opt O);

/// What one check read: each option's text and the key it was found under
/// (the global "gfpdep.X", or "<check>.gfpdep.X" for one check alone; empty
/// when the option is not set), and the gfpdep keys of the configuration
/// that are no option at all.
struct ReadOptions {
  std::array<std::string, NumOpts> Text;
  std::array<std::string, NumOpts> Key;
  std::vector<std::string> Unknown;

  llvm::StringRef key(Opt O) const {
    return Key[unsigned(O)].empty() ? optionName(O) : llvm::StringRef(Key[unsigned(O)]);
  }
  bool operator==(const ReadOptions &O) const {
    return Text == O.Text && Key == O.Key && Unknown == O.Unknown;
  }
};

/// The keys of \p Options that look like gfpdep options and are not:
/// "gfpdep.<anything else>" and "gfpdep-<check>.<anything but gfpdep.X>".
std::vector<std::string> unknownOptionKeys(const clang::tidy::ClangTidyOptions::OptionMap &Options);

/// The options of one engine run, parsed, with relative paths made absolute.
struct EngineConfig {
  std::vector<std::string> Models, Facts, Summaries;
  uint64_t StackBudget = 512;
  uint64_t StackChainBudget = 0;
  bool LockOrderGates = false;
  unsigned MaxEffects = 64;
  bool Stats = false;
  /// One line per bad value or unknown option, naming it.
  std::vector<std::string> Errors;
};

/// Parses \p R. A relative path in a list option is resolved against the
/// directory of the .clang-tidy file that sets the option to this value,
/// found as clang-tidy finds a file's configuration (from \p MainFile's
/// directory up, while the file found says InheritParentConfig); otherwise
/// against \p FS's working directory (the compile command's directory).
EngineConfig parseOptions(const ReadOptions &R, llvm::vfs::FileSystem &FS,
                          llvm::StringRef MainFile);

/// The built-in model plus the rows of model files, and the error lines of
/// those that could not be read or are invalid.
struct LoadedModels {
  std::shared_ptr<const ApiModel> Model;
  std::vector<std::string> Errors;
};

/// The models of \p Paths (absolute), read once per list of paths and kept
/// for the process: every check of every unit, on any thread, shares them.
/// A file is read again only when its size or modification time changes
/// (an editor's session outlives edits to the model). With \p Stats, each
/// read is reported on stderr. Null when \p Paths is empty.
std::shared_ptr<const LoadedModels> loadModels(const std::vector<std::string> &Paths,
                                               bool Stats);

} // namespace tidy
} // namespace gfpdep

#endif
