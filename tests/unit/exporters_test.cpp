#include "ingest/exporters.h"

#include <igraph/igraph.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <tuple>

#include <gtest/gtest.h>

#include "ingest/csv_reader.h"
#include "ingest/wikipedia_csv.h"
#include "model/error.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/test_support.h"

namespace twinning::ingest {
namespace {

class ExportersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    import_wikipedia_csv(
        *store,
        "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
        "Coventry,England,52.4081,-1.5106,\"Coventry, Connecticut\",United States,41.7844,"
        "-72.3389\n"
        "Dresden,Germany,51.05,13.74,Coventry,England,52.4081,-1.5106\n",
        "w.csv");
    City odd;
    odd.name = "Bad <Town> & \"Co\", 'Ltd'";
    odd.country = "DE";
    CityId odd_id = store::CityStore(*store).create(odd);  // no coordinates
    Link l;
    l.city_a = registry::resolve_city(*store, "Coventry, GB");
    l.city_b = odd_id;
    l.kind = LinkKind::kFriendship;
    l.since = PartialDate{1941, 11, 0};
    l.until = PartialDate{1990, 0, 0};
    l.status = LinkStatus::kEnded;
    l.source = "";
    l.notes = "letters of support,\n\"money\" collected";
    registry::add_link(*store, l);
  }
  std::string export_text(ExportFormat f) {
    std::ostringstream out;
    last = write_export(*store, f, out);
    return out.str();
  }
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  ExportSummary last;
};

TEST_F(ExportersTest, CsvHasOneRowPerLinkWithIsoCodesAndTheListingCityFirst) {
  std::string csv = export_text(ExportFormat::kCsv);
  EXPECT_EQ(last.links, 3);
  EXPECT_EQ(last.cities, 4);
  EXPECT_EQ(
      csv,
      "city1,country1,lat1,lng1,city2,country2,lat2,lng2,kind,since,until,status,source,"
      "notes\n"
      "Coventry,GB,52.4081,-1.5106,\"Coventry, Connecticut\",US,41.7844,-72.3389,twin,,,"
      "active,w.csv,\n"
      // Dresden lists this link, so it comes first although Coventry has the lower id.
      "Dresden,DE,51.05,13.74,Coventry,GB,52.4081,-1.5106,twin,,,active,w.csv,\n"
      "Coventry,GB,52.4081,-1.5106,\"Bad <Town> & \"\"Co\"\", 'Ltd'\",DE,,,friendship,1941-11,"
      "1990,ended,,\"letters of support,\n\"\"money\"\" collected\"\n");
}

// (name, country, lat, lng) of every city, and the links with attributes.
using CitySet = std::set<std::tuple<std::string, std::string, std::string>>;
using LinkSet = std::set<std::vector<std::string>>;

CitySet cities_of(store::Store& s) {
  CitySet out;
  store::CityStore(s).for_each([&](const store::CitySummary& c) {
    out.insert(
        {c.name, c.country, c.lat ? std::to_string(*c.lat) + "," + std::to_string(*c.lng) : "-"});
  });
  return out;
}

LinkSet links_of(store::Store& s) {
  LinkSet out;
  store::LinkStore(s).for_each([&](const Link& l) {
    auto a = store::CityStore(s).require(l.city_a), b = store::CityStore(s).require(l.city_b);
    std::string ka = a.name + "/" + a.country, kb = b.name + "/" + b.country;
    if (kb < ka) std::swap(ka, kb);
    out.insert({ka, kb, std::string(link_kind_name(l.kind)), l.since ? l.since->to_string() : "",
                l.until ? l.until->to_string() : "", std::string(link_status_name(l.status)),
                l.source, l.notes});
  });
  return out;
}

TEST_F(ExportersTest, CsvRoundTripsThroughTheImporter) {
  std::string csv = export_text(ExportFormat::kCsv);
  testing::ScratchDir other;
  auto copy = testing::open_scratch_store(other);
  auto r = import_wikipedia_csv(*copy, csv, "export.csv");
  EXPECT_EQ(r.rows_rejected, 0);
  EXPECT_EQ(r.links_created, 3);
  EXPECT_EQ(cities_of(*copy), cities_of(*store));
  EXPECT_EQ(links_of(*copy), links_of(*store));
  // And exporting the copy gives the same text.
  std::ostringstream again;
  write_export(*copy, ExportFormat::kCsv, again);
  EXPECT_EQ(again.str(), csv);
}

