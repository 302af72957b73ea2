//===- SummaryFile.cpp - reading and writing summary files -----------------===//
///
/// \file
/// JSON with llvm::json: toJSON/fromJSON per type, errors with the path of
/// the offending field.
//===----------------------------------------------------------------------===//

#include "SummaryFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <cstdlib>
#include <unistd.h>

using namespace gfpdep;
namespace json = llvm::json;

namespace gfpdep {
inline namespace legacy {

// ---- to JSON -------------------------------------------------------------------

static json::Value toJSON(const Loc &L) {
  return json::Array{L.File.str(), int64_t(L.Line), int64_t(L.Col)};
}

static json::Value toJSON(const LockRef &L) {
  json::Object O{{"class", L.Class.str()}};
  if (L.Param >= 0) {
    O["param"] = int64_t(L.Param);
    O["display"] = L.Display.str();
  }
  return O;
}

static llvm::StringRef ctxKindName(CtxKind K) {
  switch (K) {
  case CtxKind::Lock: return "lock";
  case CtxKind::Section: return "section";
  case CtxKind::Scope: return "scope";
  case CtxKind::FsReclaim: return "fs-reclaim";
  case CtxKind::Entry: return "entry";
  case CtxKind::NeverSleeps: return "never-sleeps";
  }
  return "lock";
}

static llvm::StringRef effectKindName(EffectKind K) {
  switch (K) {
  case EffectKind::Alloc: return "alloc";
  case EffectKind::Block: return "block";
  case EffectKind::Acquire: return "acquire";
  case EffectKind::Requires: return "requires";
  }
  return "block";
}

static json::Value toJSON(const Context &C) {
  json::Object O{{"kind", ctxKindName(C.Kind)},
                 {"flavor", flavorName(C.Fl)},
                 {"origin", toJSON(C.Origin)}};
  if (C.Kind == CtxKind::Lock) {
    O["lock"] = toJSON(C.Lock);
    if (C.Subclass)
      O["subclass"] = int64_t(C.Subclass);
    if (C.Recursive)
      O["recursive"] = true;
  }
  if (!C.Via.empty())
    O["via"] = C.Via.str();
  if (!C.Entry.empty())
    O["entry"] = C.Entry.str();
  if (C.Implicit)
    O["implicit"] = true;
  return O;
}

static json::Value toJSON(const Effect &E) {
  json::Object O{{"kind", effectKindName(E.Kind)},
                 {"leaf", toJSON(E.Leaf)},
                 {"what", E.What.str()}};
  if (E.Kind == EffectKind::Alloc) {
    json::Array Values;
    for (const MaskSource &V : E.M.Values)
      Values.push_back(json::Object{{"value", int64_t(V.Value)},
                                    {"at", toJSON(V.Where)},
                                    {"atLeaf", V.AtLeaf}});
    json::Object M{{"values", std::move(Values)}};
    if (E.M.Param >= 0) {
      M["param"] = int64_t(E.M.Param);
      M["paramOr"] = int64_t(E.M.ParamOr);
    }
    if (E.M.Clear)
      M["clear"] = int64_t(E.M.Clear);
    if (E.M.NoReclaim)
      M["noReclaim"] = true;
    if (E.M.ScopeAt.valid()) {
      M["scopeAt"] = toJSON(E.M.ScopeAt);
      M["scopeVia"] = E.M.ScopeVia.str();
    }
    O["mask"] = std::move(M);
  }
  if (E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires) {
    O["lock"] = toJSON(E.Lock);
    O["flavor"] = flavorName(E.Fl);
    if (E.Subclass)
      O["subclass"] = int64_t(E.Subclass);
    if (E.Recursive)
      O["recursive"] = true;
  }
  if (E.Kind == EffectKind::Requires)
    O["promiseAt"] = toJSON(E.PromiseAt);
  json::Array Chain;
  for (const Step &S : E.Chain.steps())
    Chain.push_back(json::Object{{"at", toJSON(S.Where)}, {"text", S.Text}});
  O["chain"] = std::move(Chain);
  json::Array Under;
  for (const Enclosing &U : E.Under)
    Under.push_back(json::Object{{"context", toJSON(U.Ctx)},
                                 {"chainLen", int64_t(U.ChainLen)}});
  if (!Under.empty())
    O["under"] = std::move(Under);
  return O;
}

static json::Value toJSON(const Summary &S) {
  json::Array Effects, Acq, Rel;
  for (const Effect &E : S.Effects)
    Effects.push_back(toJSON(E));
  for (const Context &C : S.NetAcquire)
    Acq.push_back(toJSON(C));
  for (const Context &C : S.NetRelease)
    Rel.push_back(toJSON(C));
  return json::Object{{"effects", std::move(Effects)},
                      {"netAcquire", std::move(Acq)},
                      {"netRelease", std::move(Rel)}};
}

// ---- from JSON -------------------------------------------------------------------

static bool fromJSON(const json::Value &V, Loc &L, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 3) {
    P.report("expected a location [file, line, column]");
    return false;
  }
  std::optional<llvm::StringRef> File = (*A)[0].getAsString();
  std::optional<int64_t> Line = (*A)[1].getAsInteger();
  std::optional<int64_t> Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col || *Line < 0 || *Col < 0) {
    P.report("expected a location [file, line, column]");
    return false;
  }
  L.File = *File;
  L.Line = unsigned(*Line);
  L.Col = unsigned(*Col);
  L.Raw = 0;
  return true;
}

