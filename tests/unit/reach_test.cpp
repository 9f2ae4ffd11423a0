#include "network/reach.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

std::vector<std::string> names(const std::vector<CityRef>& cities) {
  std::vector<std::string> out;
  for (const auto& c : cities) out.push_back(c.name);
  return out;
}

std::vector<std::string> codes(const std::vector<CountryRef>& countries) {
  std::vector<std::string> out;
  for (const auto& c : countries) out.push_back(c.iso2);
  return out;
}

bool contains(const std::vector<CountryRef>& countries, const std::string& iso2) {
  for (const auto& c : countries) {
    if (c.iso2 == iso2) return true;
  }
  return false;
}

template <class Fn>
void expect_error(Fn fn, ErrorCode code, const std::string& field) {
  try {
    fn();
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
  }
}

// C1 GB - C2 RU - C3 DE - C4 TW, C2 - C5 RU, C3 - C6 FR; apart: C7 IT - C8 ES.
class ReachTest : public ::testing::Test {
 protected:
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "TW", "RU", "FR", "IT", "ES"},
                                         {{0, 1}, {1, 2}, {2, 3}, {1, 4}, {2, 5}, {6, 7}});
};

TEST_F(ReachTest, CitiesAndCountriesByHop) {
  ReachResult r = reach(g, {1});
  ASSERT_EQ(r.hops.size(), 4u);
  EXPECT_EQ(names(r.hops[0].cities), (std::vector<std::string>{"C1"}));
  EXPECT_EQ(codes(r.hops[0].new_countries), (std::vector<std::string>{"GB"}));
  EXPECT_EQ(names(r.hops[1].cities), (std::vector<std::string>{"C2"}));
  EXPECT_EQ(codes(r.hops[1].new_countries), (std::vector<std::string>{"RU"}));
  EXPECT_EQ(names(r.hops[2].cities), (std::vector<std::string>{"C3", "C5"}));
  EXPECT_EQ(codes(r.hops[2].new_countries), (std::vector<std::string>{"DE"}));
  EXPECT_EQ(names(r.hops[3].cities), (std::vector<std::string>{"C4", "C6"}));
  EXPECT_EQ(codes(r.hops[3].new_countries), (std::vector<std::string>{"FR", "TW"}));
  EXPECT_EQ(r.hops[3].new_un_members, 1);  // Taiwan is not a UN member
  EXPECT_EQ(r.cities_reached, 6);
  EXPECT_EQ(r.countries_reached, 5);
  EXPECT_EQ(r.un_members_reached, 4);
  EXPECT_EQ(r.un_members_total, 193);
  EXPECT_TRUE(r.un_members_beyond_hops.empty());
  // Italy and Spain have cities, but not in this component; the rest have none.
  EXPECT_EQ(r.unreachable_un_members.size(), 189u);
  EXPECT_TRUE(contains(r.unreachable_un_members, "IT"));
  EXPECT_TRUE(contains(r.unreachable_un_members, "ES"));
  EXPECT_FALSE(contains(r.unreachable_un_members, "FR"));
}

TEST_F(ReachTest, HopLimitSeparatesFarFromUnreachable) {
  ReachResult r = reach(g, {1}, 2);
  ASSERT_EQ(r.hops.size(), 3u);
  EXPECT_EQ(r.cities_reached, 4);
  EXPECT_EQ(r.un_members_reached, 3);
  EXPECT_EQ(codes(r.un_members_beyond_hops), (std::vector<std::string>{"FR"}));
  EXPECT_EQ(r.unreachable_un_members.size(), 189u);

  ReachResult none = reach(g, {1}, 0);
  ASSERT_EQ(none.hops.size(), 1u);
  EXPECT_EQ(none.cities_reached, 1);
}

TEST_F(ReachTest, SeveralOrigins) {
  ReachResult r = reach(g, {1, 7, 1});
  EXPECT_EQ(names(r.hops[0].cities), (std::vector<std::string>{"C1", "C7"}));
  EXPECT_EQ(codes(r.hops[0].new_countries), (std::vector<std::string>{"GB", "IT"}));
  EXPECT_EQ(codes(r.hops[1].new_countries), (std::vector<std::string>{"ES", "RU"}));
  EXPECT_EQ(r.cities_reached, 8);
  EXPECT_EQ(r.unreachable_un_members.size(), 187u);
}

