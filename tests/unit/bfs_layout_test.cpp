#include "network/bfs_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support/network_graphs.h"

namespace twinning::network {
namespace {

TEST(BfsLayoutTest, RootsFirstThenBreadthFirstThenTheRest) {
  // C1 - C2 - C3 - C4, C2 - C5; apart: C6 - C7.
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "FR", "IT", "ES", "PT"},
                                         {{0, 1}, {1, 2}, {2, 3}, {1, 4}, {5, 6}});
  BfsLayout l = BfsLayout::build(g, {2});
  // From C3: C3, then C2 and C4, then C1 and C5; then C6's component.
  EXPECT_EQ(l.order, (std::vector<Node>{2, 1, 3, 0, 4, 5, 6}));
  for (Node i = 0; i < g.node_count(); ++i) EXPECT_EQ(l.renumber[l.order[i]], i);
}

TEST(BfsLayoutTest, KeepsEveryLinkAndCountry) {
  TwinGraph g = testing::random_twin_graph(300, 500, {"GB", "RU", "DE", "TW"}, 21);
  BfsLayout l = BfsLayout::build(g, {5, 9});
  EXPECT_EQ(l.order[0], 5u);
  EXPECT_EQ(l.order[1], 9u);
  ASSERT_EQ(l.adjacency.size(), g.adjacency().size());
  for (Node v = 0; v < g.node_count(); ++v) {
    const Node i = l.renumber[v];
    EXPECT_EQ(l.country_of[i], g.country_of(v));
    std::vector<Node> back;
    for (std::uint32_t e = l.offsets[i]; e < l.offsets[i + 1]; ++e) {
      back.push_back(l.order[l.adjacency[e]]);
    }
    auto original = g.neighbours(v);
    EXPECT_EQ(back, std::vector<Node>(original.begin(), original.end())) << v;
  }
}

}  // namespace
}  // namespace twinning::network
