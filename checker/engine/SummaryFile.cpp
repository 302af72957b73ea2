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
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <cstdlib>
#include <limits>
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

namespace {
/// The unit's chain steps, each written once ("steps"): an effect names
/// the first step of its chain, a step the one after it ("next"). Callers'
/// effects share their callees' tails, so a chain of N functions is N
/// steps, not N*N/2 copies.
struct StepTable {
  llvm::DenseMap<const void *, int64_t> Index;
  json::Array Steps;
  std::vector<Chain> Keep; ///< the chains whose nodes Index names

  /// The index of C's first step, or -1 for an empty chain.
  int64_t add(const Chain &C) {
    std::vector<Chain> Todo;
    Chain Cur = C;
    while (!Cur.empty() && !Index.count(Cur.identity())) {
      Todo.push_back(Cur);
      Cur = Cur.rest();
    }
    int64_t Next = Cur.empty() ? -1 : Index[Cur.identity()];
    for (auto It = Todo.rbegin(); It != Todo.rend(); ++It) {
      Step S = It->front();
      json::Object O{{"at", toJSON(S.Where)}, {"text", S.Text}};
      if (Next >= 0)
        O["next"] = Next;
      Steps.push_back(std::move(O));
      Next = int64_t(Steps.size()) - 1;
      Index[It->identity()] = Next;
      Keep.push_back(*It);
    }
    return Next;
  }
};
} // namespace