static bool readSymbol(const json::Object &O, llvm::StringRef Key, Symbol &Out,
                       json::Path P, bool Required) {
  const json::Value *V = O.get(Key);
  if (!V) {
    if (Required)
      P.field(Key).report("missing");
    return !Required;
  }
  std::optional<llvm::StringRef> S = V->getAsString();
  if (!S) {
    P.field(Key).report("expected a string");
    return false;
  }
  Out = *S;
  return true;
}

static bool fromJSON(const json::Value &V, LockRef &L, json::Path P) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected a lock object");
    return false;
  }
  if (!readSymbol(*O, "class", L.Class, P, true))
    return false;
  if (std::optional<int64_t> Param = O->getInteger("param"))
    L.Param = int(*Param);
  return readSymbol(*O, "display", L.Display, P, false);
}

static bool readFlavor(const json::Object &O, Flavor &F, json::Path P) {
  Symbol S;
  if (!readSymbol(O, "flavor", S, P, true))
    return false;
  if (!parseFlavor(S.ref(), F)) {
    P.field("flavor").report("unknown flavor");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &V, Context &C, json::Path P) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected a context object");
    return false;
  }
  Symbol Kind;
  if (!readSymbol(*O, "kind", Kind, P, true))
    return false;
  static const CtxKind Kinds[] = {CtxKind::Lock, CtxKind::Section,
                                  CtxKind::Scope, CtxKind::FsReclaim,
                                  CtxKind::Entry, CtxKind::NeverSleeps};
  bool Found = false;
  for (CtxKind K : Kinds)
    if (ctxKindName(K) == Kind.ref()) {
      C.Kind = K;
      Found = true;
    }
  if (!Found) {
    P.field("kind").report("unknown context kind");
    return false;
  }
  if (!readFlavor(*O, C.Fl, P))
    return false;
  const json::Value *Origin = O->get("origin");
  if (!Origin || !fromJSON(*Origin, C.Origin, P.field("origin")))
    return Origin ? false : (P.field("origin").report("missing"), false);
  if (const json::Value *Lock = O->get("lock"))
    if (!fromJSON(*Lock, C.Lock, P.field("lock")))
      return false;
  C.Subclass = unsigned(O->getInteger("subclass").value_or(0));
  C.Recursive = O->getBoolean("recursive").value_or(false);
  C.Implicit = O->getBoolean("implicit").value_or(false);
  return readSymbol(*O, "via", C.Via, P, false) &&
         readSymbol(*O, "entry", C.Entry, P, false);
}

