//===- Effects.cpp - keys and merging of the engine's vocabulary ----------===//
///
/// \file
/// Identity keys (used for deduplication and fixpoints) and set operations
/// on masks, contexts, effects and summaries.
//===----------------------------------------------------------------------===//

#include "Effects.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>

using namespace gfpdep;

std::string LockRef::key() const {
  if (Param >= 0)
    return "$" + std::to_string(Param);
  return Class;
}

bool MaskSource::operator<(const MaskSource &O) const {
  return std::tie(Value, Where, AtLeaf) < std::tie(O.Value, O.Where, O.AtLeaf);
}

void Mask::add(const MaskSource &S) {
  // One source per value: the first (smallest location) wins.
  for (MaskSource &V : Values)
    if (V.Value == S.Value) {
      if (S < V)
        V = S;
      return;
    }
  Values.push_back(S);
  llvm::sort(Values);
}

void Mask::unite(const Mask &O) {
  for (const MaskSource &S : O.Values)
    add(S);
  if (O.Param >= 0 && Param < 0) {
    Param = O.Param;
    ParamOr = O.ParamOr;
  }
  Clear |= O.Clear;
  NoReclaim |= O.NoReclaim;
}

std::string Mask::key() const {
  std::string K;
  llvm::raw_string_ostream OS(K);
  // Values only: where a value was written is a witness, not an identity.
  for (const MaskSource &S : Values)
    OS << S.Value << ",";
  OS << "p" << Param << "|" << ParamOr << "~" << Clear << (NoReclaim ? "!" : "");
  return K;
}

std::string Context::key() const {
  std::string K = std::to_string(unsigned(Kind)) + ":" +
                  std::to_string(unsigned(Fl));
  if (Kind == CtxKind::Lock)
    K += ":" + Lock.key() + "/" + std::to_string(Subclass);
  if (Kind == CtxKind::Entry || Kind == CtxKind::NeverSleeps)
    K += ":" + Entry;
  return K;
}

bool Context::atomic() const {
  switch (Kind) {
  case CtxKind::Lock:
    return isSpinningLock(Fl);
  case CtxKind::Section:
  case CtxKind::Entry:
    return Fl == Flavor::IrqOff || Fl == Flavor::PreemptOff ||
           Fl == Flavor::RcuRead || Fl == Flavor::BhOff ||
           Fl == Flavor::HardIrq || Fl == Flavor::Timer ||
           Fl == Flavor::Tasklet || Fl == Flavor::RcuCallback ||
           Fl == Flavor::NapiPoll;
  default:
    return false;
  }
}

bool Context::nonBlocking() const {
  return (Kind == CtxKind::Section || Kind == CtxKind::Entry) &&
         Fl == Flavor::NonBlock;
}

static void appendLoc(llvm::raw_ostream &OS, const Loc &L) {
  OS << L.File << ":" << L.Line << ":" << L.Col;
}

std::string Effect::key() const {
  std::string K;
  llvm::raw_string_ostream OS(K);
  OS << unsigned(Kind) << "|";
  // An acquisition is identified by its lock class: one witness per class is
  // what lock-order and reclaim need. Allocations and blocking calls by leaf.
  if (Kind != EffectKind::Acquire)
    appendLoc(OS, Leaf);
  OS << "|" << What;
  if (Kind == EffectKind::Alloc)
    OS << "|" << M.key();
  if (Kind == EffectKind::Acquire || Kind == EffectKind::Requires)
    OS << "|" << Lock.key() << "/" << Subclass;
  // The set of enclosing contexts, in a canonical order.
  std::vector<std::string> U;
  for (const Enclosing &E : Under) {
    std::string S = E.Ctx.key() + "@";
    llvm::raw_string_ostream SOS(S);
    appendLoc(SOS, E.Ctx.Origin);
    U.push_back(std::move(S));
  }
  llvm::sort(U);
  for (const std::string &S : U)
    OS << "|" << S;
  return K;
}

static llvm::hash_code hashLoc(const Loc &L) {
  return llvm::hash_combine(L.File.data(), L.Line, L.Col);
}

static llvm::hash_code hashContext(const Context &C) {
  return llvm::hash_combine(unsigned(C.Kind), unsigned(C.Fl), C.Lock.Class.data(),
                            C.Lock.Param, C.Subclass, C.Entry.data(),
                            hashLoc(C.Origin));
}

uint64_t Effect::identityHash() const {
  llvm::hash_code H = llvm::hash_combine(unsigned(Kind), What.data());
  if (Kind != EffectKind::Acquire)
    H = llvm::hash_combine(H, hashLoc(Leaf));
  if (Kind == EffectKind::Alloc) {
    for (const MaskSource &V : M.Values)
      H = llvm::hash_combine(H, V.Value);
    H = llvm::hash_combine(H, M.Param, M.ParamOr, M.Clear, M.NoReclaim);
  }
  if (Kind == EffectKind::Acquire || Kind == EffectKind::Requires)
    H = llvm::hash_combine(H, Lock.Class.data(), Lock.Param, Subclass);
  // Order-independent over the enclosing contexts.
  uint64_t U = 0;
  for (const Enclosing &E : Under)
    U += hashContext(E.Ctx);
  return llvm::hash_combine(H, U);
}

static bool sameContext(const Context &A, const Context &B) {
  return A.Kind == B.Kind && A.Fl == B.Fl && A.Lock.Class == B.Lock.Class &&
         A.Lock.Param == B.Lock.Param && A.Subclass == B.Subclass &&
         A.Entry == B.Entry && A.Origin == B.Origin;
}

