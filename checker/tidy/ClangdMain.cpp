//===- ClangdMain.cpp - clangd with the gfpdep checks linked in ------------===//
///
/// \file
/// gfpdep-clangd: stock clangd (clangdMain from libclangdMain.a) with the
/// gfpdep clang-tidy module compiled in. Stock clangd does not run -fplugin
/// plugins, but it runs every tidy module linked into it.
///
/// Two defaults differ from stock clangd, so that no .clangd is needed:
/// - the gfpdep checks are enabled and not hidden by FastCheckFilter: a
///   first config fragment says so, ahead of the user's own config.yaml
///   (which still applies, and project .clangd files still override);
/// - clang's resource directory is the installed clang 19's, not one beside
///   this binary, unless --resource-dir is given.
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <string>
#include <vector>

namespace clang::clangd {
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

static const char DefaultFragment[] =
    "# gfpdep-clangd defaults\n"
    "Diagnostics:\n"
    "  ClangTidy:\n"
    "    Add: [gfpdep-*]\n"
    "    Remove: [gfpdep-wait-context, gfpdep-block-under-lock]\n"
    "    FastCheckFilter: None\n";

/// Points XDG_CONFIG_HOME at a directory whose clangd/config.yaml is our
/// fragment followed by the user's config. Returns false if it cannot.
static bool installDefaultConfig() {
  llvm::SmallString<256> UserDir;
  std::string UserConfig;
  if (llvm::sys::path::user_config_directory(UserDir)) {
    llvm::sys::path::append(UserDir, "clangd", "config.yaml");
    if (auto Buf = llvm::MemoryBuffer::getFile(UserDir))
      UserConfig = (*Buf)->getBuffer().str();
  }
  llvm::SmallString<256> Dir;
  if (llvm::sys::fs::createUniqueDirectory("gfpdep-clangd", Dir))
    return false;
  llvm::SmallString<256> ClangdDir(Dir);
  llvm::sys::path::append(ClangdDir, "clangd");
  if (llvm::sys::fs::create_directories(ClangdDir))
    return false;
  llvm::SmallString<256> File(ClangdDir);
  llvm::sys::path::append(File, "config.yaml");
  std::error_code EC;
  llvm::raw_fd_ostream OS(File, EC);
  if (EC)
    return false;
  OS << DefaultFragment;
  if (!UserConfig.empty())
    OS << "---\n" << UserConfig;
  OS.close();
  return ::setenv("XDG_CONFIG_HOME", Dir.c_str(), 1) == 0;
}

int main(int argc, char *argv[]) {
  std::vector<char *> Args(argv, argv + argc);
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef A(argv[I]);
    HasResourceDir |= A.starts_with("--resource-dir") || A.starts_with("-resource-dir");
  }
  static std::string ResourceDir = "--resource-dir=" GFPDEP_CLANG_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.push_back(ResourceDir.data());
  if (!installDefaultConfig())
    llvm::errs() << "gfpdep-clangd: could not install the default config; "
                    "enable the checks in .clangd (Diagnostics: ClangTidy: "
                    "Add: [gfpdep-*])\n";
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(int(Args.size()) - 1, Args.data());
}
