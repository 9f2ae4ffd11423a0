#include "network/reach.h"

#include <algorithm>
#include <limits>

#include "model/error.h"

namespace twinning::network {
namespace {

void check_hops(std::optional<int> max_hops) {
  if (max_hops && *max_hops < 0) throw_invalid("hops must be 0 or more", "hops");
}

bool by_name(const CityRef& a, const CityRef& b) {
  return a.name != b.name ? a.name < b.name : a.id < b.id;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a > std::numeric_limits<std::uint64_t>::max() - b
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

// Every shortest chain from the BFS root to `target`, walking back through
// neighbours one hop closer to the root, in ascending node order, until
// `limit` chains are collected. Iterative, so long chains cannot exhaust
// the call stack.
void collect_chains(const TwinGraph& g, const std::vector<std::int32_t>& dist, Node target,
                    std::size_t limit, std::vector<std::vector<CityRef>>& out) {
  struct Frame {
    Node node;
    std::size_t next;  // position in the node's neighbour list to try next
  };
  std::vector<Frame> stack{{target, 0}};
  while (!stack.empty() && out.size() < limit) {
    Frame& top = stack.back();
    if (dist[top.node] == 0) {
      std::vector<CityRef> chain;
      for (auto it = stack.rbegin(); it != stack.rend(); ++it) chain.push_back(g.city(it->node));
      out.push_back(std::move(chain));
      stack.pop_back();
      continue;
    }
    auto nbrs = g.neighbours(top.node);
    bool descended = false;
    while (top.next < nbrs.size()) {
      Node u = nbrs[top.next++];
      if (dist[u] == dist[top.node] - 1) {
        stack.push_back({u, 0});
        descended = true;
        break;
      }
    }
    if (!descended) stack.pop_back();
  }
}

}  // namespace

std::vector<std::int32_t> hop_distances(const TwinGraph& graph, const std::vector<Node>& sources,
                                        std::optional<int> max_hops) {
  std::vector<std::int32_t> dist(graph.node_count(), -1);
  std::vector<Node> queue;
  queue.reserve(graph.node_count());
  for (Node s : sources) {
    if (dist[s] < 0) {
      dist[s] = 0;
      queue.push_back(s);
    }
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    Node u = queue[head];
    if (max_hops && dist[u] >= *max_hops) continue;
    for (Node v : graph.neighbours(u)) {
      if (dist[v] < 0) {
        dist[v] = dist[u] + 1;
        queue.push_back(v);
      }
    }
  }
  return dist;
}

std::vector<Node> require_nodes(const TwinGraph& graph, const std::vector<CityId>& ids,
                                std::string_view field) {
  if (ids.empty())
    throw_invalid(std::string(field) + ": name at least one city", std::string(field));
  std::vector<Node> nodes;
  for (CityId id : ids) {
    Node v = graph.require_node(id, field);
    if (std::find(nodes.begin(), nodes.end(), v) == nodes.end()) nodes.push_back(v);
  }
  return nodes;
}

ReachResult reach(const TwinGraph& graph, const std::vector<CityId>& from,
                  std::optional<int> max_hops) {
  check_hops(max_hops);
  std::vector<Node> origins = require_nodes(graph, from, "from");
  std::vector<std::int32_t> dist = hop_distances(graph, origins);

  // First hop at which each country has a city; kNever when it has none
  // within the limit, and reachable[] says whether it has one at all.
  constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
  std::vector<std::int32_t> first(graph.country_count(), kNever);
  std::vector<char> reachable(graph.country_count(), 0);
  ReachResult r;
  for (Node v = 0; v < graph.node_count(); ++v) {
    if (dist[v] < 0) continue;
    CountryIndex c = graph.country_of(v);
    reachable[c] = 1;
    if (max_hops && dist[v] > *max_hops) continue;
    if (static_cast<std::size_t>(dist[v]) >= r.hops.size()) r.hops.resize(dist[v] + 1);
    r.hops[dist[v]].cities.push_back(graph.city(v));
    first[c] = std::min(first[c], dist[v]);
    ++r.cities_reached;
  }
  for (std::size_t h = 0; h < r.hops.size(); ++h) {
    r.hops[h].hop = static_cast<int>(h);
    std::sort(r.hops[h].cities.begin(), r.hops[h].cities.end(), by_name);
  }
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    const CountryRef& country = graph.country(c);
    if (first[c] != kNever) {
      r.hops[first[c]].new_countries.push_back(country);
      ++r.countries_reached;
      if (country.un_member) {
        ++r.hops[first[c]].new_un_members;
        ++r.un_members_reached;
      }
    } else if (country.un_member) {
      (reachable[c] ? r.un_members_beyond_hops : r.unreachable_un_members).push_back(country);
    }
  }
  r.un_members_total = graph.un_member_count();
  return r;
}

ReachResult reach(store::Store& store, const std::vector<CityId>& from,
                  std::optional<int> max_hops) {
  return reach(load_twin_graph(store), from, max_hops);
}

ChainResult chain(const TwinGraph& graph, CityId from, const ChainTarget& target, bool all) {
  if (target.city.has_value() == !target.country.empty()) {
    throw_invalid("to: name either a target city or a target country", "to");
  }
  Node start = graph.require_node(from, "from");
  std::vector<char> is_target(graph.node_count(), 0);
  if (target.city) {
    is_target[graph.require_node(*target.city, "to")] = 1;
  } else {
    CountryIndex c = graph.require_country(target.country, "country");
    for (Node v = 0; v < graph.node_count(); ++v) is_target[v] = graph.country_of(v) == c;
  }

  // Breadth-first from the start, counting shortest paths, until the level
  // that holds a target is complete.
  std::vector<std::int32_t> dist(graph.node_count(), -1);
  std::vector<std::uint64_t> paths(graph.node_count(), 0);
  std::vector<Node> level{start}, next, found;
  dist[start] = 0;
  paths[start] = 1;
  for (std::int32_t d = 0; !level.empty(); ++d) {
    for (Node v : level) {
      if (is_target[v]) found.push_back(v);
    }
    if (!found.empty()) break;
    next.clear();
    for (Node u : level) {
      for (Node v : graph.neighbours(u)) {
        if (dist[v] < 0) {
          dist[v] = d + 1;
          next.push_back(v);
        }
        if (dist[v] == d + 1) paths[v] = saturating_add(paths[v], paths[u]);
      }
    }
    level.swap(next);
  }

  ChainResult r;
  if (found.empty()) return r;
  std::sort(found.begin(), found.end());
  r.links = dist[found.front()];
  for (Node t : found) r.shortest_chains = saturating_add(r.shortest_chains, paths[t]);
  const std::size_t limit = all ? kMaxChains : 1;
  for (Node t : found) {
    if (r.chains.size() >= limit) break;
    collect_chains(graph, dist, t, limit, r.chains);
  }
  r.truncated = r.shortest_chains > r.chains.size();
  return r;
}

ChainResult chain(store::Store& store, CityId from, const ChainTarget& target, bool all) {
  return chain(load_twin_graph(store), from, target, all);
}

BridgesResult bridges(const TwinGraph& graph, const std::vector<CityId>& from,
                      std::optional<int> max_hops, int top) {
  if (top < 1) throw_invalid("top must be 1 or more", "top");
  check_hops(max_hops);
  std::vector<std::int32_t> dist(graph.node_count(), -1);
  if (!from.empty()) dist = hop_distances(graph, require_nodes(graph, from, "from"), max_hops);

  BridgesResult r;
  std::vector<char> covered(graph.country_count(), 0);
  for (Node v = 0; v < graph.node_count(); ++v) {
    if (dist[v] < 0) continue;
    ++r.cities_reached;
    CountryIndex c = graph.country_of(v);
    if (!covered[c]) {
      covered[c] = 1;
      r.un_members_reached += graph.un_member(c) ? 1 : 0;
    }
  }

  struct Candidate {
    Node node;
    std::vector<CountryIndex> opens;
  };
  std::vector<Candidate> candidates;
  std::vector<Node> seen_stamp(graph.country_count(), std::numeric_limits<Node>::max());
  for (Node v = 0; v < graph.node_count(); ++v) {
    if (dist[v] >= 0) continue;
    std::vector<CountryIndex> opens;
    auto consider = [&](Node u) {
      CountryIndex c = graph.country_of(u);
      if (graph.un_member(c) && !covered[c] && seen_stamp[c] != v) {
        seen_stamp[c] = v;
        opens.push_back(c);
      }
    };
    consider(v);
    for (Node u : graph.neighbours(v)) consider(u);
    if (!opens.empty()) candidates.push_back({v, std::move(opens)});
  }
  auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.opens.size() != b.opens.size()) return a.opens.size() > b.opens.size();
    if (graph.degree(a.node) != graph.degree(b.node)) {
      return graph.degree(a.node) > graph.degree(b.node);
    }
    if (graph.city_name(a.node) != graph.city_name(b.node)) {
      return graph.city_name(a.node) < graph.city_name(b.node);
    }
    return a.node < b.node;
  };
  std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(top), candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + k, candidates.end(), better);
  for (std::size_t i = 0; i < k; ++i) {
    Bridge b{
        graph.city(candidates[i].node), static_cast<int>(graph.degree(candidates[i].node)), {}};
    std::sort(candidates[i].opens.begin(), candidates[i].opens.end());
    for (CountryIndex c : candidates[i].opens) b.opens.push_back(graph.country(c));
    r.bridges.push_back(std::move(b));
  }
  return r;
}

BridgesResult bridges(store::Store& store, const std::vector<CityId>& from,
                      std::optional<int> max_hops, int top) {
  return bridges(load_twin_graph(store), from, max_hops, top);
}

}  // namespace twinning::network
