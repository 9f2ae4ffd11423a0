#include "registry/city_lookup.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/test_database.h"

namespace twinning::registry {
namespace {

class CityLookupTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    volgograd = add("Volgograd", "RU",
                    {{"Stalingrad", "en", "former", {}, {}}, {"Волгоград", "ru", "local", {}, {}}});
    coventry = add("Coventry", "GB");
    coventry_ct = add("Coventry, Connecticut", "US");
    st_etienne = add("Saint-Étienne", "FR");
    perth_au = add("Perth", "AU");
    springfield1 = add("Springfield", "US");
    springfield2 = add("Springfield", "US");
  }
  CityId add(const std::string& name, const std::string& cc, std::vector<CityName> names = {}) {
    City c;
    c.name = name;
    c.country = cc;
    c.names = std::move(names);
    return store::CityStore(*store).create(c);
  }
  CityId volgograd = 0, coventry = 0, coventry_ct = 0, st_etienne = 0, perth_au = 0,
         springfield1 = 0, springfield2 = 0;
};

TEST_P(CityLookupTest, ResolvesIdsAndNameCountry) {
  EXPECT_EQ(resolve_city(*store, std::to_string(coventry)), coventry);
  EXPECT_EQ(resolve_city(*store, "Volgograd, RU"), volgograd);
  EXPECT_EQ(resolve_city(*store, "volgograd, ru"), volgograd);
  EXPECT_EQ(resolve_city(*store, "Coventry, Connecticut, US"), coventry_ct);
  EXPECT_EQ(resolve_city(*store, "Saint-Etienne, FR"), st_etienne);
  EXPECT_EQ(resolve_city(*store, "Stalingrad, RU"), volgograd);
  EXPECT_EQ(resolve_city(*store, "Волгоград, RU"), volgograd);
}

// One label for a city everywhere, and it resolves back to the city.
TEST_P(CityLookupTest, ACitysLabelIsTheReferenceThatResolvesIt) {
  EXPECT_EQ(city_label(*store, volgograd), "Volgograd, RU");
  EXPECT_EQ(resolve_city(*store, city_label(*store, st_etienne)), st_etienne);
  EXPECT_EQ(city_label(*store, 987654), "city #987654");
  EXPECT_EQ(twinning::city_label("Volgograd", "RU", volgograd),
            "Volgograd, RU (#" + std::to_string(volgograd) + ")");
}

TEST_P(CityLookupTest, ErrorsNameTheProblem) {
  auto code_of = [&](const std::string& ref) {
    try {
      resolve_city(*store, ref, "CITY");
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), "CITY");
      return e.code();
    }
    ADD_FAILURE() << "resolved " << ref;
    return ErrorCode::kConflict;
  };
  EXPECT_EQ(code_of("Perth, GB"), ErrorCode::kNotFound);
  EXPECT_EQ(code_of("99999"), ErrorCode::kNotFound);
  EXPECT_EQ(code_of("-3"), ErrorCode::kNotFound);
  // Found by fuzz/city_reference_fuzzer.cpp (corpus city_reference/ref11):
  // an id too large for a number was taken for a name without a country.
  EXPECT_EQ(code_of("99999999999999999999"), ErrorCode::kNotFound);
  EXPECT_EQ(code_of("Perth"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("Perth, Australia"), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of(""), ErrorCode::kInvalidInput);
  EXPECT_EQ(code_of("Springfield, US"), ErrorCode::kAmbiguous);
  try {
    resolve_city(*store, "Springfield, US");
  } catch (const Error& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("#" + std::to_string(springfield1)), std::string::npos) << msg;
    EXPECT_NE(msg.find("#" + std::to_string(springfield2)), std::string::npos) << msg;
  }
}

TEST_P(CityLookupTest, SearchFindsFormerNamesAccentsAndTypos) {
  auto hits = search_cities(*store, "stalingrad", "", 10);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].city.id, volgograd);
  EXPECT_EQ(hits[0].match_kind, "former");
  hits = search_cities(*store, "ETIENNE", "", 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].city.id, st_etienne);
  hits = search_cities(*store, "Volgagrad", "", 10);  // typo
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].city.id, volgograd);
  hits = search_cities(*store, "coventry", "", 10);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].city.id, coventry);  // exact before prefix
  hits = search_cities(*store, "coventry", "US", 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].city.id, coventry_ct);
  EXPECT_TRUE(search_cities(*store, "zzzzzz", "", 10).empty());
}

TWINNING_ON_EVERY_BACKEND(CityLookupTest);

}  // namespace
}  // namespace twinning::registry
