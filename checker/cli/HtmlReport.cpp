//===- HtmlReport.cpp - a self-contained HTML report ----------------------===//

#include "HtmlReport.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <cmath>
#include <map>
#include <set>

using namespace gfpdep;
using llvm::StringRef;

std::string gfpdep::htmlEscape(StringRef Text) {
  std::string Out;
  Out.reserve(Text.size());
  for (char C : Text) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

namespace {

const char *Style = R"css(
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 2em 4em; color: #1b1b1b; }
h1 { font-size: 1.5em; margin: 1em 0 .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
code, .src { font: 13px/1.35 ui-monospace, monospace; }
.meta { color: #555; }
table.summary td { padding: 0 1em 0 0; }
.errors { border: 2px solid #c00000; padding: .5em 1em; background: #fff3f3; }
.finding { border-left: 4px solid #e0a000; padding: .2em 1em; margin: 1em 0; background: #fafafa; }
.finding h4 { font-size: 1em; margin: .3em 0; font-weight: normal; }
.rule { font-weight: bold; }
.msg { margin: .2em 0 .4em; }
.fix { color: #255f25; }
ol.chain { margin: 0; padding-left: 2em; }
ol.chain li { margin: .1em 0; }
a { color: #0645ad; text-decoration: none; }
a:hover { text-decoration: underline; }
table.src { border-collapse: collapse; margin: .3em 0 1em; tab-size: 8; }
table.src td { padding: 0 .6em; white-space: pre; vertical-align: top; }
table.src td.ln { color: #888; text-align: right; user-select: none; }
table.src tr.hit td { background: #fff2b3; }
table.src tr:target td { background: #ffd24d; }
table.src tr.gap td { color: #888; }
.srcfile { margin-top: 1.5em; font-weight: bold; }
svg.graph { border: 1px solid #ddd; max-width: 100%; height: auto; }
svg.graph .node rect, svg.graph .node circle { fill: #fff; stroke: #333; }
svg.graph .node.cycle rect, svg.graph .node.cycle circle { stroke: #c00000; stroke-width: 2; }
svg.graph .node.cycle text { fill: #c00000; }
svg.graph .node.pseudo rect, svg.graph .node.pseudo circle { stroke-dasharray: 4 3; }
svg.graph .node text { font: 12px ui-monospace, monospace; }
svg.graph .edge path { fill: none; stroke: #888; stroke-width: 1; }
svg.graph .edge.cycle path { stroke: #c00000; stroke-width: 2; }
svg.graph .edge.pseudo path { stroke-dasharray: 5 3; }
)css";

std::string fmt(double V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << llvm::format("%.1f", V);
  return S;
}

/// Source excerpts: for each file a finding touches, the lines around its
/// steps, numbered in the order files first appear.
class Sources {
public:
  explicit Sources(unsigned Context) : Context(Context) {}

  void want(const Loc &L) {
    if (!L.valid())
      return;
    auto [It, New] = Index.try_emplace(L.File.ref().str(), Files.size());
    if (New) {
      Files.emplace_back();
      File &F = Files.back();
      F.Path = L.File.ref().str();
      if (auto Buf = llvm::MemoryBuffer::getFile(F.Path, /*IsText=*/true)) {
        F.Buffer = std::move(*Buf);
        F.Buffer->getBuffer().split(F.Text, '\n');
      } else {
        F.Error = Buf.getError().message();
      }
    }
    File &F = Files[It->second];
    if (L.Line <= F.Text.size())
      F.Lines.insert(L.Line);
  }

  /// The id a link to L targets: its source line, or the file's heading
  /// when the line is not shown (the file could not be read).
  std::string anchor(const Loc &L) const {
    auto It = Index.find(L.File.ref().str());
    if (It == Index.end() || !L.valid())
      return "source";
    std::string File = "s" + std::to_string(It->second);
    if (!Files[It->second].Lines.count(L.Line))
      return File;
    return File + "-" + std::to_string(L.Line);
  }

  void write(llvm::raw_ostream &OS,
             const std::function<std::string(StringRef)> &Display) const {
    for (unsigned F = 0; F < Files.size(); ++F) {
      const File &Fi = Files[F];
      OS << "<div class=\"srcfile\" id=\"s" << F << "\">" << htmlEscape(Display(Fi.Path))
         << "</div>\n";
      if (!Fi.Buffer) {
        OS << "<p class=\"meta\">source not available: " << htmlEscape(Fi.Error) << "</p>\n";
        continue;
      }
      const llvm::SmallVector<StringRef, 0> &Lines = Fi.Text;
      // Merged ranges of [line - Context, line + Context].
      std::vector<std::pair<unsigned, unsigned>> Ranges;
      for (unsigned L : Fi.Lines) {
        unsigned Lo = L > Context ? L - Context : 1;
        unsigned Hi = std::min<unsigned>(L + Context, Lines.size());
        if (!Ranges.empty() && Lo <= Ranges.back().second + 1)
          Ranges.back().second = std::max(Ranges.back().second, Hi);
        else
          Ranges.push_back({Lo, Hi});
      }
      OS << "<table class=\"src\">\n";
      unsigned Prev = 0;
      for (auto [Lo, Hi] : Ranges) {
        if (Lo > Prev + 1)
          OS << "<tr class=\"gap\"><td class=\"ln\">&#8942;</td><td></td></tr>\n";
        for (unsigned L = Lo; L <= Hi && L <= Lines.size(); ++L) {
          StringRef Text = Lines[L - 1];
          Text.consume_back("\r");
          OS << "<tr id=\"s" << F << "-" << L << "\""
             << (Fi.Lines.count(L) ? " class=\"hit\"" : "") << "><td class=\"ln\">" << L
             << "</td><td>" << htmlEscape(Text) << "</td></tr>\n";
        }
        Prev = Hi;
      }
      OS << "</table>\n";
    }
  }

private:
  struct File {
    std::string Path;
    std::set<unsigned> Lines; ///< those shown highlighted
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    llvm::SmallVector<StringRef, 0> Text;
    std::string Error; ///< why it could not be read
  };
  unsigned Context;
  std::map<std::string, unsigned, std::less<>> Index;
  std::vector<File> Files;
};

std::string locLabel(const Loc &L, const std::function<std::string(StringRef)> &Display) {
  return Display(L.File.ref()) + ":" + std::to_string(L.Line) + ":" + std::to_string(L.Col);
}

/// The lock graph on a circle, nodes in name order, each edge a curve
/// bowing to the right of its direction (so A -> B and B -> A stay apart),
/// cycles in red and drawn last. Up to BoxNodes nodes are labelled boxes on
/// a circle made big enough that no two overlap; more are dots with their
/// names written outwards (a chord diagram), 14 px apart on the circle.
constexpr unsigned BoxNodes = 40;

void writeGraph(llvm::raw_ostream &OS, const ShownGraph &G, const Sources &Src) {
  unsigned N = G.Nodes.size();
  if (N == 0) {
    OS << "<p>No lock-class edges to draw.</p>\n";
    return;
  }
  const double CharW = 7.3, BoxH = 20;
  auto BoxW = [&](const std::string &Name) { return CharW * Name.size() + 12; };
  double Widest = 0;
  for (const std::string &Name : G.Nodes)
    Widest = std::max(Widest, BoxW(Name));
  bool Boxes = N <= BoxNodes;
  auto Place = [&](double R, unsigned I) {
    double A = 2 * M_PI * I / N - M_PI / 2;
    return std::make_pair(R * std::cos(A), R * std::sin(A));
  };
  double R = std::max(120.0, N * 14.0 / (2 * M_PI));
  if (Boxes) {
    // Grow the circle until no two boxes overlap.
    for (bool Overlap = true; Overlap;) {
      Overlap = false;
      for (unsigned I = 0; I < N && !Overlap; ++I)
        for (unsigned J = I + 1; J < N && !Overlap; ++J) {
          auto [Xi, Yi] = Place(R, I);
          auto [Xj, Yj] = Place(R, J);
          Overlap = std::abs(Xi - Xj) < (BoxW(G.Nodes[I]) + BoxW(G.Nodes[J])) / 2 + 4 &&
                    std::abs(Yi - Yj) < BoxH + 4;
        }
      if (Overlap)
        R *= 1.1;
    }
  }
  double MarginX = Boxes ? Widest / 2 + 20 : Widest + 20;
  double MarginY = Boxes ? 40 : Widest + 20;
  double W = 2 * (R + MarginX), H = 2 * (R + MarginY);
  double Cx = W / 2, Cy = H / 2;
  std::vector<std::pair<double, double>> At(N);
  for (unsigned I = 0; I < N; ++I) {
    auto [X, Y] = Place(R, I);
    At[I] = {Cx + X, Cy + Y};
  }
  OS << "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << fmt(W)
     << "\" height=\"" << fmt(H) << "\" viewBox=\"0 0 " << fmt(W) << " " << fmt(H)
     << "\">\n<defs>"
     << "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/></marker>"
     << "<marker id=\"arrow-cycle\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
        "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
        "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c00000\"/></marker></defs>\n";
  for (bool Cycle : {false, true})
    for (const ShownGraph::Edge &E : G.Edges) {
      if (E.OnCycle != Cycle)
        continue;
      auto [X1, Y1] = At[E.From];
      auto [X2, Y2] = At[E.To];
      // End short of the target; the control point off to one side.
      double Dx = X2 - X1, Dy = Y2 - Y1, Len = std::max(1.0, std::hypot(Dx, Dy));
      double Short = Boxes ? 12 : 6;
      double Ex = X2 - Dx / Len * Short, Ey = Y2 - Dy / Len * Short;
      double Px = (X1 + X2) / 2 + Dy * 0.18, Py = (Y1 + Y2) / 2 - Dx * 0.18;
      bool Pseudo = isReclaimNode(E.E->From) || isReclaimNode(E.E->To);
      OS << "<a href=\"#" << Src.anchor(E.E->At) << "\"><g class=\"edge"
         << (Cycle ? " cycle" : "") << (Pseudo ? " pseudo" : "") << "\" data-from=\""
         << htmlEscape(E.E->From) << "\" data-to=\"" << htmlEscape(E.E->To) << "\"><title>"
         << htmlEscape(E.E->From + " -> " + E.E->To) << " ("
         << htmlEscape(llvm::sys::path::filename(E.E->At.File.ref()).str() + ":" +
                       std::to_string(E.E->At.Line))
         << ")</title><path d=\"M" << fmt(X1) << "," << fmt(Y1) << " Q" << fmt(Px) << ","
         << fmt(Py) << " " << fmt(Ex) << "," << fmt(Ey) << "\" marker-end=\"url(#"
         << (Cycle ? "arrow-cycle" : "arrow") << ")\"/></g></a>\n";
    }
  for (unsigned I = 0; I < N; ++I) {
    const std::string &Name = G.Nodes[I];
    auto [X, Y] = At[I];
    OS << "<g class=\"node" << (G.NodeOnCycle[I] ? " cycle" : "")
       << (isReclaimNode(Name) ? " pseudo" : "") << "\" data-name=\"" << htmlEscape(Name)
       << "\"><title>" << htmlEscape(Name) << "</title>";
    if (Boxes) {
      double Bw = BoxW(Name);
      OS << "<rect x=\"" << fmt(X - Bw / 2) << "\" y=\"" << fmt(Y - BoxH / 2)
         << "\" width=\"" << fmt(Bw) << "\" height=\"" << fmt(BoxH) << "\" rx=\""
         << (isReclaimNode(Name) ? 10 : 2) << "\"/><text x=\"" << fmt(X) << "\" y=\""
         << fmt(Y + 4) << "\" text-anchor=\"middle\">" << htmlEscape(Name) << "</text>";
    } else {
      // The name outwards along the radius, upright on the left half.
      double Deg = 360.0 * I / N - 90;
      bool Left = Deg > 90;
      OS << "<circle cx=\"" << fmt(X) << "\" cy=\"" << fmt(Y) << "\" r=\"5\"/>"
         << "<text transform=\"translate(" << fmt(X) << "," << fmt(Y) << ") rotate("
         << fmt(Left ? Deg - 180 : Deg) << ")\" x=\"" << (Left ? -9 : 9)
         << "\" y=\"4\" text-anchor=\"" << (Left ? "end" : "start") << "\">"
         << htmlEscape(Name) << "</text>";
    }
    OS << "</g>\n";
  }
  OS << "</svg>\n";
}

} // namespace

void gfpdep::writeHtml(llvm::raw_ostream &OS, const HtmlReportInput &In) {
  const std::vector<Finding> &Findings = *In.Findings;
  Sources Src(In.ContextLines);
  for (const Finding &F : Findings) {
    Src.want(F.Where);
    for (const Step &S : F.Notes)
      Src.want(S.Where);
  }
  if (In.Graph)
    for (const ShownGraph::Edge &E : In.Graph->Edges)
      Src.want(E.E->At);

  std::map<std::string, unsigned> PerRule;
  for (const Finding &F : Findings)
    ++PerRule[("gfpdep-" + ruleId(F.R)).str()];

  OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<meta name=\"generator\" content=\"gfpdep " << htmlEscape(In.Version) << "\">\n"
     << "<title>gfpdep: " << Findings.size()
     << (Findings.size() == 1 ? " finding" : " findings") << "</title>\n<style>" << Style
     << "</style>\n</head>\n<body>\n<h1>gfpdep report</h1>\n<p class=\"meta\">gfpdep "
     << htmlEscape(In.Version) << ": <span id=\"count\">" << Findings.size() << "</span>"
     << (Findings.size() == 1 ? " finding" : " findings") << "</p>\n";
  if (!In.Errors.empty()) {
    OS << "<div class=\"errors\" id=\"errors\"><p><b>The run was incomplete:</b></p><ul>\n";
    for (const std::string &E : In.Errors)
      OS << "<li>" << htmlEscape(E) << "</li>\n";
    OS << "</ul></div>\n";
  }
  if (!PerRule.empty()) {
    OS << "<table class=\"summary\">\n";
    for (const auto &[Rule, Count] : PerRule)
      OS << "<tr><td><a href=\"#" << Rule << "\">" << Rule << "</a></td><td>" << Count
         << "</td></tr>\n";
    OS << "</table>\n";
  }
  OS << "<h2 id=\"findings\">Findings</h2>\n";
  if (Findings.empty())
    OS << "<p>No findings.</p>\n";
  // By rule (in id order), each rule's findings in the report's order.
  unsigned Number = 0;
  for (const auto &[Rule, Count] : PerRule) {
    OS << "<h3 class=\"rulehead\" id=\"" << Rule << "\">" << Rule << " (" << Count
       << ")</h3>\n";
    for (const Finding &F : Findings) {
      if (("gfpdep-" + ruleId(F.R)).str() != Rule)
        continue;
      ++Number;
      OS << "<section class=\"finding\" id=\"f" << Number << "\">\n<h4><span class=\"rule\">"
         << Rule << "</span> at <a href=\"#" << Src.anchor(F.Where) << "\">"
         << htmlEscape(locLabel(F.Where, In.Display)) << "</a></h4>\n<p class=\"msg\">"
         << htmlEscape(F.Message) << "</p>\n";
      if (!F.Notes.empty()) {
        OS << "<ol class=\"chain\">\n";
        for (const Step &S : F.Notes) {
          OS << "<li>";
          if (S.Where.valid())
            OS << "<a href=\"#" << Src.anchor(S.Where) << "\">"
               << htmlEscape(locLabel(S.Where, In.Display)) << "</a>: ";
          OS << htmlEscape(S.Text) << "</li>\n";
        }
        OS << "</ol>\n";
      }
      OS << "</section>\n";
    }
  }
  if (In.Graph) {
    const ShownGraph &G = *In.Graph;
    OS << "<h2 id=\"graph\">Lock graph</h2>\n<p class=\"meta\">";
    if (G.TotalNodes == G.Nodes.size())
      OS << G.Nodes.size() << " lock classes";
    else
      OS << G.Cycles << (G.Cycles == 1 ? " cycle" : " cycles")
         << " and the classes one edge from them: " << G.Nodes.size() << " of "
         << G.TotalNodes << " lock classes (--graph-scope=all draws every one)";
    OS << "; cycles in red; <code>reclaim</code> and <code>fs_reclaim</code> stand for "
          "entering reclaim. Each edge links to its first witness.</p>\n";
    writeGraph(OS, G, Src);
  }
  OS << "<h2 id=\"source\">Source</h2>\n";
  Src.write(OS, In.Display);
  OS << "</body>\n</html>\n";
}
