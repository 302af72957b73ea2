//===- GfpLayout.cpp - reading the unit's GFP bits -------------------------===//
///
/// \file
/// Reads the GFP bit layout from the translation unit's macros and enums.
/// Macros are evaluated from their tokens: clang keeps every definition after
/// parsing, but has no API to evaluate an unexpanded macro, so a small
/// constant-expression evaluator over the expanded tokens does it.
//===----------------------------------------------------------------------===//

#include "GfpLayout.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace gfpdep;
using namespace clang;

namespace {

struct Tok {
  enum KindT { Ident, Num, Punct } Kind;
  std::string Text;
};

/// Expands macros and evaluates the resulting tokens.
class MacroEvaluator {
public:
  MacroEvaluator(Preprocessor &PP, ASTContext &Ctx) : PP(PP), Ctx(Ctx) {}

  std::optional<uint64_t> evaluate(StringRef Name) {
    return evaluateTokens({Name.str()});
  }

  std::optional<uint64_t> evaluateTokens(llvm::ArrayRef<std::string> Texts) {
    std::vector<Tok> In;
    for (const std::string &T : Texts)
      In.push_back(classify(T));
    std::vector<Tok> Out;
    if (!expand(In, Out, 0))
      return std::nullopt;
    Toks = std::move(Out);
    Pos = 0;
    Failed = false;
    uint64_t V = parseExpr(0);
    if (Failed || Pos != Toks.size())
      return std::nullopt;
    return V;
  }

private:
  Preprocessor &PP;
  ASTContext &Ctx;
  llvm::StringSet<> Active;
  std::vector<Tok> Toks;
  size_t Pos = 0;
  bool Failed = false;

  const MacroInfo *macro(StringRef Name) {
    IdentifierInfo *II = PP.getIdentifierInfo(Name);
    if (!II || !II->hasMacroDefinition())
      return nullptr;
    return PP.getMacroInfo(II);
  }

  std::vector<Tok> tokensOf(const MacroInfo *MI) {
    std::vector<Tok> R;
    for (const Token &T : MI->tokens()) {
      Tok::KindT K = T.getIdentifierInfo()           ? Tok::Ident
                     : T.is(tok::numeric_constant) ? Tok::Num
                                                   : Tok::Punct;
      R.push_back({K, PP.getSpelling(T)});
    }
    return R;
  }

  static Tok classify(std::string Text) {
    if (!Text.empty() && (isdigit(Text[0])))
      return {Tok::Num, std::move(Text)};
    if (!Text.empty() && (isalpha(Text[0]) || Text[0] == '_'))
      return {Tok::Ident, std::move(Text)};
    return {Tok::Punct, std::move(Text)};
  }

  bool expand(const std::vector<Tok> &In, std::vector<Tok> &Out, int Depth) {
    if (Depth > 32 || Out.size() > 4096)
      return false;
    for (size_t I = 0; I < In.size(); ++I) {
      const Tok &T = In[I];
      const MacroInfo *MI =
          T.Kind == Tok::Ident && !Active.count(T.Text) ? macro(T.Text) : nullptr;
      if (!MI) {
        Out.push_back(T);
        continue;
      }
      std::vector<Tok> Body = tokensOf(MI);
      if (MI->isFunctionLike()) {
        if (I + 1 >= In.size() || In[I + 1].Text != "(") {
          Out.push_back(T); // the name alone, not an invocation
          continue;
        }
        std::vector<std::vector<Tok>> Args(1);
        int Nest = 0;
        size_t J = I + 2;
        for (; J < In.size(); ++J) {
          const std::string &S = In[J].Text;
          if (In[J].Kind == Tok::Punct && S == ")" && Nest == 0)
            break;
          if (In[J].Kind == Tok::Punct && S == "(")
            ++Nest;
          if (In[J].Kind == Tok::Punct && S == ")")
            --Nest;
          if (In[J].Kind == Tok::Punct && S == "," && Nest == 0) {
            Args.emplace_back();
            continue;
          }
          Args.back().push_back(In[J]);
        }
        if (J >= In.size())
          return false;
        I = J;
        Body = substitute(MI, Body, Args, Depth);
      }
      Active.insert(T.Text);
      bool Ok = expand(Body, Out, Depth + 1);
      Active.erase(T.Text);
      if (!Ok)
        return false;
    }
    return true;
  }

