//===- TidyOptions.cpp - the gfpdep.* CheckOptions of the tidy checks -----===//
///
/// \file
/// Parses the gfpdep.* CheckOptions (the plugin's options, as clang-tidy
/// configuration), resolves their relative paths, and keeps the model files
/// they name loaded once for the process.
//===----------------------------------------------------------------------===//

#include "TidyOptions.h"
#include "driver/Frontend.h"
#include "model/ApiModel.h"
#include "model/ModelFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <mutex>
#include <optional>

using namespace gfpdep;
using namespace gfpdep::tidy;
using llvm::StringRef;

namespace {
struct OptionRow {
  StringRef Name;
  StringRef Default;
};
} // namespace

/// Indexed by Opt. The defaults are the plugin's.
static const OptionRow OptionTable[NumOpts] = {
    {"gfpdep.Models", ""},
    {"gfpdep.Facts", ""},
    {"gfpdep.Summaries", ""},
    {"gfpdep.StackBudget", "512"},
    {"gfpdep.StackChainBudget", "0"},
    {"gfpdep.LockOrderGates", "false"},
    {"gfpdep.MaxEffects", "64"},
    {"gfpdep.Stats", "false"},
};

StringRef gfpdep::tidy::optionName(Opt O) { return OptionTable[unsigned(O)].Name; }
StringRef gfpdep::tidy::optionDefault(Opt O) { return OptionTable[unsigned(O)].Default; }

static bool isOptionName(StringRef Name) {
  for (const OptionRow &Row : OptionTable)
    if (Row.Name == Name)
      return true;
  return false;
}

static std::string optionList() {
  std::string S;
  for (const OptionRow &Row : OptionTable)
    S += (S.empty() ? "" : ", ") + Row.Name.str();
  return S;
}

/// " (did you mean 'gfpdep.X'?)" for the option \p Key is closest to, if
/// any is close (a check's own key is compared by its option part).
static std::string suggestion(StringRef Key) {
  std::string Name = Key.str();
  if (Key.starts_with("gfpdep-")) {
    StringRef Rest = Key.split('.').second;
    Name = Rest.starts_with("gfpdep.") ? Rest.str() : "gfpdep." + Rest.str();
  }
  StringRef Best;
  unsigned BestDistance = 4; // at most 3 edits
  for (const OptionRow &Row : OptionTable) {
    unsigned D = StringRef(Name).edit_distance_insensitive(Row.Name, true, BestDistance);
    if (D < BestDistance) {
      Best = Row.Name;
      BestDistance = D;
    }
  }
  return Best.empty() ? "" : " (did you mean '" + Best.str() + "'?)";
}

std::vector<std::string>
gfpdep::tidy::unknownOptionKeys(const clang::tidy::ClangTidyOptions::OptionMap &Options) {
  std::vector<std::string> Out;
  for (const auto &KV : Options) {
    StringRef Key = KV.getKey(), Name;
    if (Key.starts_with("gfpdep."))
      Name = Key;
    else if (Key.starts_with("gfpdep-") && Key.contains('.'))
      Name = Key.split('.').second; // a check's own: "<check>.gfpdep.X"
    else
      continue;
    if (!isOptionName(Name))
      Out.push_back(Key.str());
  }
  std::sort(Out.begin(), Out.end()); // a StringMap has no order
  return Out;
}

/// As clang-tidy reads a bool option: true/false, yes/no, on/off in any
/// case, or a number (non-zero is true).
static std::optional<bool> parseBool(StringRef V) {
  std::string L = V.lower();
  if (L == "true" || L == "yes" || L == "on" || L == "y")
    return true;
  if (L == "false" || L == "no" || L == "off" || L == "n")
    return false;
  long long N;
  if (!V.getAsInteger(10, N))
    return N != 0;
  return std::nullopt;
}

