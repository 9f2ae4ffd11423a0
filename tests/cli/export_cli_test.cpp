// `twinning export`: the CSV round trip on the world list, GeoJSON and
// GraphML on stdout, atomic --out.
#include <gtest/gtest.h>

#include <set>

#include "store/database.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

// Cities as (name, country, lat, lng) and links as their two cities with
// every attribute, read with SQL from a database file.
std::multiset<std::string> cities_of(const std::string& path) {
  auto db = store::open_database(path);
  std::multiset<std::string> out;
  for (const auto& r : db->query("SELECT name, country, lat, lng FROM cities")) {
    out.insert(r.text(0) + "|" + r.text(1) + "|" + r.text(2) + "|" + r.text(3));
  }
  return out;
}

std::multiset<std::string> links_of(const std::string& path) {
  auto db = store::open_database(path);
  std::multiset<std::string> out;
  for (const auto& r : db->query(
           "SELECT a.name || '/' || a.country, b.name || '/' || b.country, l.kind, "
           "COALESCE(l.since, ''), COALESCE(l.until, ''), l.status, l.source, l.notes "
           "FROM links l JOIN cities a ON a.id = l.city_a JOIN cities b ON b.id = l.city_b")) {
    std::string x = r.text(0), y = r.text(1);
    if (y < x) std::swap(x, y);
    out.insert(x + "|" + y + "|" + r.text(2) + "|" + r.text(3) + "|" + r.text(4) + "|" + r.text(5) +
               "|" + r.text(6) + "|" + r.text(7));
  }
  return out;
}

TEST(ExportCliTest, CsvOfTheWorldListRoundTrips) {
  ScratchDir dir;
  std::string world = dir.file("world.db"), copy = dir.file("copy.db");
  for (const auto& db : {world, copy}) ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
  ASSERT_EQ(run_twinning(
                {"--db", world, "import", "wikipedia-csv", data_file("twin_cities_wikipedia.csv")})
                .exit_code,
            0);
  // A date and an ended status, so the attributes are exercised too.
  ASSERT_EQ(run_twinning({"--db", world, "link", "add", "Volgograd, RU", "Coventry, GB", "--since",
                          "1944-06-10", "--kind", "friendship", "--notes",
                          "bonds of friendship, "
                          "\"Stalingrad\""})
                .exit_code,
            0);
  auto out =
      run_twinning({"--db", world, "export", "csv", "--out", dir.file("world.csv"), "--json"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  auto summary = out.json();
  auto counts = table_row_counts(world);
  EXPECT_EQ(summary["links"], counts["links"]);
  EXPECT_EQ(summary["cities"], counts["cities"]);

  auto r = run_twinning({"--db", copy, "import", "wikipedia-csv", dir.file("world.csv"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["rows_rejected"], 0);
  EXPECT_EQ(r.json()["links_created"], counts["links"]);
  auto world_cities = cities_of(world);
  EXPECT_EQ(world_cities.size(), static_cast<std::size_t>(counts["cities"]));
  EXPECT_EQ(cities_of(copy), world_cities);
  EXPECT_EQ(links_of(copy), links_of(world));
  // The copy exports byte for byte the same file.
  auto again = run_twinning({"--db", copy, "export", "csv"});
  EXPECT_EQ(again.out, slurp(dir.file("world.csv")));
}

TEST(ExportCliTest, GeoJsonAndGraphMlOnStdoutAndAtomicFiles) {
  ScratchDir dir;
  std::string db = dir.file("t.db");
  run_twinning({"--db", db, "init"});
  std::string csv = dir.write("s.csv",
                              "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                              "Kiel,Germany,54.3233,10.1394,Coventry,England,52.4081,-1.5106\n"
                              "Coventry,England,52.4081,-1.5106,Dresden,Germany,51.05,13.74\n");
  ASSERT_EQ(run_twinning({"--db", db, "import", "wikipedia-csv", csv}).exit_code, 0);

  auto geo = run_twinning({"--db", db, "export", "geojson"});
  ASSERT_EQ(geo.exit_code, 0) << geo.err;
  auto j = geo.json();
  EXPECT_EQ(j["type"], "FeatureCollection");
  ASSERT_EQ(j["features"].size(), 5u);
  EXPECT_EQ(j["features"][0]["geometry"]["coordinates"], nlohmann::json::array({10.1394, 54.3233}));
  EXPECT_EQ(j["features"][3]["geometry"]["type"], "LineString");

  auto xml = run_twinning({"--db", db, "export", "graphml"});
  ASSERT_EQ(xml.exit_code, 0);
  EXPECT_EQ(xml.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml", 0), 0u);
  EXPECT_NE(xml.out.find("<edge id=\"l2\" source=\"c2\" target=\"c3\">"), std::string::npos);

  // --out replaces a file whole; a bad directory leaves nothing behind.
  std::string path = dir.write("out.graphml", "old");
  auto written = run_twinning({"--db", db, "export", "graphml", "--out", path});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(written.out, "exported 3 cities and 2 links to " + path + " (graphml)\n");
  EXPECT_EQ(slurp(path), xml.out);
  expect_bad_input(run_twinning({"--db", db, "export", "csv", "--out", dir.file("no/x.csv")}),
                   "--out");
  expect_bad_input(run_twinning({"--db", db, "export", "xlsx"}), "subcommand");
}

}  // namespace
}  // namespace twinning::testing
