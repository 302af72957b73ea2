//===- FactsFile.cpp - a unit's facts as bytes ----------------------------===//
///
/// \file
/// Writer and reader of the facts record. The reader is the trust boundary:
/// every count is checked against what is left, every index against its
/// table, every kind against its enum, and nesting is flat (no recursion
/// on input), so no input can crash it or make it allocate beyond its size.
//===----------------------------------------------------------------------===//

#include "facts/FactsFile.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/LEB128.h"

using namespace gfpdep;

static const char Magic[8] = {'G', 'F', 'P', 'D', 'E', 'P', 'F', '\0'};

// -----------------------------------------------------------------------------
// Writer
// -----------------------------------------------------------------------------

namespace {

class Writer {
public:
  std::string finish(const UnitFacts &U) {
    unit(U);
    std::string Strings;
    uleb(Strings, Table.size());
    for (Symbol S : Table) {
      uleb(Strings, S.size());
      Strings.append(S.data(), S.size());
    }
    std::string Payload = Strings + Body;
    std::string Out(Magic, sizeof(Magic));
    char B[12];
    llvm::support::endian::write32le(B, FactsFormatVersion);
    llvm::support::endian::write64le(B + 4, Payload.size());
    Out.append(B, 12);
    Out += Payload;
    return Out;
  }

private:
  std::string Body;
  std::vector<Symbol> Table;
  llvm::DenseMap<Symbol, uint64_t> Index;

