// registry/registry.h use cases on both backends: who may change the
// registry, and link changes with their history.
#include "registry/registry.h"

#include <gtest/gtest.h>

#include "ingest/country_resolver.h"
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
    coventry = create_city(*store, c).id;
    c.name = "Volgograd";
    c.country = "RU";
    volgograd = create_city(*store, c).id;
    Link l;
    l.city_a = coventry;
    l.city_b = volgograd;
    link = add_link(*store, l).first.link.id;
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
  City named = add_city_name(*store, volgograd, {"Stalingrad", "en", "former", {}, {}});
  EXPECT_EQ(named.names.size(), 2u);  // the city as written, with the new name
  EXPECT_EQ(store::CityStore(*store).require(volgograd).names.size(), 2u);
}

TEST_P(RegistryTest, WritesReturnWhatTheyWrote) {
  act_as(Role::kCoordinator);
  City kiel;
  kiel.name = "Kiel";
  kiel.country = "DE";
  City created = create_city(*store, kiel);
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.name, "Kiel");
  CityDetails d;
  d.population = 246'000;
  City after = update_city(*store, created.id, d);
  EXPECT_EQ(after.population, 246'000);
  EXPECT_EQ(find_city(*store, created.id).population, 246'000);

  Link l;
  l.city_a = created.id;
  l.city_b = volgograd;
  auto [view, linked] = add_link(*store, l);
  EXPECT_TRUE(linked);
  ASSERT_EQ(view.cities.size(), 2u);
  auto [again, linked_again] = add_link(*store, l);
  EXPECT_FALSE(linked_again);
  EXPECT_EQ(again.link.id, view.link.id);

  auto [event, recorded] =
      record_link_event(*store, view.link.id, parse_partial_date("1994"), "Agreement", "city hall");
  EXPECT_TRUE(recorded);
  EXPECT_EQ(event.source, "city hall");
  auto [same, recorded_again] =
      record_link_event(*store, view.link.id, parse_partial_date("1994"), "Agreement", "other");
  EXPECT_FALSE(recorded_again);
  EXPECT_EQ(same.id, event.id);
  EXPECT_EQ(same.source, "city hall");  // the one already there, not what was asked
  EXPECT_EQ(link_events(*store, view.link.id).size(), 1u);
}

TEST_P(RegistryTest, CountriesFilteredAndSortedByName) {
  ingest::load_reference_countries(*store);
  CountryFilter members{true, std::string("Europe"), CountryOrder::kName};
  auto europe = list_countries(*store, members);
  ASSERT_FALSE(europe.empty());
  for (const auto& c : europe) {
    EXPECT_TRUE(c.un_member);
    EXPECT_EQ(c.region, "Europe");
  }
  EXPECT_EQ(europe.front().name, "Albania");
  CountryFilter all{std::nullopt, std::nullopt, CountryOrder::kNameDescending};
  auto backwards = list_countries(*store, all);
  EXPECT_EQ(backwards.back().name, "Afghanistan");
  EXPECT_EQ(find_country(*store, "de", "country").iso2, "DE");
  EXPECT_THROW(find_country(*store, "QQ", "country"), Error);
  store::CityListQuery q;
  q.country = "gb";
  EXPECT_EQ(list_cities(*store, q).total, 1);
  q.country = "QQ";
  EXPECT_THROW(list_cities(*store, q), Error);
}

TEST_P(RegistryTest, UpdateLinkChangesOnlyWhatIsGiven) {
  act_as(Role::kCoordinator);
  LinkChanges c;
  c.kind = LinkKind::kFriendship;
  c.since = parse_partial_date("1944-06-10");
  Link after = update_link(*store, link, c).link;
  EXPECT_EQ(after.kind, LinkKind::kFriendship);
  EXPECT_EQ(after.since->to_string(), "1944-06-10");
  LinkChanges clear;
  clear.since = std::optional<PartialDate>();
  clear.notes = "bonds of friendship";
  after = update_link(*store, link, clear).link;
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
  EXPECT_EQ(e1.first.id, e2.first.id);  // the same event is not repeated
  EXPECT_TRUE(e1.second);
  EXPECT_FALSE(e2.second);
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