  std::vector<Tok> substitute(const MacroInfo *MI, const std::vector<Tok> &Body,
                              const std::vector<std::vector<Tok>> &Args,
                              int Depth) {
    auto ParamIndex = [&](const Tok &T) -> int {
      if (T.Kind != Tok::Ident)
        return -1;
      unsigned Idx = 0;
      for (const IdentifierInfo *P : MI->params()) {
        if (P->getName() == T.Text)
          return Idx < Args.size() ? int(Idx) : -1;
        ++Idx;
      }
      return -1;
    };
    std::vector<Tok> R;
    bool PasteNext = false;
    for (size_t I = 0; I < Body.size(); ++I) {
      const Tok &T = Body[I];
      if (T.Kind == Tok::Punct && T.Text == "##") {
        PasteNext = true;
        continue;
      }
      bool NextIsPaste = I + 1 < Body.size() && Body[I + 1].Text == "##";
      std::vector<Tok> Piece;
      int P = ParamIndex(T);
      if (P < 0) {
        Piece.push_back(T);
      } else if (PasteNext || NextIsPaste) {
        Piece = Args[P];
      } else {
        if (!expand(Args[P], Piece, Depth + 1))
          Piece = Args[P];
      }
      if (PasteNext && !R.empty() && !Piece.empty()) {
        Tok Joined = classify(R.back().Text + Piece.front().Text);
        R.back() = Joined;
        R.insert(R.end(), Piece.begin() + 1, Piece.end());
      } else {
        R.insert(R.end(), Piece.begin(), Piece.end());
      }
      PasteNext = false;
    }
    return R;
  }

  // --- evaluation over Toks ---------------------------------------------------
  bool atPunct(StringRef S) const {
    return Pos < Toks.size() && Toks[Pos].Kind == Tok::Punct && Toks[Pos].Text == S;
  }

  static int precedence(StringRef Op) {
    if (Op == "*" || Op == "/" || Op == "%")
      return 10;
    if (Op == "+" || Op == "-")
      return 9;
    if (Op == "<<" || Op == ">>")
      return 8;
    if (Op == "&")
      return 5;
    if (Op == "^")
      return 4;
    if (Op == "|")
      return 3;
    return -1;
  }

  uint64_t parseExpr(int MinPrec) {
    uint64_t L = parseUnary();
    while (!Failed && Pos < Toks.size() && Toks[Pos].Kind == Tok::Punct) {
      std::string Op = Toks[Pos].Text;
      int P = precedence(Op);
      if (P < 0 || P < MinPrec)
        break;
      ++Pos;
      uint64_t R = parseExpr(P + 1);
      if (Op == "*") L *= R;
      else if (Op == "/") L = R ? L / R : (Failed = true, 0);
      else if (Op == "%") L = R ? L % R : (Failed = true, 0);
      else if (Op == "+") L += R;
      else if (Op == "-") L -= R;
      else if (Op == "<<") L = R < 64 ? L << R : 0;
      else if (Op == ">>") L = R < 64 ? L >> R : 0;
      else if (Op == "&") L &= R;
      else if (Op == "^") L ^= R;
      else if (Op == "|") L |= R;
    }
    return L;
  }

  std::optional<uint64_t> enumValue(StringRef Name) {
    IdentifierInfo &II = Ctx.Idents.get(Name);
    for (NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&II))
      if (auto *EC = dyn_cast<EnumConstantDecl>(D))
        return EC->getInitVal().getZExtValue();
    return std::nullopt;
  }

  /// "( type-name )" ahead: identifiers and '*' only, none of them a value.
  bool castAhead() {
    size_t J = Pos + 1;
    bool Any = false;
    for (; J < Toks.size(); ++J) {
      const Tok &T = Toks[J];
      if (T.Kind == Tok::Punct && T.Text == ")")
        break;
      if (T.Kind == Tok::Punct && T.Text == "*")
        continue;
      if (T.Kind != Tok::Ident || enumValue(T.Text))
        return false;
      Any = true;
    }
    return Any && J < Toks.size() && J + 1 < Toks.size();
  }

