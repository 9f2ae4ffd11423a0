// /api/quality and /api/export/* over real HTTP on SQLite and PostgreSQL:
// the CLI's quality report and export files, as files to save.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "store/city_store.h"
#include "support/api_fixture.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

class QualityExportApi : public ApiTest {
 protected:
  // stdout of the CLI on the test's database.
  std::string cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", database->location()});
    auto r = run_twinning(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  // Two cities of different names at one point: a finding of check (c).
  void add_pair_at(const std::string& a, const std::string& b, const std::string& cc, double lat,
                   double lng) {
    for (const auto& name : {a, b}) {
      City c;
      c.name = name;
      c.country = cc;
      c.lat = lat;
      c.lng = lng;
      store::CityStore(*store).create(c);
    }
  }
};

std::size_t count_of(const std::string& text, const std::string& pattern) {
  std::regex re(pattern);
  return static_cast<std::size_t>(
      std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

TEST_P(QualityExportApi, QualityIsTheCliReportCutToTheLimit) {
  add_pair_at("Alpha", "Beta", "FR", 45.0, 5.0);
  add_pair_at("Gamma", "Delta", "FR", 46.0, 4.0);
  auto r = anonymous().get("/api/quality?limit=0");
  ASSERT_EQ(r.status, 200) << r.body;
  auto all = r.json();
  EXPECT_EQ(all, nlohmann::json::parse(cli({"quality", "--json"})));
  EXPECT_EQ(all["cities"], 8);
  EXPECT_EQ(all["links"], 2);
  EXPECT_EQ(all["counts"]["shared_coordinates"], 2);
  ASSERT_EQ(all["shared_coordinates"].size(), 2u);
  EXPECT_EQ(all["shared_coordinates"][0]["cities"].size(), 2u);

  auto cut = anonymous().get("/api/quality?limit=1").json();
  EXPECT_EQ(cut["counts"], all["counts"]);
  ASSERT_EQ(cut["shared_coordinates"].size(), 1u);
  EXPECT_EQ(cut["shared_coordinates"][0], all["shared_coordinates"][0]);
  EXPECT_EQ(anonymous().get("/api/quality").json(), all);  // 50 per check by default

  r = anonymous().get("/api/quality?limit=-1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "limit");
  r = anonymous().get("/api/quality?top=3");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "top");
}

TEST_P(QualityExportApi, CsvIsTheCliExportAsAnAttachment) {
  auto r = anonymous().get("/api/export/csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"twinning-links.csv\"");
  EXPECT_EQ(r.body, cli({"export", "csv"}));
  std::istringstream lines(r.body);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 3u) << r.body;
  EXPECT_EQ(rows[0],
            "city1,country1,lat1,lng1,city2,country2,lat2,lng2,kind,since,until,status,source,"
            "notes");
  EXPECT_EQ(rows[1],
            "Coventry,GB,52.4081,-1.5106,Volgograd,RU,48.7086,44.5147,friendship,"
            "1944-06-10,,active,,");
  EXPECT_EQ(rows[2], "Coventry,GB,52.4081,-1.5106,Cologne,DE,50.9375,6.9603,twin,,,active,,");
  EXPECT_EQ(anonymous().get("/api/export/csv?limit=1").status, 400);
}

TEST_P(QualityExportApi, GeoJsonHasEveryCityAndLink) {
  auto r = anonymous().get("/api/export/geojson");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/geo+json");
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"twinning.geojson\"");
  EXPECT_EQ(r.body, cli({"export", "geojson"}));
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["type"], "FeatureCollection");
  int cities = 0, links = 0;
  for (const auto& f : j["features"]) {
    EXPECT_EQ(f["type"], "Feature");
    if (f["properties"]["feature"] == "city") {
      ++cities;
      EXPECT_EQ(f["geometry"]["type"], "Point");
    } else if (f["properties"]["feature"] == "link") {
      ++links;
      EXPECT_EQ(f["geometry"]["type"], "LineString");
    }
  }
  EXPECT_EQ(cities, 4);
  EXPECT_EQ(links, 2);
}

TEST_P(QualityExportApi, GraphMlHasNodesAndEdges) {
  auto r = anonymous().get("/api/export/graphml");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/graphml+xml");
  EXPECT_EQ(r.header("content-disposition"), "attachment; filename=\"twinning.graphml\"");
  EXPECT_EQ(r.body, cli({"export", "graphml"}));
  EXPECT_EQ(r.body.rfind("<?xml", 0), 0u);
  EXPECT_EQ(count_of(r.body, "<node id=\"c[0-9]+\""), 4u);
  EXPECT_EQ(count_of(r.body, "<edge id=\"l[0-9]+\""), 2u);
  EXPECT_NE(r.body.find("<node id=\"c" + std::to_string(volgograd) + "\""), std::string::npos);
  EXPECT_NE(r.body.find("<edge id=\"l" + std::to_string(coventry_cologne) + "\""),
            std::string::npos);
  // A second read is answered from the client's copy.
  auto again = anonymous().get("/api/export/graphml", {{"If-None-Match", r.header("etag")}});
  EXPECT_EQ(again.status, 304);
}

TWINNING_API_ON_EVERY_BACKEND(QualityExportApi);

}  // namespace
}  // namespace twinning::testing
