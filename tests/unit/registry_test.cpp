// registry/registry.h use cases on both backends: who may change the
// registry, and link changes with their history.
#include "registry/registry.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "support/test_database.h"

namespace twinning::registry {
namespace {

class RegistryTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    City c;
    c.name = "Coventry";
    c.country = "GB";
    coventry = create_city(*store, c);
    c.name = "Volgograd";
    c.country = "RU";
    volgograd = create_city(*store, c);
    Link l;
    l.city_a = coventry;
    l.city_b = volgograd;
    link = add_link(*store, l).first;
  }
  void act_as(Role role) {
    Actor a;
    a.name = std::string(role_name(role)) + "-user";
    a.role = role;
    store->set_actor(a);
  }
  CityId coventry = 0, volgograd = 0;
  LinkId link = 0;
};

TEST_P(RegistryTest, OnlyCoordinatorsAndAdminsChangeTheRegistry) {
  for (Role role : {Role::kViewer, Role::kCorrespondent}) {
    act_as(role);
    City c;
    c.name = "Kiel";
    c.country = "DE";
    EXPECT_THROW(create_city(*store, c), Error);
    CityDetails d;
    d.population = 1;
    EXPECT_THROW(update_city(*store, coventry, d), Error);
    EXPECT_THROW(add_city_name(*store, volgograd, {"Stalingrad", "en", "former", {}, {}}), Error);
    EXPECT_THROW(update_link(*store, link, {}), Error);
    EXPECT_THROW(record_link_event(*store, link, parse_partial_date("1941"), "x", ""), Error);
  }
  EXPECT_EQ(store::CityStore(*store).count(), 2);
  act_as(Role::kCoordinator);
  add_city_name(*store, volgograd, {"Stalingrad", "en", "former", {}, {}});
  EXPECT_EQ(store::CityStore(*store).require(volgograd).names.size(), 2u);
}

TEST_P(RegistryTest, UpdateLinkChangesOnlyWhatIsGiven) {
  act_as(Role::kCoordinator);
  LinkChanges c;
  c.kind = LinkKind::kFriendship;
  c.since = parse_partial_date("1944-06-10");
  Link after = update_link(*store, link, c);
  EXPECT_EQ(after.kind, LinkKind::kFriendship);
  EXPECT_EQ(after.since->to_string(), "1944-06-10");
  LinkChanges clear;
  clear.since = std::optional<PartialDate>();
  clear.notes = "bonds of friendship";
  after = update_link(*store, link, clear);
  EXPECT_FALSE(after.since);
  EXPECT_EQ(after.kind, LinkKind::kFriendship);
  EXPECT_EQ(after.notes, "bonds of friendship");
  LinkChanges backwards;
  backwards.since = parse_partial_date("2000");
  backwards.until = parse_partial_date("1999");
  EXPECT_THROW(update_link(*store, link, backwards), Error);
  EXPECT_FALSE(store::LinkStore(*store).require(link).since);
  auto audit =
      store::AuditLog(*store).list({"link", std::to_string(link), "coordinator-user", 0, 10});
  EXPECT_EQ(audit.size(), 2u);
}

TEST_P(RegistryTest, EventsByLinkOrByCities) {
  act_as(Role::kAdmin);
  auto e1 = record_link_event(*store, link, parse_partial_date("1941"), "First contacts", "");
  auto e2 =
      add_link_event(*store, volgograd, coventry, parse_partial_date("1941"), "First contacts", "");
  EXPECT_EQ(e1, e2);  // the same event is not repeated
  EXPECT_EQ(store::LinkStore(*store).events(link).size(), 1u);
  try {
    record_link_event(*store, 999999, parse_partial_date("1941"), "x", "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

TWINNING_ON_EVERY_BACKEND(RegistryTest);

}  // namespace
}  // namespace twinning::registry
