// BfsLayout is a copy of a TwinGraph's adjacency with the cities renumbered
// in breadth-first order, so that a city's twins, and the cities one search
// meets in a row, lie close together in memory. The hot loops (the
// forecast's cascades, betweenness) run on it. Immutable once built; safe
// to share between threads.
#pragma once

#include <cstdint>
#include <vector>

#include "network/twin_graph.h"

namespace twinning::network {

struct BfsLayout {
  std::vector<Node> order;             // new number -> graph node
  std::vector<Node> renumber;          // graph node -> new number
  std::vector<std::uint32_t> offsets;  // CSR over the new numbers
  std::vector<Node> adjacency;
  std::vector<CountryIndex> country_of;  // by new number

  // Numbers the cities reached from `roots` first, in breadth-first order,
  // then every other component the same way, from its lowest node. Each
  // neighbour list keeps the graph's order. O(n + m).
  static BfsLayout build(const TwinGraph& graph, const std::vector<Node>& roots);
};

}  // namespace twinning::network