static json::Value toJSON(const Effect &E, StepTable &T) {
  json::Object O{{"kind", effectKindName(E.Kind)},
                 {"leaf", toJSON(E.Leaf)},
                 {"what", E.What.str()}};
  if (E.Kind == EffectKind::Alloc) {
    json::Array Values;
    for (const MaskSource &V : E.M.Values)
      Values.push_back(json::Object{{"value", V.Value},
                                    {"at", toJSON(V.Where)},
                                    {"atLeaf", V.AtLeaf}});
    json::Object M{{"values", std::move(Values)}};
    if (E.M.Param >= 0) {
      M["param"] = int64_t(E.M.Param);
      M["paramOr"] = E.M.ParamOr;
    }
    if (E.M.Clear)
      M["clear"] = E.M.Clear;
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
  if (int64_t First = T.add(E.Chain); First >= 0)
    O["chain"] = First;
  json::Array Under;
  for (const Enclosing &U : E.Under)
    Under.push_back(json::Object{{"context", toJSON(U.Ctx)},
                                 {"chainLen", int64_t(U.ChainLen)}});
  if (!Under.empty())
    O["under"] = std::move(Under);
  return O;
}

static json::Value toJSON(const Summary &S, StepTable &T) {
  json::Array Effects, Acq, Rel;
  for (const Effect &E : S.Effects)
    Effects.push_back(toJSON(E, T));
  for (const Context &C : S.NetAcquire)
    Acq.push_back(toJSON(C));
  for (const Context &C : S.NetRelease)
    Rel.push_back(toJSON(C));
  return json::Object{{"effects", std::move(Effects)},
                      {"netAcquire", std::move(Acq)},
                      {"netRelease", std::move(Rel)}};
}

// ---- from JSON -------------------------------------------------------------------
//
// Every field is checked for its type and range: a field of the wrong type
// is an error naming its path ("expected an array, got an object at
// summary.functions"), never a default. A field that is absent takes its
// default unless it is required; keys the reader does not know are ignored.

namespace {

/// Where a value is in the file ("summary.functions[0].usr"): a chain of
/// parents on the stack, rendered only for an error. A path must not
/// outlive its parent: name a path only when its parent is named too.
class JPath {
public:
  JPath() = default; ///< the whole file
  JPath field(llvm::StringRef F) const { return JPath(this, F); }
  JPath index(size_t I) const { return JPath(this, I); }
  std::string str() const {
    if (!Parent)
      return "summary";
    std::string S = Parent->str();
    if (IsIndex)
      S += "[" + std::to_string(Index) + "]";
    else
      S += ("." + Field).str();
    return S;
  }

private:
  JPath(const JPath *P, llvm::StringRef F) : Parent(P), Field(F) {}
  JPath(const JPath *P, size_t I) : Parent(P), Index(I), IsIndex(true) {}
  const JPath *Parent = nullptr;
  llvm::StringRef Field;
  size_t Index = 0;
  bool IsIndex = false;
};

/// What a value is, for "expected X, got Y".
std::string describe(const json::Value &V) {
  switch (V.kind()) {
  case json::Value::Null:
    return "null";
  case json::Value::Boolean:
    return *V.getAsBoolean() ? "true" : "false";
  case json::Value::Number: {
    std::string S;
    llvm::raw_string_ostream OS(S);
    OS << V;
    return S;
  }
  case json::Value::String: {
    llvm::StringRef Str = *V.getAsString();
    if (Str.size() > 40)
      return "a string";
    std::string S;
    llvm::raw_string_ostream OS(S);
    OS << V;
    return "the string " + S;
  }
  case json::Value::Array:
    return "an array";
  case json::Value::Object:
    return "an object";
  }
  return "a value";
}

constexpr int64_t MaxParam = std::numeric_limits<int32_t>::max();
constexpr int64_t MaxU32 = std::numeric_limits<uint32_t>::max();

/// Reads one summary file; keeps the first error.
class Reader {
public:
  std::string Error;
  /// The file's "steps", each the chain that begins with it.
  std::vector<Chain> Steps;
  bool steps(const json::Object &Root);
  /// Reads the array Root[Key] (absent: empty) of objects of shape What,
  /// each with Read(object, its path, the new element).
  template <class T, class ReadFn>
  bool objects(const json::Object &Root, llvm::StringRef Key, llvm::StringRef What,
               std::vector<T> &Out, ReadFn Read) {
    const JPath P;
    const json::Array *A;
    if (!array(Root, Key, P, A))
      return false;
    if (!A)
      return true;
    const JPath AP = P.field(Key);
    for (size_t I = 0; I < A->size(); ++I) {
      const JPath EP = AP.index(I);
      const json::Object *O;
      T Elem;
      if (!object((*A)[I], EP, What, O) || !Read(*O, EP, Elem))
        return false;
      Out.push_back(std::move(Elem));
    }
    return true;
  }

  bool fail(const JPath &P, const llvm::Twine &Msg) {
    if (Error.empty())
      Error = (Msg + " at " + P.str()).str();
    return false;
  }
  bool expected(const JPath &P, const llvm::Twine &What, const json::Value &Got) {
    return fail(P, "expected " + What + ", got " + describe(Got));
  }
  bool missing(const JPath &P) { return fail(P, "missing required field"); }

  // Values.
  bool object(const json::Value &V, const JPath &P, llvm::StringRef What,
              const json::Object *&Out) {
    Out = V.getAsObject();
    return Out || expected(P, What, V);
  }
  bool string(const json::Value &V, const JPath &P, llvm::StringRef &Out) {
    std::optional<llvm::StringRef> S = V.getAsString();
    if (!S)
      return expected(P, "a string", V);
    Out = *S;
    return true;
  }
  /// An integer in [0, Max].
  bool unsignedInt(const json::Value &V, const JPath &P, uint64_t Max,
                   const llvm::Twine &What, uint64_t &Out) {
    std::optional<uint64_t> N = V.getAsUINT64();
    if (!N) // 1.0 is 1, as json::Value::getAsInteger reads it
      if (std::optional<int64_t> I = V.getAsInteger(); I && *I >= 0)
        N = uint64_t(*I);
    if (!N || *N > Max)
      return expected(P, What, V);
    Out = *N;
    return true;
  }
  bool u32(const json::Value &V, const JPath &P, unsigned &Out) {
    uint64_t N;
    if (!unsignedInt(V, P, MaxU32, "an integer from 0 to 4294967295", N))
      return false;
    Out = unsigned(N);
    return true;
  }
  bool u64(const json::Value &V, const JPath &P, uint64_t &Out) {
    return unsignedInt(V, P, std::numeric_limits<uint64_t>::max(),
                       "an integer from 0 to 18446744073709551615", Out);
  }
  bool param(const json::Value &V, const JPath &P, int &Out) {
    uint64_t N;
    if (!unsignedInt(V, P, MaxParam, "a parameter index from 0 to 2147483647", N))
      return false;
    Out = int(N);
    return true;
  }

  // Fields of an object: absent is the default (or an error when Required).
  bool string(const json::Object &O, llvm::StringRef Key, const JPath &P,
              bool Required, llvm::StringRef &Out) {
    const json::Value *V = O.get(Key);
    if (!V)
      return Required ? missing(P.field(Key)) : true;
    return string(*V, P.field(Key), Out);
  }
  bool symbol(const json::Object &O, llvm::StringRef Key, const JPath &P,
              bool Required, Symbol &Out) {
    llvm::StringRef S;
    if (!string(O, Key, P, Required, S))
      return false;
    if (O.get(Key))
      Out = S;
    return true;
  }
  bool text(const json::Object &O, llvm::StringRef Key, const JPath &P,
            bool Required, std::string &Out) {
    llvm::StringRef S;
    if (!string(O, Key, P, Required, S))
      return false;
    if (O.get(Key))
      Out = S.str();
    return true;
  }
  bool boolean(const json::Object &O, llvm::StringRef Key, const JPath &P,
               bool &Out) {
    const json::Value *V = O.get(Key);
    if (!V)
      return true;
    std::optional<bool> B = V->getAsBoolean();
    if (!B)
      return expected(P.field(Key), "true or false", *V);
    Out = *B;
    return true;
  }
  bool u32(const json::Object &O, llvm::StringRef Key, const JPath &P,
           unsigned &Out) {
    const json::Value *V = O.get(Key);
    return !V || u32(*V, P.field(Key), Out);
  }
  bool u64(const json::Object &O, llvm::StringRef Key, const JPath &P,
           uint64_t &Out) {
    const json::Value *V = O.get(Key);
    return !V || u64(*V, P.field(Key), Out);
  }
  bool param(const json::Object &O, llvm::StringRef Key, const JPath &P,
             int &Out) {
    const json::Value *V = O.get(Key);
    return !V || param(*V, P.field(Key), Out);
  }
  bool array(const json::Object &O, llvm::StringRef Key, const JPath &P,
             const json::Array *&Out) {
    Out = nullptr;
    const json::Value *V = O.get(Key);
    if (!V)
      return true;
    Out = V->getAsArray();
    return Out || expected(P.field(Key), "an array", *V);
  }
  bool object(const json::Object &O, llvm::StringRef Key, const JPath &P,
              llvm::StringRef What, bool Required, const json::Object *&Out) {
    Out = nullptr;
    const json::Value *V = O.get(Key);
    if (!V)
      return Required ? missing(P.field(Key)) : true;
    return object(*V, P.field(Key), What, Out);
  }
  const json::Value *required(const json::Object &O, llvm::StringRef Key,
                              const JPath &P) {
    const json::Value *V = O.get(Key);
    if (!V)
      missing(P.field(Key));
    return V;
  }

  // The format's types.
  bool loc(const json::Value &V, const JPath &P, Loc &L);
  bool loc(const json::Object &O, llvm::StringRef Key, const JPath &P, Loc &L) {
    const json::Value *V = required(O, Key, P);
    return V && loc(*V, P.field(Key), L);
  }
  bool lock(const json::Value &V, const JPath &P, LockRef &L);
  bool flavor(const json::Object &O, const JPath &P, Flavor &F);
  bool context(const json::Value &V, const JPath &P, Context &C);
  bool enclosing(const json::Value &V, const JPath &P, Enclosing &E);
  bool enclosing(const json::Object &O, llvm::StringRef Key, const JPath &P,
                 Enclosing &E) {
    const json::Value *V = required(O, Key, P);
    return V && enclosing(*V, P.field(Key), E);
  }
  bool mask(const json::Object &O, const JPath &P, Mask &M);
  bool effect(const json::Value &V, const JPath &P, Effect &E);
  bool contexts(const json::Object &O, llvm::StringRef Key, const JPath &P,
                std::vector<Context> &Out);
  bool summary(const json::Value &V, const JPath &P, Summary &S);
  bool pairs(const json::Object &O, llvm::StringRef Key, const JPath &P,
             bool SingleBits, std::vector<std::pair<std::string, uint64_t>> &Out);
  bool unit(const json::Object &Root, UnitSummary &U);
};

bool Reader::loc(const json::Value &V, const JPath &P, Loc &L) {
  const json::Array *A = V.getAsArray();
  if (!A)
    return expected(P, "a location [file, line, column]", V);
  if (A->size() != 3)
    return fail(P, "expected a location [file, line, column], got an array of " +
                       llvm::Twine(A->size()) + " elements");
  llvm::StringRef File;
  if (!string((*A)[0], P.index(0), File) || !u32((*A)[1], P.index(1), L.Line) ||
      !u32((*A)[2], P.index(2), L.Col))
    return false;
  L.File = File;
  L.Raw = 0;
  return true;
}

bool Reader::lock(const json::Value &V, const JPath &P, LockRef &L) {
  const json::Object *O;
  return object(V, P, "a lock {class, param, display}", O) &&
         symbol(*O, "class", P, true, L.Class) && param(*O, "param", P, L.Param) &&
         symbol(*O, "display", P, false, L.Display);
}

bool Reader::flavor(const json::Object &O, const JPath &P, Flavor &F) {
  llvm::StringRef S;
  if (!string(O, "flavor", P, true, S))
    return false;
  if (!parseFlavor(S, F))
    return fail(P.field("flavor"), "unknown flavor '" + S + "'");
  return true;
}

bool Reader::context(const json::Value &V, const JPath &P, Context &C) {
  const json::Object *O;
  llvm::StringRef Kind;
  if (!object(V, P, "a context object", O) || !string(*O, "kind", P, true, Kind))
    return false;
  static const CtxKind Kinds[] = {CtxKind::Lock, CtxKind::Section,
                                  CtxKind::Scope, CtxKind::FsReclaim,
                                  CtxKind::Entry, CtxKind::NeverSleeps};
  bool Found = false;
  for (CtxKind K : Kinds)
    if (ctxKindName(K) == Kind) {
      C.Kind = K;
      Found = true;
    }
  if (!Found)
    return fail(P.field("kind"), "unknown context kind '" + Kind + "'");
  if (!flavor(*O, P, C.Fl) || !loc(*O, "origin", P, C.Origin))
    return false;
  if (const json::Value *Lock = O->get("lock"))
    if (!lock(*Lock, P.field("lock"), C.Lock))
      return false;
  return u32(*O, "subclass", P, C.Subclass) &&
         boolean(*O, "recursive", P, C.Recursive) &&
         boolean(*O, "implicit", P, C.Implicit) &&
         symbol(*O, "via", P, false, C.Via) &&
         symbol(*O, "entry", P, false, C.Entry);
}

bool Reader::enclosing(const json::Value &V, const JPath &P, Enclosing &E) {
  const json::Object *O;
  return object(V, P, "{context, chainLen}", O) &&
         [&] {
           const json::Value *C = required(*O, "context", P);
           return C && context(*C, P.field("context"), E.Ctx);
         }() &&
         u32(*O, "chainLen", P, E.ChainLen);
}

bool Reader::mask(const json::Object &M, const JPath &P, Mask &Out) {
  const json::Array *Values;
  if (!array(M, "values", P, Values))
    return false;
  if (Values) {
    const JPath VsP = P.field("values");
    for (size_t I = 0; I < Values->size(); ++I) {
      const JPath VP = VsP.index(I);
      const json::Object *VO;
      const json::Value *Val;
      MaskSource S;
      if (!object((*Values)[I], VP, "{value, at, atLeaf}", VO) ||
          !(Val = required(*VO, "value", VP)) || !u64(*Val, VP.field("value"), S.Value) ||
          !loc(*VO, "at", VP, S.Where) || !boolean(*VO, "atLeaf", VP, S.AtLeaf))
        return false;
      Out.add(S);
    }
  }
  if (!param(M, "param", P, Out.Param) || !u64(M, "paramOr", P, Out.ParamOr) ||
      !u64(M, "clear", P, Out.Clear) || !boolean(M, "noReclaim", P, Out.NoReclaim))
    return false;
  if (const json::Value *At = M.get("scopeAt"))
    if (!loc(*At, P.field("scopeAt"), Out.ScopeAt))
      return false;
  return symbol(M, "scopeVia", P, false, Out.ScopeVia);
}

bool Reader::effect(const json::Value &V, const JPath &P, Effect &E) {
  const json::Object *O;
  llvm::StringRef Kind;
  if (!object(V, P, "an effect object", O) || !string(*O, "kind", P, true, Kind))
    return false;
  static const EffectKind Kinds[] = {EffectKind::Alloc, EffectKind::Block,
                                     EffectKind::Acquire, EffectKind::Requires};
  bool Found = false;
  for (EffectKind K : Kinds)
    if (effectKindName(K) == Kind) {
      E.Kind = K;
      Found = true;
    }
  if (!Found)
    return fail(P.field("kind"), "unknown effect kind '" + Kind + "'");
  if (!loc(*O, "leaf", P, E.Leaf) || !symbol(*O, "what", P, true, E.What))
    return false;
  if (E.Kind == EffectKind::Alloc) {
    const json::Object *M;
    if (!object(*O, "mask", P, "a mask object", /*Required=*/true, M) ||
        !mask(*M, P.field("mask"), E.M))
      return false;
  }
  if (E.Kind == EffectKind::Acquire || E.Kind == EffectKind::Requires) {
    const json::Value *Lock = required(*O, "lock", P);
    if (!Lock || !lock(*Lock, P.field("lock"), E.Lock) || !flavor(*O, P, E.Fl) ||
        !u32(*O, "subclass", P, E.Subclass) ||
        !boolean(*O, "recursive", P, E.Recursive))
      return false;
  }
  if (E.Kind == EffectKind::Requires && !loc(*O, "promiseAt", P, E.PromiseAt))
    return false;
  if (const json::Value *C = O->get("chain")) {
    std::optional<int64_t> I = C->getAsInteger();
    if (!I || *I < 0 || *I >= int64_t(Steps.size()))
      return expected(P.field("chain"),
                      Steps.empty() ? llvm::Twine("the index of a step in \"steps\" "
                                                  "(the file has none)")
                                    : "the index of a step in \"steps\" (0 to " +
                                          llvm::Twine(int64_t(Steps.size()) - 1) + ")",
                      *C);
    E.Chain = Steps[*I];
  }
  const json::Array *Under;
  if (!array(*O, "under", P, Under))
    return false;
  if (Under) {
    const JPath UsP = P.field("under");
    for (size_t I = 0; I < Under->size(); ++I) {
      Enclosing U;
      if (!enclosing((*Under)[I], UsP.index(I), U))
        return false;
      E.Under.push_back(std::move(U));
    }
  }
  return true;
}

bool Reader::contexts(const json::Object &O, llvm::StringRef Key, const JPath &P,
                      std::vector<Context> &Out) {
  const json::Array *A;
  if (!array(O, Key, P, A))
    return false;
  if (!A)
    return true;
  const JPath KP = P.field(Key);
  for (size_t I = 0; I < A->size(); ++I) {
    Context C;
    if (!context((*A)[I], KP.index(I), C))
      return false;
    Out.push_back(std::move(C));
  }
  return true;
}

bool Reader::summary(const json::Value &V, const JPath &P, Summary &S) {
  const json::Object *O;
  const json::Array *Effects;
  if (!object(V, P, "a summary object", O) || !array(*O, "effects", P, Effects))
    return false;
  if (Effects) {
    const JPath EsP = P.field("effects");
    for (size_t I = 0; I < Effects->size(); ++I) {
      Effect E;
      if (!effect((*Effects)[I], EsP.index(I), E))
        return false;
      S.add(std::move(E));
    }
  }
  return contexts(*O, "netAcquire", P, S.NetAcquire) &&
         contexts(*O, "netRelease", P, S.NetRelease);
}

/// gfpLayout.bits or .masks: [[name, value], ...].
bool Reader::pairs(const json::Object &O, llvm::StringRef Key, const JPath &P,
                   bool SingleBits,
                   std::vector<std::pair<std::string, uint64_t>> &Out) {
  const json::Array *A;
  if (!array(O, Key, P, A))
    return false;
  if (!A)
    return true;
  const JPath KP = P.field(Key);
  for (size_t I = 0; I < A->size(); ++I) {
    const JPath EP = KP.index(I);
    const json::Array *Pair = (*A)[I].getAsArray();
    if (!Pair)
      return expected(EP, "a [name, value] pair", (*A)[I]);
    if (Pair->size() != 2)
      return fail(EP, "expected a [name, value] pair, got an array of " +
                          llvm::Twine(Pair->size()) +
                          (Pair->size() == 1 ? " element" : " elements"));
    llvm::StringRef Name;
    uint64_t Val;
    if (!string((*Pair)[0], EP.index(0), Name) || !u64((*Pair)[1], EP.index(1), Val))
      return false;
    if (SingleBits && !llvm::isPowerOf2_64(Val))
      return expected(EP.index(1), "a single GFP bit (a power of two)", (*Pair)[1]);
    Out.emplace_back(Name.str(), Val);
  }
  return true;
}

bool Reader::steps(const json::Object &Root) {
  const JPath P;
  const json::Array *A;
  if (!array(Root, "steps", P, A))
    return false;
  if (!A)
    return true;
  const JPath SsP = P.field("steps");
  Steps.reserve(A->size());
  for (size_t I = 0; I < A->size(); ++I) {
    const JPath SP = SsP.index(I);
    const json::Object *SO;
    Step S;
    if (!object((*A)[I], SP, "{at, text}", SO) || !loc(*SO, "at", SP, S.Where) ||
        !text(*SO, "text", SP, true, S.Text))
      return false;
    Chain Tail;
    if (const json::Value *N = SO->get("next")) {
      std::optional<int64_t> J = N->getAsInteger();
      if (!J || *J < 0 || *J >= int64_t(I))
        return expected(SP.field("next"),
                        I == 0 ? llvm::Twine("no \"next\" (the first step has no "
                                             "earlier one)")
                               : "the index of an earlier step (0 to " +
                                     llvm::Twine(int64_t(I) - 1) + ")",
                        *N);
      Tail = Steps[*J];
    }
    Steps.push_back(Tail.prepend(S));
  }
  return true;
}

bool Reader::unit(const json::Object &Root, UnitSummary &U) {
  const JPath P;
  if (!steps(Root))
    return false;
  if (!text(Root, "unit", P, false, U.Unit))
    return false;
  if (!objects(Root, "functions", "{usr, name, summary}", U.Functions,
               [&](const json::Object &O, const JPath &FP, UnitSummary::Function &F) {
                 const json::Value *S;
                 return text(O, "usr", FP, true, F.Usr) &&
                        text(O, "name", FP, false, F.Name) &&
                        (S = required(O, "summary", FP)) &&
                        summary(*S, FP.field("summary"), F.S);
               }) ||
      !objects(Root, "reclaimAcquired", "{fsReclaim, acquire, inside}", U.Reclaim,
               [&](const json::Object &O, const JPath &RP, ReclaimAcquisition &R) {
                 const json::Value *Acq;
                 return boolean(O, "fsReclaim", RP, R.FsReclaim) &&
                        (Acq = required(O, "acquire", RP)) &&
                        effect(*Acq, RP.field("acquire"), R.Acquire) &&
                        enclosing(O, "inside", RP, R.Inside);
               }) ||
      !objects(Root, "lockEdges", "{from, to, acquire, held}", U.Edges,
               [&](const json::Object &O, const JPath &EP, LockEdge &E) {
                 const json::Value *Acq;
                 return text(O, "from", EP, true, E.From) && text(O, "to", EP, true, E.To) &&
                        (Acq = required(O, "acquire", EP)) &&
                        effect(*Acq, EP.field("acquire"), E.Acquire) &&
                        enclosing(O, "held", EP, E.Held);
               }))
    return false;
  const json::Object *Stores;
  if (!object(Root, "fieldStores", P, "an object {\"record::field\": [USR...]}",
              false, Stores))
    return false;
  if (Stores) {
    const JPath SsP = P.field("fieldStores");
    for (const auto &[Key, V] : *Stores) {
      const JPath KP = SsP.field(Key);
      const json::Array *Usrs = V.getAsArray();
      if (!Usrs)
        return expected(KP, "an array of USRs", V);
      std::vector<std::string> Out;
      for (size_t I = 0; I < Usrs->size(); ++I) {
        llvm::StringRef Usr;
        if (!string((*Usrs)[I], KP.index(I), Usr))
          return false;
        Out.push_back(Usr.str());
      }
      U.FieldStores.emplace_back(Key.str(), std::move(Out));
    }
    llvm::sort(U.FieldStores);
  }
  const json::Object *Layout;
  if (!object(Root, "gfpLayout", P, "an object {bits, masks}", false, Layout))
    return false;
  if (Layout) {
    const JPath LP = P.field("gfpLayout");
    if (!pairs(*Layout, "bits", LP, /*SingleBits=*/true, U.GfpSingles) ||
        !pairs(*Layout, "masks", LP, /*SingleBits=*/false, U.GfpComposites))
      return false;
  }
  if (!objects(Root, "checks", "{effect, under}", U.Checks,
               [&](const json::Object &O, const JPath &CP, Check &C) {
                 const json::Value *Eff;
                 auto E = std::make_shared<Effect>();
                 C.E = E;
                 return (Eff = required(O, "effect", CP)) &&
                        effect(*Eff, CP.field("effect"), *E) &&
                        enclosing(O, "under", CP, C.U);
               }) ||
      !objects(Root, "entries", "{context, summary}", U.Entries,
               [&](const json::Object &O, const JPath &EP, UnitSummary::Entry &E) {
                 const json::Value *Ctx, *S;
                 return (Ctx = required(O, "context", EP)) &&
                        context(*Ctx, EP.field("context"), E.Ctx) &&
                        (S = required(O, "summary", EP)) &&
                        summary(*S, EP.field("summary"), E.S);
               }))
    return false;
  return true;
}

} // namespace
} // namespace legacy
} // namespace gfpdep

