// /api/geocode and /api/cities/{id}/geocode over real HTTP on SQLite and
// PostgreSQL: a pass with the server's gazetteer (`serve --gazetteer`), the
// review list, and a coordinator's answers.
#include <gtest/gtest.h>

#include <fstream>

#include "store/city_store.h"
#include "support/api_fixture.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

class GeocodeApi : public ApiTest {
 protected:
  std::vector<std::string> serve_args() override {
    std::string path = dir.file("gazetteer.csv");
    std::ofstream(path)
        << "geonames_id,name,country,admin_code,feature_code,population,lat,lng\n"
           "2891122,Kiel,DE,10,PPLA,246601,54.32133,10.13489\n"
           "2886242,Cologne,DE,07,PPLA2,1075935,50.93333,6.95\n"
           "2652221,Coventry,GB,ENG,PPL,325949,52.40656,-1.51217\n"
           "1,Coventry,GB,ENG,PPL,9000,51.0,-0.5\n";  // a namesake 150 km away
    return {"--gazetteer", path};
  }
  HttpResponse post(Role role, const std::string& target, const std::string& body = "{}") {
    return as(role).send_json("POST", target, nlohmann::json::parse(body));
  }
};

TEST_P(GeocodeApi, APassPlacesAndACoordinatorSettlesTheRest) {
  // Coventry's point set by hand, away from both Coventrys: the pass leaves it.
  CityDetails far;
  far.lat = 52.9;
  far.lng = -1.0;
  store::CityStore(*store).update(coventry, far);
  auto pass = post(Role::kCoordinator, "/api/geocode");
  ASSERT_EQ(pass.status, 200) << pass.body;
  EXPECT_EQ(pass.json()["manual"], 1);
  EXPECT_EQ(pass.json()["placed"], 2);  // Kiel and Cologne
  auto kiel_now = anonymous().get("/api/cities/" + std::to_string(kiel)).json();
  EXPECT_EQ(kiel_now["geonames_id"], 2891122);
  EXPECT_EQ(kiel_now["population"], 246601);
  EXPECT_EQ(kiel_now["coordinates_source"], "gazetteer");
  EXPECT_DOUBLE_EQ(anonymous().get("/api/cities/" + std::to_string(coventry)).json()["lat"], 52.9);

  // Volgograd has no gazetteer place and a trusted point: not listed; an
  // unplaced city with a doubted point would be. Make one: no coordinates.
  City lost;
  lost.name = "Atlantis";
  lost.country = "GR";
  CityId atlantis = store::CityStore(*store).create(lost);
  ASSERT_EQ(post(Role::kAdmin, "/api/geocode").status, 200);
  auto reviews = anonymous().get("/api/geocode/reviews?limit=10").json();
  ASSERT_EQ(reviews["total"], 1);
  EXPECT_EQ(reviews["items"][0]["city"]["id"], atlantis);
  EXPECT_NE(reviews["items"][0]["reason"].get<std::string>().find("no coordinates"),
            std::string::npos);

  // Answers: a point without lng, two answers at once, then a point by hand.
  std::string target = "/api/cities/" + std::to_string(atlantis) + "/geocode";
  auto r = post(Role::kCoordinator, target, R"({"lat": 36.4})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "lng");
  r = post(Role::kCoordinator, target, R"({"lat": 36.4, "lng": 25.4, "keep": true})");
  EXPECT_EQ(r.status, 400);
  r = post(Role::kCoordinator, target, R"({"keep": true})");  // it has no point to keep
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "keep");
  r = post(Role::kViewer, target, R"({"lat": 36.4, "lng": 25.4})");
  EXPECT_EQ(r.status, 403);
  r = post(Role::kCoordinator, target, R"({"lat": 36.4, "lng": 25.4})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["coordinates_source"], "manual");
  EXPECT_DOUBLE_EQ(r.json()["lat"], 36.4);
  EXPECT_EQ(anonymous().get("/api/geocode/reviews").json()["total"], 0);
  r = post(Role::kCoordinator, target, R"({"keep": true})");
  EXPECT_EQ(r.status, 404);  // no longer on the list

  // The quality report counts what the registry knows.
  auto counts = anonymous().get("/api/quality?limit=1").json()["counts"];
  EXPECT_EQ(counts["with_geonames_id"], 2);
  EXPECT_EQ(counts["with_population"], 2);
  EXPECT_EQ(counts["geocode_reviews"], 0);
}

TWINNING_API_ON_EVERY_BACKEND(GeocodeApi);

}  // namespace
}  // namespace twinning::testing
