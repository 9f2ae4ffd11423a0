#include "store/import_writer.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class ImportWriterTest : public testing::BackendTest {
 protected:
  // Runs `body` with a writer in one write transaction and flushes it.
  template <class F>
  void run(F body) {
    store->db().write_transaction([&] {
      ImportWriter writer(*store);
      body(writer);
      writer.flush();
    });
  }
  std::int64_t count(const std::string& table) {
    return store->db().query_one("SELECT COUNT(*) FROM " + table)->integer(0);
  }
  Link attributes(const std::string& source) {
    Link l;
    l.source = source;
    return l;
  }
};

TEST_P(ImportWriterTest, NewRowsCarryEverythingSetBeforeOrAfterTheyAreWritten) {
  CityId kiel = 0, coventry = 0;
  LinkId link = 0;
  run([&](ImportWriter& w) {
    kiel = w.add_city("Kiel", "kiel", "DE", std::nullopt, std::nullopt);
    coventry = w.add_city("Coventry", "coventry", "GB", 52.4, -1.5, "Q180673");
    w.set_coordinates(kiel, 54.3, 10.1);
    w.set_wikidata_id(kiel, "Q1707");
    Link l = attributes("letter");
    l.kind = LinkKind::kPartner;
    l.until = PartialDate{1990, 10, 0};
    l.status = LinkStatus::kEnded;
    l.notes = "paused";
    link = w.add_link(std::min(kiel, coventry), std::max(kiel, coventry), l);
    EXPECT_TRUE(w.fill_dates(link, PartialDate{1947, 0, 0}, PartialDate{2000, 0, 0}));
    EXPECT_FALSE(w.fill_dates(link, PartialDate{1950, 0, 0}, std::nullopt));  // known now
    EXPECT_TRUE(w.add_name(kiel, CityName{"Kil", "da", "alternate", {}, {}}, "kil"));
    EXPECT_FALSE(w.add_name(kiel, CityName{"Kil", "da", "alternate", {}, {}}, "kil"));
    EXPECT_TRUE(w.add_listing(link, kiel, "f.csv"));
    EXPECT_FALSE(w.add_listing(link, kiel, "f.csv"));
    EXPECT_TRUE(w.add_listing(link, coventry, "f.csv"));
    EXPECT_TRUE(w.add_listing(link, kiel, "g.csv"));
    // Once written, changes go through SQL to the same effect.
    w.flush();
    w.set_coordinates(coventry, 52.41, -1.51);
    EXPECT_FALSE(w.fill_dates(link, PartialDate{1948, 0, 0}, std::nullopt));
    EXPECT_FALSE(w.add_name(kiel, CityName{"Kil", "da", "alternate", {}, {}}, "kil"));
    EXPECT_FALSE(w.add_listing(link, coventry, "f.csv"));
  });
  City k = CityStore(*store).require(kiel);
  EXPECT_EQ(k.name, "Kiel");
  EXPECT_EQ(*k.lat, 54.3);
  EXPECT_EQ(*k.lng, 10.1);
  EXPECT_EQ(k.wikidata_id, "Q1707");
  ASSERT_EQ(k.names.size(), 2u);
  EXPECT_EQ(k.names[0].kind, "official");
  EXPECT_EQ(k.names[1].name, "Kil");
  City c = CityStore(*store).require(coventry);
  EXPECT_EQ(*c.lat, 52.41);
  EXPECT_EQ(c.wikidata_id, "Q180673");
  Link l = LinkStore(*store).require(link);
  EXPECT_EQ(l.kind, LinkKind::kPartner);
  EXPECT_EQ(l.since->to_string(), "1947");
  EXPECT_EQ(l.until->to_string(), "1990-10");
  EXPECT_EQ(l.status, LinkStatus::kEnded);
  EXPECT_EQ(l.source, "letter");
  EXPECT_EQ(l.notes, "paused");
  EXPECT_EQ(count("link_listings"), 3);
  EXPECT_EQ(count("audit_log"), 0);  // the importer audits the import as a whole
}

