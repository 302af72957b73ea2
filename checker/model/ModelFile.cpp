//===- ModelFile.cpp - user model files (YAML) -----------------------------===//
///
/// \file
/// Reads model files with LLVM's YAML I/O; every entry is validated and a bad
/// one is reported at its line with what is wrong and what is valid.
//===----------------------------------------------------------------------===//

#include "ModelFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

using namespace gfpdep;

namespace {

struct ModelEntry {
  std::string Name;
  std::string Op;
  std::string Flavor = "none";
  std::string Arg;  // 1-based position or "this"; empty: none
  std::string Arg2; // subclass position for *_nested
  bool ImplicitKernel = false;
  bool ZeroIsSuccess = false;
  std::vector<std::string> Fields;
};

struct ModelDoc {
  unsigned Version = 0;
  std::vector<ModelEntry> Functions;
};

std::string validOps() {
  std::string S;
  for (unsigned I = 0; I <= unsigned(LastApiOp); ++I)
    S += (I ? ", " : "") + apiOpName(ApiOp(I)).str();
  return S;
}

std::string validFlavors() {
  std::string S;
  for (unsigned I = 0; I <= unsigned(LastFlavor); ++I)
    S += (I ? ", " : "") + flavorName(Flavor(I)).str();
  return S;
}

/// "3" -> 2, "this" -> ObjectArg, "" -> -1; false if malformed.
bool parsePosition(llvm::StringRef S, int &Out) {
  if (S.empty()) {
    Out = -1;
    return true;
  }
  if (S == "this") {
    Out = ObjectArg;
    return true;
  }
  unsigned N;
  if (S.getAsInteger(10, N) || N == 0 || N > 32)
    return false;
  Out = int(N) - 1;
  return true;
}

bool opNeedsArg(ApiOp Op) {
  switch (Op) {
  case ApiOp::Block:
  case ApiOp::Enter:
  case ApiOp::Exit:
  case ApiOp::ScopeSave:
  case ApiOp::ScopeRestore:
  case ApiOp::CallbackField:
    return false;
  default:
    return true;
  }
}

bool opNeedsFlavor(ApiOp Op) {
  switch (Op) {
  case ApiOp::Acquire:
  case ApiOp::TryAcquire:
  case ApiOp::Release:
  case ApiOp::Enter:
  case ApiOp::Exit:
  case ApiOp::ScopeSave:
  case ApiOp::ScopeRestore:
  case ApiOp::Register:
  case ApiOp::CallbackField:
  case ApiOp::Wait:
  case ApiOp::Signal:
    return true;
  default:
    return false;
  }
}

} // namespace

namespace llvm {
namespace yaml {
template <> struct MappingTraits<ModelEntry> {
  static void mapping(IO &IO, ModelEntry &E) {
    IO.mapRequired("name", E.Name);
    IO.mapRequired("op", E.Op);
    IO.mapOptional("flavor", E.Flavor, std::string("none"));
    IO.mapOptional("arg", E.Arg, std::string());
    IO.mapOptional("subclass-arg", E.Arg2, std::string());
    IO.mapOptional("implicit-gfp-kernel", E.ImplicitKernel, false);
    IO.mapOptional("zero-is-success", E.ZeroIsSuccess, false);
    IO.mapOptional("fields", E.Fields);
  }
  static std::string validate(IO &, ModelEntry &E) {
    std::string Who = "function '" + E.Name + "': ";
    if (E.Name.empty())
      return "an entry needs a non-empty 'name'";
    ApiOp Op;
    if (!parseApiOp(E.Op, Op))
      return Who + "unknown op '" + E.Op + "'; valid ops: " + validOps();
    gfpdep::Flavor Fl;
    if (!parseFlavor(E.Flavor, Fl))
      return Who + "unknown flavor '" + E.Flavor + "'; valid flavors: " +
             validFlavors();
    if (opNeedsFlavor(Op) && Fl == gfpdep::Flavor::None)
      return Who + "op '" + E.Op + "' needs a 'flavor'";
    int Pos;
    if (!parsePosition(E.Arg, Pos))
      return Who + "'arg' must be a 1-based parameter position or 'this', "
                   "not '" + E.Arg + "'";
    if (!parsePosition(E.Arg2, Pos))
      return Who + "'subclass-arg' must be a 1-based parameter position, "
                   "not '" + E.Arg2 + "'";
    bool HasArg = !E.Arg.empty();
    if (Op == ApiOp::Alloc && E.ImplicitKernel && HasArg)
      return Who + "'implicit-gfp-kernel' allocates without a mask argument; "
                   "drop 'arg'";
    if (opNeedsArg(Op) && !HasArg && !(Op == ApiOp::Alloc && E.ImplicitKernel))
      return Who + "op '" + E.Op + "' needs 'arg' (the 1-based position of "
                   "its " + (Op == ApiOp::Alloc ? "GFP mask" :
                             Op == ApiOp::Register ? "callback or object" :
                                                      "lock") + ")";
    if (!E.Fields.empty() && Op != ApiOp::Register)
      return Who + "'fields' only goes with op 'register'";
    return "";
  }
};
template <> struct MappingTraits<ModelDoc> {
  static void mapping(IO &IO, ModelDoc &D) {
    IO.mapRequired("version", D.Version);
    IO.mapRequired("functions", D.Functions);
  }
  static std::string validate(IO &, ModelDoc &D) {
    if (D.Version != 1)
      return "unsupported model file version " + std::to_string(D.Version) +
             "; this gfpdep reads version 1";
    return "";
  }
};
} // namespace yaml
} // namespace llvm