  uint64_t parseUnary() {
    if (Pos >= Toks.size()) {
      Failed = true;
      return 0;
    }
    if (atPunct("~")) { ++Pos; return ~parseUnary(); }
    if (atPunct("-")) { ++Pos; return -parseUnary(); }
    if (atPunct("+")) { ++Pos; return parseUnary(); }
    if (atPunct("!")) { ++Pos; return !parseUnary(); }
    if (atPunct("(")) {
      if (castAhead()) {
        while (!atPunct(")"))
          ++Pos;
        ++Pos;
        return parseUnary();
      }
      ++Pos;
      uint64_t V = parseExpr(0);
      if (!atPunct(")")) {
        Failed = true;
        return 0;
      }
      ++Pos;
      return V;
    }
    const Tok &T = Toks[Pos++];
    if (T.Kind == Tok::Num) {
      StringRef S = T.Text;
      S = S.rtrim("uUlL");
      uint64_t V;
      if (S.getAsInteger(0, V))
        Failed = true;
      return V;
    }
    if (T.Kind == Tok::Ident)
      if (auto V = enumValue(T.Text))
        return *V;
    Failed = true;
    return 0;
  }
};

struct BitName {
  const char *Name;
  uint64_t Default; // Linux 6.1
};

// Single bits, in the order describe() lists them.
const BitName SingleBits[] = {
    {"__GFP_DMA", 0x01},          {"__GFP_HIGHMEM", 0x02},
    {"__GFP_DMA32", 0x04},        {"__GFP_MOVABLE", 0x08},
    {"__GFP_RECLAIMABLE", 0x10},  {"__GFP_HIGH", 0x20},
    {"__GFP_IO", 0x40},           {"__GFP_FS", 0x80},
    {"__GFP_ZERO", 0x100},        {"__GFP_ATOMIC", 0x200},
    {"__GFP_DIRECT_RECLAIM", 0x400}, {"__GFP_KSWAPD_RECLAIM", 0x800},
    {"__GFP_WRITE", 0x1000},      {"__GFP_NOWARN", 0x2000},
    {"__GFP_RETRY_MAYFAIL", 0x4000}, {"__GFP_NOFAIL", 0x8000},
    {"__GFP_NORETRY", 0x10000},   {"__GFP_MEMALLOC", 0x20000},
    {"__GFP_COMP", 0x40000},      {"__GFP_NOMEMALLOC", 0x80000},
    {"__GFP_HARDWALL", 0x100000}, {"__GFP_THISNODE", 0x200000},
    {"__GFP_ACCOUNT", 0x400000},
};

// Composite masks, preferred over single bits when describing.
const BitName CompositeMasks[] = {
    {"GFP_KERNEL", 0xcc0},          {"GFP_KERNEL_ACCOUNT", 0x400cc0},
    {"GFP_NOFS", 0xc40},            {"GFP_NOIO", 0xc00},
    {"GFP_ATOMIC", 0xa20},          {"GFP_NOWAIT", 0x800},
    {"GFP_USER", 0x100cc0},         {"GFP_HIGHUSER", 0x100cc2},
    {"GFP_HIGHUSER_MOVABLE", 0x100cca},
};

uint64_t bitOf(const std::vector<std::pair<std::string, uint64_t>> &V,
               StringRef Name) {
  for (const auto &P : V)
    if (P.first == Name)
      return P.second;
  return 0;
}

} // namespace

std::optional<uint64_t> gfpdep::evaluateMacro(Preprocessor &PP, ASTContext &Ctx,
                                              StringRef Name) {
  return MacroEvaluator(PP, Ctx).evaluate(Name);
}

std::optional<uint64_t>
gfpdep::evaluateTokens(Preprocessor &PP, ASTContext &Ctx,
                       llvm::ArrayRef<std::string> Tokens) {
  if (Tokens.empty())
    return std::nullopt;
  return MacroEvaluator(PP, Ctx).evaluateTokens(Tokens);
}

