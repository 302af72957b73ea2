//===- LockGraph.h - the part of the lock graph a report shows --*- C++ -*-===//
///
/// \file
/// The whole program's lock-class graph (GraphEdge, from the link) is too
/// big to draw on real code: 6.1's mm/ alone has hundreds of classes. What a
/// report shows by default is its cycles (lock-order cycles, and reclaim
/// deadlocks: cycles through the pseudo-locks "reclaim" and "fs_reclaim")
/// and their neighbourhood, the classes one edge away from a cycle. The DOT
/// writer and the HTML report draw the same selection.
//===----------------------------------------------------------------------===//

#ifndef GFPDEP_CLI_LOCKGRAPH_H
#define GFPDEP_CLI_LOCKGRAPH_H

#include "engine/Finding.h"
#include <string>
#include <vector>

namespace gfpdep {

struct ShownGraph {
  struct Edge {
    const GraphEdge *E;
    unsigned From, To; ///< indices into Nodes
    bool OnCycle;
  };
  std::vector<std::string> Nodes; ///< sorted
  std::vector<bool> NodeOnCycle;  ///< by Nodes index
  std::vector<Edge> Edges;        ///< in the order of the input (From, To)
  size_t TotalNodes = 0, TotalEdges = 0; ///< of the whole graph
  unsigned Cycles = 0; ///< strongly connected components with a cycle
};

/// Whether a class key is one of the reclaim pseudo-locks.
bool isReclaimNode(const std::string &Key);

/// Everything (All), or the cycles and the classes one edge from them.
ShownGraph selectGraph(const std::vector<GraphEdge> &Graph, bool All);

} // namespace gfpdep

#endif
