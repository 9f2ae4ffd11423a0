// /api/countries, /api/cities, /api/cities/{id}/..., /api/stats over real
// HTTP, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "store/city_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using CitiesApi = ApiTest;

TEST_P(CitiesApi, CountriesFilterAndPage) {
  auto r = anonymous().get("/api/countries?un_member=true&limit=500");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["total"], 193);
  EXPECT_EQ(j["items"].size(), 193u);
  r = anonymous().get("/api/countries?region=Europe&sort=name&limit=2&offset=1");
  j = r.json();
  EXPECT_EQ(j["total"], 53);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["name"], "Albania");  // after Åland Islands
  EXPECT_EQ(j["items"][1]["name"], "Andorra");
}

TEST_P(CitiesApi, ListsSortsAndPaginatesCities) {
  auto r = anonymous().get("/api/cities?sort=name&limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["limit"], 2);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["name"], "Cologne");
  EXPECT_EQ(j["items"][1]["name"], "Coventry");
  j = anonymous().get("/api/cities?sort=name&limit=2&offset=2").json();
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["name"], "Kiel");
  EXPECT_EQ(j["items"][1]["name"], "Volgograd");
  j = anonymous().get("/api/cities?sort=-name&limit=1").json();
  EXPECT_EQ(j["items"][0]["name"], "Volgograd");
  j = anonymous().get("/api/cities?country=de&sort=name").json();
  EXPECT_EQ(j["total"], 2);
  EXPECT_EQ(j["items"][0]["name"], "Cologne");
  EXPECT_EQ(j["items"][1]["name"], "Kiel");
  EXPECT_DOUBLE_EQ(j["items"][1]["lat"].get<double>(), 54.3233);
}

TEST_P(CitiesApi, ListParametersAreChecked) {
  auto r = anonymous().get("/api/cities?limit=501");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "limit");
  r = anonymous().get("/api/cities?limit=0");
  EXPECT_EQ(r.error_field(), "limit");
  r = anonymous().get("/api/cities?offset=-1");
  EXPECT_EQ(r.error_field(), "offset");
  r = anonymous().get("/api/cities?sort=population");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "sort");
  r = anonymous().get("/api/cities?country=XX");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "country");
  r = anonymous().get("/api/cities?colour=red");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "colour");
  r = anonymous().get("/api/cities?limit=2&limit=3");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "limit");
}

TEST_P(CitiesApi, SearchFindsFormerNames) {
  auto r = anonymous().get("/api/cities?search=stalingrad");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["id"], volgograd);
  EXPECT_EQ(j["items"][0]["matched_name"], "Stalingrad");
  EXPECT_EQ(j["items"][0]["match_kind"], "former");
  EXPECT_TRUE(j["total"].is_null());
  r = anonymous().get("/api/cities?search=%D0%92olgograd&sort=name");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "sort");
}

TEST_P(CitiesApi, ReadsACityWithAllItsNames) {
  auto r = anonymous().get("/api/cities/" + std::to_string(volgograd));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["name"], "Volgograd");
  EXPECT_EQ(j["country"], "RU");
  ASSERT_EQ(j["names"].size(), 2u);
  EXPECT_EQ(j["names"][1]["name"], "Stalingrad");
  EXPECT_EQ(j["names"][1]["valid_from"], "1925");
  // Its letters are for coordinators and its own correspondent, not for viewers.
  EXPECT_EQ(j["can"], (nlohmann::json{{"read_letters", false}}));
  auto may_read = [&](Role role, CityId city) {
    return as(role).get("/api/cities/" + std::to_string(city)).json()["can"]["read_letters"];
  };
  EXPECT_EQ(may_read(Role::kViewer, volgograd), false);
  EXPECT_EQ(may_read(Role::kCoordinator, volgograd), true);
  // The correspondent (Cologne's) reads its own city's letters only.
  EXPECT_EQ(may_read(Role::kCorrespondent, volgograd), false);
  EXPECT_EQ(may_read(Role::kCorrespondent, cologne), true);
  EXPECT_EQ(anonymous().get("/api/cities/999999").status, 404);
  r = anonymous().get("/api/cities/abc");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "id");
}

