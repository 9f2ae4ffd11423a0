// /api/links and /api/links/{id}/events over real HTTP, on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "store/link_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using LinksApi = ApiTest;

TEST_P(LinksApi, CreatesALinkByNameOrIdOncePerPair) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/links",
                          {{"city_a", "Kiel, DE"},
                           {"city_b", coventry},
                           {"kind", "twin"},
                           {"since", "1947"},
                           {"source", "https://en.wikipedia.org/wiki/Kiel"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_TRUE(j["created"].get<bool>());
  EXPECT_EQ(j["since"], "1947");
  EXPECT_EQ(j["city_a"], std::min(kiel, coventry));
  ASSERT_EQ(j["cities"].size(), 2u);
  auto id = j["id"].get<std::int64_t>();
  EXPECT_EQ(r.header("location"), "/api/links/" + std::to_string(id));
  r = as(Role::kCoordinator)
          .send_json("POST", "/api/links", {{"city_a", coventry}, {"city_b", "Kiel, DE"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.json()["created"].get<bool>());
  EXPECT_EQ(r.json()["id"], id);
  EXPECT_EQ(store::LinkStore(*store).count(), 3);
}

TEST_P(LinksApi, CreateRejectsBadInput) {
  auto& c = as(Role::kCoordinator);
  auto r = c.send_json("POST", "/api/links", {{"city_a", coventry}, {"city_b", coventry}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "city");
  r = c.send_json("POST", "/api/links", {{"city_a", coventry}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "city_b");
  r = c.send_json("POST", "/api/links", {{"city_a", coventry}, {"city_b", "Atlantis, XX"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "city_b");
  r = c.send_json("POST", "/api/links", {{"city_a", coventry}, {"city_b", 424242}});
  EXPECT_EQ(r.status, 404);
  r = c.send_json("POST", "/api/links",
                  {{"city_a", coventry}, {"city_b", kiel}, {"kind", "cousin"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "kind");
  r = c.send_json("POST", "/api/links",
                  {{"city_a", coventry}, {"city_b", kiel}, {"since", "2000"}, {"until", "1999"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "until");
  r = c.send_json("POST", "/api/links",
                  {{"city_a", coventry}, {"city_b", kiel}, {"since", "yesterday"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "since");
  EXPECT_EQ(store::LinkStore(*store).count(), 2);
}

TEST_P(LinksApi, ReadsAndPatchesALink) {
  auto path = "/api/links/" + std::to_string(coventry_volgograd);
  auto j = anonymous().get(path).json();
  EXPECT_EQ(j["kind"], "friendship");
  EXPECT_EQ(j["since"], "1944-06-10");
  ASSERT_EQ(j["cities"].size(), 2u);
  EXPECT_EQ(j["cities"][0]["name"], "Coventry");
  auto r = as(Role::kCoordinator)
               .send_json("PATCH", path,
                          {{"status", "suspended"}, {"notes", "2022"}, {"since", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  j = r.json();
  EXPECT_EQ(j["status"], "suspended");
  EXPECT_EQ(j["notes"], "2022");
  EXPECT_TRUE(j["since"].is_null());
  EXPECT_EQ(j["kind"], "friendship");
  auto stored = store::LinkStore(*store).require(coventry_volgograd);
  EXPECT_EQ(stored.status, LinkStatus::kSuspended);
  EXPECT_FALSE(stored.since.has_value());
  r = as(Role::kCoordinator).send_json("PATCH", path, {{"city_a", kiel}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "city_a");
  EXPECT_EQ(anonymous().get("/api/links/999999").status, 404);
}

TEST_P(LinksApi, EventsListAndAdd) {
  auto path = "/api/links/" + std::to_string(coventry_volgograd) + "/events";
  auto j = anonymous().get(path).json();
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["items"][1]["text"], "Coventry City Council declares bonds of friendship");
  auto r = as(Role::kCoordinator)
               .send_json(
                   "POST", path,
                   {{"date", "2013-09-06"}, {"text", "Letter No 19-024/125рс to every twin city"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["date"], "2013-09-06");
  EXPECT_EQ(r.json()["link_id"], coventry_volgograd);
  j = anonymous().get(path + "?limit=1&offset=2").json();
  EXPECT_EQ(j["total"], 3);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["text"], "Letter No 19-024/125рс to every twin city");
  // The same date and text again: the event that is there, not a new one.
  auto again = as(Role::kCoordinator)
                   .send_json("POST", path,
                              {{"date", "2013-09-06"},
                               {"text", "Letter No 19-024/125рс to every twin city"},
                               {"source", "another source"}});
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], r.json()["id"]);
  EXPECT_EQ(again.json()["source"], "");
  EXPECT_EQ(anonymous().get(path).json()["total"], 3);
  r = as(Role::kCoordinator).send_json("POST", path, {{"date", "2013-02-30"}, {"text", "x"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "date");
  r = as(Role::kCoordinator).send_json("POST", path, {{"date", "2013"}, {"text", " "}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "text");
  EXPECT_EQ(anonymous().get("/api/links/999999/events").status, 404);
}

TWINNING_API_ON_EVERY_BACKEND(LinksApi);

}  // namespace
}  // namespace twinning::testing