bool Effect::sameIdentity(const Effect &O) const {
  if (Kind != O.Kind || What != O.What)
    return false;
  if (Kind != EffectKind::Acquire && Leaf != O.Leaf)
    return false;
  if (Kind == EffectKind::Alloc) {
    if (M.Values.size() != O.M.Values.size() || M.Param != O.M.Param ||
        M.ParamOr != O.M.ParamOr || M.Clear != O.M.Clear ||
        M.NoReclaim != O.M.NoReclaim)
      return false;
    for (size_t I = 0; I < M.Values.size(); ++I)
      if (M.Values[I].Value != O.M.Values[I].Value)
        return false;
  }
  if ((Kind == EffectKind::Acquire || Kind == EffectKind::Requires) &&
      (Lock.Class != O.Lock.Class || Lock.Param != O.Lock.Param ||
       Subclass != O.Subclass))
    return false;
  if (Under.size() != O.Under.size())
    return false;
  for (const Enclosing &A : Under)
    if (llvm::none_of(O.Under, [&](const Enclosing &B) {
          return sameContext(A.Ctx, B.Ctx);
        }))
      return false;
  return true;
}

bool Effect::blocking() const {
  if (Kind == EffectKind::Block)
    return true;
  return Kind == EffectKind::Acquire && isSleepingLock(Fl);
}

Chain Chain::prepend(const Loc &Where, Symbol Text, int MaskArg) const {
  Chain C;
  C.Head = std::make_shared<const Node>(Node{Where, Text, Head, MaskArg, false});
  C.Size = Size + 1;
  return C;
}

Chain Chain::withMergedHead() const {
  if (!Head || Head->Merged)
    return *this;
  Chain C = *this;
  Node N = *Head;
  N.Merged = true;
  C.Head = std::make_shared<const Node>(std::move(N));
  return C;
}

Chain::StepInfo Chain::stepFromEnd(unsigned N) const {
  const Node *At = Head.get();
  for (unsigned Skip = N < Size ? Size - N : 0; At && Skip; --Skip)
    At = At->Next.get();
  if (!At)
    return {};
  return {At->Where, At->MaskArg, At->Merged};
}

Chain Chain::rest() const {
  Chain C;
  if (Head) {
    C.Head = Head->Next;
    C.Size = Size - 1;
  }
  return C;
}

std::vector<Step> Chain::steps() const {
  std::vector<Step> Out;
  Out.reserve(Size);
  for (const Node *N = Head.get(); N; N = N->Next.get())
    Out.push_back({N->Where, N->Text.str()});
  return Out;
}

std::vector<Step> Chain::suffix(unsigned N) const {
  std::vector<Step> All = steps();
  if (N >= All.size())
    return All;
  return std::vector<Step>(All.end() - N, All.end());
}

bool Chain::before(const Chain &O) const {
  if (Size != O.Size)
    return Size < O.Size;
  for (const Node *A = Head.get(), *B = O.Head.get(); A && B;
       A = A->Next.get(), B = B->Next.get())
    if (A->Where != B->Where)
      return A->Where < B->Where;
  return false;
}

void Summary::truncate(unsigned MaxPerKind) {
  unsigned Count[4] = {0, 0, 0, 0};
  for (const Effect &E : Effects)
    ++Count[unsigned(E.Kind)];
  if (llvm::all_of(Count, [&](unsigned C) { return C <= MaxPerKind; }))
    return;
  // Keep the nearest effects of each kind: shortest chains, then positions.
  std::vector<Effect> Old = std::move(Effects);
  std::vector<unsigned> Order(Old.size());
  for (unsigned I = 0; I < Order.size(); ++I)
    Order[I] = I;
  llvm::sort(Order, [&](unsigned A, unsigned B) {
    const Effect &EA = Old[A], &EB = Old[B];
    if (EA.Chain.size() != EB.Chain.size())
      return EA.Chain.size() < EB.Chain.size();
    if (EA.Leaf != EB.Leaf)
      return EA.Leaf < EB.Leaf;
    return A < B; // insertion order: deterministic
  });
  Effects.clear();
  Index.clear();
  unsigned Kept[4] = {0, 0, 0, 0};
  for (unsigned I : Order)
    if (Effect &E = Old[I]; Kept[unsigned(E.Kind)]++ < MaxPerKind) {
      Index[E.identityHash()].push_back(Effects.size());
      Effects.push_back(std::move(E));
    }
  Truncated = true;
}

bool Summary::add(Effect E) {
  llvm::SmallVector<unsigned, 1> &Slots = Index[E.identityHash()];
  unsigned *Found = nullptr;
  for (unsigned &I : Slots)
    if (Effects[I].sameIdentity(E))
      Found = &I;
  if (!Found) {
    Slots.push_back(Effects.size());
    Effects.push_back(std::move(E));
    return true;
  }
  Effect &Old = Effects[*Found];
  // Reached again through another call site of this function: the path
  // mode must not judge the effect by one of them alone.
  bool OtherSite = !Old.Chain.empty() && !E.Chain.empty() &&
                   Old.Chain.stepFromEnd(Old.Chain.size()).Where !=
                       E.Chain.stepFromEnd(E.Chain.size()).Where;
  if (!E.Chain.before(Old.Chain)) {
    if (OtherSite)
      Old.Chain = Old.Chain.withMergedHead();
    return false;
  }
  Old = std::move(E);
  if (OtherSite)
    Old.Chain = Old.Chain.withMergedHead();
  return true;
}

std::string Summary::signature() const {
  std::vector<std::string> Keys;
  for (const Effect &E : Effects)
    Keys.push_back(E.key());
  llvm::sort(Keys);
  std::string S;
  for (const std::string &K : Keys)
    S += K + "\n";
  for (const Context &C : NetAcquire)
    S += "+" + C.key() + "\n";
  for (const Context &C : NetRelease)
    S += "-" + C.key() + "\n";
  return S;
}