TEST_F(ReachTest, ErrorsNameTheOption) {
  expect_error([&] { reach(g, {}); }, ErrorCode::kInvalidInput, "from");
  expect_error([&] { reach(g, {99}); }, ErrorCode::kNotFound, "from");
  expect_error([&] { reach(g, {1}, -1); }, ErrorCode::kInvalidInput, "hops");
}

// A diamond with a tail: C1 - C2 - C4, C1 - C3 - C4, C4 - C5; C6 apart.
class ChainTest : public ::testing::Test {
 protected:
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "FR", "IT", "ES"},
                                         {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}});
  static std::vector<std::vector<std::string>> all_names(const ChainResult& r) {
    std::vector<std::vector<std::string>> out;
    for (const auto& c : r.chains) out.push_back(names(c));
    return out;
  }
};

TEST_F(ChainTest, ShortestChainToACity) {
  ChainResult one = chain(g, 1, {5, ""}, false);
  EXPECT_EQ(one.links, 3);
  EXPECT_EQ(one.shortest_chains, 2u);
  EXPECT_TRUE(one.truncated);
  EXPECT_EQ(all_names(one), (std::vector<std::vector<std::string>>{{"C1", "C2", "C4", "C5"}}));
  EXPECT_EQ(one.chains[0][2].country, "FR");

  ChainResult all = chain(g, 1, {5, ""}, true);
  EXPECT_FALSE(all.truncated);
  EXPECT_EQ(all_names(all), (std::vector<std::vector<std::string>>{{"C1", "C2", "C4", "C5"},
                                                                   {"C1", "C3", "C4", "C5"}}));
}

TEST_F(ChainTest, ShortestChainToACountry) {
  ChainResult r = chain(g, 5, {std::nullopt, "gb"}, true);
  EXPECT_EQ(r.links, 3);
  EXPECT_EQ(all_names(r), (std::vector<std::vector<std::string>>{{"C5", "C4", "C2", "C1"},
                                                                 {"C5", "C4", "C3", "C1"}}));
  ChainResult here = chain(g, 4, {std::nullopt, "FR"}, true);
  EXPECT_EQ(here.links, 0);
  EXPECT_EQ(all_names(here), (std::vector<std::vector<std::string>>{{"C4"}}));
  ChainResult self = chain(g, 2, {2, ""}, false);
  EXPECT_EQ(self.links, 0);
  EXPECT_EQ(self.shortest_chains, 1u);
}

TEST_F(ChainTest, NoChainToAnotherComponentOrAnEmptyCountry) {
  ChainResult r = chain(g, 1, {6, ""}, true);
  EXPECT_EQ(r.links, -1);
  EXPECT_TRUE(r.chains.empty());
  EXPECT_EQ(chain(g, 1, {std::nullopt, "US"}, false).links, -1);
}

TEST_F(ChainTest, ErrorsNameTheArgument) {
  expect_error([&] { chain(g, 1, {std::nullopt, ""}, false); }, ErrorCode::kInvalidInput, "to");
  expect_error([&] { chain(g, 1, {2, "GB"}, false); }, ErrorCode::kInvalidInput, "to");
  expect_error([&] { chain(g, 1, {std::nullopt, "ZZ"}, false); }, ErrorCode::kNotFound, "country");
  expect_error([&] { chain(g, 42, {2, ""}, false); }, ErrorCode::kNotFound, "from");
  expect_error([&] { chain(g, 1, {42, ""}, false); }, ErrorCode::kNotFound, "to");
}

