// `twinning geocode` on the bundled world list with the bundled gazetteer:
// the cities the data README says are drawn at the wrong place move to their
// GeoNames place or are listed for review, none silently left.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "model/geo.h"
#include "store/store.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

struct Placed {
  double lat = 0, lng = 0;
  std::string source;
  std::optional<std::int64_t> geonames_id;
};

class GeocodeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
    ASSERT_EQ(run_twinning({"--db", db, "import", "wikipedia-csv",
                            data_file("twin_cities_wikipedia.csv")})
                  .exit_code,
              0);
  }
  nlohmann::json run_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    args.push_back("--json");
    auto r = run_twinning(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? r.json() : nlohmann::json();
  }
  // Every city's placement, by id, read straight from the database.
  std::map<std::int64_t, Placed> placements() {
    auto store = store::Store::open(db);
    std::map<std::int64_t, Placed> out;
    store->db().query_each(
        "SELECT id, lat, lng, coordinates_source, geonames_id FROM cities", {},
        [&](const store::Row& r) {
          out[r.integer(0)] = {r.opt_real(1).value_or(NAN), r.opt_real(2).value_or(NAN),
                               r.text(3), r.opt_integer(4)};
        });
    return out;
  }
  ScratchDir dir;
  std::string db = dir.file("t.db");
};

TEST_F(GeocodeCliTest, TheWorldListIsPlacedOrListedForReview) {
  auto before = run_json({"quality", "--limit", "0"});
  ASSERT_EQ(before["counts"]["far_from_country"], 202);
  ASSERT_EQ(before["counts"]["shared_coordinates"], 309);

  auto pass = run_json({"geocode"});
  EXPECT_GT(pass["changed"].get<int>(), 13000);
  auto after = run_json({"quality", "--limit", "0"});
  EXPECT_LT(after["counts"]["far_from_country"].get<int>(), 110);
  EXPECT_EQ(after["counts"]["geocode_reviews"], pass["to_review"]);

  // Every city still far outside or sharing a point is either at its
  // GeoNames place or on the review list.
  std::set<std::int64_t> reviewed;
  for (const auto& r : after["geocode_reviews"]) reviewed.insert(r["city"]["id"].get<std::int64_t>());
  auto placed = placements();
  auto accounted = [&](const nlohmann::json& city) {
    auto id = city["id"].get<std::int64_t>();
    return reviewed.contains(id) || placed.at(id).source == "gazetteer";
  };
  for (const auto& f : after["far_from_country"]) EXPECT_TRUE(accounted(f["city"])) << f;
  for (const auto& s : after["shared_coordinates"]) {
    for (const auto& c : s["cities"]) EXPECT_TRUE(accounted(c)) << c;
  }

  // Christchurch, GB is in Dorset now, not in New Zealand.
  auto christchurch = run_json({"city", "Christchurch, GB"});
  auto id = christchurch["id"].get<std::int64_t>();
  EXPECT_LT(geo::distance_km(placed[id].lat, placed[id].lng, 50.73583, -1.78129), 1.0);
  EXPECT_EQ(placed[id].geonames_id, 2653075);
  for (const auto& f : after["far_from_country"]) EXPECT_NE(f["city"]["id"], id);

  // The ten Japanese towns at 38.322, 142.369: the six the gazetteer knows
  // each have their own point from it; the four it does not are listed.
  std::set<std::pair<double, double>> points;
  for (const char* town : {"Sukagawa", "Sugito", "Sakuragawa", "Marumori", "Minamiashigara",
                           "Rikuzentakata"}) {
    auto c = run_json({"city", std::string(town) + ", JP"});
    auto p = placed.at(c["id"].get<std::int64_t>());
    EXPECT_EQ(p.source, "gazetteer") << town;
    EXPECT_TRUE(p.geonames_id) << town;
    EXPECT_TRUE(points.insert({p.lat, p.lng}).second) << town << " shares a point";
  }
  for (const char* town : {"Yamatsuri", "Izumizaki", "Shikama", "Koori"}) {
    auto c = run_json({"city", std::string(town) + ", JP"});
    EXPECT_TRUE(reviewed.contains(c["id"].get<std::int64_t>())) << town;
  }

  // Populations on at least three cities in four.
  EXPECT_GE(after["counts"]["with_population"].get<int>() * 4, after["cities"].get<int>() * 3);
  EXPECT_EQ(after["counts"]["with_geonames_id"], pass["placed"]);

  // A second pass changes nothing.
  auto counts = table_row_counts(db);
  auto again = run_json({"geocode"});
  EXPECT_EQ(again["changed"], 0);
  EXPECT_EQ(again["review_rows_changed"], 0);
  EXPECT_EQ(again["placed"], pass["placed"]);
  EXPECT_EQ(table_row_counts(db), counts);  // not even an audit entry
}

