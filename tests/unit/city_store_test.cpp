#include "store/city_store.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

class CityStoreTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (store) cities.emplace(*store);
  }
  std::optional<CityStore> cities;
};

City volgograd() {
  City c;
  c.name = "Volgograd";
  c.country = "RU";
  c.lat = 48.7086;
  c.lng = 44.5147;
  c.head_name = "V. D. Vasilkov";
  c.head_title = "Head of Volgograd";
  c.postal_address = "400066, Volgograd, Sovetskaya St. 9";
  c.phone = "(8442) 33-26-55";
  c.fax = "(8442) 55-17-13";
  c.languages = {"ru"};
  c.names = {{"Волгоград", "ru", "local", {}, {}},
             {"Stalingrad", "en", "former", parse_partial_date("1925"), parse_partial_date("1961")},
             {"Tsaritsyn", "en", "former", {}, parse_partial_date("1925")}};
  return c;
}

TEST_P(CityStoreTest, CreatesAndReadsBackEveryField) {
  CityId id = cities->create(volgograd());
  City c = cities->require(id);
  EXPECT_EQ(c.name, "Volgograd");
  EXPECT_EQ(c.country, "RU");
  EXPECT_DOUBLE_EQ(*c.lat, 48.7086);
  EXPECT_EQ(c.fax, "(8442) 55-17-13");
  EXPECT_EQ(c.languages, std::vector<std::string>{"ru"});
  ASSERT_EQ(c.names.size(), 4u);
  EXPECT_EQ(c.names[0].kind, "official");
  EXPECT_EQ(c.names[1].name, "Волгоград");
  EXPECT_EQ(c.names[3].name, "Stalingrad");
  EXPECT_EQ(c.names[3].valid_from->to_string(), "1925");
}

TEST_P(CityStoreTest, EveryCreateIsAudited) {
  CityId id = cities->create(volgograd());
  auto entries = AuditLog(*store).list({"city", std::to_string(id), "", 0, 10});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "create");
  EXPECT_TRUE(entries[0].before.is_null());
  EXPECT_EQ(entries[0].after["name"], "Volgograd");
  EXPECT_EQ(entries[0].actor, store->actor().name);
}

TEST_P(CityStoreTest, RejectsBadInputAndWritesNothing) {
  City c = volgograd();
  c.country = "XX";
  EXPECT_THROW(cities->create(c), Error);
  c = volgograd();
  c.lat = 91;
  EXPECT_THROW(cities->create(c), Error);
  c = volgograd();
  c.name = "  ";
  EXPECT_THROW(cities->create(c), Error);
  c = volgograd();
  c.name = "bad\xff";
  EXPECT_THROW(cities->create(c), Error);
  c = volgograd();
  c.names.push_back({"X", "", "nickname", {}, {}});
  EXPECT_THROW(cities->create(c), Error);
  EXPECT_EQ(cities->count(), 0);
  EXPECT_TRUE(AuditLog(*store).list({}).empty());
}

TEST_P(CityStoreTest, UpdateChangesOnlyGivenFieldsAndAuditsBeforeAndAfter) {
  CityId id = cities->create(volgograd());
  CityDetails d;
  d.population = 1004763;
  d.email = "mayor@volgadmin.ru";
  cities->update(id, d);
  City c = cities->require(id);
  EXPECT_EQ(*c.population, 1004763);
  EXPECT_EQ(c.email, "mayor@volgadmin.ru");
  EXPECT_EQ(c.fax, "(8442) 55-17-13");
  auto entries = AuditLog(*store).list({"city", std::to_string(id), "", 0, 10});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_TRUE(entries[1].before["population"].is_null());
  EXPECT_EQ(entries[1].after["population"], 1004763);
}

TEST_P(CityStoreTest, NamesAreSearchableByKey) {
  CityId id = cities->create(volgograd());
  auto m = cities->names_matching("stalingrad", false, 10);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].city_id, id);
  EXPECT_EQ(m[0].kind, "former");
  // "grad" is in Volgograd and Stalingrad, not in the Cyrillic key.
  EXPECT_EQ(cities->names_matching("grad", true, 10).size(), 2u);
}

TEST_P(CityStoreTest, ListsSortAndCount) {
  for (auto [name, cc] :
       {std::pair{"Kiel", "DE"}, {"Aachen", "DE"}, {"Łódź", "PL"}, {"Bonn", "DE"}}) {
    City c;
    c.name = name;
    c.country = cc;
    cities->create(c);
  }
  CityListQuery q;
  q.sort = CitySort::kName;
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& c : cities->list(q)) out.push_back(c.name);
    return out;
  };
  EXPECT_EQ(names(), (std::vector<std::string>{"Aachen", "Bonn", "Kiel", "Łódź"}));
  q.descending = true;
  q.limit = 2;
  EXPECT_EQ(names(), (std::vector<std::string>{"Łódź", "Kiel"}));
  q = CityListQuery{};
  q.sort = CitySort::kCountry;
  q.descending = true;
  EXPECT_EQ(names().front(), "Łódź");
  q = CityListQuery{};
  q.country = "DE";
  q.limit = 1;
  q.offset = 1;
  EXPECT_EQ(cities->list(q).size(), 1u);
  EXPECT_EQ(cities->count(q), 3);
  EXPECT_EQ(cities->count(CityListQuery{}), 4);
}

TEST_P(CityStoreTest, UnknownIdIsNotFound) {
  try {
    cities->require(999);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
  }
}

TWINNING_ON_EVERY_BACKEND(CityStoreTest);

}  // namespace
}  // namespace twinning::store