LLVM_YAML_IS_SEQUENCE_VECTOR(ModelEntry)

bool gfpdep::parseModelText(llvm::StringRef Text, llvm::StringRef Name,
                            ApiModel &Model, std::string &Error) {
  struct Sink {
    std::string Name;
    std::string Out;
  } S{Name.str(), ""};
  auto Handler = [](const llvm::SMDiagnostic &D, void *Ctx) {
    auto *S = static_cast<Sink *>(Ctx);
    llvm::raw_string_ostream OS(S->Out);
    OS << S->Name << ":" << D.getLineNo() << ":" << (D.getColumnNo() + 1)
       << ": " << D.getMessage() << "\n";
  };
  ModelDoc Doc;
  llvm::yaml::Input In(Text, &S, Handler, &S);
  // No document at all (an empty file, only comments, a lone '---'):
  // reading one would follow a null node.
  if (!In.setCurrentDocument()) {
    Error = !S.Out.empty() ? S.Out
            : In.error()   ? Name.str() + ": not a valid model file\n"
                           : Name.str() + ": no YAML document; a model file "
                                          "is one mapping with 'version' and "
                                          "'functions'\n";
    return false;
  }
  // A document that could not be read into nodes (an alias at the top):
  // reading it would report against a null node.
  if (In.error() || !In.getCurrentNode()) {
    Error = S.Out.empty() ? Name.str() + ": not a valid model file\n" : S.Out;
    return false;
  }
  // What In >> Doc does, less its own setCurrentDocument(): the document's
  // nodes are read once.
  llvm::yaml::EmptyContext Ctx;
  llvm::yaml::yamlize(In, Doc, true, Ctx);
  if (In.error()) {
    Error = S.Out.empty() ? Name.str() + ": not a valid model file\n" : S.Out;
    return false;
  }
  // One document: a second one would be silently dropped otherwise.
  if (In.nextDocument() && In.setCurrentDocument()) {
    std::string Where = Name.str();
    if (const llvm::yaml::Node *N = In.getCurrentNode()) {
      const char *At = N->getSourceRange().Start.getPointer();
      if (At >= Text.begin() && At <= Text.end()) {
        llvm::StringRef Before = Text.take_front(At - Text.begin());
        size_t Line = Before.count('\n') + 1;
        size_t Col = Before.size() - (Before.rfind('\n') + 1) + 1;
        Where += ":" + std::to_string(Line) + ":" + std::to_string(Col);
      }
    }
    Error = Where + ": a second YAML document; a model file holds one\n";
    return false;
  }
  if (!S.Out.empty()) { // the scanner's complaint about what follows
    Error = S.Out;
    return false;
  }
  for (const ModelEntry &E : Doc.Functions) {
    ApiRow Row;
    Row.Name = E.Name;
    parseApiOp(E.Op, Row.Op);
    parseFlavor(E.Flavor, Row.Fl);
    parsePosition(E.Arg, Row.Arg);
    parsePosition(E.Arg2, Row.Arg2);
    Row.Flags = (E.ImplicitKernel ? RF_ImplicitKernel : 0) |
                (E.ZeroIsSuccess ? RF_ZeroIsSuccess : 0);
    std::string Fields;
    for (const std::string &F : E.Fields)
      Fields += (Fields.empty() ? "" : ",") + F;
    Row.Fields = Fields;
    Model.addRow(Row);
  }
  return true;
}

bool gfpdep::loadModelFile(llvm::StringRef Path, ApiModel &Model,
                           std::string &Error) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf) {
    Error = Path.str() + ": cannot read model file: " + Buf.getError().message() +
            "\n";
    return false;
  }
  return parseModelText((*Buf)->getBuffer(), Path, Model, Error);
}