static bool fromJSON(const json::Value &V, Effect &E, json::Path P) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected an effect object");
    return false;
  }
  Symbol Kind;
  if (!readSymbol(*O, "kind", Kind, P, true))
    return false;
  static const EffectKind Kinds[] = {EffectKind::Alloc, EffectKind::Block,
                                     EffectKind::Acquire, EffectKind::Requires};
  bool Found = false;
  for (EffectKind K : Kinds)
    if (effectKindName(K) == Kind.ref()) {
      E.Kind = K;
      Found = true;
    }
  if (!Found) {
    P.field("kind").report("unknown effect kind");
    return false;
  }
  const json::Value *Leaf = O->get("leaf");
  if (!Leaf) {
    P.field("leaf").report("missing");
    return false;
  }
  if (!fromJSON(*Leaf, E.Leaf, P.field("leaf")) ||
      !readSymbol(*O, "what", E.What, P, true))
    return false;
  if (E.Kind == EffectKind::Alloc) {
    const json::Object *M = O->getObject("mask");
    if (!M) {
      P.field("mask").report("missing");
      return false;
    }
    if (const json::Array *Values = M->getArray("values")) {
      size_t I = 0;
      // json::Path points at its parent: every level needs a name.
      json::Path MP = P.field("mask");
      json::Path VsP = MP.field("values");
      for (const json::Value &VV : *Values) {
        json::Path VP = VsP.index(I++);
        const json::Object *VO = VV.getAsObject();
        std::optional<int64_t> Val = VO ? VO->getInteger("value") : std::nullopt;
        const json::Value *At = VO ? VO->get("at") : nullptr;
        MaskSource S;
        if (!Val || !At || !fromJSON(*At, S.Where, VP.field("at"))) {
          VP.report("expected {value, at, atLeaf}");
          return false;
        }
        S.Value = uint64_t(*Val);
        S.AtLeaf = VO->getBoolean("atLeaf").value_or(false);
        E.M.add(S);
      }
    }
    E.M.Param = int(M->getInteger("param").value_or(-1));
    E.M.ParamOr = uint64_t(M->getInteger("paramOr").value_or(0));
    E.M.Clear = uint64_t(M->getInteger("clear").value_or(0));
    E.M.NoReclaim = M->getBoolean("noReclaim").value_or(false);
    if (const json::Value *At = M->get("scopeAt")) {
      if (!fromJSON(*At, E.M.ScopeAt, P.field("mask").field("scopeAt")))
        return false;
      if (!readSymbol(*M, "scopeVia", E.M.ScopeVia, P.field("mask"), false))
        return false;
    }
  }
  if (E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires) {
    const json::Value *Lock = O->get("lock");
    if (!Lock) {
      P.field("lock").report("missing");
      return false;
    }
    if (!fromJSON(*Lock, E.Lock, P.field("lock")) || !readFlavor(*O, E.Fl, P))
      return false;
    E.Subclass = unsigned(O->getInteger("subclass").value_or(0));
    E.Recursive = O->getBoolean("recursive").value_or(false);
  }
  if (E.Kind == EffectKind::Requires) {
    const json::Value *At = O->get("promiseAt");
    if (!At || !fromJSON(*At, E.PromiseAt, P.field("promiseAt")))
      return At ? false : (P.field("promiseAt").report("missing"), false);
  }
  if (const json::Array *Chain = O->getArray("chain")) {
    std::vector<Step> Steps;
    size_t I = 0;
    json::Path CP = P.field("chain");
    for (const json::Value &SV : *Chain) {
      json::Path SP = CP.index(I++);
      const json::Object *SO = SV.getAsObject();
      const json::Value *At = SO ? SO->get("at") : nullptr;
      std::optional<llvm::StringRef> Text = SO ? SO->getString("text") : std::nullopt;
      Step S;
      if (!At || !Text || !fromJSON(*At, S.Where, SP.field("at"))) {
        SP.report("expected {at, text}");
        return false;
      }
      S.Text = Text->str();
      Steps.push_back(std::move(S));
    }
    for (auto It = Steps.rbegin(); It != Steps.rend(); ++It)
      E.Chain = E.Chain.prepend(*It);
  }
  if (const json::Array *Under = O->getArray("under")) {
    size_t I = 0;
    json::Path UsP = P.field("under");
    for (const json::Value &UV : *Under) {
      json::Path UP = UsP.index(I++);
      const json::Object *UO = UV.getAsObject();
      const json::Value *C = UO ? UO->get("context") : nullptr;
      Enclosing U;
      if (!C || !fromJSON(*C, U.Ctx, UP.field("context"))) {
        if (!C)
          UP.report("expected {context, chainLen}");
        return false;
      }
      U.ChainLen = unsigned(UO->getInteger("chainLen").value_or(0));
      E.Under.push_back(std::move(U));
    }
  }
  return true;
}