  static void uleb(std::string &S, uint64_t V) {
    uint8_t Buf[16];
    unsigned N = llvm::encodeULEB128(V, Buf);
    S.append(reinterpret_cast<const char *>(Buf), N);
  }
  void u(uint64_t V) { uleb(Body, V); }
  void s(int64_t V) {
    uint8_t Buf[16];
    unsigned N = llvm::encodeSLEB128(V, Buf);
    Body.append(reinterpret_cast<const char *>(Buf), N);
  }
  void b(bool V) { Body.push_back(V ? 1 : 0); }
  void sym(Symbol S) {
    if (S.empty()) {
      u(0);
      return;
    }
    auto [It, Inserted] = Index.try_emplace(S, Table.size() + 1);
    if (Inserted)
      Table.push_back(S);
    u(It->second);
  }
  void idx(uint32_t V) { u(V == NoIndex ? 0 : uint64_t(V) + 1); }
  void loc(const Loc &L) {
    sym(L.File);
    u(L.Line);
    u(L.Col);
  }
  void lock(const LockVal &L) {
    u(L.K);
    u(L.Index);
    sym(L.Class);
  }
  void arg(const ArgVal &A) {
    lock(A.Lock);
    idx(A.Mask);
    idx(A.Fns);
    b(A.HasInt);
    if (A.HasInt)
      s(A.Int);
    b(A.NonNull);
    idx(A.OutLocal);
    idx(A.MovedLocal);
    idx(A.IntParam);
    sym(A.Record);
    idx(A.BaseLocal);
    idx(A.SelfLocal);
    u(A.FieldInts.size());
    for (const auto &[Fld, V] : A.FieldInts) {
      sym(Fld);
      s(V);
    }
  }
  void mask(const MaskVal &M) {
    u(M.Terms.size());
    for (const MaskTerm &T : M.Terms) {
      u(T.K);
      u(T.Bits);
      u(T.Index);
      sym(T.Field);
      loc(T.Where);
      b(T.AtLeaf);
    }
    u(M.Clear);
  }
  void call(const CallFacts &C) {
    u(unsigned(C.Kind));
    sym(C.Id);
    sym(C.Name);
    sym(C.Plain);
    u(C.ParamIndex);
    loc(C.At);
    u(C.Args.size());
    for (const ArgVal &A : C.Args)
      arg(A);
    arg(C.Object);
    idx(C.ObjLocal);
    s(C.GfpParam);
    b(C.DeclaredNoReturn);
    u(unsigned(C.Tag));
    u(C.Types.size());
    for (Symbol T : C.Types)
      sym(T);
    sym(C.Spelled);
    b(C.HasHintSubclass);
    if (C.HasHintSubclass)
      arg(C.HintSubclass);    sym(C.StoredInto);
  }
  void value(const ValueFacts &V) {
    arg(V.Val);
    idx(V.FromCall);
    idx(V.FromLocal);
    idx(V.Local);
  }
  void function(const FnFacts &F) {
    sym(F.Id);
    sym(F.Name);
    loc(F.At);
    b(F.External);
    b(F.MainFile);
    b(F.NoReturn);
    u(F.ParamNames.size());
    for (Symbol P : F.ParamNames)
      sym(P);
    u(F.GfpParams);
    u(F.StableParams);
    u(F.ParamFieldWrites.size());
    for (const auto &[P, Fld] : F.ParamFieldWrites) {
      u(P);
      sym(Fld);
    }
    u(F.Entry);
    u(F.Exit);
    u(F.FrameBytes);
    u(F.BigLocals.size());
    for (const FnFacts::FrameLocal &L : F.BigLocals) {
      sym(L.Name);
      u(L.Bytes);
      loc(L.At);
    }
    u(F.Widenings.size());
    for (const FnFacts::Widening &W : F.Widenings) {
      u(W.Param);
      u(W.Bits);
      u(W.Need0);
      u(W.Need1);
    }
    u(F.Locals.size());
    for (const LocalFacts &L : F.Locals) {
      sym(L.Name);
      u(L.Bytes);
      loc(L.At);
      idx(L.Base);
      sym(L.Field);
    }
    u(F.Masks.size());
    for (const MaskVal &M : F.Masks)
      mask(M);
    u(F.FnLists.size());
    for (const auto &L : F.FnLists) {
      u(L.size());
      for (Symbol S : L)
        sym(S);
    }
    u(F.CallSets.size());
    for (const auto &L : F.CallSets) {
      u(L.size());
      for (uint32_t C : L)
        u(C);
    }
    u(F.Calls.size());
    for (const CallFacts &C : F.Calls)
      call(C);
    u(F.Values.size());
    for (const ValueFacts &V : F.Values)
      value(V);
    u(F.Blocks.size());
    for (const BlockFacts &B : F.Blocks) {
      u(B.Events.size());
      for (const Event &E : B.Events) {
        u(E.K);
        u(E.A);
        u(E.B);
        u(E.C);
      }
      u(B.Succs.size());
      for (uint32_t S : B.Succs)
        idx(S);
      u(B.Cond.K);
      if (B.Cond.K != CondFacts::None) {
        b(B.Cond.Negated);
        u(B.Cond.Key);
        s(B.Cond.Param);
        u(B.Cond.Bits);
        u(B.Cond.Index);
        b(B.Cond.ParamTruth);
        b(B.Cond.Narrowed);
        s(B.Cond.FieldParam);
        if (B.Cond.FieldParam >= 0)
          sym(B.Cond.Field);
      }
    }
  }
  void unit(const UnitFacts &U) {
    sym(U.MainFile);
    b(U.GfpFromUnit);
    u(U.GfpSingles.size());
    for (const auto &[N, V] : U.GfpSingles) {
      sym(Symbol(N));
      u(V);
    }
    u(U.GfpComposites.size());
    for (const auto &[N, V] : U.GfpComposites) {
      sym(Symbol(N));
      u(V);
    }
    u(U.Functions.size());
    for (const FnFacts &F : U.Functions)
      function(F);
    u(U.Trivial.size());
    for (Symbol T : U.Trivial)
      sym(T);
    u(U.Stores.size());
    for (const StoreFacts &S : U.Stores) {
      u(S.K);
      sym(S.Key);
      sym(S.Object);
      u(S.Position);
      sym(S.Fn);
      sym(S.FnName);
      loc(S.At);
    }
    u(U.MaskStores.size());
    for (const MaskStoreFacts &M : U.MaskStores) {
      sym(M.Field);
      u(M.Value);
      loc(M.Where);
      sym(M.Fn);
      idx(M.Param);
    }
    u(U.KeyedClasses.size());
    for (const KeyedClassFacts &K : U.KeyedClasses) {
      sym(K.Class);
      loc(K.Where);
    }
    u(U.Annotations.size());
    for (const AnnotationFacts &A : U.Annotations) {
      u(A.K);
      sym(A.Fn);
      sym(A.FnName);
      u(unsigned(A.Op));
      u(unsigned(A.Fl));
      s(A.Param);
      lock(A.Lock);
      sym(A.Via);
      loc(A.Where);
    }
    u(U.Suppressions.size());
    for (const SuppressionFacts &S : U.Suppressions) {
      sym(S.File);
      u(S.Line);
      sym(S.Rule);
    }
  }
};

// -----------------------------------------------------------------------------
// Reader
// -----------------------------------------------------------------------------

class Reader {
public:
  Reader(llvm::StringRef Payload, llvm::StringRef Origin, uint64_t Base)
      : P(Payload), Origin(Origin), Base(Base) {}

