#include "network/twin_graph.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/network_graphs.h"
#include "support/test_support.h"

namespace twinning::network {
namespace {

std::vector<CityId> neighbour_ids(const TwinGraph& g, CityId id) {
  std::vector<CityId> out;
  for (Node v : g.neighbours(g.require_node(id, "test"))) out.push_back(g.city_id(v));
  return out;
}

TEST(TwinGraphTest, DropsSelfLinksAndMergesParallelLinks) {
  // Links given in both directions, twice, and a self-link.
  TwinGraph g = testing::make_twin_graph({"GB", "RU", "DE", "TW"},
                                         {{0, 1}, {1, 0}, {0, 1}, {2, 2}, {2, 0}, {1, 2}});
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.edge_count(), 3u);
  EXPECT_EQ(neighbour_ids(g, 1), (std::vector<CityId>{2, 3}));
  EXPECT_EQ(neighbour_ids(g, 3), (std::vector<CityId>{1, 2}));
  EXPECT_EQ(g.degree(g.require_node(4, "test")), 0u);
  EXPECT_EQ(g.city(g.require_node(4, "test")).country, "TW");
  EXPECT_EQ(g.city(g.require_node(2, "test")).name, "C2");
}

TEST(TwinGraphTest, CountriesCarryUnMembership) {
  TwinGraph g = testing::make_twin_graph({"GB"}, {});
  EXPECT_EQ(g.un_member_count(), 193);
  EXPECT_TRUE(g.un_member(*g.country_index("ru")));
  EXPECT_FALSE(g.un_member(*g.country_index("TW")));
  EXPECT_FALSE(g.un_member(*g.country_index("XK")));
  EXPECT_FALSE(g.country_index("ZZ").has_value());
  try {
    g.require_country("ZZ", "--country");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "--country");
  }
}

TEST(TwinGraphTest, RejectsLinksToUnknownCitiesAndUnknownCountries) {
  std::vector<TwinGraph::CityEntry> cities = {{1, "A", "GB"}, {2, "B", "RU"}};
  std::vector<CountryRef> countries = {{"GB", "United Kingdom", true}, {"RU", "Russia", true}};
  EXPECT_THROW(TwinGraph::build(cities, countries, {{1, 3}}), Error);
  cities.push_back({3, "C", "QQ"});
  EXPECT_THROW(TwinGraph::build(cities, countries, {}), Error);
  cities.back() = {2, "C", "GB"};  // duplicate id
  EXPECT_THROW(TwinGraph::build(cities, countries, {}), Error);
  EXPECT_FALSE(TwinGraph::build({{1, "A", "GB"}}, countries, {}).node_of(2).has_value());
}

TEST(TwinGraphTest, LoadsTheRegistryWithoutEndedLinks) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  store::CityStore cities(*store);
  auto add = [&](const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return cities.create(c);
  };
  CityId coventry = add("Coventry", "GB"), volgograd = add("Volgograd", "RU"),
         kiel = add("Kiel", "DE"), lonely = add("Lonely", "FR");
  store::LinkStore links(*store);
  auto link = [&](CityId a, CityId b, LinkStatus status) {
    Link l;
    l.city_a = a;
    l.city_b = b;
    l.status = status;
    links.create(l);
  };
  link(coventry, volgograd, LinkStatus::kActive);
  link(coventry, kiel, LinkStatus::kSuspended);
  link(volgograd, kiel, LinkStatus::kEnded);

  TwinGraph g = load_twin_graph(*store);
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.edge_count(), 2u);
  EXPECT_EQ(neighbour_ids(g, coventry), (std::vector<CityId>{volgograd, kiel}));
  EXPECT_EQ(neighbour_ids(g, volgograd), (std::vector<CityId>{coventry}));
  EXPECT_EQ(g.degree(g.require_node(lonely, "test")), 0u);
  EXPECT_EQ(g.city(g.require_node(volgograd, "test")).name, "Volgograd");
  EXPECT_EQ(g.country_count(), 250);
}

}  // namespace
}  // namespace twinning::network
