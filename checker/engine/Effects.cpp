//===- Effects.cpp - keys and merging of the engine's vocabulary ----------===//
///
/// \file
/// Identity keys (used for deduplication and fixpoints) and set operations
/// on masks, contexts, effects and summaries.
//===----------------------------------------------------------------------===//

#include "Effects.h"
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
}

std::string Mask::key() const {
  std::string K;
  llvm::raw_string_ostream OS(K);
  for (const MaskSource &S : Values)
    OS << S.Value << "@" << S.Where.File << ":" << S.Where.Line << ":"
       << S.Where.Col << ",";
  OS << "p" << Param << "|" << ParamOr << "~" << Clear;
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
           Fl == Flavor::Tasklet;
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
  appendLoc(OS, Leaf);
  OS << "|" << What;
  if (Kind == EffectKind::Alloc)
    OS << "|" << M.key();
  if (Kind == EffectKind::Acquire)
    OS << "|" << Lock.key() << "/" << Subclass << (Try ? "t" : "");
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

bool Effect::blocking() const {
  if (Kind == EffectKind::Block)
    return true;
  return Kind == EffectKind::Acquire && !Try && isSleepingLock(Fl);
}

static bool chainBefore(const std::vector<Step> &A, const std::vector<Step> &B) {
  if (A.size() != B.size())
    return A.size() < B.size();
  for (size_t I = 0; I < A.size(); ++I)
    if (A[I].Where != B[I].Where)
      return A[I].Where < B[I].Where;
  return false;
}

bool Summary::add(Effect E) {
  std::string K = E.key();
  auto It = Index.find(K);
  if (It == Index.end()) {
    Index[K] = Effects.size();
    Effects.push_back(std::move(E));
    return true;
  }
  Effect &Old = Effects[It->second];
  if (!chainBefore(E.Chain, Old.Chain))
    return false;
  Old = std::move(E);
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
