#include "store/registry_revision.h"

#include <gtest/gtest.h>

#include "campaign/campaigns.h"
#include "letters/offices.h"
#include "registry/registry.h"
#include "store/city_store.h"
#include "store/import_writer.h"
#include "store/link_store.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class RegistryRevisionTest : public testing::BackendTest {
 protected:
  CityId add(const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return CityStore(*store).create(c);
  }
  // True if `change` moved the revision.
  template <class F>
  bool moves(F change) {
    RegistryRevision before = registry_revision(*store);
    change();
    return !(registry_revision(*store) == before);
  }
};

TEST_P(RegistryRevisionTest, EveryChangeOfACityOrLinkMovesIt) {
  EXPECT_EQ(registry_revision(*store), RegistryRevision{});
  CityId coventry = 0, volgograd = 0, kiel = 0;
  EXPECT_TRUE(moves([&] { coventry = add("Coventry", "GB"); }));
  volgograd = add("Volgograd", "RU");
  kiel = add("Kiel", "DE");
  LinkId link = 0;
  EXPECT_TRUE(moves([&] {
    Link l;
    l.city_a = coventry;
    l.city_b = volgograd;
    link = registry::add_link(*store, l).first.link.id;
  }));
  EXPECT_TRUE(moves([&] {
    registry::LinkChanges c;
    c.status = LinkStatus::kEnded;
    registry::update_link(*store, link, c);
  }));
  EXPECT_TRUE(moves([&] {
    CityDetails d;
    d.name = "Coventry City";
    CityStore(*store).update(coventry, d);
  }));
  // The importer's bulk path writes no audit entry per link.
  EXPECT_TRUE(moves([&] {
    store->db().write_transaction([&] {
      ImportWriter writer(*store);
      Link l;
      l.source = "x.csv";
      writer.add_link(std::min(volgograd, kiel), std::max(volgograd, kiel), l);
      writer.flush();
    });
  }));
  RegistryRevision r = registry_revision(*store);
  EXPECT_EQ(r.max_city_id, kiel);
  EXPECT_EQ(r.registry_audits, 6);  // 3 cities, 1 link, its update, 1 city update
  EXPECT_EQ(r.to_string(), "c" + std::to_string(kiel) + "-l" + std::to_string(r.max_link_id) +
                               "-a6." + std::to_string(r.max_registry_audit_id));
}

TEST_P(RegistryRevisionTest, LettersAndCampaignsLeaveItAlone) {
  CityId coventry = add("Coventry", "GB");
  EXPECT_FALSE(moves([&] {
    letters::OfficeRequest o;
    o.code = "coventry";
    o.city_id = coventry;
    o.outgoing_pattern = "CCC/{seq}";
    letters::add_office(*store, o);
    campaign::CampaignRequest c;
    c.code = "c";
    c.title = "C";
    c.originators = {coventry};
    campaign::create_campaign(*store, c);
  }));
}

TWINNING_ON_EVERY_BACKEND(RegistryRevisionTest);

}  // namespace
}  // namespace twinning::store
