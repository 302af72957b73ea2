//===- LockGraph.cpp - the part of the lock graph a report shows ----------===//

#include "LockGraph.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <map>
#include <set>

using namespace gfpdep;

bool gfpdep::isReclaimNode(const std::string &Key) {
  return Key == "reclaim" || Key == "fs_reclaim";
}

namespace {

/// Tarjan's strongly connected components, iterative (a kernel-sized graph
/// must not cost stack depth): the component of each node.
std::vector<unsigned> components(const std::vector<std::vector<unsigned>> &Succ) {
  unsigned N = Succ.size();
  const unsigned None = ~0u;
  std::vector<unsigned> Index(N, None), Low(N, 0), Comp(N, None);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  unsigned Next = 0, NextComp = 0;
  for (unsigned Root = 0; Root < N; ++Root) {
    if (Index[Root] != None)
      continue;
    std::vector<std::pair<unsigned, unsigned>> Work{{Root, 0}};
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Work.empty()) {
      auto &[V, I] = Work.back();
      if (I < Succ[V].size()) {
        unsigned W = Succ[V][I++];
        if (Index[W] == None) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          OnStack[W] = true;
          Work.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Index[W]);
        }
        continue;
      }
      unsigned Done = V;
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
      if (Low[Done] == Index[Done]) {
        unsigned W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = false;
          Comp[W] = NextComp;
        } while (W != Done);
        ++NextComp;
      }
    }
  }
  return Comp;
}

} // namespace

ShownGraph gfpdep::selectGraph(const std::vector<GraphEdge> &Graph, bool All) {
  std::map<std::string, unsigned> Id;
  for (const GraphEdge &E : Graph) {
    Id.try_emplace(E.From, 0);
    Id.try_emplace(E.To, 0);
  }
  std::vector<std::string> Names;
  for (auto &[Name, I] : Id) {
    I = Names.size();
    Names.push_back(Name);
  }
  std::vector<std::vector<unsigned>> Succ(Names.size());
  for (const GraphEdge &E : Graph)
    if (E.From != E.To)
      Succ[Id[E.From]].push_back(Id[E.To]);
  std::vector<unsigned> Comp = components(Succ);
  std::map<unsigned, unsigned> CompSize;
  for (unsigned C : Comp)
    ++CompSize[C];

  ShownGraph S;
  S.TotalNodes = Names.size();
  S.TotalEdges = Graph.size();
  std::vector<bool> Cyclic(Names.size());
  std::set<unsigned> CyclicComps;
  for (unsigned I = 0; I < Names.size(); ++I)
    if (CompSize[Comp[I]] > 1) {
      Cyclic[I] = true;
      CyclicComps.insert(Comp[I]);
    }
  S.Cycles = CyclicComps.size();
  auto EdgeOnCycle = [&](const GraphEdge &E) {
    unsigned A = Id[E.From], B = Id[E.To];
    return A != B && Cyclic[A] && Comp[A] == Comp[B];
  };
  // The nodes shown: all, or those on a cycle and one edge from one.
  std::vector<bool> Shown(Names.size(), All);
  if (!All)
    for (const GraphEdge &E : Graph) {
      unsigned A = Id[E.From], B = Id[E.To];
      if (Cyclic[A] || Cyclic[B])
        Shown[A] = Shown[B] = true;
    }
  std::vector<unsigned> NewIndex(Names.size(), ~0u);
  for (unsigned I = 0; I < Names.size(); ++I)
    if (Shown[I]) {
      NewIndex[I] = S.Nodes.size();
      S.Nodes.push_back(Names[I]);
      S.NodeOnCycle.push_back(Cyclic[I]);
    }
  for (const GraphEdge &E : Graph) {
    unsigned A = Id[E.From], B = Id[E.To];
    // Among the neighbours, only the edges that touch a cycle: two
    // neighbours' own edges are the rest of the graph.
    if (!Shown[A] || !Shown[B] || (!All && !Cyclic[A] && !Cyclic[B]))
      continue;
    S.Edges.push_back({&E, NewIndex[A], NewIndex[B], EdgeOnCycle(E)});
  }
  return S;
}