static void finish(GfpLayout &L) {
  L.DirectReclaim = bitOf(L.Singles, "__GFP_DIRECT_RECLAIM");
  L.KswapdReclaim = bitOf(L.Singles, "__GFP_KSWAPD_RECLAIM");
  L.IO = bitOf(L.Singles, "__GFP_IO");
  L.FS = bitOf(L.Singles, "__GFP_FS");
  L.NoRetry = bitOf(L.Singles, "__GFP_NORETRY");
  L.RetryMayFail = bitOf(L.Singles, "__GFP_RETRY_MAYFAIL");
  L.NoFail = bitOf(L.Singles, "__GFP_NOFAIL");
  L.Kernel = bitOf(L.Composites, "GFP_KERNEL");
  if (!L.Kernel)
    L.Kernel = L.DirectReclaim | L.KswapdReclaim | L.IO | L.FS;
}

GfpLayout GfpLayout::fromNamed(
    std::vector<std::pair<std::string, uint64_t>> Singles,
    std::vector<std::pair<std::string, uint64_t>> Composites) {
  GfpLayout L;
  L.Singles = std::move(Singles);
  L.Composites = std::move(Composites);
  L.FromTranslationUnit = true;
  finish(L);
  return L;
}

GfpLayout GfpLayout::linuxDefault() {
  GfpLayout L;
  for (const BitName &B : SingleBits)
    L.Singles.emplace_back(B.Name, B.Default);
  for (const BitName &B : CompositeMasks)
    L.Composites.emplace_back(B.Name, B.Default);
  finish(L);
  return L;
}

GfpLayout GfpLayout::read(Preprocessor &PP, ASTContext &Ctx) {
  MacroEvaluator Eval(PP, Ctx);
  GfpLayout L;
  for (const BitName &B : SingleBits) {
    std::optional<uint64_t> V = Eval.evaluate(B.Name);
    if (!V) // the raw ___GFP_* form, if only that is defined
      V = Eval.evaluate(std::string("_") + B.Name);
    if (V && *V && llvm::isPowerOf2_64(*V))
      L.Singles.emplace_back(B.Name, *V);
  }
  if (L.Singles.empty() || !bitOf(L.Singles, "__GFP_DIRECT_RECLAIM"))
    return linuxDefault();
  // A bit the unit does not define takes its 6.1 value, unless the unit
  // uses that value for another bit.
  for (const BitName &B : SingleBits) {
    if (bitOf(L.Singles, B.Name))
      continue;
    bool Taken = false;
    for (const auto &S : L.Singles)
      Taken |= S.second == B.Default;
    if (!Taken)
      L.Singles.emplace_back(B.Name, B.Default);
  }
  for (const BitName &B : CompositeMasks)
    if (std::optional<uint64_t> V = Eval.evaluate(B.Name))
      L.Composites.emplace_back(B.Name, *V);
  L.FromTranslationUnit = true;
  finish(L);
  return L;
}

StringRef GfpLayout::oomOptOut(uint64_t M) const {
  if (M & NoRetry)
    return "__GFP_NORETRY";
  if (M & RetryMayFail)
    return "__GFP_RETRY_MAYFAIL";
  return "";
}

std::string GfpLayout::describe(uint64_t M) const {
  for (const auto &C : Composites)
    if (C.second == M)
      return C.first;
  std::string Out;
  uint64_t Rest = M;
  // The largest composite contained in M, then single bits for the rest.
  const std::pair<std::string, uint64_t> *Best = nullptr;
  for (const auto &C : Composites)
    if (C.second && (C.second & M) == C.second &&
        (!Best || llvm::popcount(C.second) > llvm::popcount(Best->second)))
      Best = &C;
  if (Best) {
    Out = Best->first;
    Rest &= ~Best->second;
  }
  for (const auto &S : Singles) {
    if (!(Rest & S.second))
      continue;
    Out += Out.empty() ? "" : " | ";
    Out += S.first;
    Rest &= ~S.second;
  }
  if (Rest || Out.empty()) {
    Out += Out.empty() ? "" : " | ";
    llvm::raw_string_ostream OS(Out);
    OS << llvm::format_hex(Rest, 2);
  }
  return Out;
}