TEST_P(CitiesApi, CoordinatorCreatesACityAndTheAuditNamesThem) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/cities",
                          {{"name", "Warsaw"},
                           {"country", "pl"},
                           {"lat", 52.23},
                           {"lng", 21.01},
                           {"languages", {"pl"}},
                           {"names", {{{"name", "Warszawa"}, {"lang", "pl"}, {"kind", "local"}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["country"], "PL");
  EXPECT_EQ(r.header("location"), "/api/cities/" + std::to_string(j["id"].get<std::int64_t>()));
  EXPECT_EQ(j["names"].size(), 2u);
  auto entries = store::AuditLog(*store).list(
      {"city", std::to_string(j["id"].get<std::int64_t>()), "", 0, 10});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "api-coordinator");
  EXPECT_EQ(entries[0].action, "create");
}

TEST_P(CitiesApi, CreateValidatesAndWritesNothingOnError) {
  auto count = [&] { return store::CityStore(*store).count(); };
  auto before = count();
  auto r = as(Role::kCoordinator).send_json("POST", "/api/cities", {{"country", "PL"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "name");
  r = as(Role::kCoordinator)
          .send_json("POST", "/api/cities",
                     {{"name", "X"}, {"country", "PL"}, {"lat", 95}, {"lng", 1}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "lat");
  r = as(Role::kCoordinator).send_json("POST", "/api/cities", {{"name", "X"}, {"country", "QQ"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "country");
  r = as(Role::kCoordinator)
          .send_json("POST", "/api/cities",
                     {{"name", "X"}, {"country", "PL"}, {"population", "many"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "population");
  r = as(Role::kCoordinator)
          .send_json(
              "POST", "/api/cities",
              {{"name", "X"}, {"country", "PL"}, {"names", {{{"name", "Y"}, {"kind", "nick"}}}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "kind");
  EXPECT_EQ(count(), before);
}

TEST_P(CitiesApi, PatchChangesOnlyTheGivenFields) {
  auto path = "/api/cities/" + std::to_string(volgograd);
  auto r =
      as(Role::kAdmin)
          .send_json("PATCH", path, {{"population", 1004763}, {"head_name", "V. D. Vasilkov"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["population"], 1004763);
  EXPECT_EQ(j["head_name"], "V. D. Vasilkov");
  EXPECT_EQ(j["name"], "Volgograd");
  EXPECT_EQ(store::CityStore(*store).require(volgograd).population, 1004763);
  r = as(Role::kAdmin).send_json("PATCH", path, {{"population", nullptr}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "population");
  r = as(Role::kAdmin).send_json("PATCH", "/api/cities/999999", {{"population", 1}});
  EXPECT_EQ(r.status, 404);
}

TEST_P(CitiesApi, RecordsAFormerName) {
  auto r =
      as(Role::kCoordinator)
          .send_json(
              "POST", "/api/cities/" + std::to_string(volgograd) + "/names",
              {{"name", "Tsaritsyn"}, {"lang", "en"}, {"kind", "former"}, {"valid_to", "1925"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto names = r.json()["names"];
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[1]["name"], "Tsaritsyn");  // undated start: before Stalingrad (1925)
  r = as(Role::kCoordinator)
          .send_json("POST", "/api/cities/" + std::to_string(volgograd) + "/names",
                     {{"name", "Tsaritsyn"}, {"valid_to", "1925-13"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "valid_to");
}

// The interface in Russian shows "Волгоград": the local Russian name wins
// over an alternate one, a former Russian name never shows, and a city with
// no Russian name is left out.
TEST_P(CitiesApi, CityNamesInALanguage) {
  auto add = [&](const char* name, const char* kind, const char* valid_to) {
    nlohmann::json body = {{"name", name}, {"lang", "ru"}, {"kind", kind}};
    if (valid_to) body["valid_to"] = valid_to;
    auto r = as(Role::kCoordinator)
                 .send_json("POST", "/api/cities/" + std::to_string(volgograd) + "/names", body);
    ASSERT_EQ(r.status, 201) << r.body;
  };
  add("Сталинград", "former", "1961");
  add("Волгоград-на-Волге", "alternate", nullptr);
  add("Волгоград", "local", nullptr);
  auto r = anonymous().get("/api/city-names?lang=ru");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["lang"], "ru");
  EXPECT_EQ(j["names"], (nlohmann::json{{std::to_string(volgograd), "Волгоград"}}));
  EXPECT_EQ(anonymous().get("/api/city-names?lang=de").json()["names"], nlohmann::json::object());
  r = anonymous().get("/api/city-names?lang=RUS1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "lang");
  r = anonymous().get("/api/city-names");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "lang");
}

TEST_P(CitiesApi, TwinsWithHistoryFilteredSortedAndPaged) {
  auto r = anonymous().get("/api/cities/" + std::to_string(coventry) + "/twins");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["name"], "Cologne");
  EXPECT_EQ(j["items"][1]["name"], "Volgograd");
  ASSERT_EQ(j["items"][1]["events"].size(), 2u);
  EXPECT_EQ(j["items"][1]["events"][0]["date"], "1941");
  EXPECT_EQ(j["items"][1]["link"]["kind"], "friendship");
  j = anonymous().get("/api/cities/" + std::to_string(coventry) + "/twins?kind=friendship").json();
  EXPECT_EQ(j["total"], 1);
  j = anonymous()
          .get("/api/cities/" + std::to_string(coventry) + "/twins?sort=-name&limit=1")
          .json();
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["name"], "Volgograd");
  j = anonymous().get("/api/cities/" + std::to_string(coventry) + "/twins?sort=since").json();
  EXPECT_EQ(j["items"][0]["name"], "Volgograd");  // dated first
  r = anonymous().get("/api/cities/" + std::to_string(coventry) + "/twins?kind=cousin");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "kind");
}

TEST_P(CitiesApi, Stats) {
  auto j = anonymous().get("/api/stats").json();
  EXPECT_EQ(j["cities"], 4);
  EXPECT_EQ(j["links"], 2);
  EXPECT_EQ(j["link_events"], 2);
  EXPECT_EQ(j["un_members"], 193);
  EXPECT_EQ(j["countries_with_cities"], 3);
  EXPECT_EQ(j["top_countries"]["DE"], 2);
}

TEST_P(CitiesApi, ETagAnswersIfNoneMatchWithNotModified) {
  auto path = "/api/cities/" + std::to_string(kiel);
  auto first = anonymous().get(path);
  std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = anonymous().get(path, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(anonymous().get(path, {{"If-None-Match", "\"other\", " + etag}}).status, 304);
  EXPECT_EQ(anonymous().get(path, {{"If-None-Match", "W/" + etag}}).status, 304);
  EXPECT_EQ(anonymous().get(path, {{"If-None-Match", "\"stale\""}}).status, 200);
  ASSERT_EQ(as(Role::kCoordinator).send_json("PATCH", path, {{"population", 246243}}).status, 200);
  auto changed = anonymous().get(path, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), etag);
  EXPECT_EQ(changed.json()["population"], 246243);
}

TEST_P(CitiesApi, HeadHasTheHeadersOfGetWithoutTheBody) {
  auto path = "/api/cities/" + std::to_string(kiel);
  auto get = anonymous().get(path);
  auto head = anonymous().request("HEAD", path);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("etag"), get.header("etag"));
}

TWINNING_API_ON_EVERY_BACKEND(CitiesApi);

}  // namespace
}  // namespace twinning::testing