std::string gfpdep::writeUnitSummary(const UnitSummary &U) {
  StepTable T;
  json::Array Functions;
  for (const UnitSummary::Function &F : U.Functions)
    Functions.push_back(json::Object{
        {"usr", F.Usr}, {"name", F.Name}, {"summary", toJSON(F.S, T)}});
  json::Array Reclaim;
  for (const ReclaimAcquisition &R : U.Reclaim)
    Reclaim.push_back(json::Object{
        {"fsReclaim", R.FsReclaim},
        {"acquire", toJSON(R.Acquire, T)},
        {"inside", json::Object{{"context", toJSON(R.Inside.Ctx)},
                                {"chainLen", int64_t(R.Inside.ChainLen)}}}});
  json::Array Edges;
  for (const LockEdge &E : U.Edges)
    Edges.push_back(json::Object{
        {"from", E.From},
        {"to", E.To},
        {"acquire", toJSON(E.Acquire, T)},
        {"held", json::Object{{"context", toJSON(E.Held.Ctx)},
                              {"chainLen", int64_t(E.Held.ChainLen)}}}});
  json::Array Checks;
  for (const Check &C : U.Checks)
    Checks.push_back(json::Object{
        {"effect", toJSON(*C.E, T)},
        {"under", json::Object{{"context", toJSON(C.U.Ctx)},
                               {"chainLen", int64_t(C.U.ChainLen)}}}});
  json::Array Entries;
  for (const UnitSummary::Entry &E : U.Entries)
    Entries.push_back(json::Object{{"context", toJSON(E.Ctx)},
                                   {"summary", toJSON(E.S, T)}});
  // Arrays of [name, value]: the order is what describe() follows.
  json::Array Singles, Composites;
  for (const auto &[Name, V] : U.GfpSingles)
    Singles.push_back(json::Array{Name, V}); // uint64_t: all 64 bits
  for (const auto &[Name, V] : U.GfpComposites)
    Composites.push_back(json::Array{Name, V});
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
                    {"lockEdges", std::move(Edges)},
                    {"steps", std::move(T.Steps)}};
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
  Reader R;
  const JPath P;
  const json::Value *Version = R.required(*Root, "version", P);
  if (Version) {
    std::optional<int64_t> N = Version->getAsInteger();
    if (!N)
      R.expected(P.field("version"), "an integer", *Version);
    else if (*N != int64_t(SummaryFormatVersion))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "summary format version %lld, but this gfpdep reads version %u: "
          "rebuild the summaries with this gfpdep",
          (long long)*N, SummaryFormatVersion);
  }
  UnitSummary U;
  if (!R.Error.empty() || !R.unit(*Root, U))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s",
                                   R.Error.c_str());
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
