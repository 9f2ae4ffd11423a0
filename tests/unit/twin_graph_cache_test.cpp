#include "network/twin_graph_cache.h"

#include <gtest/gtest.h>

#include <thread>

#include "letters/offices.h"
#include "registry/registry.h"
#include "store/city_store.h"
#include "support/test_database.h"

namespace twinning::network {
namespace {

class TwinGraphCacheTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    coventry = add("Coventry", "GB");
    volgograd = add("Volgograd", "RU");
    kiel = add("Kiel", "DE");
    link = add_link(coventry, volgograd);
  }
  CityId add(const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return store::CityStore(*store).create(c);
  }
  LinkId add_link(CityId a, CityId b) {
    Link l;
    l.city_a = a;
    l.city_b = b;
    return registry::add_link(*store, l).first.link.id;
  }
  TwinGraphCache cache;
  CityId coventry = 0, volgograd = 0, kiel = 0;
  LinkId link = 0;
};

TEST_P(TwinGraphCacheTest, BuildsOnceWhileTheRegistryStaysTheSame) {
  auto first = cache.get(*store);
  EXPECT_EQ(first->node_count(), 3u);
  EXPECT_EQ(first->edge_count(), 1u);
  EXPECT_EQ(cache.get(*store), first);
  // Writes outside the registry keep the graph.
  letters::OfficeRequest o;
  o.code = "kiel";
  o.city_id = kiel;
  o.outgoing_pattern = "K/{seq}";
  letters::add_office(*store, o);
  EXPECT_EQ(cache.get(*store), first);
  EXPECT_EQ(cache.builds(), 1);
}

TEST_P(TwinGraphCacheTest, FollowsNewEndedAndRenamedLinksAndCities) {
  auto before = cache.get(*store);
  add_link(kiel, coventry);
  auto after = cache.get(*store);
  EXPECT_NE(after, before);
  EXPECT_EQ(after->edge_count(), 2u);
  EXPECT_EQ(before->edge_count(), 1u);  // a holder keeps its graph
  registry::LinkChanges c;
  c.status = LinkStatus::kEnded;
  registry::update_link(*store, link, c);
  EXPECT_EQ(cache.get(*store)->edge_count(), 1u);
  CityDetails d;
  d.name = "Kiel (Holstein)";
  store::CityStore(*store).update(kiel, d);
  auto renamed = cache.get(*store);
  EXPECT_EQ(renamed->city_name(renamed->require_node(kiel, "kiel")), "Kiel (Holstein)");
  CityId cologne = add("Cologne", "DE");
  EXPECT_TRUE(cache.get(*store)->node_of(cologne).has_value());
  EXPECT_EQ(cache.builds(), 5);
}

TEST_P(TwinGraphCacheTest, ThreadsWithTheirOwnConnectionsShareOneBuild) {
  std::vector<std::shared_ptr<const TwinGraph>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] {
      auto own = store::Store::open(database->location());
      got[i] = cache.get(*own);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, got[0]);
  EXPECT_EQ(cache.builds(), 1);
}

TWINNING_ON_EVERY_BACKEND(TwinGraphCacheTest);

}  // namespace
}  // namespace twinning::network