TEST_F(GeocodeCliTest, ACoordinateSetByHandSurvivesAndReviewsAreSettled) {
  run_json({"cities", "set", "Christchurch, GB", "--lat", "50.7", "--lng", "-1.8"});
  auto pass = run_json({"geocode"});
  EXPECT_EQ(pass["manual"], 1);
  auto c = run_json({"city", "Christchurch, GB"});
  EXPECT_DOUBLE_EQ(c["lat"].get<double>(), 50.7);
  EXPECT_EQ(c["coordinates_source"], "manual");

  // Settle the first review entry with a candidate, another by keeping its point.
  auto reviews = run_json({"quality", "--limit", "0"})["geocode_reviews"];
  const nlohmann::json* with = nullptr;
  const nlohmann::json* keep = nullptr;
  for (const auto& r : reviews) {
    if (!with && !r["candidates"].empty()) with = &r;
    if (!keep && r["candidates"].empty() && !r["city"]["lat"].is_null()) keep = &r;
  }
  ASSERT_TRUE(with && keep);
  std::string with_id = std::to_string((*with)["city"]["id"].get<std::int64_t>());
  auto candidate = (*with)["candidates"][0];
  auto taken = run_json({"geocode", "pick", with_id,
                         std::to_string(candidate["geonames_id"].get<std::int64_t>())});
  EXPECT_EQ(taken["coordinates_source"], "manual");
  EXPECT_EQ(taken["geonames_id"], candidate["geonames_id"]);
  EXPECT_DOUBLE_EQ(taken["lat"].get<double>(), candidate["lat"].get<double>());
  std::string keep_id = std::to_string((*keep)["city"]["id"].get<std::int64_t>());
  auto kept = run_json({"geocode", "keep", keep_id});
  EXPECT_EQ(kept["lat"], (*keep)["city"]["lat"]);
  auto left = run_json({"quality", "--limit", "0"})["counts"]["geocode_reviews"].get<int>();
  EXPECT_EQ(left, static_cast<int>(reviews.size()) - 2);
  EXPECT_EQ(run_json({"geocode"})["manual"], 3);

  // Settling a city that is not on the list, or with another city's place.
  expect_bad_input(run_twinning({"--db", db, "geocode", "pick", keep_id, "2653075"}),
                   "is not on the geocoding review list");
}

TEST_F(GeocodeCliTest, ABadGazetteerIsRefusedNamingTheLine) {
  std::string bad = dir.file("bad.csv");
  std::ofstream(bad) << "geonames_id,name,country,admin_code,feature_code,population,lat,lng\n"
                        "1,Kiel,DE,10,PPLA,246601,54.32,10.13\n"
                        "2,Bad,DE,10,PPLA,5,154.32,10.13\n";
  auto counts = table_row_counts(db);
  auto r = run_twinning({"--db", db, "geocode", "--gazetteer", bad});
  expect_bad_input(r, "line 3");
  EXPECT_NE(r.err.find("lat '154.32'"), std::string::npos) << r.err;
  EXPECT_EQ(table_row_counts(db), counts);
  expect_bad_input(run_twinning({"--db", db, "geocode", "--gazetteer", dir.file("none.csv")}),
                   "none.csv");
}

}  // namespace
}  // namespace twinning::testing
