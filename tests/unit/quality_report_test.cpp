#include "ingest/quality_report.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "ingest/wikipedia_csv.h"
#include "support/test_support.h"

namespace twinning::ingest {
namespace {

// Each row is there for one check; see the comments.
const char* kCsv =
    "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    // (a) Coventry under England and, at Coventry's coordinates, the US.
    "Coventry,England,52.4081,-1.5106,Kiel,Germany,54.3233,10.1394\n"
    "Selwyn,New Zealand,-43.6495,172.2278,Coventry,United States,52.4081,-1.5106\n"
    // (a) + (d): a town paired with itself under another country; (b) for CZ.
    "Akhmeta,Georgia (country),42.0342,45.2109,Akhmeta,Czech Republic,42.0342,45.2109\n"
    // (c) Olevano Romano carries Volgograd's coordinates; (b) for IT.
    "Volgograd,Russia,48.7086,44.5147,Olevano Romano,Italy,48.7086,44.5147\n"
    // (e) Kiel lists Coventry (above: Coventry lists Kiel too, so that link is
    // two-sided); Coventry lists Dresden, which Germany's list does not name.
    "Kiel,Germany,54.3233,10.1394,Coventry,England,52.4081,-1.5106\n"
    "Coventry,England,52.4081,-1.5106,Dresden,Germany,51.05,13.74\n"
    // Not (e): Australia lists nothing, so its silence proves nothing.
    "Coventry,England,52.4081,-1.5106,Parkes,Australia,-32.8225,147.9761\n"
    // Réunion has no outline of its own: skipped by (b).
    "Saint-Denis,\"Réunion, France\",-20.8789,55.4481,Kiel,Germany,54.3233,10.1394\n";

class QualityReportTest : public ::testing::Test {
 protected:
  void SetUp() override { import_wikipedia_csv(*store, kCsv, "q.csv"); }
  std::vector<std::string> names(const std::vector<store::CitySummary>& cities) {
    std::vector<std::string> out;
    for (const auto& c : cities) out.push_back(c.name + "/" + c.country);
    return out;
  }
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
};

TEST_F(QualityReportTest, CitiesUnderTwoCountries) {
  auto r = quality_report(*store);
  ASSERT_EQ(r.country_conflicts.size(), 2u);
  EXPECT_EQ(r.country_conflicts[0].name, "Akhmeta");
  EXPECT_EQ(names(r.country_conflicts[0].cities),
            (std::vector<std::string>{"Akhmeta/CZ", "Akhmeta/GE"}));
  EXPECT_EQ(r.country_conflicts[1].name, "Coventry");
  EXPECT_EQ(names(r.country_conflicts[1].cities),
            (std::vector<std::string>{"Coventry/GB", "Coventry/US"}));
}

TEST_F(QualityReportTest, SamePlaceMeansWithinTheThreshold) {
  store->db().execute(
      "UPDATE cities SET lat = lat + 0.02 WHERE name = 'Coventry' AND country = 'US'");
  // 0.02 degrees of latitude is 2.2 km: no longer the same place at 1 km...
  auto r = quality_report(*store);
  ASSERT_EQ(r.country_conflicts.size(), 1u);
  EXPECT_EQ(r.country_conflicts[0].name, "Akhmeta");
  // ...but it is at 3 km.
  QualityOptions wide;
  wide.same_place_km = 3;
  EXPECT_EQ(quality_report(*store, wide).country_conflicts.size(), 2u);
}

TEST_F(QualityReportTest, CoordinatesFarOutsideTheirCountry) {
  auto r = quality_report(*store);
  std::vector<std::string> far;
  for (const auto& f : r.far_from_country) far.push_back(f.city.name + "/" + f.city.country);
  std::vector<std::string> sorted = far;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"Akhmeta/CZ", "Coventry/US", "Olevano Romano/IT"}));
  // Farthest first; each lies where its coordinates really are.
  for (std::size_t i = 0; i < r.far_from_country.size(); ++i) {
    const auto& f = r.far_from_country[i];
    EXPECT_GT(f.distance_km, 500) << far[i];
    if (i > 0) {
      EXPECT_LE(f.distance_km, r.far_from_country[i - 1].distance_km);
    }
    std::string expected = f.city.name == "Coventry"  ? "GB"
                           : f.city.name == "Akhmeta" ? "GE"
                                                      : "RU";
    EXPECT_EQ(f.lies_in, std::vector<std::string>{expected}) << far[i];
  }
  EXPECT_EQ(far[0], "Coventry/US");  // 4,600 km from the US; the others about 2,000
  // Réunion is counted as unchecked; every other city was checked.
  ASSERT_EQ(r.countries_without_shape.size(), 1u);
  EXPECT_EQ(r.countries_without_shape[0].country, "RE");
  EXPECT_EQ(r.countries_without_shape[0].cities, 1);
  EXPECT_EQ(r.coordinates_checked, r.cities - 1);
}

