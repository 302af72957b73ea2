//===- FactsDump.cpp - a readable listing of a unit's facts ---------------===//

#include "facts/FactsDump.h"
#include "llvm/ADT/StringExtras.h"

using namespace gfpdep;

static void lock(llvm::raw_ostream &OS, const LockVal &L) {
  switch (L.K) {
  case LockVal::None: OS << "-"; break;
  case LockVal::Named: OS << L.Class; break;
  case LockVal::Param: OS << "$" << L.Index; break;
  case LockVal::Local: OS << "local" << L.Index; break;
  case LockVal::Result: OS << "result(call" << L.Index << ")"; break;
  }
}

static void arg(llvm::raw_ostream &OS, const FnFacts &F, const ArgVal &A) {
  OS << "{";
  lock(OS, A.Lock);
  if (const MaskVal *M = F.mask(A)) {
    OS << " mask[";
    for (const MaskTerm &T : M->Terms) {
      switch (T.K) {
      case MaskTerm::Const: OS << "0x"; OS.write_hex(T.Bits); break;
      case MaskTerm::Param: OS << "$" << T.Index << "|"; OS.write_hex(T.Bits); break;
      case MaskTerm::FieldRead: OS << T.Field << "|"; OS.write_hex(T.Bits); break;
      case MaskTerm::Result: OS << "result(call" << T.Index << ")"; break;
      }
      OS << " ";
    }
    if (M->Clear) {
      OS << "~";
      OS.write_hex(M->Clear);
    }
    OS << "]";
  }
  for (Symbol S : F.fns(A))
    OS << " fn:" << S;
  if (A.HasInt)
    OS << " int:" << A.Int;
  if (A.IntParam != NoIndex)
    OS << " intparam:" << A.IntParam;
  if (A.OutLocal != NoIndex)
    OS << " out:local" << A.OutLocal;
  if (A.MovedLocal != NoIndex)
    OS << " moved:local" << A.MovedLocal;
  if (A.NonNull)
    OS << " nonnull";
  OS << "}";
}

void gfpdep::dumpFacts(const UnitFacts &U, llvm::raw_ostream &OS) {
  OS << "unit " << U.MainFile << "\n";
  for (const FnFacts &F : U.Functions) {
    OS << "function " << F.Name << " id=" << F.Id << (F.External ? " external" : "")
       << (F.NoReturn ? " noreturn" : "") << " entry=" << F.Entry << " exit=" << F.Exit
       << "\n";
    if (F.FrameBytes) {
      OS << "  frame " << F.FrameBytes << " bytes";
      for (const FnFacts::FrameLocal &L : F.BigLocals)
        OS << " " << L.Name << "=" << L.Bytes;
      OS << "\n";
    }
    for (const FnFacts::Widening &W : F.Widenings)
      OS << "  widens param" << W.Param << " by 0x" << llvm::utohexstr(W.Bits) << " if 0x"
         << llvm::utohexstr(W.Need0) << " and 0x" << llvm::utohexstr(W.Need1) << "\n";
    for (size_t I = 0; I < F.Locals.size(); ++I)
      OS << "  local" << I << " " << F.Locals[I].Name << "\n";
    for (size_t B = 0; B < F.Blocks.size(); ++B) {
      const BlockFacts &BF = F.Blocks[B];
      OS << "  block " << B << " ->";
      for (uint32_t S : BF.Succs)
        OS << " " << (S == NoIndex ? std::string("x") : std::to_string(S));
      if (BF.Cond.K != CondFacts::None) {
        OS << " cond ";
        switch (BF.Cond.K) {
        case CondFacts::Stable: OS << "stable:" << BF.Cond.Key; break;
        case CondFacts::Local: OS << "local" << BF.Cond.Index; break;
        case CondFacts::CallResult: OS << "call" << BF.Cond.Index; break;
        default: break;
        }
        if (BF.Cond.Negated)
          OS << " negated";
        if (BF.Cond.Param >= 0)
          OS << " param" << BF.Cond.Param << "&" << BF.Cond.Bits;
      }
      OS << "\n";
      for (const Event &E : BF.Events) {
        OS << "    ";
        switch (E.K) {
        case Event::Call: {
          const CallFacts &C = F.Calls[E.A];
          OS << "call" << E.A << " " << unsigned(C.Kind) << " " << C.Name << " @"
             << C.At.Line << ":" << C.At.Col;
          if (!C.Object.Lock.known() && !C.Args.empty())
            OS << " ";
          if (C.Object.Lock.known()) {
            OS << " this=";
            arg(OS, F, C.Object);
          }
          for (const ArgVal &A : C.Args) {
            OS << " ";
            arg(OS, F, A);
          }
          if (C.ObjLocal != NoIndex)
            OS << " on local" << C.ObjLocal;
          if (!C.StoredInto.empty())
            OS << " into " << C.StoredInto;
          break;
        }
        case Event::Assign: {
          const ValueFacts &V = F.Values[E.A];
          OS << "local" << V.Local << " = ";
          arg(OS, F, V.Val);
          if (V.FromCall != NoIndex)
            OS << " from call" << V.FromCall;
          if (V.FromLocal != NoIndex)
            OS << " from local" << V.FromLocal;
          break;
        }
        case Event::Decl:
          OS << "decl local" << E.A << " owns";
          for (uint32_t C : F.CallSets[E.B])
            OS << " call" << C;
          break;
        case Event::ScopeEnd:
          OS << "end local" << E.A;
          break;
        case Event::Return: {
          const ValueFacts &V = F.Values[E.A];
          OS << "return ";
          arg(OS, F, V.Val);
          if (V.FromCall != NoIndex)
            OS << " from call" << V.FromCall;
          if (V.FromLocal != NoIndex)
            OS << " from local" << V.FromLocal;
          break;
        }
        }
        OS << "\n";
      }
    }
  }
  for (Symbol T : U.Trivial)
    OS << "trivial " << T << "\n";
  for (const StoreFacts &S : U.Stores)
    OS << "store " << unsigned(S.K) << " " << S.Key << " " << S.Object << " "
       << S.Position << " <- " << S.FnName << "\n";
}
