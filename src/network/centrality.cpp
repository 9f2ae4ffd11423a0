#include "network/centrality.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <thread>

#include "model/error.h"
#include "network/bfs_layout.h"

namespace twinning::network {
namespace {

// Betweenness is summed per fixed block of sources, and the blocks in
// order, so the floating-point result does not depend on the threads.
constexpr std::size_t kSourceBlocks = 64;

// Brandes' accumulation from one source, added to `into`. The predecessors
// of w are its neighbours one hop closer to the source, found by scanning
// its neighbour list again rather than stored. Works on a BFS-renumbered
// copy of the adjacency for locality; `into` is indexed by that numbering.
class BrandesPass {
 public:
  explicit BrandesPass(const BfsLayout& g) : g_(g), state_(g.offsets.size() - 1) {
    order_.reserve(state_.size());
  }

  void add(Node s, std::vector<double>& into) {
    const std::uint32_t* off = g_.offsets.data();
    const Node* adj = g_.adjacency.data();
    State* st = state_.data();
    order_.assign(1, s);
    st[s].dist = 0;
    st[s].sigma = 1;
    for (std::size_t head = 0; head < order_.size(); ++head) {
      const Node u = order_[head];
      const std::int32_t next = st[u].dist + 1;
      const double sigma = st[u].sigma;
      for (std::uint32_t e = off[u]; e < off[u + 1]; ++e) {
        State& v = st[adj[e]];
        if (v.dist < 0) {
          v.dist = next;
          order_.push_back(adj[e]);
        }
        if (v.dist == next) v.sigma += sigma;
      }
    }
    for (std::size_t i = order_.size(); i-- > 1;) {
      const Node w = order_[i];
      const std::int32_t prev = st[w].dist - 1;
      const double share = (1 + st[w].delta) / st[w].sigma;
      for (std::uint32_t e = off[w]; e < off[w + 1]; ++e) {
        State& v = st[adj[e]];
        if (v.dist == prev) v.delta += v.sigma * share;
      }
      into[w] += st[w].delta;
    }
    for (Node w : order_) st[w] = State{};
  }

 private:
  struct State {
    std::int32_t dist = -1;
    double sigma = 0, delta = 0;
  };
  const BfsLayout& g_;
  std::vector<State> state_;
  std::vector<Node> order_;
};

}  // namespace

std::vector<std::uint32_t> component_labels(const TwinGraph& graph) {
  constexpr std::uint32_t kUnset = ~std::uint32_t{0};
  std::vector<std::uint32_t> label(graph.node_count(), kUnset);
  std::vector<Node> queue;
  queue.reserve(graph.node_count());
  std::uint32_t next = 0;
  for (Node s = 0; s < graph.node_count(); ++s) {
    if (label[s] != kUnset) continue;
    label[s] = next;
    queue.assign(1, s);
    for (std::size_t head = 0; head < queue.size(); ++head) {
      for (Node v : graph.neighbours(queue[head])) {
        if (label[v] == kUnset) {
          label[v] = next;
          queue.push_back(v);
        }
      }
    }
    ++next;
  }
  return label;
}

std::vector<double> betweenness(const TwinGraph& graph, int threads) {
  if (threads < 1 || threads > 64) {
    throw_invalid("threads must be between 1 and 64", "threads");
  }
  const Node n = graph.node_count();
  std::vector<std::vector<double>> partial(kSourceBlocks);
  const BfsLayout layout = BfsLayout::build(graph, {});
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    BrandesPass pass(layout);
    for (std::size_t b; (b = next.fetch_add(1)) < kSourceBlocks;) {
      partial[b].assign(n, 0);
      for (Node s = static_cast<Node>(n * b / kSourceBlocks),
                end = static_cast<Node>(n * (b + 1) / kSourceBlocks);
           s < end; ++s) {
        pass.add(s, partial[b]);
      }
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  // Each unordered pair was counted from both of its ends.
  std::vector<double> total(n, 0);
  for (const auto& p : partial) {
    for (Node v = 0; v < n; ++v) total[layout.order[v]] += p[v] / 2;
  }
  return total;
}

CentralityResult centrality(const TwinGraph& graph, int top, int threads) {
  if (top < 1) throw_invalid("top must be 1 or more", "top");
  const Node n = graph.node_count();
  std::vector<std::uint32_t> label = component_labels(graph);
  std::vector<double> between = betweenness(graph, threads);

  CentralityResult r;
  r.cities = static_cast<int>(n);
  r.links = static_cast<std::int64_t>(graph.edge_count());
  std::vector<ComponentSummary> comps;
  std::vector<Node> hub;
  std::vector<std::vector<CountryIndex>> comp_countries;
  for (Node v = 0; v < n; ++v) {
    std::uint32_t c = label[v];
    if (c >= comps.size()) {
      comps.resize(c + 1);
      hub.resize(c + 1, v);
      comp_countries.resize(c + 1);
    }
    ++comps[c].size;
    if (graph.degree(v) > graph.degree(hub[c])) hub[c] = v;
    comp_countries[c].push_back(graph.country_of(v));
  }
  r.component_count = static_cast<int>(comps.size());
  std::map<int, int> size_counts;
  for (std::size_t c = 0; c < comps.size(); ++c) {
    auto& cs = comp_countries[c];
    std::sort(cs.begin(), cs.end());
    cs.erase(std::unique(cs.begin(), cs.end()), cs.end());
    comps[c].countries = static_cast<int>(cs.size());
    for (CountryIndex k : cs) comps[c].un_members += graph.un_member(k) ? 1 : 0;
    comps[c].hub = graph.city(hub[c]);
    ++size_counts[comps[c].size];
  }
  r.component_sizes.assign(size_counts.begin(), size_counts.end());
  std::stable_sort(comps.begin(), comps.end(), [](const auto& a, const auto& b) {
    return a.size != b.size ? a.size > b.size : a.hub.id < b.hub.id;
  });
  comps.resize(std::min<std::size_t>(comps.size(), static_cast<std::size_t>(top)));
  r.largest_components = std::move(comps);

  auto entry = [&](Node v) {
    return CityCentrality{graph.city(v), static_cast<int>(graph.degree(v)), between[v], 0};
  };
  std::vector<int> comp_size(r.component_count, 0);
  for (Node v = 0; v < n; ++v) ++comp_size[label[v]];
  auto top_by = [&](auto better) {
    std::vector<Node> nodes(n);
    for (Node v = 0; v < n; ++v) nodes[v] = v;
    std::size_t k = std::min<std::size_t>(n, static_cast<std::size_t>(top));
    std::partial_sort(nodes.begin(), nodes.begin() + k, nodes.end(), better);
    std::vector<CityCentrality> out;
    for (std::size_t i = 0; i < k; ++i) {
      out.push_back(entry(nodes[i]));
      out.back().component_size = comp_size[label[nodes[i]]];
    }
    return out;
  };
  r.top_degree = top_by([&](Node a, Node b) {
    if (graph.degree(a) != graph.degree(b)) return graph.degree(a) > graph.degree(b);
    if (between[a] != between[b]) return between[a] > between[b];
    return a < b;
  });
  r.top_betweenness = top_by([&](Node a, Node b) {
    if (between[a] != between[b]) return between[a] > between[b];
    if (graph.degree(a) != graph.degree(b)) return graph.degree(a) > graph.degree(b);
    return a < b;
  });
  return r;
}

CentralityResult centrality(store::Store& store, int top, int threads) {
  return centrality(load_twin_graph(store), top, threads);
}

}  // namespace twinning::network