TEST_F(QualityReportTest, OnePointForDifferentlyNamedCities) {
  auto r = quality_report(*store);
  ASSERT_EQ(r.shared_coordinates.size(), 1u);
  EXPECT_EQ(r.shared_coordinates[0].lat, 48.7086);
  EXPECT_EQ(r.shared_coordinates[0].lng, 44.5147);
  EXPECT_EQ(names(r.shared_coordinates[0].cities),
            (std::vector<std::string>{"Volgograd/RU", "Olevano Romano/IT"}));
}

TEST_F(QualityReportTest, SuspectedSelfLinks) {
  auto r = quality_report(*store);
  ASSERT_EQ(r.suspected_self_links.size(), 1u);
  EXPECT_EQ(r.suspected_self_links[0].first.name, "Akhmeta");
  EXPECT_EQ(r.suspected_self_links[0].second.name, "Akhmeta");
  EXPECT_NE(r.suspected_self_links[0].first.country, r.suspected_self_links[0].second.country);
}

TEST_F(QualityReportTest, OneSidedLinks) {
  auto r = quality_report(*store);
  EXPECT_EQ(r.host_countries, (std::vector<std::string>{"DE", "GB", "GE", "NZ", "RE", "RU"}));
  std::vector<std::string> found;
  for (const auto& f : r.one_sided_links) found.push_back(f.first.name + ">" + f.second.name);
  // Selwyn (NZ) lists Coventry US: the US lists nothing. Volgograd lists
  // Olevano Romano: Italy lists nothing. Saint-Denis lists Kiel, Germany
  // lists (Kiel lists Coventry) but not Saint-Denis.
  EXPECT_EQ(found, (std::vector<std::string>{"Coventry>Dresden", "Saint-Denis>Kiel"}));
}

TEST_F(QualityReportTest, JsonCarriesCountsAndFindings) {
  nlohmann::json j = quality_report(*store);
  EXPECT_EQ(j["counts"]["country_conflicts"], 2);
  EXPECT_EQ(j["counts"]["far_from_country"], 3);
  EXPECT_EQ(j["counts"]["shared_coordinates"], 1);
  EXPECT_EQ(j["counts"]["suspected_self_links"], 1);
  EXPECT_EQ(j["counts"]["one_sided_links"], 2);
  EXPECT_EQ(j["far_from_country"][0]["city"]["name"], "Coventry");
  EXPECT_EQ(j["one_sided_links"][0]["listed_by"]["name"], "Coventry");
  EXPECT_EQ(j["one_sided_links"][0]["not_listed_by"]["name"], "Dresden");
  EXPECT_EQ(j["countries_without_shape"][0]["country"], "RE");
}

TEST_F(QualityReportTest, JsonCutToALimitStillCountsEveryFinding) {
  auto r = quality_report(*store);
  nlohmann::json all = r;
  EXPECT_EQ(quality_json(r, 0), all);
  nlohmann::json cut = quality_json(r, 1);
  EXPECT_EQ(cut["counts"], all["counts"]);
  ASSERT_EQ(cut["country_conflicts"].size(), 1u);
  EXPECT_EQ(cut["country_conflicts"][0], all["country_conflicts"][0]);
  ASSERT_EQ(cut["far_from_country"].size(), 1u);
  EXPECT_EQ(cut["far_from_country"][0], all["far_from_country"][0]);
  ASSERT_EQ(cut["one_sided_links"].size(), 1u);
  EXPECT_EQ(cut["one_sided_links"][0], all["one_sided_links"][0]);
  EXPECT_EQ(cut["suspected_self_links"], all["suspected_self_links"]);        // 1 of 1
  EXPECT_EQ(cut["countries_without_shape"], all["countries_without_shape"]);  // not findings
  EXPECT_EQ(quality_json(r, 1000), all);
}

TEST(QualityReportEmptyTest, AnEmptyRegistryHasNoFindings) {
  testing::ScratchDir dir;
  auto store = testing::open_scratch_store(dir);
  auto r = quality_report(*store);
  EXPECT_EQ(r.cities, 0);
  EXPECT_TRUE(r.country_conflicts.empty());
  EXPECT_TRUE(r.far_from_country.empty());
  EXPECT_TRUE(r.one_sided_links.empty());
}

}  // namespace
}  // namespace twinning::ingest
