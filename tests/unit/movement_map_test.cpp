// registry/movement_map.h on both backends: the columns of the web map
// (current links only, cities by id, indexes into them), following the
// registry's changes.
#include "registry/movement_map.h"

#include <gtest/gtest.h>

#include "ingest/wikipedia_csv.h"
#include "registry/registry.h"
#include "support/test_database.h"

namespace twinning::registry {
namespace {

class MovementMapTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    coventry = city("Coventry", "GB", 52.4081, -1.5106);
    volgograd = city("Volgograd", "RU", 48.7086, 44.5147);
    kiel = city("Kiel", "DE", std::nullopt, std::nullopt);
    brest = city("Brest", "FR", 48.39, -4.49);
    coventry_volgograd = link(coventry, volgograd, "1944-06-10", LinkStatus::kActive);
    kiel_coventry = link(kiel, coventry, "1947", LinkStatus::kSuspended);
    link(kiel, brest, "", LinkStatus::kEnded);
  }

  CityId city(const std::string& name, const std::string& cc, std::optional<double> lat,
              std::optional<double> lng) {
    City c;
    c.name = name;
    c.country = cc;
    c.lat = lat;
    c.lng = lng;
    return create_city(*store, c).id;
  }
  LinkId link(CityId a, CityId b, const std::string& since, LinkStatus status) {
    Link l;
    l.city_a = a;
    l.city_b = b;
    l.since = parse_optional_date(since);
    l.status = status;
    return add_link(*store, l).first.link.id;
  }

  CityId coventry = 0, volgograd = 0, kiel = 0, brest = 0;
  LinkId coventry_volgograd = 0, kiel_coventry = 0;
};

TEST_P(MovementMapTest, HoldsEveryCurrentLinkAndTheCitiesAtItsEnds) {
  MovementMap m = movement_map(*store);
  // Brest's only link ended: neither it nor Brest is on the map.
  EXPECT_EQ(m.city_id, (std::vector<CityId>{coventry, volgograd, kiel}));
  EXPECT_EQ(m.city_name, (std::vector<std::string>{"Coventry", "Volgograd", "Kiel"}));
  EXPECT_EQ(m.city_country, (std::vector<std::string>{"GB", "RU", "DE"}));
  EXPECT_EQ(m.city_lat, (std::vector<std::optional<double>>{52.4081, 48.7086, std::nullopt}));
  EXPECT_EQ(m.city_lng, (std::vector<std::optional<double>>{-1.5106, 44.5147, std::nullopt}));
  // Links by id; the stored pair has the lower city id first.
  EXPECT_EQ(m.link_a, (std::vector<std::uint32_t>{0, 0}));
  EXPECT_EQ(m.link_b, (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(m.link_since, (std::vector<int>{1944, 1947}));
}

TEST_P(MovementMapTest, JsonIsColumnar) {
  nlohmann::json j = movement_map(*store);
  EXPECT_EQ(j["cities"]["id"], nlohmann::json({coventry, volgograd, kiel}));
  EXPECT_EQ(j["cities"]["name"], nlohmann::json({"Coventry", "Volgograd", "Kiel"}));
  EXPECT_EQ(j["cities"]["lat"], nlohmann::json({52.4081, 48.7086, nullptr}));
  EXPECT_EQ(j["cities"]["lng"], nlohmann::json({-1.5106, 44.5147, nullptr}));
  EXPECT_EQ(j["links"]["a"], nlohmann::json({0, 0}));
  EXPECT_EQ(j["links"]["b"], nlohmann::json({1, 2}));
  EXPECT_EQ(j["links"]["since"], nlohmann::json({1944, 1947}));
}

TEST_P(MovementMapTest, AnEmptyRegistryIsAnEmptyMap) {
  testing::ScratchDatabase empty(GetParam(), dir, "empty.db");
  auto s = testing::open_migrated_store(empty);
  nlohmann::json j = movement_map(*s);
  EXPECT_EQ(j["cities"]["id"], nlohmann::json::array());
  EXPECT_EQ(j["links"]["a"], nlohmann::json::array());
}

TEST_P(MovementMapTest, FollowsChangesOfLinksAndCities) {
  LinkChanges end;
  end.status = LinkStatus::kEnded;
  update_link(*store, kiel_coventry, end);
  EXPECT_EQ(movement_map(*store).city_id, (std::vector<CityId>{coventry, volgograd}));

  CityDetails moved;
  moved.lat = 48.71;
  update_city(*store, volgograd, moved);
  EXPECT_EQ(movement_map(*store).city_lat, (std::vector<std::optional<double>>{52.4081, 48.71}));

  ingest::import_wikipedia_csv(*store,
                               "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                               "Kiel,Germany,54.32,10.13,Vaasa,Finland,63.1,21.6\n",
                               "t.csv");
  MovementMap m = movement_map(*store);
  EXPECT_EQ(m.city_name, (std::vector<std::string>{"Coventry", "Volgograd", "Kiel", "Vaasa"}));
  EXPECT_EQ(m.link_a.size(), 2u);
}

TWINNING_ON_EVERY_BACKEND(MovementMapTest);

}  // namespace
}  // namespace twinning::registry
