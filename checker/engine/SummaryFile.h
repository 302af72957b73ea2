//===- SummaryFile.h - summaries that cross translation units ---*- C++ -*-===//
///
/// \file
/// A summary file holds what one translation unit knows that others need:
/// the summaries of its externally visible functions (by USR), and the lock
/// classes it takes inside reclaim (OOM notifiers, shrinkers, fs_reclaim)
/// with their witness chains. A build writes one per unit
/// (-fplugin-arg-gfpdep-summary-dir=DIR); the plugin and gfpdep-clangd read a
/// directory of them (summaries=DIR, or GFPDEP_SUMMARIES) so that calls into
/// other files and the other half of a cross-file cycle are seen.
///
/// Format: JSON, {"format": "gfpdep-summaries", "version": 1, ...};
/// docs/summaries.md describes every field.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_ENGINE_SUMMARYFILE_H
#define GFPDEP_ENGINE_SUMMARYFILE_H

#include "Effects.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <deque>
#include <string>
#include <vector>

namespace gfpdep {
/// The per-unit engine the CLI, the clang-tidy module and the path mode
/// still use; its names must not collide with the link's.
inline namespace legacy {

constexpr unsigned SummaryFormatVersion = 2;

/// A lock class taken inside reclaim, and the chain that shows it.
struct ReclaimAcquisition {
  bool FsReclaim = false; ///< inside fs_reclaim rather than reclaim
  Effect Acquire;         ///< the acquisition, its chain from the context
  Enclosing Inside;       ///< the reclaim context (entry point or section)
};

/// An edge of the lock-class graph: From held while the effect acquires To.
struct LockEdge {
  std::string From, To; ///< class keys ("record::field", "/n" for subclasses)
  Effect Acquire;
  Enclosing Held;
};

/// What one translation unit exports.
struct UnitSummary {
  std::string Unit; ///< the main file
  struct Function {
    std::string Usr;
    std::string Name;
    Summary S;
  };
  std::vector<Function> Functions;
  std::vector<ReclaimAcquisition> Reclaim;
  std::vector<LockEdge> Edges;
  /// For linking without re-parsing (gfpdep --summaries): every
  /// effect-in-context pair the unit's rules check, and its entry points
  /// with their summaries.
  std::vector<Check> Checks;
  struct Entry {
    Context Ctx;
    Summary S;
  };
  std::vector<Entry> Entries;
  /// Functions stored into struct fields ("record::field" -> USRs): an
  /// indirect call through that field in another unit may run them.
  std::vector<std::pair<std::string, std::vector<std::string>>> FieldStores;
  /// The unit's GFP bits, by name: what the mask values above mean.
  std::vector<std::pair<std::string, uint64_t>> GfpSingles, GfpComposites;
};

/// Serialises a unit's summary (deterministic: same input, same bytes).
std::string writeUnitSummary(const UnitSummary &U);
/// Parses one; the error names what is wrong and where in the file.
llvm::Expected<UnitSummary> readUnitSummary(llvm::StringRef Text);

/// Summaries read from a directory: functions by USR, reclaim acquisitions.
class ExternalSummaries {
public:
  /// Reads every *.gfpdep.json under Dir (not recursive). Files that cannot
  /// be read or parsed are errors naming the file; the rest still load.
  /// ExcludeUnit: the unit being analysed (its own file is skipped).
  void loadDirectory(llvm::StringRef Dir, llvm::StringRef ExcludeUnit,
                     std::vector<std::string> &Errors);
  /// Adds a parsed unit (first definition of a USR wins, by file order).
  void add(UnitSummary U);

  const Summary *find(llvm::StringRef Usr) const;
  /// The name recorded with a USR's summary ("" if none).
  llvm::StringRef nameOf(llvm::StringRef Usr) const;
  /// USRs of functions other units store into field "record::field".
  const std::vector<std::string> *fieldTargets(llvm::StringRef Key) const;
  const std::deque<ReclaimAcquisition> &reclaim() const { return Reclaim; }
  const std::deque<LockEdge> &edges() const { return Edges; }
  bool empty() const {
    return ByUsr.empty() && Reclaim.empty() && Edges.empty() && Fields.empty();
  }

private:
  std::deque<Summary> Summaries;
  llvm::StringMap<const Summary *> ByUsr;
  llvm::StringMap<std::string> Names;
  llvm::StringMap<std::vector<std::string>> Fields;
  std::deque<ReclaimAcquisition> Reclaim;
  std::deque<LockEdge> Edges;
};

/// The directories GFPDEP_SUMMARIES names (':'-separated), if any.
std::vector<std::string> summaryDirsFromEnvironment();
/// The ':'-separated entries of environment variable Name (none if unset).
std::vector<std::string> pathsFromEnvironment(const char *Name);

/// The file a unit's summary goes to in Dir: derived from the output path
/// (or the main file), so parallel compiles never share one.
std::string summaryFileName(llvm::StringRef Dir, llvm::StringRef OutputOrMain);

/// How deep JSON gfpdep reads may nest ([ and {): llvm::json::parse
/// recurses once a level, so a file of nothing but '[' would overflow the
/// stack. gfpdep's own files nest about ten levels.
constexpr unsigned MaxJsonDepth = 64;

/// Checks, before llvm::json::parse, that Text nests no deeper than
/// MaxDepth (brackets inside strings do not count); the error says where.
llvm::Error checkJsonDepth(llvm::StringRef Text,
                           unsigned MaxDepth = MaxJsonDepth);

/// Writes Text to Path through a temporary file next to it and a rename;
/// a symbolic link is followed (its target is replaced, not the link).
/// Only regular files are written: a directory, FIFO, device or socket at
/// Path is an error, and the temporary file never stays behind.
llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Text);

/// The error writeFileAtomically would give for what is at Path now, if
/// it is not a regular file (or nothing): to refuse before a long run.
llvm::Error checkWritableRegularFile(llvm::StringRef Path);

} // namespace legacy
} // namespace gfpdep

#endif
