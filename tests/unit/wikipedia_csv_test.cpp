#include "ingest/wikipedia_csv.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/test_database.h"

namespace twinning::ingest {
namespace {

class WikipediaCsvTest : public testing::BackendTest {
 protected:
  std::int64_t cities() { return store::CityStore(*store).count(); }
  std::int64_t links() { return store::LinkStore(*store).count(); }
};

const char* kHeader = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n";

TEST_P(WikipediaCsvTest, PairsListedFromBothSidesBecomeOneLink) {
  std::string csv = std::string(kHeader) +
                    "Alaverdi,Armenia,41.1,44.6,Kobuleti,Georgia,41.8,41.8\n"
                    "Kobuleti,Georgia (country),41.8,41.8,Alaverdi,Armenia,41.1,44.6\n"
                    "Whitby,England,54.5,-0.6,Bland,Australia,-33.9,147.5\n"
                    "Bland,Australia,-33.9,147.5,Whitby,\"England, United Kingdom\",54.5,-0.6\n";
  auto r = import_wikipedia_csv(*store, csv, "t.csv");
  EXPECT_EQ(r.rows_read, 4);
  EXPECT_EQ(r.links_created, 2);
  EXPECT_EQ(r.links_merged, 2);
  EXPECT_EQ(r.rows_rejected, 0);
  EXPECT_EQ(r.cities_created, 4);
  EXPECT_EQ(r.listings_added, 4);
  EXPECT_EQ(links(), 2);
  // Both sides list the Kobuleti link.
  auto k = registry::resolve_city(*store, "Kobuleti, GE");
  auto a = registry::resolve_city(*store, "Alaverdi, AM");
  auto link = store::LinkStore(*store).find(k, a);
  ASSERT_TRUE(link);
  EXPECT_EQ(store::LinkStore(*store).listed_by(link->id).size(), 2u);
}

TEST_P(WikipediaCsvTest, ReimportChangesNothing) {
  std::string csv = std::string(kHeader) + "Kiel,Germany,54.3,10.1,Coventry,England,52.4,-1.5\n";
  import_wikipedia_csv(*store, csv, "t.csv");
  auto audit_rows = store->db().query_one("SELECT COUNT(*) FROM audit_log")->integer(0);
  auto r = import_wikipedia_csv(*store, csv, "t.csv");
  EXPECT_TRUE(r.changed_nothing());
  EXPECT_EQ(r.links_merged, 1);
  EXPECT_EQ(cities(), 2);
  EXPECT_EQ(links(), 1);
  EXPECT_EQ(store->db().query_one("SELECT COUNT(*) FROM audit_log")->integer(0), audit_rows);
}

TEST_P(WikipediaCsvTest, RejectsRowsWithLineAndReasonAndKeepsTheRest) {
  std::string csv =
      std::string(kHeader) +
      "Nienburg,Germany,52.6,9.2,Nienburg,Germany,52.6,9.2\n"      // line 2: self
      "Kiel,Atlantis,54.3,10.1,Coventry,England,52.4,-1.5\n"       // line 3: country
      "Kiel,Germany,54.3,10.1,Falkland Islands,,1,1\n"             // line 4: empty
      "Kiel,Germany,95,10.1,Coventry,England,52.4,-1.5\n"          // line 5: lat
      ",Germany,54.3,10.1,Coventry,England,52.4,-1.5\n"            // line 6: no name
      "Varna,Bulgaria,43.2,27.9,\"Varna, Bulgaria\",,43.2,27.9\n"  // line 7: self after repair
      "Ruse,Bulgaria,43.8,25.9,\"Varna, Bulgaria\",,43.2,27.9\n"   // line 8: repaired
      "Kiel,Germany,54.3,10.1,Coventry,England,52.4,-1.5\n";       // line 9: fine
  auto r = import_wikipedia_csv(*store, csv, "t.csv");
  EXPECT_EQ(r.rows_read, 8);
  EXPECT_EQ(r.rows_rejected, 6);
  EXPECT_EQ(r.links_created, 2);
  EXPECT_EQ(r.rows_read, r.links_created + r.links_merged + r.rows_rejected);
  ASSERT_EQ(r.rejects.size(), 6u);
  EXPECT_EQ(r.rejects[0].line, 2);
  EXPECT_NE(r.rejects[0].reason.find("self-link"), std::string::npos);
  EXPECT_EQ(r.rejects[1].line, 3);
  EXPECT_NE(r.rejects[1].reason.find("unknown country 'Atlantis'"), std::string::npos);
  EXPECT_EQ(r.rejects[2].line, 4);
  EXPECT_NE(r.rejects[2].reason.find("empty country"), std::string::npos);
  EXPECT_EQ(r.rejects[3].line, 5);
  EXPECT_NE(r.rejects[3].reason.find("latitude"), std::string::npos);
  EXPECT_EQ(r.rejects[4].line, 6);
  EXPECT_EQ(r.rejects[5].line, 7);
  EXPECT_NO_THROW(registry::resolve_city(*store, "Varna, BG"));
}

TEST_P(WikipediaCsvTest, ASelfLinkIsRecognisedByTheNameKeyWhateverTheSpelling) {
  // "Kraków" and "KRAKOW" are one city: the row is a self-link, rejected with
  // its line, and the rest of the file goes in.
  std::string csv = std::string(kHeader) +
                    "Kraków,Poland,50.06,19.94,KRAKOW,Poland,50.06,19.94\n"  // line 2: self
                    "Kraków,Poland,50.06,19.94,Kiel,Germany,54.3,10.1\n";    // line 3: fine
  auto r = import_wikipedia_csv(*store, csv, "t.csv");
  EXPECT_EQ(r.rows_rejected, 1);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].line, 2);
  EXPECT_NE(r.rejects[0].reason.find("self-link"), std::string::npos) << r.rejects[0].reason;
  EXPECT_EQ(r.links_created, 1);
  EXPECT_EQ(cities(), 2);
}