static bool readContexts(const json::Object &O, llvm::StringRef Key,
                         std::vector<Context> &Out, json::Path P) {
  const json::Array *A = O.getArray(Key);
  if (!A)
    return true;
  size_t I = 0;
  json::Path KP = P.field(Key);
  for (const json::Value &V : *A) {
    Context C;
    if (!fromJSON(V, C, KP.index(I++)))
      return false;
    Out.push_back(std::move(C));
  }
  return true;
}

static bool fromJSON(const json::Value &V, Summary &S, json::Path P) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    P.report("expected a summary object");
    return false;
  }
  if (const json::Array *Effects = O->getArray("effects")) {
    size_t I = 0;
    json::Path EsP = P.field("effects");
    for (const json::Value &EV : *Effects) {
      Effect E;
      if (!fromJSON(EV, E, EsP.index(I++)))
        return false;
      S.add(std::move(E));
    }
  }
  return readContexts(*O, "netAcquire", S.NetAcquire, P) &&
         readContexts(*O, "netRelease", S.NetRelease, P);
}

} // namespace legacy
} // namespace gfpdep

std::string gfpdep::writeUnitSummary(const UnitSummary &U) {
  json::Array Functions;
  for (const UnitSummary::Function &F : U.Functions)
    Functions.push_back(json::Object{
        {"usr", F.Usr}, {"name", F.Name}, {"summary", toJSON(F.S)}});
  json::Array Reclaim;
  for (const ReclaimAcquisition &R : U.Reclaim)
    Reclaim.push_back(json::Object{
        {"fsReclaim", R.FsReclaim},
        {"acquire", toJSON(R.Acquire)},
        {"inside", json::Object{{"context", toJSON(R.Inside.Ctx)},
                                {"chainLen", int64_t(R.Inside.ChainLen)}}}});
  json::Array Edges;
  for (const LockEdge &E : U.Edges)
    Edges.push_back(json::Object{
        {"from", E.From},
        {"to", E.To},
        {"acquire", toJSON(E.Acquire)},
        {"held", json::Object{{"context", toJSON(E.Held.Ctx)},
                              {"chainLen", int64_t(E.Held.ChainLen)}}}});
  json::Array Checks;
  for (const Check &C : U.Checks)
    Checks.push_back(json::Object{
        {"effect", toJSON(*C.E)},
        {"under", json::Object{{"context", toJSON(C.U.Ctx)},
                               {"chainLen", int64_t(C.U.ChainLen)}}}});
  json::Array Entries;
  for (const UnitSummary::Entry &E : U.Entries)
    Entries.push_back(json::Object{{"context", toJSON(E.Ctx)},
                                   {"summary", toJSON(E.S)}});
  // Arrays of [name, value]: the order is what describe() follows.
  json::Array Singles, Composites;
  for (const auto &[Name, V] : U.GfpSingles)
    Singles.push_back(json::Array{Name, int64_t(V)});
  for (const auto &[Name, V] : U.GfpComposites)
    Composites.push_back(json::Array{Name, int64_t(V)});
  json::Object Stores;
  for (const auto &[Key, Usrs] : U.FieldStores) {
    json::Array A;
    for (const std::string &Usr : Usrs)
      A.push_back(Usr);
    Stores[Key] = std::move(A);
  }
  json::Object Root{{"format", "gfpdep-summaries"},
                    {"fieldStores", std::move(Stores)},
                    {"gfpLayout", json::Object{{"bits", std::move(Singles)},
                                               {"masks", std::move(Composites)}}},
                    {"checks", std::move(Checks)},
                    {"entries", std::move(Entries)},
                    {"version", int64_t(SummaryFormatVersion)},
                    {"unit", U.Unit},
                    {"functions", std::move(Functions)},
                    {"reclaimAcquired", std::move(Reclaim)},
                    {"lockEdges", std::move(Edges)}};
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::formatv("{0:1}", json::Value(std::move(Root))) << "\n";
  return Out;
}

