// Use cases of network analytics that look at the whole graph (PRODUCT.md
// M9): connected components, degree and betweenness centrality. Functions
// over a TwinGraph are thread-safe for concurrent calls on one graph.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "network/twin_graph.h"
#include "store/store.h"

namespace twinning::network {

// The connected component of every node, as labels 0..k-1 numbered in the
// order of each component's smallest node. O(n + m).
std::vector<std::uint32_t> component_labels(const TwinGraph& graph);

// Betweenness centrality of every node: for each unordered pair of other
// nodes, the share of their shortest paths that pass through the node,
// summed (not normalised: igraph's value, and NetworkX's with
// normalized=False). Brandes' algorithm, O(n m), the sources shared among
// `threads` threads; the result does not depend on their number. Throws
// Error(kInvalidInput) naming "threads" outside 1..64.
std::vector<double> betweenness(const TwinGraph& graph, int threads = 1);

struct CityCentrality {
  CityRef city;
  int degree = 0;
  double betweenness = 0;
  int component_size = 0;  // size of the city's connected component
};

struct ComponentSummary {
  int size = 0;        // cities
  int countries = 0;   // distinct countries of its cities
  int un_members = 0;  // UN member states among them
  CityRef hub;         // its city of highest degree (ties: lowest id)
};

struct CentralityResult {
  std::vector<CityCentrality> top_degree;       // by degree, then betweenness, then id
  std::vector<CityCentrality> top_betweenness;  // by betweenness, then degree, then id
  int cities = 0;
  std::int64_t links = 0;
  int component_count = 0;
  std::vector<ComponentSummary> largest_components;  // by size, then hub id; at most `top`
  // (size, number of components of that size), ascending size.
  std::vector<std::pair<int, int>> component_sizes;
};

// Degree and betweenness of the `top` most central cities, and the
// connected components. Throws Error(kInvalidInput) naming "top" for
// top < 1, and as betweenness(). Dominated by betweenness: seconds on the
// world graph, divided among `threads`.
CentralityResult centrality(const TwinGraph& graph, int top, int threads = 1);
CentralityResult centrality(store::Store& store, int top, int threads = 1);

}  // namespace twinning::network
