#include "network/centrality.h"

#include <igraph/igraph.h>

#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

// A path C1 - C2 - C3 - C4 - C5 and a star with centre C6 and leaves C7-C9.
class CentralityTest : public ::testing::Test {
 protected:
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "FR", "TW", "IT", "ES", "PT", "IT"},
                                         {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {5, 6}, {5, 7}, {5, 8}});
};

TEST_F(CentralityTest, BetweennessByHand) {
  // On a path of five, node i lies on the shortest path of i * (4 - i)
  // pairs; the star's centre on all three pairs of leaves.
  EXPECT_EQ(betweenness(g), (std::vector<double>{0, 3, 4, 3, 0, 3, 0, 0, 0}));
}

TEST_F(CentralityTest, RankingsAndComponents) {
  CentralityResult r = centrality(g, 4);
  std::vector<std::string> by_degree, by_betweenness;
  for (const auto& c : r.top_degree) by_degree.push_back(c.city.name);
  for (const auto& c : r.top_betweenness) by_betweenness.push_back(c.city.name);
  // Degree ties (C2, C3, C4 have 2) go to the higher betweenness, then id.
  EXPECT_EQ(by_degree, (std::vector<std::string>{"C6", "C3", "C2", "C4"}));
  // Betweenness ties (C2, C4, C6 have 3) go to the higher degree, then id.
  EXPECT_EQ(by_betweenness, (std::vector<std::string>{"C3", "C6", "C2", "C4"}));
  EXPECT_EQ(r.top_degree[0].degree, 3);
  EXPECT_EQ(r.top_degree[0].component_size, 4);
  EXPECT_DOUBLE_EQ(r.top_betweenness[0].betweenness, 4.0);
  EXPECT_EQ(r.top_betweenness[0].component_size, 5);

  EXPECT_EQ(r.cities, 9);
  EXPECT_EQ(r.links, 7);
  EXPECT_EQ(r.component_count, 2);
  ASSERT_EQ(r.largest_components.size(), 2u);
  EXPECT_EQ(r.largest_components[0].size, 5);
  EXPECT_EQ(r.largest_components[0].countries, 5);
  EXPECT_EQ(r.largest_components[0].un_members, 4);   // not TW
  EXPECT_EQ(r.largest_components[0].hub.name, "C2");  // degree 2, lowest id
  EXPECT_EQ(r.largest_components[1].size, 4);
  EXPECT_EQ(r.largest_components[1].countries, 3);
  EXPECT_EQ(r.largest_components[1].hub.name, "C6");
  EXPECT_EQ(r.component_sizes, (std::vector<std::pair<int, int>>{{4, 1}, {5, 1}}));
  EXPECT_THROW(centrality(g, 0), Error);
}

// Our own component labelling against igraph's on a random graph with
// many components (and self-links and repeats to drop).
TEST(ComponentsTest, AgreeWithIgraphOnARandomGraph) {
  TwinGraph g = testing::random_twin_graph(600, 450, {"GB", "RU", "DE"}, 7);
  std::vector<std::uint32_t> ours = component_labels(g);

  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 0);
  for (Node u = 0; u < g.node_count(); ++u) {
    for (Node v : g.neighbours(u)) {
      if (u < v) {
        igraph_vector_int_push_back(&edges, u);
        igraph_vector_int_push_back(&edges, v);
      }
    }
  }
  igraph_t ig;
  ASSERT_EQ(igraph_create(&ig, &edges, g.node_count(), IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
  igraph_vector_int_t membership, sizes;
  igraph_vector_int_init(&membership, 0);
  igraph_vector_int_init(&sizes, 0);
  igraph_integer_t count = 0;
  ASSERT_EQ(igraph_connected_components(&ig, &membership, &sizes, &count, IGRAPH_WEAK),
            IGRAPH_SUCCESS);

  // The same partition: labels correspond one to one.
  std::map<std::uint32_t, igraph_integer_t> to_igraph;
  std::map<igraph_integer_t, std::uint32_t> to_ours;
  for (Node v = 0; v < g.node_count(); ++v) {
    auto theirs = VECTOR(membership)[v];
    EXPECT_EQ(to_igraph.emplace(ours[v], theirs).first->second, theirs);
    EXPECT_EQ(to_ours.emplace(theirs, ours[v]).first->second, ours[v]);
  }
  EXPECT_EQ(static_cast<igraph_integer_t>(to_igraph.size()), count);
  EXPECT_GT(count, 100);  // the test is about many components

  std::vector<int> our_sizes, their_sizes;
  for (const auto& [size, n] : centrality(g, 1).component_sizes) {
    for (int i = 0; i < n; ++i) our_sizes.push_back(size);
  }
  for (igraph_integer_t i = 0; i < count; ++i) their_sizes.push_back(VECTOR(sizes)[i]);
  std::sort(their_sizes.begin(), their_sizes.end());
  EXPECT_EQ(our_sizes, their_sizes);

  igraph_vector_int_destroy(&sizes);
  igraph_vector_int_destroy(&membership);
  igraph_destroy(&ig);
  igraph_vector_int_destroy(&edges);
}

// Our betweenness against igraph's on a random graph with a large
// component, and the same result whatever the number of threads.
TEST(BetweennessTest, AgreesWithIgraphOnARandomGraph) {
  TwinGraph g = testing::random_twin_graph(700, 1100, {"GB", "RU"}, 13);
  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 0);
  for (Node u = 0; u < g.node_count(); ++u) {
    for (Node v : g.neighbours(u)) {
      if (u < v) {
        igraph_vector_int_push_back(&edges, u);
        igraph_vector_int_push_back(&edges, v);
      }
    }
  }
  igraph_t ig;
  ASSERT_EQ(igraph_create(&ig, &edges, g.node_count(), IGRAPH_UNDIRECTED), IGRAPH_SUCCESS);
  igraph_vector_t theirs;
  igraph_vector_init(&theirs, 0);
  ASSERT_EQ(igraph_betweenness(&ig, &theirs, igraph_vss_all(), IGRAPH_UNDIRECTED, nullptr),
            IGRAPH_SUCCESS);
  std::vector<double> ours = betweenness(g, 1);
  ASSERT_EQ(ours.size(), static_cast<std::size_t>(igraph_vector_size(&theirs)));
  double largest = 0;
  for (Node v = 0; v < g.node_count(); ++v) {
    EXPECT_NEAR(ours[v], VECTOR(theirs)[v], 1e-9 * std::max(1.0, VECTOR(theirs)[v])) << v;
    largest = std::max(largest, ours[v]);
  }
  EXPECT_GT(largest, 1000.0);  // the test is about long paths through a big component
  EXPECT_EQ(betweenness(g, 3), ours);
  igraph_vector_destroy(&theirs);
  igraph_destroy(&ig);
  igraph_vector_int_destroy(&edges);
}

}  // namespace
}  // namespace twinning::network