llvm::Error gfpdep::checkJsonDepth(llvm::StringRef Text, unsigned MaxDepth) {
  unsigned Depth = 0, Line = 1;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\n')
      ++Line;
    if (InString) {
      if (C == '\\')
        ++I; // an escape: the next character is not the string's end
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > MaxDepth)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "JSON nested deeper than %u levels at line %u", MaxDepth, Line);
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return llvm::Error::success();
}

llvm::Expected<UnitSummary> gfpdep::readUnitSummary(llvm::StringRef Text) {
  if (llvm::Error E = checkJsonDepth(Text))
    return std::move(E);
  llvm::Expected<json::Value> V = json::parse(Text);
  if (!V)
    return V.takeError();
  const json::Object *Root = V->getAsObject();
  if (!Root || Root->getString("format") != std::optional<llvm::StringRef>(
                                                 "gfpdep-summaries"))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "not a gfpdep summary file (no "
                                   "\"format\": \"gfpdep-summaries\")");
  std::optional<int64_t> Version = Root->getInteger("version");
  if (Version != int64_t(SummaryFormatVersion))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "summary format version %lld, but this gfpdep reads version %u: "
        "rebuild the summaries with this gfpdep",
        (long long)Version.value_or(-1), SummaryFormatVersion);
  UnitSummary U;
  json::Path::Root R("summary");
  json::Path P(R);
  U.Unit = Root->getString("unit").value_or("").str();
  if (const json::Array *Functions = Root->getArray("functions")) {
    size_t I = 0;
    json::Path FsP = P.field("functions");
    for (const json::Value &FV : *Functions) {
      json::Path FP = FsP.index(I++);
      const json::Object *FO = FV.getAsObject();
      std::optional<llvm::StringRef> Usr = FO ? FO->getString("usr") : std::nullopt;
      const json::Value *S = FO ? FO->get("summary") : nullptr;
      UnitSummary::Function F;
      if (!Usr || !S) {
        FP.report("expected {usr, name, summary}");
        return R.getError();
      }
      if (!fromJSON(*S, F.S, FP.field("summary")))
        return R.getError();
      F.Usr = Usr->str();
      F.Name = FO->getString("name").value_or("").str();
      U.Functions.push_back(std::move(F));
    }
  }
  if (const json::Array *Reclaim = Root->getArray("reclaimAcquired")) {
    size_t I = 0;
    json::Path RsP = P.field("reclaimAcquired");
    for (const json::Value &RV : *Reclaim) {
      json::Path RP = RsP.index(I++);
      const json::Object *RO = RV.getAsObject();
      const json::Value *Acq = RO ? RO->get("acquire") : nullptr;
      const json::Object *Inside = RO ? RO->getObject("inside") : nullptr;
      const json::Value *Ctx = Inside ? Inside->get("context") : nullptr;
      ReclaimAcquisition A;
      if (!Acq || !Ctx) {
        RP.report("expected {fsReclaim, acquire, inside}");
        return R.getError();
      }
      if (!fromJSON(*Acq, A.Acquire, RP.field("acquire")) ||
          !fromJSON(*Ctx, A.Inside.Ctx, RP.field("inside").field("context")))
        return R.getError();
      A.Inside.ChainLen = unsigned(Inside->getInteger("chainLen").value_or(0));
      A.FsReclaim = RO->getBoolean("fsReclaim").value_or(false);
      U.Reclaim.push_back(std::move(A));
    }
  }
  if (const json::Array *Edges = Root->getArray("lockEdges")) {
    size_t I = 0;
    json::Path EsP = P.field("lockEdges");
    for (const json::Value &EV : *Edges) {
      json::Path EP = EsP.index(I++);
      const json::Object *EO = EV.getAsObject();
      std::optional<llvm::StringRef> From = EO ? EO->getString("from") : std::nullopt;
      std::optional<llvm::StringRef> To = EO ? EO->getString("to") : std::nullopt;
      const json::Value *Acq = EO ? EO->get("acquire") : nullptr;
      const json::Object *Held = EO ? EO->getObject("held") : nullptr;
      const json::Value *Ctx = Held ? Held->get("context") : nullptr;
      LockEdge E;
      if (!From || !To || !Acq || !Ctx) {
        EP.report("expected {from, to, acquire, held}");
        return R.getError();
      }
      if (!fromJSON(*Acq, E.Acquire, EP.field("acquire")) ||
          !fromJSON(*Ctx, E.Held.Ctx, EP.field("held").field("context")))
        return R.getError();
      E.From = From->str();
      E.To = To->str();
      E.Held.ChainLen = unsigned(Held->getInteger("chainLen").value_or(0));
      U.Edges.push_back(std::move(E));
    }
  }
  if (const json::Object *Stores = Root->getObject("fieldStores")) {
    for (const auto &[Key, V] : *Stores) {
      const json::Array *A = V.getAsArray();
      if (!A) {
        P.field("fieldStores").field(Key).report("expected an array of USRs");
        return R.getError();
      }
      std::vector<std::string> Usrs;
      for (const json::Value &X : *A)
        if (std::optional<llvm::StringRef> Usr = X.getAsString())
          Usrs.push_back(Usr->str());
      U.FieldStores.emplace_back(Key.str(), std::move(Usrs));
    }
    llvm::sort(U.FieldStores);
  }
  if (const json::Object *Layout = Root->getObject("gfpLayout")) {
    auto Read = [&](llvm::StringRef Key,
                    std::vector<std::pair<std::string, uint64_t>> &Out) {
      if (const json::Array *A = Layout->getArray(Key))
        for (const json::Value &V : *A)
          if (const json::Array *Pair = V.getAsArray())
            if (Pair->size() == 2) {
              std::optional<llvm::StringRef> Name = (*Pair)[0].getAsString();
              std::optional<int64_t> Val = (*Pair)[1].getAsInteger();
              if (Name && Val)
                Out.emplace_back(Name->str(), uint64_t(*Val));
            }
    };
    Read("bits", U.GfpSingles);
    Read("masks", U.GfpComposites);
  }
  if (const json::Array *Checks = Root->getArray("checks")) {
    size_t I = 0;
    json::Path CsP = P.field("checks");
    for (const json::Value &CV : *Checks) {
      json::Path CP = CsP.index(I++);
      const json::Object *CO = CV.getAsObject();
      const json::Value *Eff = CO ? CO->get("effect") : nullptr;
      const json::Object *Under = CO ? CO->getObject("under") : nullptr;
      const json::Value *Ctx = Under ? Under->get("context") : nullptr;
      Check C;
      if (!Eff || !Ctx) {
        CP.report("expected {effect, under}");
        return R.getError();
      }
      auto E = std::make_shared<Effect>();
      C.E = E;
      if (!fromJSON(*Eff, *E, CP.field("effect")) ||
          !fromJSON(*Ctx, C.U.Ctx, CP.field("under").field("context")))
        return R.getError();
      C.U.ChainLen = unsigned(Under->getInteger("chainLen").value_or(0));
      U.Checks.push_back(std::move(C));
    }
  }
  if (const json::Array *Entries = Root->getArray("entries")) {
    size_t I = 0;
    json::Path EsP = P.field("entries");
    for (const json::Value &EV : *Entries) {
      json::Path EP = EsP.index(I++);
      const json::Object *EO = EV.getAsObject();
      const json::Value *Ctx = EO ? EO->get("context") : nullptr;
      const json::Value *S = EO ? EO->get("summary") : nullptr;
      UnitSummary::Entry E;
      if (!Ctx || !S) {
        EP.report("expected {context, summary}");
        return R.getError();
      }
      if (!fromJSON(*Ctx, E.Ctx, EP.field("context")) ||
          !fromJSON(*S, E.S, EP.field("summary")))
        return R.getError();
      U.Entries.push_back(std::move(E));
    }
  }
  return U;
}

