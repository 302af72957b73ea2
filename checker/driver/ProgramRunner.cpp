//===- ProgramRunner.cpp - the whole program from a build's facts ---------===//

#include "driver/ProgramRunner.h"
#include "driver/UnitRunner.h"
#include "driver/Frontend.h"
#include "llvm/ADT/StringExtras.h"
#include "facts/FactsFile.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/Binary.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace gfpdep;
namespace fs = llvm::sys::fs;
namespace object = llvm::object;

namespace {

struct Loader {
  FactsInputs &Out;
  llvm::StringSet<> Seen; ///< SHA-1 of every record read

  void records(llvm::StringRef Bytes, llvm::StringRef Origin) {
    // The same unit reached twice (its .o, and the archive holding it): one
    // copy.
    std::string Key = llvm::toHex(llvm::SHA1::hash(llvm::arrayRefFromStringRef(Bytes)));
    if (!Seen.insert(Key).second) {
      ++Out.Duplicates;
      return;
    }
    auto Units = readFacts(Bytes, Origin);
    if (!Units) {
      Out.Errors.push_back(llvm::toString(Units.takeError()));
      return;
    }
    ++Out.FilesRead;
    for (auto &U : *Units) {
      // A unit inside a relocatable link (ld -r: one section, the records
      // of all its objects) and in its own object too: one copy.
      std::string Unit = writeFacts(*U);
      if (Units->size() > 1 &&
          !Seen.insert(llvm::toHex(llvm::SHA1::hash(llvm::arrayRefFromStringRef(
                                    llvm::StringRef(Unit)))))
               .second) {
        ++Out.Duplicates;
        continue;
      }
      Out.Units.push_back(std::move(U));
    }
  }

  /// The facts section of one object; false if it has none.
  bool objectFile(const object::ObjectFile &O, llvm::StringRef Origin) {
    bool Found = false;
    for (const object::SectionRef &S : O.sections()) {
      llvm::Expected<llvm::StringRef> Name = S.getName();
      if (!Name) {
        llvm::consumeError(Name.takeError());
        continue;
      }
      if (*Name != FactsSectionName)
        continue;
      llvm::Expected<llvm::StringRef> Data = S.getContents();
      if (!Data) {
        Out.Errors.push_back(Origin.str() + ": cannot read section " +
                             FactsSectionName + ": " +
                             llvm::toString(Data.takeError()));
        return true;
      }
      records(*Data, Origin);
      Found = true;
    }
    return Found;
  }

  void binary(llvm::MemoryBufferRef Buf, llvm::StringRef Origin, bool Named) {
    llvm::Expected<std::unique_ptr<object::Binary>> B = object::createBinary(Buf);
    if (!B) {
      llvm::consumeError(B.takeError());
      if (Named)
        Out.Errors.push_back(Origin.str() +
                             ": not a facts file, an object file or an archive");
      return;
    }
    if (auto *O = llvm::dyn_cast<object::ObjectFile>(B->get())) {
      if (objectFile(*O, Origin))
        return;
      // vmlinux, a program, a shared object: the final link dropped the
      // facts section (SHF_EXCLUDE) with everything else only the link
      // needs; the facts are in what it was linked from.
      if (Named && !O->isRelocatableObject()) {
        Out.Errors.push_back(Origin.str() +
                             ": a linked executable or shared object; the final link "
                             "drops the " + std::string(FactsSectionName) +
                             " section, so give gfpdep --link the objects, archives "
                             "(built-in.a) or the build directory it was linked from");
        return;
      }
      ++Out.FilesWithout;
      return;
    }
    if (auto *A = llvm::dyn_cast<object::Archive>(B->get())) {
      if (A->isThin())
        return; // its members are the objects beside it, read on their own
      llvm::Error Err = llvm::Error::success();
      for (const object::Archive::Child &C : A->children(Err)) {
        llvm::Expected<llvm::MemoryBufferRef> MB = C.getMemoryBufferRef();
        if (!MB) {
          Out.Errors.push_back(Origin.str() + ": " + llvm::toString(MB.takeError()));
          continue;
        }
        llvm::Expected<llvm::StringRef> CN = C.getName();
        std::string Member = Origin.str() + "(" + (CN ? CN->str() : std::string("?")) + ")";
        if (!CN)
          llvm::consumeError(CN.takeError());
        binary(*MB, Member, false);
      }
      if (Err)
        Out.Errors.push_back(Origin.str() + ": " + llvm::toString(std::move(Err)));
      return;
    }
    if (Named)
      Out.Errors.push_back(Origin.str() + ": not an object file or an archive");
  }