void expect_structural_failure(store::Store& store, const std::string& csv,
                               const std::string& field) {
  try {
    import_wikipedia_csv(store, csv, "bad.csv");
    ADD_FAILURE() << "accepted: " << csv;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), field) << e.what();
  }
}

TEST_P(WikipediaCsvTest, MalformedFilesFailWholeAndWriteNothing) {
  std::string good = "Kiel,Germany,54.3,10.1,Coventry,England,52.4,-1.5\n";
  expect_structural_failure(*store, "", "line 1");
  expect_structural_failure(*store, "name,country\nKiel,Germany\n", "line 1");
  expect_structural_failure(*store, std::string(kHeader) + good + "Kiel,Germany,54.3\n", "line 3");
  expect_structural_failure(*store, std::string(kHeader) + good + "\"Kiel,Germany,1,1,a,b,1,1\n",
                            "line 3");
  expect_structural_failure(*store, std::string(kHeader) + good + "Ki\"el,Germany,1,1,a,b,1,1\n",
                            "line 3");
  expect_structural_failure(*store, std::string(kHeader) + good + "K\xffiel,Germany,1,1,a,b,1,1\n",
                            "line 3");
  EXPECT_EQ(cities(), 0);
  EXPECT_EQ(links(), 0);
}

TEST_P(WikipediaCsvTest, RawVariantWithoutCoordinatesAndExportColumns) {
  std::string csv =
      "city1,country1,city2,country2,kind,since,status,source\n"
      "Coventry,GB,Volgograd,RU,friendship,1944-06-10,active,Coventry City Council\n"
      "Coventry,GB,Kiel,DE,,,,\n";
  auto r = import_wikipedia_csv(*store, csv, "export.csv");
  EXPECT_EQ(r.links_created, 2);
  auto cov = registry::resolve_city(*store, "Coventry, GB");
  auto vol = registry::resolve_city(*store, "Volgograd, RU");
  auto l = store::LinkStore(*store).find(cov, vol);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->kind, LinkKind::kFriendship);
  EXPECT_EQ(l->since->to_string(), "1944-06-10");
  EXPECT_EQ(l->source, "Coventry City Council");
  EXPECT_FALSE(store::CityStore(*store).require(cov).lat);
}

TWINNING_ON_EVERY_BACKEND(WikipediaCsvTest);

}  // namespace
}  // namespace twinning::ingest