void ExternalSummaries::add(UnitSummary U) {
  for (UnitSummary::Function &F : U.Functions) {
    if (ByUsr.count(F.Usr))
      continue;
    Summaries.push_back(std::move(F.S));
    ByUsr[F.Usr] = &Summaries.back();
    Names[F.Usr] = F.Name;
  }
  for (auto &[Key, Usrs] : U.FieldStores) {
    std::vector<std::string> &To = Fields[Key];
    for (std::string &Usr : Usrs)
      if (!llvm::is_contained(To, Usr))
        To.push_back(std::move(Usr));
  }
  for (ReclaimAcquisition &R : U.Reclaim)
    Reclaim.push_back(std::move(R));
  for (LockEdge &E : U.Edges)
    Edges.push_back(std::move(E));
}

void ExternalSummaries::loadDirectory(llvm::StringRef Dir,
                                      llvm::StringRef ExcludeUnit,
                                      std::vector<std::string> &Errors) {
  std::error_code EC;
  std::vector<std::string> Files;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".gfpdep.json"))
      Files.push_back(It->path());
  if (EC) {
    Errors.push_back(Dir.str() + ": cannot read summary directory: " +
                     EC.message());
    return;
  }
  llvm::sort(Files); // deterministic: the first definition by path wins
  for (const std::string &File : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buf) {
      Errors.push_back(File + ": cannot read summary file: " +
                       Buf.getError().message());
      continue;
    }
    llvm::Expected<UnitSummary> U = readUnitSummary((*Buf)->getBuffer());
    if (!U) {
      Errors.push_back(File + ": invalid summary file: " +
                       llvm::toString(U.takeError()));
      continue;
    }
    if (!ExcludeUnit.empty() && U->Unit == ExcludeUnit)
      continue;
    add(std::move(*U));
  }
}