  void file(const std::string &Path, bool Named) {
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Out.Errors.push_back(Path + ": cannot read: " + Buf.getError().message());
      return;
    }
    llvm::StringRef Bytes = (*Buf)->getBuffer();
    if (Bytes.starts_with("GFPDEPF") || llvm::StringRef(Path).ends_with(".gfpdep-facts")) {
      records(Bytes, Path);
      return;
    }
    binary((*Buf)->getMemBufferRef(), Path, Named);
  }
};

bool factsCandidate(llvm::StringRef P) {
  return P.ends_with(".gfpdep-facts") || P.ends_with(".o") || P.ends_with(".ko") ||
         P.ends_with(".a");
}

} // namespace

void gfpdep::loadFacts(const std::vector<std::string> &Paths, FactsInputs &Out) {
  Loader L{Out, {}};
  // Directories give their files in a sorted order; the link sorts units
  // anyway, but errors and counts come out the same every time.
  std::vector<std::pair<std::string, bool>> Files;
  for (const std::string &P : Paths) {
    fs::file_status St;
    if (std::error_code EC = fs::status(P, St)) {
      Out.Errors.push_back(P + ": " + EC.message());
      continue;
    }
    if (fs::is_directory(St)) {
      std::error_code EC;
      for (fs::recursive_directory_iterator It(P, EC), End; It != End && !EC;
           It.increment(EC)) {
        if (!It->status() || !fs::is_regular_file(*It->status()))
          continue;
        if (factsCandidate(It->path()))
          Files.push_back({It->path(), false});
      }
      if (EC)
        Out.Errors.push_back(P + ": " + EC.message());
      continue;
    }
    if (!fs::is_regular_file(St)) {
      Out.Errors.push_back(P + ": not a regular file or a directory");
      continue;
    }
    Files.push_back({P, true});
  }
  llvm::sort(Files);
  for (const auto &[F, Named] : Files)
    L.file(F, Named);
}

std::string gfpdep::factsFileName(llvm::StringRef Dir, llvm::StringRef MainFile,
                                  llvm::StringRef Output) {
  llvm::SmallString<256> Main(MainFile), Outp(Output);
  fs::make_absolute(Main);
  if (!Outp.empty())
    fs::make_absolute(Outp);
  llvm::SHA1 H;
  H.update(Main.str());
  H.update(llvm::StringRef("\0", 1));
  H.update(Outp.str());
  std::string Hex = llvm::toHex(H.final()).substr(0, 16);
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, llvm::sys::path::filename(MainFile) + "." + Hex +
                                 ".gfpdep-facts");
  return P.str().str();
}

LinkResult gfpdep::linkUnits(const std::vector<std::shared_ptr<const UnitFacts>> &Units,
                             const LinkOptions &Opts, const ApiModel *Model) {
  ProgramOptions PO;
  PO.Model = Model;
  Program P(PO);
  for (const auto &U : Units)
    P.add(U);
  P.finish();
  return linkProgram(P, Opts);
}

void gfpdep::loadFactsInputs(const std::vector<std::string> &Paths,
                             std::vector<std::shared_ptr<const UnitFacts>> &Out,
                             std::vector<std::string> &Errors) {
  FactsInputs In;
  loadFacts(Paths, In);
  Out = std::move(In.Units);
  Errors = std::move(In.Errors);
}

std::string gfpdep::encodeFacts(const UnitFacts &U) { return writeFacts(U); }
std::string gfpdep::factsMainFile(const UnitFacts &U) { return U.MainFile.str(); }
const char *gfpdep::factsSectionName() { return FactsSectionName; }

ProgramLinkResult gfpdep::linkFactsInputs(const std::vector<std::string> &Paths,
                                          const FrontendOptions &Opts) {
  FactsInputs In;
  loadFacts(Paths, In);
  ProgramLinkResult R;
  R.Errors = std::move(In.Errors);
  R.Units = In.Units.size();
  R.FilesRead = In.FilesRead;
  R.FilesWithout = In.FilesWithout;
  R.Duplicates = In.Duplicates;
  LinkOptions LO = linkOptionsFor(Opts);
  LinkResult L = linkUnits(In.Units, LO, Opts.Model);
  R.Findings = std::move(L.Findings);
  R.Graph = std::move(L.Graph);
  R.Functions = L.Stats.Functions;
  R.FixpointLimitHit = L.Stats.FixpointLimitHit;
  R.FunctionsCutShort = L.Stats.FunctionsCutShort;
  return R;
}
