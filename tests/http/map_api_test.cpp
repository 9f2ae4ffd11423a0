// GET /api/map over real HTTP, on SQLite and PostgreSQL: the columns of the
// fixture registry, ended links left out, and the cached body's ETag, which
// holds while nothing changes and moves when a link is added, whether
// through the API or by another process on the same database.
#include <gtest/gtest.h>

#include "registry/registry.h"
#include "store/city_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using MapApi = ApiTest;

TEST_P(MapApi, ServesEveryLinkedCityAndEveryLinkInColumns) {
  auto r = anonymous().get("/api/map");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/json");
  auto j = r.json();
  // Kiel has no link: it is not on the map.
  EXPECT_EQ(j["cities"]["id"], nlohmann::json({coventry, volgograd, cologne}));
  EXPECT_EQ(j["cities"]["name"], nlohmann::json({"Coventry", "Volgograd", "Cologne"}));
  EXPECT_EQ(j["cities"]["country"], nlohmann::json({"GB", "RU", "DE"}));
  EXPECT_EQ(j["cities"]["lat"], nlohmann::json({52.4081, 48.7086, 50.9375}));
  EXPECT_EQ(j["cities"]["lng"], nlohmann::json({-1.5106, 44.5147, 6.9603}));
  // Coventry-Volgograd (1944-06-10), then Coventry-Cologne (no date).
  EXPECT_EQ(j["links"]["a"], nlohmann::json({0, 0}));
  EXPECT_EQ(j["links"]["b"], nlohmann::json({1, 2}));
  EXPECT_EQ(j["links"]["since"], nlohmann::json({1944, 0}));
}

TEST_P(MapApi, EndedLinksAreLeftOut) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/links",
                          {{"city_a", kiel}, {"city_b", cologne}, {"status", "ended"}});
  ASSERT_EQ(r.status, 201) << r.body;
  r = as(Role::kCoordinator)
          .send_json("PATCH", "/api/links/" + std::to_string(coventry_cologne),
                     {{"status", "ended"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = anonymous().get("/api/map").json();
  EXPECT_EQ(j["cities"]["id"], nlohmann::json({coventry, volgograd}));
  EXPECT_EQ(j["links"]["a"], nlohmann::json::array({0}));
  EXPECT_EQ(j["links"]["b"], nlohmann::json::array({1}));
  EXPECT_EQ(j["links"]["since"], nlohmann::json::array({1944}));
}

TEST_P(MapApi, EtagHoldsUntilALinkIsAdded) {
  auto first = anonymous().get("/api/map");
  ASSERT_EQ(first.status, 200);
  std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = as(Role::kViewer).get("/api/map");
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(again.body, first.body);
  auto unchanged = anonymous().get("/api/map", {{"If-None-Match", etag}});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());

  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/links",
                          {{"city_a", "Kiel, DE"}, {"city_b", "Coventry, GB"}, {"since", "1947"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto changed = anonymous().get("/api/map", {{"If-None-Match", etag}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), etag);
  auto j = changed.json();
  EXPECT_EQ(j["cities"]["id"], nlohmann::json({coventry, volgograd, cologne, kiel}));
  EXPECT_EQ(j["links"]["a"], nlohmann::json({0, 0, 0}));
  EXPECT_EQ(j["links"]["b"], nlohmann::json({1, 2, 3}));
  EXPECT_EQ(j["links"]["since"], nlohmann::json({1944, 0, 1947}));
  EXPECT_EQ(anonymous().get("/api/map", {{"If-None-Match", changed.header("etag")}}).status, 304);
}

TEST_P(MapApi, SeesChangesMadeByAnotherProcess) {
  std::string etag = anonymous().get("/api/map").header("etag");
  CityDetails moved;
  moved.lat = 48.7;
  registry::update_city(*store, volgograd, moved);  // this test's own connection
  auto r = anonymous().get("/api/map", {{"If-None-Match", etag}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["cities"]["lat"], nlohmann::json({52.4081, 48.7, 50.9375}));
}

TEST_P(MapApi, RejectsUnknownParameters) {
  auto r = anonymous().get("/api/map?country=DE");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "country");
}

TWINNING_API_ON_EVERY_BACKEND(MapApi);

}  // namespace
}  // namespace twinning::testing