llvm::StringRef ExternalSummaries::nameOf(llvm::StringRef Usr) const {
  auto It = Names.find(Usr);
  return It == Names.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}

const std::vector<std::string> *
ExternalSummaries::fieldTargets(llvm::StringRef Key) const {
  auto It = Fields.find(Key);
  return It == Fields.end() ? nullptr : &It->second;
}

const Summary *ExternalSummaries::find(llvm::StringRef Usr) const {
  auto It = ByUsr.find(Usr);
  return It == ByUsr.end() ? nullptr : It->second;
}

std::string gfpdep::summaryFileName(llvm::StringRef Dir,
                                    llvm::StringRef OutputOrMain) {
  llvm::SmallString<256> Abs(OutputOrMain);
  llvm::sys::fs::make_absolute(Abs);
  // The base name for people, a hash of the whole path for uniqueness.
  llvm::SHA1 H;
  H.update(Abs.str());
  std::array<uint8_t, 20> Digest = H.final();
  std::string Hex;
  for (unsigned I = 0; I < 6; ++I)
    Hex += llvm::formatv("{0:x-2}", Digest[I]).str();
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, (llvm::sys::path::filename(Abs) + "." + Hex +
                                 ".gfpdep.json")
                                    .str());
  return Path.str().str();
}

/// Path with every symbolic link on its last component followed, as
/// open(2) would: the file a write to Path lands in (it may not exist yet).
static llvm::Expected<std::string> followLinks(llvm::StringRef Path) {
  std::string P = Path.str();
  for (unsigned Hops = 0;; ++Hops) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(P, St, /*follow=*/false) ||
        St.type() != llvm::sys::fs::file_type::symlink_file)
      return P;
    if (Hops == 40)
      return llvm::createStringError(
          std::make_error_code(std::errc::too_many_symbolic_link_levels),
          "cannot write '%s': too many levels of symbolic links",
          Path.str().c_str());
    char Buf[4096];
    ssize_t N = ::readlink(P.c_str(), Buf, sizeof(Buf) - 1);
    if (N < 0) {
      std::error_code EC(errno, std::generic_category());
      return llvm::createStringError(EC, "cannot write '%s': %s",
                                     Path.str().c_str(), EC.message().c_str());
    }
    llvm::StringRef Target(Buf, size_t(N));
    llvm::SmallString<256> Next;
    if (llvm::sys::path::is_relative(Target)) {
      Next = llvm::sys::path::parent_path(P);
      llvm::sys::path::append(Next, Target);
    } else {
      Next = Target;
    }
    P = Next.str().str();
  }
}