TEST_P(ImportWriterTest, NamesAndListingsAlreadyInTheRegistryAreNotNew) {
  City existing;
  existing.name = "Kiel";
  existing.country = "DE";
  existing.names = {CityName{"Kil", "da", "alternate", {}, {}}};
  CityId kiel = CityStore(*store).create(existing);
  CityId coventry = 0;
  LinkId link = 0;
  run([&](ImportWriter& w) {
    coventry = w.add_city("Coventry", "coventry", "GB", std::nullopt, std::nullopt);
    link = w.add_link(std::min(kiel, coventry), std::max(kiel, coventry), attributes("f.csv"));
    EXPECT_TRUE(w.add_listing(link, kiel, "f.csv"));
  });
  run([&](ImportWriter& w) {
    EXPECT_FALSE(w.add_name(kiel, CityName{"Kil", "da", "alternate", {}, {}}, "kil"));
    EXPECT_TRUE(w.add_name(kiel, CityName{"Kil", "sv", "alternate", {}, {}}, "kil"));
    EXPECT_FALSE(w.add_listing(link, kiel, "f.csv"));
    EXPECT_TRUE(w.add_listing(link, coventry, "f.csv"));
    EXPECT_TRUE(w.fill_dates(link, PartialDate{1947, 0, 0}, std::nullopt));
  });
  EXPECT_EQ(CityStore(*store).require(kiel).names.size(), 3u);
  EXPECT_EQ(count("link_listings"), 2);
  EXPECT_EQ(LinkStore(*store).require(link).since->to_string(), "1947");
}

TEST_P(ImportWriterTest, ManyRowsAreWrittenInBatchesWithDistinctIds) {
  constexpr int kCities = 12000;  // more than one batch of buffered rows
  std::vector<CityId> ids;
  run([&](ImportWriter& w) {
    for (int i = 0; i < kCities; ++i) {
      std::string name = "Town " + std::to_string(i);
      ids.push_back(w.add_city(name, "town " + std::to_string(i), "DE", 50.0, i / 1000.0));
    }
    for (int i = 1; i < kCities; i += 2) {
      LinkId link = w.add_link(ids[i - 1], ids[i], attributes("many.csv"));
      w.add_listing(link, ids[i - 1], "many.csv");
    }
  });
  EXPECT_EQ(count("cities"), kCities);
  EXPECT_EQ(count("city_names"), kCities);
  EXPECT_EQ(count("links"), kCities / 2);
  EXPECT_EQ(count("link_listings"), kCities / 2);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  auto last = CityStore(*store).require(ids.back());
  EXPECT_EQ(last.name, "Town 11999");
  EXPECT_EQ(*last.lng, 11.999);
}

TEST_P(ImportWriterTest, AFailedWriteFailsTheWholeTransaction) {
  try {
    store->db().write_transaction([&] {
      ImportWriter writer(*store);
      CityId kiel = writer.add_city("Kiel", "kiel", "DE", std::nullopt, std::nullopt);
      try {
        // A link to a city that does not exist: refused here where rows are
        // written as they come (SQLite), else by the flush() that writes it
        // or, written in the background (PostgreSQL), by the next use of
        // the database.
        writer.add_link(kiel, kiel + 1000, attributes("f.csv"));
        writer.flush();
        store->db().query_one("SELECT 1");
        ADD_FAILURE() << "no error";
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::kConflict) << e.what();
        // An importer that took this for a fault of one row and went on
        // cannot finish where other rows went down with it.
        if (GetParam() == testing::Backend::kPostgres) {
          writer.add_city("Coventry", "coventry", "GB", std::nullopt, std::nullopt);
          EXPECT_THROW(writer.flush(), Error);
          EXPECT_THROW(writer.flush(), Error);
        }
        throw;
      }
    });
    FAIL() << "committed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict) << e.what();
  }
  EXPECT_FALSE(store->db().in_transaction());
  EXPECT_EQ(count("cities"), 0);
  EXPECT_EQ(count("city_names"), 0);
  EXPECT_EQ(count("links"), 0);
  // The connection serves the next transaction.
  run([&](ImportWriter& w) { w.add_city("Kiel", "kiel", "DE", std::nullopt, std::nullopt); });
  EXPECT_EQ(count("cities"), 1);
}

TWINNING_ON_EVERY_BACKEND(ImportWriterTest);

}  // namespace
}  // namespace twinning::store
