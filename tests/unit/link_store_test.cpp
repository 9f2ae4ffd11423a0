#include "store/link_store.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/city_store.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class LinkStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    links.emplace(*store);
    coventry = add("Coventry", "GB");
    volgograd = add("Volgograd", "RU");
  }
  CityId add(const std::string& name, const std::string& cc) {
    City c;
    c.name = name;
    c.country = cc;
    return CityStore(*store).create(c);
  }
  std::optional<LinkStore> links;
  CityId coventry = 0;
  CityId volgograd = 0;
  static Link pair(CityId a, CityId b) {
    Link l;
    l.city_a = a;
    l.city_b = b;
    return l;
  }
};

TEST_P(LinkStoreTest, OneLinkPerPairWhateverTheOrder) {
  Link l;
  l.city_a = volgograd;  // larger id first on purpose
  l.city_b = coventry;
  l.kind = LinkKind::kFriendship;
  l.since = parse_partial_date("1944-06-10");
  auto [id, created] = links->create(l);
  EXPECT_TRUE(created);
  Link reversed;
  reversed.city_a = coventry;
  reversed.city_b = volgograd;
  auto [id2, created2] = links->create(reversed);
  EXPECT_FALSE(created2);
  EXPECT_EQ(id2, id);
  EXPECT_EQ(links->count(), 1);
  Link stored = links->require(id);
  EXPECT_LT(stored.city_a, stored.city_b);
  EXPECT_EQ(stored.kind, LinkKind::kFriendship);
  EXPECT_EQ(stored.since->to_string(), "1944-06-10");
}

TEST_P(LinkStoreTest, RefusesSelfLinksAndBackwardDates) {
  Link l;
  l.city_a = l.city_b = coventry;
  EXPECT_THROW(links->create(l), Error);
  l.city_b = volgograd;
  l.since = parse_partial_date("2000");
  l.until = parse_partial_date("1999");
  EXPECT_THROW(links->create(l), Error);
  l.until.reset();
  l.city_b = 12345;
  try {
    links->create(l);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
  EXPECT_EQ(links->count(), 0);
}

TEST_P(LinkStoreTest, EventsKeepTheHistoryInDateOrder) {
  Link l;
  l.city_a = coventry;
  l.city_b = volgograd;
  LinkId id = links->create(l).first;
  links->add_event({0, id, parse_partial_date("1944-06-10"), "Bonds of friendship", ""});
  links->add_event({0, id, parse_partial_date("1941"), "First contacts", ""});
  links->add_event({0, id, parse_partial_date("1941"), "First contacts", ""});  // repeat: no-op
  auto events = links->events(id);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].text, "First contacts");
  EXPECT_EQ(events[1].date.to_string(), "1944-06-10");
}

TEST_P(LinkStoreTest, PartnersSeenFromEitherSide) {
  CityId kiel = add("Kiel", "DE");
  links->create(pair(coventry, kiel));
  links->create(pair(coventry, volgograd));
  auto p = links->partners(coventry);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].name, "Kiel");
  EXPECT_EQ(p[1].name, "Volgograd");
  auto q = links->partners(kiel);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].city_id, coventry);
}

TEST_P(LinkStoreTest, FailedTransactionLeavesNothing) {
  EXPECT_THROW(store->db().write_transaction([&] {
    links->create(pair(coventry, volgograd));
    throw std::runtime_error("abort");
  }),
               std::runtime_error);
  EXPECT_EQ(links->count(), 0);
}

TWINNING_ON_EVERY_BACKEND(LinkStoreTest);

}  // namespace
}  // namespace twinning::store
