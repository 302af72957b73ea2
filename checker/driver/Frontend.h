//===- Frontend.h - what a front end needs of the data path ----*- C++ -*-===//
///
/// \file
/// The narrow interface front ends use: attach a collector to the unit's
/// preprocessor before parsing, run the unit at its end, present the
/// findings. Nothing of the engine's internals shows here.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_DRIVER_FRONTEND_H
#define GFPDEP_DRIVER_FRONTEND_H

#include "engine/Finding.h"
#include <bitset>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Preprocessor;
class FunctionDecl;
} // namespace clang

namespace gfpdep {

class ApiModel;
struct UnitFacts;

/// What a call to a function does to its caller's locks and sections, as
/// the link summarised it: what the path-sensitive mode models calls with.
struct CallTransfer {
  struct Item {
    uint8_t Kind = 0;  ///< the context kind: 0 lock, 1 section, 2 scope, 3 fs_reclaim
    uint8_t Fl = 0;    ///< Flavor: the lock's or the section's
    int Param = -1;    ///< a lock: the parameter it is, or -1
    std::string Class; ///< a lock: its class, when not a parameter
    unsigned Subclass = 0;
    bool Recursive = false;
  };
  std::vector<Item> Acquires; ///< held at a return (every one, or as the result says)
  std::vector<Item> Releases; ///< ended at every return
  std::vector<Item> MayHold;  ///< held at some returns only
  /// Released when the result is non-zero (second: true) or zero.
  std::vector<std::pair<Item, bool>> CondReleases;
};

/// The smallest stack-in-reclaim budget (the facts keep a frame with no
/// calls only from this size: MinFrameFacts).
constexpr uint64_t MinStackBudget = 64;

struct FrontendOptions {
  std::bitset<NumRules> Enabled = defaultRules();
  const ApiModel *Model = nullptr;
  unsigned MaxBlocks = 20000;
  unsigned MaxVisitsPerBlock = 64;
  std::vector<std::shared_ptr<const UnitFacts>> External;
  /// stack-in-reclaim budgets (LinkOptions::StackBudget, StackChainBudget).
  uint64_t StackBudget = 512;
  uint64_t StackChainBudget = 0;
  bool LockOrderGates = false; ///< LinkOptions::LockOrderGates
  /// Fill FrontendResult::Transfers.
  bool ExportTransfers = false;
  /// Fill the lock-class graph of a whole-program link (LinkOptions::Graph).
  bool Graph = false;
};

struct FrontendProblem {
  Loc Where;
  std::string Message;
  bool Remark = false; ///< a note to the user, not an error
};

struct FrontendResult {
  std::vector<Finding> Findings;
  std::vector<FrontendProblem> Problems;
  std::shared_ptr<UnitFacts> Facts;
  std::string Stats; ///< one line per stage, for -fplugin-arg-gfpdep-stats
  /// By transferKey(): when FrontendOptions::ExportTransfers.
  std::map<std::string, CallTransfer> Transfers;
};

/// The key of FrontendResult::Transfers for \p FD.
std::string transferKey(const clang::FunctionDecl *FD);

/// What a unit's facts say the user must hear: annotation misuse (errors)
/// and functions skipped for their size (remarks), in that order.
void unitProblems(const UnitFacts &U, unsigned MaxBlocks,
                  std::vector<FrontendProblem> &Out);

/// A build's facts for a front end to link its unit with (objects,
/// archives, side files, directories of them; ProgramRunner.h), with an
/// error line per unreadable input.
void loadFactsInputs(const std::vector<std::string> &Paths,
                     std::vector<std::shared_ptr<const UnitFacts>> &Out,
                     std::vector<std::string> &Errors);
/// The unit's facts as stored in objects and side files (FactsFile.h).
std::string encodeFacts(const UnitFacts &U);
/// The main file a unit's facts record.
std::string factsMainFile(const UnitFacts &U);
/// The whole program from a build's facts: every unit found in Paths
/// linked once (gfpdep --link).
struct ProgramLinkResult {
  std::vector<Finding> Findings;
  std::vector<std::string> Errors; ///< unreadable inputs, one line each
  unsigned Units = 0, FilesRead = 0, FilesWithout = 0, Duplicates = 0;
  unsigned Functions = 0, FixpointLimitHit = 0, FunctionsCutShort = 0;
  std::vector<GraphEdge> Graph; ///< when FrontendOptions::Graph
};
ProgramLinkResult linkFactsInputs(const std::vector<std::string> &Paths,
                                  const FrontendOptions &Opts);
/// The object-file section the facts travel in (".note.gfpdep.facts").
const char *factsSectionName();
/// The side-file name for a unit: `<main file name>.<16 hex digits of the
/// SHA-1 of the absolute main file and output paths>.gfpdep-facts`, so two
/// units never share one, whatever their output (-o /dev/null).
std::string factsFileName(llvm::StringRef Dir, llvm::StringRef MainFile,
                          llvm::StringRef Output);

class UnitSession {
public:
  explicit UnitSession(clang::Preprocessor *PP);
  ~UnitSession();
  FrontendResult run(clang::ASTContext &Ctx, const FrontendOptions &Opts);

private:
  struct Impl;
  std::unique_ptr<Impl> I;
};

} // namespace gfpdep

#endif
