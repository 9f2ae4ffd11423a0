#include "ingest/import_session.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/test_database.h"

namespace twinning::ingest {
namespace {

// On both backends: on PostgreSQL the session's rows are buffered, and the
// changes it makes to cities and links it created apply before or after they
// are written.
class ImportSessionTest : public testing::BackendTest {
 protected:
  // Runs `body` with a session in one write transaction; returns the report.
  template <class F>
  ImportReport run(F body) {
    ImportReport report;
    store->db().write_transaction([&] {
      ImportSession session(*store, report);
      body(session);
      session.finish();
    });
    return report;
  }
};

TEST_P(ImportSessionTest, CitiesAreFoundByNameKeyAndGainMissingCoordinates) {
  CityId kiel = 0;
  auto r = run([&](ImportSession& s) {
    kiel = s.city("Kiel", "DE", std::nullopt, std::nullopt);
    EXPECT_EQ(s.city("KIEL", "DE", 54.3, 10.1), kiel);  // fills the coordinates
    EXPECT_EQ(s.city("kiel", "DE", 1, 1), kiel);        // keeps them
    EXPECT_NE(s.city("Kiel", "PL", std::nullopt, std::nullopt), kiel);
  });
  EXPECT_EQ(r.cities_created, 2);
  EXPECT_EQ(r.cities_matched, 2);
  EXPECT_EQ(r.cities_updated, 1);
  auto c = store::CityStore(*store).require(kiel);
  EXPECT_EQ(*c.lat, 54.3);
  EXPECT_EQ(c.names.size(), 1u);
  EXPECT_EQ(c.names[0].kind, "official");
}

TEST_P(ImportSessionTest, ItemCitiesMatchByIdThenByNameUnlessANamesake) {
  City other;
  other.name = "Springfield";
  other.country = "US";
  other.wikidata_id = "Q28515";
  CityId existing = store::CityStore(*store).create(other);
  CityId plain = 0;
  auto r = run([&](ImportSession& s) {
    plain = s.city("Kiel", "DE", 54.3, 10.1);
    EXPECT_EQ(s.item_city("Q1707", "Kiel", "DE", 54.32, 10.14), plain);  // gains the id
    EXPECT_EQ(s.item_city("Q1707", "Kiel (city)", "DE", std::nullopt, std::nullopt), plain);
    EXPECT_EQ(s.find_item("Q28515"), existing);
    CityId second = s.item_city("Q49261", "Springfield", "US", 37.2, -93.3);
    EXPECT_NE(second, existing);
    EXPECT_EQ(s.find_item("Q49261"), second);
  });
  EXPECT_EQ(r.cities_created, 2);
  EXPECT_EQ(r.cities_matched, 2);
  EXPECT_EQ(r.cities_updated, 1);
  EXPECT_EQ(store::CityStore(*store).require(plain).wikidata_id, "Q1707");
}

TEST_P(ImportSessionTest, NamesAreAddedOnce) {
  City c;
  c.name = "Kiel";
  c.country = "DE";
  CityId kiel = store::CityStore(*store).create(c);
  auto r = run([&](ImportSession& s) {
    s.add_name(kiel, CityName{"Kilo", "da", "alternate", {}, {}});
    s.add_name(kiel, CityName{"Kilo", "da", "alternate", {}, {}});
    s.add_name(kiel, CityName{"Kilo", "sv", "alternate", {}, {}});
  });
  EXPECT_EQ(r.names_added, 2);
  EXPECT_EQ(store::CityStore(*store).require(kiel).names.size(), 3u);
}

TEST_P(ImportSessionTest, LinksTakeAttributesWhenNewAndOnlyMissingDatesWhenMerged) {
  LinkId id = 0;
  auto r = run([&](ImportSession& s) {
    CityId a = s.city("Coventry", "GB", 52.4, -1.5);
    CityId b = s.city("Volgograd", "RU", 48.7, 44.5);
    Link attributes;
    attributes.kind = LinkKind::kFriendship;
    attributes.source = "letter";
    id = s.link(b, a, b, "f.csv", attributes);
    Link dated;
    dated.since = PartialDate{1944, 6, 10};
    dated.kind = LinkKind::kPartner;  // ignored: the link exists
    EXPECT_EQ(s.link(a, b, a, "f.csv", dated), id);
    dated.since = PartialDate{1950, 0, 0};  // ignored: the date is known
    EXPECT_EQ(s.link(a, b, a, "g.csv", dated), id);
  });
  EXPECT_EQ(r.links_created, 1);
  EXPECT_EQ(r.links_merged, 2);
  EXPECT_EQ(r.links_updated, 1);
  EXPECT_EQ(r.listings_added, 3);  // (Volgograd, f.csv), (Coventry, f.csv), (Coventry, g.csv)
  auto l = store::LinkStore(*store).require(id);
  EXPECT_EQ(l.kind, LinkKind::kFriendship);
  EXPECT_EQ(l.source, "letter");
  EXPECT_EQ(l.since->to_string(), "1944-06-10");
  EXPECT_LT(l.city_a, l.city_b);
}

TEST_P(ImportSessionTest, RejectsCountRowsAndANoOpWritesNoAuditEntry) {
  auto r = run([&](ImportSession& s) {
    s.reject(7, "bad row");
    s.reject(9, "item without country", "Q5", 3);
    s.reject(11, "item without statements", "Q6", 0);
  });
  EXPECT_EQ(r.rows_rejected, 4);
  ASSERT_EQ(r.rejects.size(), 3u);
  EXPECT_EQ(r.rejects[1].item, "Q5");
  EXPECT_EQ(r.rejects[1].rows, 3);
  EXPECT_TRUE(r.changed_nothing());
  EXPECT_EQ(store->db().query_one("SELECT COUNT(*) FROM audit_log")->integer(0), 0);
}

TEST_P(ImportSessionTest, OnlyWritersMayImport) {
  store->set_actor(Actor{0, "viewer", Role::kViewer, std::nullopt, std::nullopt});
  ImportReport report;
  try {
    ImportSession session(*store, report);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kForbidden);
  }
}

TWINNING_ON_EVERY_BACKEND(ImportSessionTest);

}  // namespace
}  // namespace twinning::ingest
