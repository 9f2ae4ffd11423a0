#include "network/centrality.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "model/error.h"

namespace twinning::network {
namespace {

void check(igraph_error_t rc, const char* what) {
  if (rc != IGRAPH_SUCCESS) {
    throw std::runtime_error(std::string("igraph ") + what + " failed: " + igraph_strerror(rc));
  }
}

// igraph's default error handler aborts the process; while one of these is
// alive, igraph calls return error codes instead (checked by check()).
class IgnoreIgraphErrors {
 public:
  IgnoreIgraphErrors() : previous_(igraph_set_error_handler(igraph_error_handler_ignore)) {}
  ~IgnoreIgraphErrors() { igraph_set_error_handler(previous_); }
  IgnoreIgraphErrors(const IgnoreIgraphErrors&) = delete;
  IgnoreIgraphErrors& operator=(const IgnoreIgraphErrors&) = delete;

 private:
  igraph_error_handler_t* previous_;
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

std::vector<double> betweenness(const TwinGraph& graph) {
  IgnoreIgraphErrors guard;
  igraph_vector_int_t edges;
  check(igraph_vector_int_init(&edges, static_cast<igraph_integer_t>(graph.edge_count() * 2)),
        "vector");
  igraph_integer_t i = 0;
  for (Node u = 0; u < graph.node_count(); ++u) {
    for (Node v : graph.neighbours(u)) {
      if (u < v) {
        VECTOR(edges)[i++] = u;
        VECTOR(edges)[i++] = v;
      }
    }
  }
  igraph_t g;
  igraph_error_t rc = igraph_create(&g, &edges, graph.node_count(), IGRAPH_UNDIRECTED);
  igraph_vector_int_destroy(&edges);
  check(rc, "create");
  igraph_vector_t res;
  rc = igraph_vector_init(&res, 0);
  if (rc != IGRAPH_SUCCESS) igraph_destroy(&g);
  check(rc, "vector");
  rc = igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, nullptr);
  std::vector<double> out;
  if (rc == IGRAPH_SUCCESS) {
    out.assign(VECTOR(res), VECTOR(res) + igraph_vector_size(&res));
  }
  igraph_vector_destroy(&res);
  igraph_destroy(&g);
  check(rc, "betweenness");
  return out;
}

CentralityResult centrality(const TwinGraph& graph, int top) {
  if (top < 1) throw_invalid("--top must be 1 or more", "--top");
  const Node n = graph.node_count();
  std::vector<std::uint32_t> label = component_labels(graph);
  std::vector<double> between = betweenness(graph);

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

CentralityResult centrality(store::Store& store, int top) {
  return centrality(load_twin_graph(store), top);
}

}  // namespace twinning::network
