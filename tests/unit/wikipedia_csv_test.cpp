#include "ingest/wikipedia_csv.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/table_dump.h"
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

// The imported tables without their timestamps, row by row, as text.
std::vector<std::string> registry_rows(store::Database& db) {
  std::vector<std::string> out;
  for (const char* sql :
       {"SELECT 'city', id, name, name_key, country, lat, lng, wikidata_id FROM cities "
        "ORDER BY id",
        "SELECT 'name', id, city_id, name, name_key, lang, kind FROM city_names ORDER BY id",
        "SELECT 'link', id, city_a, city_b, kind, since, until, status, source, notes FROM links "
        "ORDER BY id",
        "SELECT 'listing', link_id, listed_by, source FROM link_listings "
        "ORDER BY link_id, listed_by"}) {
    db.query_each(sql, {}, [&](const store::Row& r) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) line += (r.is_null(i) ? "NULL" : r.text(i)) + "|";
      out.push_back(std::move(line));
    });
  }
  return out;
}

std::int64_t count_rows(store::Store& store, const std::string& table) {
  return store.db().query_one("SELECT COUNT(*) FROM " + table)->integer(0);
}

TEST_P(WikipediaCsvTest, TheWorldListGivesTheSameReportAndRowsOnEitherBackend) {
  const std::string world = testing::data_file("twin_cities_wikipedia.csv");
  auto r = import_wikipedia_csv_file(*store, world);
  // The report as it was when every row was written by its own statement.
  EXPECT_EQ(r.rows_read, 25917);
  EXPECT_EQ(r.links_created, 24758);
  EXPECT_EQ(r.links_merged, 1154);
  EXPECT_EQ(r.links_updated, 0);
  EXPECT_EQ(r.rows_rejected, 5);
  EXPECT_EQ(r.cities_created, 17140);
  EXPECT_EQ(r.cities_matched, 34684);
  EXPECT_EQ(r.cities_updated, 0);
  EXPECT_EQ(r.names_added, 0);
  EXPECT_EQ(r.listings_added, 25908);
  EXPECT_EQ(count_rows(*store, "cities"), 17140);
  EXPECT_EQ(count_rows(*store, "city_names"), 17140);
  EXPECT_EQ(count_rows(*store, "links"), 24758);
  EXPECT_EQ(count_rows(*store, "link_listings"), 25908);
  EXPECT_EQ(count_rows(*store, "audit_log"), 1);
  auto rows = registry_rows(store->db());
  if (GetParam() == testing::Backend::kPostgres) {
    // PostgreSQL's batched rows equal SQLite's, written one by one: ids included.
    testing::ScratchDatabase sqlite(testing::Backend::kSqlite, dir, "reference.db");
    auto reference = testing::open_migrated_store(sqlite);
    import_wikipedia_csv_file(*reference, world);
    auto expected = registry_rows(reference->db());
    ASSERT_EQ(rows.size(), expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) ASSERT_EQ(rows[i], expected[i]) << "row " << i;
  }
  // A second import finds everything there and writes nothing.
  auto again = import_wikipedia_csv_file(*store, world);
  EXPECT_TRUE(again.changed_nothing());
  EXPECT_EQ(again.links_merged, 25912);
  EXPECT_EQ(again.listings_added, 0);
  EXPECT_EQ(registry_rows(store->db()), rows);
  EXPECT_EQ(count_rows(*store, "audit_log"), 1);
}

// A fault of the database that no row check foresees: a trigger refuses the
// city "Boom", with the SQLSTATE `code` on PostgreSQL.
void refuse_boom(store::Database& db, const std::string& code) {
  if (db.dialect() == store::Dialect::kSqlite) {
    db.execute_script(
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON cities WHEN NEW.name = 'Boom' "
        "BEGIN SELECT RAISE(ABORT, 'Boom refused'); END");
    return;
  }
  db.execute_script(
      "CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
      "IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'Boom refused' USING ERRCODE = '" +
      code +
      "'; END IF; RETURN NEW; END $$; "
      "CREATE TRIGGER refuse_boom BEFORE INSERT ON cities FOR EACH ROW "
      "EXECUTE FUNCTION refuse_boom()");
}

TEST_P(WikipediaCsvTest, AnImportFailingMidwayWritesNothing) {
  import_wikipedia_csv(*store,
                       std::string(kHeader) + "Kiel,Germany,54.3,10.1,Coventry,England,52.4,-1.5\n",
                       "first.csv");
  // Boom comes early: on PostgreSQL its row is written with thousands of
  // others while later rows are imported. A check violation fails the
  // import at once; an invalid value (SQLSTATE 22023) is what the importer
  // takes for a fault of one row, and must fail the import all the same.
  std::vector<std::string> codes = {"23514"};
  if (GetParam() == testing::Backend::kPostgres) codes.push_back("22023");
  std::string csv = kHeader;
  for (int i = 0; i < 3000; ++i) {
    std::string n = std::to_string(i);
    csv += (i == 10 ? std::string("Boom") : "Town " + n) + ",Germany,50," +
           std::to_string(i / 1000.0) + ",Ville " + n + ",France,45," + std::to_string(i / 1000.0) +
           "\n";
  }
  for (const auto& code : codes) {
    SCOPED_TRACE(code);
    refuse_boom(store->db(), code);
    auto before = testing::dump_tables(store->db());
    try {
      import_wikipedia_csv(*store, csv, "boom.csv");
      ADD_FAILURE() << "imported";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("Boom refused"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(store->db().in_transaction());
    auto after = testing::dump_tables(store->db());
    // Sequences are not transactional on PostgreSQL: ids handed out stay used.
    before.erase("pg_sequences");
    after.erase("pg_sequences");
    EXPECT_EQ(testing::first_difference(before, after), "");
    store->db().execute_script(
        "DROP TRIGGER refuse_boom" +
        std::string(GetParam() == testing::Backend::kPostgres ? " ON cities" : ""));
  }
  EXPECT_EQ(cities(), 2);
  EXPECT_EQ(links(), 1);
}

TWINNING_ON_EVERY_BACKEND(WikipediaCsvTest);

}  // namespace
}  // namespace twinning::ingest