  llvm::Error read(UnitFacts &U) {
    uint64_t N = count(1);
    for (uint64_t I = 0; I < N && !Failed; ++I) {
      uint64_t Len = count(1);
      if (Failed)
        break;
      Strings.push_back(Symbol(P.substr(Pos, Len)));
      Pos += Len;
    }
    if (!Failed)
      unit(U);
    if (!Failed && Pos != P.size())
      fail("trailing bytes after the facts");
    if (Failed)
      return llvm::createStringError(llvm::inconvertibleErrorCode(), Error);
    return llvm::Error::success();
  }

private:
  llvm::StringRef P;
  llvm::StringRef Origin;
  uint64_t Base;
  size_t Pos = 0;
  bool Failed = false;
  std::string Error;
  std::vector<Symbol> Strings;

  void fail(const std::string &What) {
    if (Failed)
      return;
    Failed = true;
    Error = llvm::formatv("{0}: invalid gfpdep facts at byte {1}: {2}", Origin,
                          Base + Pos, What)
                .str();
  }
  uint64_t u() {
    if (Failed)
      return 0;
    unsigned N = 0;
    const char *Err = nullptr;
    uint64_t V = llvm::decodeULEB128(reinterpret_cast<const uint8_t *>(P.data()) + Pos,
                                     &N,
                                     reinterpret_cast<const uint8_t *>(P.data()) + P.size(),
                                     &Err);
    if (Err) {
      fail(std::string("bad number: ") + Err);
      return 0;
    }
    Pos += N;
    return V;
  }
  int64_t s() {
    if (Failed)
      return 0;
    unsigned N = 0;
    const char *Err = nullptr;
    int64_t V = llvm::decodeSLEB128(reinterpret_cast<const uint8_t *>(P.data()) + Pos,
                                    &N,
                                    reinterpret_cast<const uint8_t *>(P.data()) + P.size(),
                                    &Err);
    if (Err) {
      fail(std::string("bad number: ") + Err);
      return 0;
    }
    Pos += N;
    return V;
  }
  bool b() {
    if (Failed)
      return false;
    if (Pos >= P.size()) {
      fail("truncated");
      return false;
    }
    char C = P[Pos++];
    if (C != 0 && C != 1)
      fail("a flag that is neither 0 nor 1");
    return C == 1;
  }
  /// A count of items each at least MinBytes long: bounded by what is left.
  uint64_t count(uint64_t MinBytes) {
    uint64_t N = u();
    if (!Failed && N > (P.size() - Pos) / std::max<uint64_t>(MinBytes, 1))
      fail(llvm::formatv("a count of {0} exceeds the remaining {1} bytes", N,
                         P.size() - Pos)
               .str());
    return Failed ? 0 : N;
  }
  uint32_t u32(const char *What) {
    uint64_t V = u();
    if (V > 0xffffffffu) {
      fail(std::string(What) + " out of range");
      return 0;
    }
    return uint32_t(V);
  }
  template <typename E> E kind(unsigned Max, const char *What) {
    uint64_t V = u();
    if (V > Max) {
      fail(llvm::formatv("unknown {0} {1}", What, V).str());
      return E(0);
    }
    return E(V);
  }
  Symbol sym() {
    uint64_t I = u();
    if (I == 0)
      return Symbol();
    if (I > Strings.size()) {
      fail(llvm::formatv("string index {0} beyond the table of {1}", I, Strings.size())
               .str());
      return Symbol();
    }
    return Strings[I - 1];
  }
  uint32_t idx() {
    uint64_t V = u();
    if (V == 0)
      return NoIndex;
    if (V - 1 >= NoIndex) {
      fail("index out of range");
      return NoIndex;
    }
    return uint32_t(V - 1);
  }
  Loc loc() {
    Loc L;
    L.File = sym();
    L.Line = u32("line");
    L.Col = u32("column");
    return L;
  }
  LockVal lock() {
    LockVal L;
    L.K = kind<LockVal::Kind>(LockVal::Result, "lock kind");
    L.Index = u32("lock index");
    L.Class = sym();
    return L;
  }
  ArgVal arg() {
    ArgVal A;
    A.Lock = lock();
    A.Mask = idx();
    A.Fns = idx();
    A.HasInt = b();
    if (A.HasInt)
      A.Int = s();
    A.NonNull = b();
    A.OutLocal = idx();
    A.MovedLocal = idx();
    A.IntParam = idx();
    A.Record = sym();
    A.BaseLocal = idx();
    A.SelfLocal = idx();
    uint64_t NF = count(2);
    for (uint64_t I = 0; I < NF && !Failed; ++I) {
      Symbol Fld = sym();
      int64_t V = s();
      A.FieldInts.push_back({Fld, V});
    }
    return A;
  }
  void mask(MaskVal &M) {
    uint64_t N = count(6);
    for (uint64_t I = 0; I < N && !Failed; ++I) {
      MaskTerm T;
      T.K = kind<MaskTerm::Kind>(MaskTerm::Result, "mask term");
      T.Bits = u();
      T.Index = u32("mask index");
      T.Field = sym();
      T.Where = loc();
      T.AtLeaf = b();
      M.Terms.push_back(T);
    }
    M.Clear = u();
  }
  void call(CallFacts &C) {
    C.Kind = kind<CalleeKind>(unsigned(CalleeKind::Guard), "callee kind");
    C.Id = sym();
    C.Name = sym();
    C.Plain = sym();
    C.ParamIndex = u32("parameter");
    C.At = loc();
    uint64_t N = count(12);
    for (uint64_t I = 0; I < N && !Failed; ++I)
      C.Args.push_back(arg());
    C.Object = arg();
    C.ObjLocal = idx();
    int64_t G = s();
    if (G < -1 || G > 127)
      fail("gfp parameter out of range");
    C.GfpParam = int8_t(G);
    C.DeclaredNoReturn = b();
    C.Tag = kind<GuardTag>(unsigned(GuardTag::Adopt), "guard tag");
    uint64_t T = count(1);
    for (uint64_t I = 0; I < T && !Failed; ++I)
      C.Types.push_back(sym());
    C.Spelled = sym();
    C.HasHintSubclass = b();
    if (C.HasHintSubclass)
      C.HintSubclass = arg();    C.StoredInto = sym();
  }
  void function(FnFacts &F) {
    F.Id = sym();
    F.Name = sym();
    F.At = loc();
    F.External = b();
    F.MainFile = b();
    F.NoReturn = b();
    uint64_t NP = count(1);
    for (uint64_t I = 0; I < NP && !Failed; ++I)
      F.ParamNames.push_back(sym());
    F.GfpParams = u();
    F.StableParams = u();
    uint64_t NW = count(2);
    for (uint64_t I = 0; I < NW && !Failed; ++I) {
      uint64_t P = u();
      Symbol Fld = sym();
      if (P >= F.ParamNames.size())
        return fail("'" + F.Name.str() + "': a field write names no parameter");
      F.ParamFieldWrites.push_back({uint32_t(P), Fld});
    }
    F.Entry = u32("entry");
    F.Exit = u32("exit");
    F.FrameBytes = u();
    uint64_t NBig = count(3);
    for (uint64_t I = 0; I < NBig && !Failed; ++I) {
      FnFacts::FrameLocal L;
      L.Name = sym();
      L.Bytes = u();
      L.At = loc();
      F.BigLocals.push_back(L);
    }
    uint64_t NWiden = count(4);
    for (uint64_t I = 0; I < NWiden && !Failed; ++I) {
      FnFacts::Widening W;
      W.Param = u32("widened parameter");
      W.Bits = u();
      W.Need0 = u();
      W.Need1 = u();
      F.Widenings.push_back(W);
    }
    uint64_t NL = count(4);
    for (uint64_t I = 0; I < NL && !Failed; ++I) {
      LocalFacts L;
      L.Name = sym();
      L.Bytes = u();
      L.At = loc();
      L.Base = idx();
      L.Field = sym();
      F.Locals.push_back(L);
    }
    uint64_t NM = count(2);
    F.Masks.resize(NM);
    for (uint64_t I = 0; I < NM && !Failed; ++I)
      mask(F.Masks[I]);
    uint64_t NF = count(1);
    F.FnLists.resize(NF);
    for (uint64_t I = 0; I < NF && !Failed; ++I) {
      uint64_t K = count(1);
      for (uint64_t J = 0; J < K && !Failed; ++J)
        F.FnLists[I].push_back(sym());
    }
    uint64_t NS = count(1);
    F.CallSets.resize(NS);
    for (uint64_t I = 0; I < NS && !Failed; ++I) {
      uint64_t K = count(1);
      for (uint64_t J = 0; J < K && !Failed; ++J)
        F.CallSets[I].push_back(u32("call"));
    }
    uint64_t NC = count(20);
    F.Calls.resize(NC);
    for (uint64_t I = 0; I < NC && !Failed; ++I)
      call(F.Calls[I]);
    uint64_t NV = count(12);
    F.Values.resize(NV);
    for (uint64_t I = 0; I < NV && !Failed; ++I) {
      ValueFacts &V = F.Values[I];
      V.Val = arg();
      V.FromCall = idx();
      V.FromLocal = idx();
      V.Local = idx();
    }
    uint64_t NB = count(3);
    F.Blocks.resize(NB);
    for (uint64_t I = 0; I < NB && !Failed; ++I) {
      BlockFacts &B = F.Blocks[I];
      uint64_t NE = count(4);
      for (uint64_t J = 0; J < NE && !Failed; ++J) {
        Event E;
        E.K = kind<Event::Kind>(Event::Return, "event kind");
        E.A = u32("event operand");
        E.B = u32("event operand");
        E.C = u32("event operand");
        B.Events.push_back(E);
      }
      uint64_t NSucc = count(1);
      for (uint64_t J = 0; J < NSucc && !Failed; ++J)
        B.Succs.push_back(idx());
      B.Cond.K = kind<CondFacts::Kind>(CondFacts::CallResult, "condition kind");
      if (B.Cond.K != CondFacts::None) {
        B.Cond.Negated = b();
        B.Cond.Key = u();
        int64_t Pm = s();
        if (Pm < -1 || Pm > 0x7fffffff)
          fail("condition parameter out of range");
        B.Cond.Param = int32_t(Pm);
        B.Cond.Bits = u();
        B.Cond.Index = u32("condition operand");
        B.Cond.ParamTruth = b();
        B.Cond.Narrowed = b();
        int64_t FP = s();
        if (FP < -1 || FP > 0x7fffffff)
          fail("condition field parameter out of range");
        B.Cond.FieldParam = int32_t(FP);
        if (B.Cond.FieldParam >= 0)
          B.Cond.Field = sym();
      }
    }
    if (!Failed)
      validate(F);
  }
  /// Every index the link follows, checked once here.
  void validate(const FnFacts &F) {
    size_t NB = F.Blocks.size(), NC = F.Calls.size(), NV = F.Values.size(),
           NL = F.Locals.size();
    if (F.Entry >= NB || F.Exit >= NB)
      return fail("'" + F.Name.str() + "': entry or exit block out of range");
    auto ArgOk = [&](const ArgVal &A) {
      return (A.Mask == NoIndex || A.Mask < F.Masks.size()) &&
             (A.Fns == NoIndex || A.Fns < F.FnLists.size()) &&
             (A.OutLocal == NoIndex || A.OutLocal < NL) &&
             (A.MovedLocal == NoIndex || A.MovedLocal < NL) &&
             (A.BaseLocal == NoIndex || A.BaseLocal < NL) &&
             (A.SelfLocal == NoIndex || A.SelfLocal < NL) &&
             (A.Lock.K != LockVal::Local || A.Lock.Index < NL) &&
             (A.Lock.K != LockVal::Result || A.Lock.Index < NC);
    };
    for (size_t I = 0; I < NL; ++I)
      if (F.Locals[I].Base != NoIndex && F.Locals[I].Base >= I)
        return fail("'" + F.Name.str() + "': a field's base local out of range");
    for (const FnFacts::Widening &W : F.Widenings)
      if (W.Param >= F.ParamNames.size())
        return fail("'" + F.Name.str() + "': a widened parameter out of range");
    for (const MaskVal &M : F.Masks)
      for (const MaskTerm &T : M.Terms)
        if (T.K == MaskTerm::Result && T.Index >= NC)
          return fail("'" + F.Name.str() + "': a mask names a call out of range");
    for (const CallFacts &C : F.Calls) {
      for (const ArgVal &A : C.Args)
        if (!ArgOk(A))
          return fail("'" + F.Name.str() + "': an argument refers out of range");
      if (!ArgOk(C.Object) || (C.HasHintSubclass && !ArgOk(C.HintSubclass)) ||
          (C.ObjLocal != NoIndex && C.ObjLocal >= NL))
        return fail("'" + F.Name.str() + "': a call refers out of range");
    }
    for (const ValueFacts &V : F.Values)
      if (!ArgOk(V.Val) || (V.FromCall != NoIndex && V.FromCall >= NC) ||
          (V.FromLocal != NoIndex && V.FromLocal >= NL) ||
          (V.Local != NoIndex && V.Local >= NL))
        return fail("'" + F.Name.str() + "': a value refers out of range");
    for (const auto &Set : F.CallSets)
      for (uint32_t C : Set)
        if (C >= NC)
          return fail("'" + F.Name.str() + "': an owned call out of range");
    for (const BlockFacts &B : F.Blocks) {
      for (uint32_t S : B.Succs)
        if (S != NoIndex && S >= NB)
          return fail("'" + F.Name.str() + "': a successor out of range");
      for (const Event &E : B.Events) {
        bool Ok = true;
        switch (E.K) {
        case Event::Call: Ok = E.A < NC; break;
        case Event::Assign:
        case Event::Return: Ok = E.A < NV; break;
        case Event::Decl: Ok = E.A < NL && E.B < F.CallSets.size(); break;
        case Event::ScopeEnd: Ok = E.A < NL; break;
        }
        if (!Ok)
          return fail("'" + F.Name.str() + "': an event refers out of range");
      }
      if ((B.Cond.K == CondFacts::Local && B.Cond.Index >= NL) ||
          (B.Cond.K == CondFacts::CallResult && B.Cond.Index >= NC) ||
          (B.Cond.FieldParam >= 0 && size_t(B.Cond.FieldParam) >= F.ParamNames.size()))
        return fail("'" + F.Name.str() + "': a condition refers out of range");
    }
  }
  void unit(UnitFacts &U) {
    U.MainFile = sym();
    U.GfpFromUnit = b();
    uint64_t NS = count(2);
    for (uint64_t I = 0; I < NS && !Failed; ++I) {
      Symbol N = sym();
      U.GfpSingles.emplace_back(N.str(), u());
    }
    uint64_t NC = count(2);
    for (uint64_t I = 0; I < NC && !Failed; ++I) {
      Symbol N = sym();
      U.GfpComposites.emplace_back(N.str(), u());
    }
    uint64_t NF = count(16);
    U.Functions.resize(NF);
    for (uint64_t I = 0; I < NF && !Failed; ++I)
      function(U.Functions[I]);
    uint64_t NT = count(1);
    for (uint64_t I = 0; I < NT && !Failed; ++I)
      U.Trivial.push_back(sym());
    uint64_t NSt = count(9);
    for (uint64_t I = 0; I < NSt && !Failed; ++I) {
      StoreFacts S;
      S.K = kind<StoreFacts::Kind>(StoreFacts::Overrider, "store kind");
      S.Key = sym();
      S.Object = sym();
      S.Position = u32("position");
      S.Fn = sym();
      S.FnName = sym();
      S.At = loc();
      U.Stores.push_back(S);
    }
    uint64_t NM = count(7);
    for (uint64_t I = 0; I < NM && !Failed; ++I) {
      MaskStoreFacts M;
      M.Field = sym();
      M.Value = u();
      M.Where = loc();
      M.Fn = sym();
      M.Param = idx();
      U.MaskStores.push_back(M);
    }
    uint64_t NK = count(2);
    for (uint64_t I = 0; I < NK && !Failed; ++I) {
      KeyedClassFacts K;
      K.Class = sym();
      K.Where = loc();
      U.KeyedClasses.push_back(K);
    }
    uint64_t NA = count(12);
    for (uint64_t I = 0; I < NA && !Failed; ++I) {
      AnnotationFacts A;
      A.K = kind<AnnotationFacts::Kind>(AnnotationFacts::MustNotHold, "annotation kind");
      A.Fn = sym();
      A.FnName = sym();
      A.Op = kind<ApiOp>(unsigned(LastApiOp), "operation");
      A.Fl = kind<Flavor>(unsigned(LastFlavor), "flavour");
      int64_t Pm = s();
      if (Pm < -1 || Pm > 0x7fffffff)
        fail("annotation parameter out of range");
      A.Param = int32_t(Pm);
      A.Lock = lock();
      A.Via = sym();
      A.Where = loc();
      U.Annotations.push_back(A);
    }
    uint64_t NSu = count(3);
    for (uint64_t I = 0; I < NSu && !Failed; ++I) {
      SuppressionFacts S;
      S.File = sym();
      S.Line = u32("line");
      S.Rule = sym();
      U.Suppressions.push_back(S);
    }
  }
};

} // namespace