static std::vector<std::string> splitList(StringRef V) {
  llvm::SmallVector<StringRef, 4> Parts;
  V.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Out;
  for (StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

/// The directory of the .clang-tidy file clang-tidy takes option \p Key =
/// \p Value from for \p MainFile, or "" when no such file sets it so.
static std::string configFileDir(llvm::vfs::FileSystem &FS, StringRef MainFile,
                                 StringRef Key, StringRef Value) {
  llvm::SmallString<256> Abs(MainFile);
  if (FS.makeAbsolute(Abs))
    return "";
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  for (StringRef Dir = llvm::sys::path::parent_path(Abs); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> File(Dir);
    llvm::sys::path::append(File, ".clang-tidy");
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf = FS.getBufferForFile(File);
    if (!Buf || (*Buf)->getBuffer().empty())
      continue;
    llvm::ErrorOr<clang::tidy::ClangTidyOptions> Parsed =
        clang::tidy::parseConfiguration((*Buf)->getMemBufferRef());
    if (!Parsed)
      continue; // clang-tidy skips it too
    auto It = Parsed->CheckOptions.find(Key);
    if (It != Parsed->CheckOptions.end())
      return It->getValue().Value == Value ? Dir.str() : "";
    if (!Parsed->InheritParentConfig.value_or(false))
      return "";
  }
  return "";
}

EngineConfig gfpdep::tidy::parseOptions(const ReadOptions &R, llvm::vfs::FileSystem &FS,
                                        StringRef MainFile) {
  EngineConfig C;
  auto Text = [&](Opt O) -> StringRef {
    return R.Key[unsigned(O)].empty() ? optionDefault(O)
                                      : StringRef(R.Text[unsigned(O)]).trim();
  };
  auto Bad = [&](Opt O, StringRef Needs) {
    C.Errors.push_back("invalid value '" + Text(O).str() + "' for option '" +
                       R.key(O).str() + "': " + Needs.str());
  };
  for (const std::string &K : R.Unknown)
    C.Errors.push_back("unknown option '" + K + "'" + suggestion(K) +
                       "; valid options: " + optionList());

  auto Paths = [&](Opt O, std::vector<std::string> &Out) {
    Out = splitList(Text(O));
    std::optional<std::string> Base;
    for (std::string &P : Out) {
      if (llvm::sys::path::is_absolute(P))
        continue;
      if (!Base) {
        Base = configFileDir(FS, MainFile, R.key(O), R.Text[unsigned(O)]);
        if (Base->empty())
          if (llvm::ErrorOr<std::string> Cwd = FS.getCurrentWorkingDirectory())
            Base = *Cwd;
      }
      llvm::SmallString<256> Abs(*Base);
      llvm::sys::path::append(Abs, P);
      llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
      P = Abs.str().str();
    }
  };
  Paths(Opt::Models, C.Models);
  Paths(Opt::Facts, C.Facts);
  Paths(Opt::Summaries, C.Summaries);

  uint64_t N;
  if (Text(Opt::StackBudget).getAsInteger(10, N) || N < MinStackBudget)
    Bad(Opt::StackBudget, "needs a whole number of bytes, at least " +
                              std::to_string(MinStackBudget));
  else
    C.StackBudget = N;
  if (Text(Opt::StackChainBudget).getAsInteger(10, N) || (N && N < MinStackBudget))
    Bad(Opt::StackChainBudget, "needs a whole number of bytes, at least " +
                                   std::to_string(MinStackBudget) +
                                   ", or 0 for no chain budget");
  else
    C.StackChainBudget = N;
  unsigned M;
  if (Text(Opt::MaxEffects).getAsInteger(10, M) || M == 0)
    Bad(Opt::MaxEffects, "needs a positive whole number");
  else
    C.MaxEffects = M;
  if (std::optional<bool> B = parseBool(Text(Opt::LockOrderGates)))
    C.LockOrderGates = *B;
  else
    Bad(Opt::LockOrderGates, "needs true or false");
  if (std::optional<bool> B = parseBool(Text(Opt::Stats)))
    C.Stats = *B;
  else
    Bad(Opt::Stats, "needs true or false");
  return C;
}

namespace {
struct CachedModels {
  std::string Stamp; ///< each file's size and modification time
  std::shared_ptr<const LoadedModels> Models;
};
} // namespace

/// What tells one version of a file from another.
static std::string fileStamp(StringRef Path) {
  llvm::sys::fs::file_status St;
  if (std::error_code EC = llvm::sys::fs::status(Path, St))
    return "!" + EC.message();
  return std::to_string(St.getLastModificationTime().time_since_epoch().count()) +
         ":" + std::to_string(St.getSize());
}

std::shared_ptr<const LoadedModels>
gfpdep::tidy::loadModels(const std::vector<std::string> &Paths, bool Stats) {
  if (Paths.empty())
    return nullptr;
  std::string Key = llvm::join(Paths, "\n"), Stamp;
  for (const std::string &P : Paths)
    Stamp += fileStamp(P) + "\n";
  // clangd builds ASTs on several threads: one lock around the cache, held
  // while loading, so that a list is read once however many threads ask.
  static std::mutex Lock;
  static llvm::StringMap<CachedModels> Cache;
  std::lock_guard<std::mutex> Guard(Lock);
  CachedModels &C = Cache[Key];
  if (C.Models && C.Stamp == Stamp)
    return C.Models;
  auto Model = std::make_shared<ApiModel>();
  auto L = std::make_shared<LoadedModels>();
  for (const std::string &P : Paths) {
    if (Stats)
      llvm::errs() << "gfpdep: reading model file '" << P << "'\n";
    std::string Error;
    if (loadModelFile(P, *Model, Error))
      continue;
    llvm::SmallVector<StringRef, 4> Lines;
    StringRef(Error).trim().split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (StringRef Line : Lines)
      L->Errors.push_back(Line.str());
  }
  L->Model = std::move(Model);
  C.Stamp = std::move(Stamp);
  C.Models = std::move(L);
  return C.Models;
}