llvm::Error gfpdep::checkWritableRegularFile(llvm::StringRef Path) {
  llvm::Expected<std::string> Target = followLinks(Path);
  if (!Target)
    return Target.takeError();
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(*Target, St))
    return llvm::Error::success(); // not there yet: it will be created
  const char *What = nullptr;
  switch (St.type()) {
  case llvm::sys::fs::file_type::regular_file:
    return llvm::Error::success();
  case llvm::sys::fs::file_type::directory_file:
    What = "a directory";
    break;
  case llvm::sys::fs::file_type::fifo_file:
    What = "a FIFO";
    break;
  case llvm::sys::fs::file_type::block_file:
  case llvm::sys::fs::file_type::character_file:
    What = "a device";
    break;
  case llvm::sys::fs::file_type::socket_file:
    What = "a socket";
    break;
  default:
    What = "not a regular file";
    break;
  }
  std::string Via =
      *Target == Path ? "" : " (through a symbolic link: " + *Target + ")";
  return llvm::createStringError(
      std::make_error_code(std::errc::invalid_argument),
      "cannot write '%s': it is %s%s; gfpdep writes regular files only",
      Path.str().c_str(), What, Via.c_str());
}

llvm::Error gfpdep::writeFileAtomically(llvm::StringRef Path,
                                        llvm::StringRef Text) {
  if (llvm::Error E = checkWritableRegularFile(Path))
    return E;
  // The rename replaces the link's target, not the link.
  llvm::Expected<std::string> Target = followLinks(Path);
  if (!Target)
    return Target.takeError();
  llvm::SmallString<256> Tmp;
  int FD;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          *Target + ".tmp-%%%%%%%%", FD, Tmp))
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  llvm::sys::RemoveFileOnSignal(Tmp);
  auto Fail = [&](std::error_code EC) {
    llvm::sys::fs::remove(Tmp);
    llvm::sys::DontRemoveFileOnSignal(Tmp);
    return llvm::createStringError(EC, "cannot write '%s': %s",
                                   Path.str().c_str(), EC.message().c_str());
  };
  // An existing file keeps its permissions.
  llvm::sys::fs::file_status Old;
  if (!llvm::sys::fs::status(*Target, Old))
    llvm::sys::fs::setPermissions(Tmp, Old.permissions());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      return Fail(EC);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Tmp, *Target))
    return Fail(EC);
  llvm::sys::DontRemoveFileOnSignal(Tmp);
  return llvm::Error::success();
}

std::vector<std::string> gfpdep::pathsFromEnvironment(const char *Name) {
  std::vector<std::string> Out;
  const char *Env = std::getenv(Name);
  if (!Env)
    return Out;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(Env).split(Parts, ':', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts)
    Out.push_back(P.str());
  return Out;
}

std::vector<std::string> gfpdep::summaryDirsFromEnvironment() {
  return pathsFromEnvironment("GFPDEP_SUMMARIES");
}