TEST(ChainLimitTest, AtMostAHundredChains) {
  // Start -> 11 cities -> 11 cities (all linked to all) -> target: 121
  // shortest chains of 3 links.
  std::vector<std::string> countries(24, "DE");
  std::vector<std::pair<int, int>> links;
  for (int a = 1; a <= 11; ++a) {
    links.emplace_back(0, a);
    for (int b = 12; b <= 22; ++b) links.emplace_back(a, b);
  }
  for (int b = 12; b <= 22; ++b) links.emplace_back(b, 23);
  TwinGraph g = testing::make_twin_graph(countries, links);
  ChainResult r = chain(g, 1, {24, ""}, true);
  EXPECT_EQ(r.links, 3);
  EXPECT_EQ(r.shortest_chains, 121u);
  EXPECT_EQ(r.chains.size(), static_cast<std::size_t>(kMaxChains));
  EXPECT_TRUE(r.truncated);
  for (const auto& c : r.chains) {
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c.front().id, 1);
    EXPECT_EQ(c.back().id, 24);
  }
}

// Reached from C1: C1 GB - C2 RU. Elsewhere: C3 DE - C4 FR, C3 - C5 IT;
// C6 TW - C7 ES; C8 GB alone; C9 RU - C10 DE.
class BridgesTest : public ::testing::Test {
 protected:
  TwinGraph g =
      testing::make_twin_graph({"GB", "RU", "DE", "FR", "IT", "TW", "ES", "GB", "RU", "DE"},
                               {{0, 1}, {2, 3}, {2, 4}, {5, 6}, {8, 9}});
};

TEST_F(BridgesTest, CitiesOpeningTheMostNewUnMembers) {
  BridgesResult r = bridges(g, {1}, std::nullopt, 3);
  EXPECT_EQ(r.cities_reached, 2);
  EXPECT_EQ(r.un_members_reached, 2);
  ASSERT_EQ(r.bridges.size(), 3u);
  EXPECT_EQ(r.bridges[0].city.name, "C3");
  EXPECT_EQ(r.bridges[0].degree, 2);
  EXPECT_EQ(codes(r.bridges[0].opens), (std::vector<std::string>{"DE", "FR", "IT"}));
  EXPECT_EQ(r.bridges[1].city.name, "C4");  // ties: C4 and C5 open two each
  EXPECT_EQ(codes(r.bridges[1].opens), (std::vector<std::string>{"DE", "FR"}));
  EXPECT_EQ(r.bridges[2].city.name, "C5");

  // Everything that opens something, in order; C8 (GB, alone) opens nothing.
  BridgesResult all = bridges(g, {1}, std::nullopt, 100);
  std::vector<std::string> order;
  for (const auto& b : all.bridges)
    order.push_back(b.city.name + ":" + std::to_string(b.opens.size()));
  EXPECT_EQ(order,
            (std::vector<std::string>{"C3:3", "C4:2", "C5:2", "C10:1", "C6:1", "C7:1", "C9:1"}));
}

TEST_F(BridgesTest, WithoutOriginsAndWithAHopLimit) {
  BridgesResult none = bridges(g, {}, std::nullopt, 2);
  EXPECT_EQ(none.cities_reached, 0);
  ASSERT_EQ(none.bridges.size(), 2u);
  EXPECT_EQ(none.bridges[0].city.name, "C3");
  EXPECT_EQ(none.bridges[1].city.name, "C1");  // opens GB and RU; degree 1 like C2, C4 ...
  EXPECT_EQ(codes(none.bridges[1].opens), (std::vector<std::string>{"GB", "RU"}));

  BridgesResult near = bridges(g, {1}, 0, 100);
  EXPECT_EQ(near.cities_reached, 1);
  EXPECT_EQ(near.un_members_reached, 1);
  bool found = false;
  for (const auto& b : near.bridges) {
    if (b.city.name == "C2") {
      found = true;
      EXPECT_EQ(codes(b.opens), (std::vector<std::string>{"RU"}));
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(BridgesTest, ErrorsNameTheOption) {
  expect_error([&] { bridges(g, {}, std::nullopt, 0); }, ErrorCode::kInvalidInput, "top");
  expect_error([&] { bridges(g, {77}, std::nullopt, 1); }, ErrorCode::kNotFound, "from");
  expect_error([&] { bridges(g, {1}, -2, 1); }, ErrorCode::kInvalidInput, "hops");
}

}  // namespace
}  // namespace twinning::network