std::string gfpdep::writeFacts(const UnitFacts &U) { return Writer().finish(U); }

llvm::Expected<std::vector<std::shared_ptr<const UnitFacts>>>
gfpdep::readFacts(llvm::StringRef Bytes, llvm::StringRef Origin) {
  std::vector<std::shared_ptr<const UnitFacts>> Out;
  uint64_t At = 0;
  while (!Bytes.empty()) {
    // Sections are padded to their alignment: skip zero bytes between records.
    if (Bytes.front() == '\0') {
      Bytes = Bytes.drop_front();
      ++At;
      continue;
    }
    auto Bad = [&](const std::string &What) {
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          llvm::formatv("{0}: invalid gfpdep facts at byte {1}: {2}", Origin, At, What)
              .str());
    };
    if (Bytes.size() < 20 || Bytes.substr(0, 8) != llvm::StringRef(Magic, 8))
      return Bad("not a gfpdep facts record");
    uint32_t Version = llvm::support::endian::read32le(Bytes.data() + 8);
    uint64_t Len = llvm::support::endian::read64le(Bytes.data() + 12);
    if (Version != FactsFormatVersion)
      return Bad(llvm::formatv("format version {0}; this gfpdep reads version {1} "
                               "(rebuild with the same gfpdep)",
                               Version, FactsFormatVersion)
                     .str());
    if (Len > Bytes.size() - 20)
      return Bad(llvm::formatv("the record says {0} bytes, {1} are left", Len,
                               Bytes.size() - 20)
                     .str());
    auto U = std::make_shared<UnitFacts>();
    Reader R(Bytes.substr(20, Len), Origin, At + 20);
    if (llvm::Error E = R.read(*U))
      return std::move(E);
    Out.push_back(std::move(U));
    Bytes = Bytes.drop_front(20 + Len);
    At += 20 + Len;
  }
  return Out;
}