TEST_F(ExportersTest, GeoJsonHasPointsAndLineStrings) {
  auto j = nlohmann::json::parse(export_text(ExportFormat::kGeoJson));
  EXPECT_EQ(j["type"], "FeatureCollection");
  ASSERT_EQ(j["features"].size(), 4u + 3u);
  EXPECT_EQ(last.cities, 4);
  const auto& coventry = j["features"][0];
  EXPECT_EQ(coventry["type"], "Feature");
  EXPECT_EQ(coventry["geometry"]["type"], "Point");
  EXPECT_EQ(coventry["geometry"]["coordinates"], nlohmann::json::array({-1.5106, 52.4081}));
  EXPECT_EQ(coventry["properties"]["name"], "Coventry");
  EXPECT_EQ(coventry["properties"]["country"], "GB");
  EXPECT_EQ(coventry["properties"]["feature"], "city");
  EXPECT_TRUE(j["features"][3]["geometry"].is_null());  // the town without coordinates
  EXPECT_EQ(j["features"][3]["properties"]["name"], "Bad <Town> & \"Co\", 'Ltd'");
  const auto& link = j["features"][4];
  EXPECT_EQ(link["geometry"]["type"], "LineString");
  EXPECT_EQ(link["geometry"]["coordinates"],
            nlohmann::json::parse("[[-1.5106, 52.4081], [-72.3389, 41.7844]]"));
  EXPECT_EQ(link["properties"]["feature"], "link");
  EXPECT_EQ(link["properties"]["kind"], "twin");
  EXPECT_TRUE(j["features"][6]["geometry"].is_null());
  EXPECT_EQ(j["features"][6]["properties"]["since"], "1941-11");
  EXPECT_EQ(j["features"][6]["properties"]["status"], "ended");
}

TEST_F(ExportersTest, GraphMlIsReadableByIgraphWithAttributes) {
  std::string path = dir.write("g.graphml", export_text(ExportFormat::kGraphMl));
  igraph_set_attribute_table(&igraph_cattribute_table);
  igraph_t g;
  FILE* f = std::fopen(path.c_str(), "r");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(igraph_read_graph_graphml(&g, f, 0), IGRAPH_SUCCESS);
  std::fclose(f);
  EXPECT_FALSE(igraph_is_directed(&g));
  EXPECT_EQ(igraph_vcount(&g), 4);
  EXPECT_EQ(igraph_ecount(&g), 3);
  std::set<std::string> names, kinds;
  for (igraph_integer_t v = 0; v < igraph_vcount(&g); ++v) names.insert(VAS(&g, "name", v));
  for (igraph_integer_t e = 0; e < igraph_ecount(&g); ++e) kinds.insert(EAS(&g, "kind", e));
  EXPECT_EQ(names, (std::set<std::string>{"Coventry", "Coventry, Connecticut", "Dresden",
                                          "Bad <Town> & \"Co\", 'Ltd'"}));
  EXPECT_EQ(kinds, (std::set<std::string>{"twin", "friendship"}));
  EXPECT_DOUBLE_EQ(VAN(&g, "lat", 0), 52.4081);
  igraph_destroy(&g);
}

TEST_F(ExportersTest, GraphMlDropsControlCharacters) {
  store->db().execute(
      "UPDATE links SET source = 'a' || char(1) || 'b&c' WHERE kind = 'friendship'");
  std::string xml = export_text(ExportFormat::kGraphMl);
  EXPECT_NE(xml.find("<data key=\"source\">ab&amp;c</data>"), std::string::npos);
  EXPECT_NE(
      xml.find("<data key=\"name\">Bad &lt;Town&gt; &amp; &quot;Co&quot;, &apos;Ltd&apos;</data>"),
      std::string::npos);
}

TEST_F(ExportersTest, FileExportIsAtomic) {
  std::string path = dir.file("out.csv");
  auto sum = write_export_file(*store, ExportFormat::kCsv, path);
  EXPECT_EQ(sum.links, 3);
  EXPECT_EQ(testing::slurp(path), export_text(ExportFormat::kCsv));
  try {
    write_export_file(*store, ExportFormat::kCsv, dir.file("missing/dir/out.csv"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), "--out");
  }
}

TEST(ExportFormatTest, NamesParseAndUnknownNamesThrow) {
  EXPECT_EQ(parse_export_format("geojson"), ExportFormat::kGeoJson);
  EXPECT_EQ(export_format_name(ExportFormat::kGraphMl), "graphml");
  EXPECT_THROW(parse_export_format("xlsx"), Error);
}

}  // namespace
}  // namespace twinning::ingest
