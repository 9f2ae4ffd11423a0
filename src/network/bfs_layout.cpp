#include "network/bfs_layout.h"

namespace twinning::network {

BfsLayout BfsLayout::build(const TwinGraph& g, const std::vector<Node>& roots) {
  const Node n = g.node_count();
  constexpr Node kUnset = ~Node{0};
  BfsLayout l;
  l.order.reserve(n);
  l.renumber.assign(n, kUnset);
  auto visit = [&](Node v) {
    if (l.renumber[v] != kUnset) return;
    l.renumber[v] = static_cast<Node>(l.order.size());
    l.order.push_back(v);
  };
  std::size_t head = 0;
  auto search = [&] {
    for (; head < l.order.size(); ++head) {
      for (Node v : g.neighbours(l.order[head])) visit(v);
    }
  };
  for (Node r : roots) visit(r);
  search();
  for (Node v = 0; v < n; ++v) {
    visit(v);
    search();
  }
  l.offsets.assign(n + 1, 0);
  l.adjacency.reserve(g.adjacency().size());
  l.country_of.resize(n);
  for (Node i = 0; i < n; ++i) {
    for (Node v : g.neighbours(l.order[i])) l.adjacency.push_back(l.renumber[v]);
    l.offsets[i + 1] = static_cast<std::uint32_t>(l.adjacency.size());
    l.country_of[i] = g.country_of(l.order[i]);
  }
  return l;
}

}  // namespace twinning::network
