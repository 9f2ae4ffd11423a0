// `twinning quality` on the bundled world list: the errors the data README
// documents are found.
#include <gtest/gtest.h>

#include <set>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

TEST(QualityCliTest, FindsTheDocumentedErrorsOfTheWorldList) {
  ScratchDir dir;
  std::string db = dir.file("t.db");
  ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
  ASSERT_EQ(
      run_twinning({"--db", db, "import", "wikipedia-csv", data_file("twin_cities_wikipedia.csv")})
          .exit_code,
      0);
  auto counts = table_row_counts(db);
  auto r = run_twinning({"--db", db, "quality", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = r.json();
  EXPECT_EQ(table_row_counts(db), counts);  // a report changes nothing

  // (b) data/README.md, "Coordinates far outside the listed country".
  std::set<std::string> far;
  for (const auto& f : j["far_from_country"]) {
    far.insert(f["city"]["name"].get<std::string>() + "/" +
               f["city"]["country"].get<std::string>());
    EXPECT_GT(f["distance_km"].get<double>(), 500);
  }
  for (const char* c : {"Cornwall/CA", "Coventry/US", "Moscow/US", "Perth/GB", "Christchurch/GB",
                        "Salisbury/AU", "Liverpool/AU", "Ipswich/AU", "Canterbury/AU",
                        "Whitehorse/AU", "Nome/NO", "Bergen/DE", "Okinoshima/JP", "Valencia/VE"}) {
    EXPECT_TRUE(far.contains(c)) << c;
  }
  EXPECT_EQ(j["counts"]["far_from_country"], far.size());
  // (a) Coventry and Moscow filed under two countries.
  std::set<std::string> conflicts;
  for (const auto& c : j["country_conflicts"]) conflicts.insert(c["name"].get<std::string>());
  for (const char* c : {"Coventry", "Moscow", "Paris", "Perth", "Akhmeta"}) {
    EXPECT_TRUE(conflicts.contains(c)) << c;
  }
  // (c) Volgograd's point carried by Olevano Romano; ten Japanese towns at one point.
  bool volgograd = false;
  std::size_t largest = 0;
  for (const auto& s : j["shared_coordinates"]) {
    largest = std::max(largest, s["cities"].size());
    for (const auto& c : s["cities"]) volgograd |= c["name"] == "Olevano Romano";
  }
  EXPECT_TRUE(volgograd);
  EXPECT_EQ(largest, 10u);
  // (d) Akhmeta GE - Akhmeta CZ.
  bool akhmeta = false;
  for (const auto& s : j["suspected_self_links"]) akhmeta |= s["city_a"]["name"] == "Akhmeta";
  EXPECT_TRUE(akhmeta);
  // (e) one-sided links: listed by a host, the partner's country hosts a list too.
  EXPECT_GT(j["counts"]["one_sided_links"].get<int>(), 0);
  for (const auto& o : j["one_sided_links"]) {
    EXPECT_NE(o["listed_by"]["id"], o["not_listed_by"]["id"]);
  }

  // The text form prints the same counts.
  auto text = run_twinning({"--db", db, "quality", "--limit", "3"});
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("(b) coordinates more than 500 km outside their country: " +
                          std::to_string(far.size())),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Christchurch, GB"), std::string::npos);  // the farthest
}

}  // namespace
}  // namespace twinning::testing
