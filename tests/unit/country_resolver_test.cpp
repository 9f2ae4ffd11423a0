#include "ingest/country_resolver.h"

#include <gtest/gtest.h>

namespace twinning::ingest {
namespace {

class CountryResolverTest : public ::testing::Test {
 protected:
  CountryResolver resolver{reference_countries()};
};

TEST(ReferenceCountries, HasExactly193UnMembers) {
  auto countries = reference_countries();
  EXPECT_EQ(countries.size(), 250u);
  int un = 0;
  for (const auto& c : countries) un += c.un_member;
  EXPECT_EQ(un, 193);
  for (const auto& c : countries) {
    if (c.iso2 == "VA") {
      EXPECT_FALSE(c.un_member);
    }
    if (c.iso2 == "RU") {
      EXPECT_EQ(c.name_ru, "Россия");
    }
  }
}

TEST_F(CountryResolverTest, MapsTheFormsFoundInTheData) {
  EXPECT_EQ(resolver.resolve("England"), "GB");
  EXPECT_EQ(resolver.resolve("England, United Kingdom"), "GB");
  EXPECT_EQ(resolver.resolve("Scotland"), "GB");
  EXPECT_EQ(resolver.resolve("Northern Ireland, United Kingdom"), "GB");
  EXPECT_EQ(resolver.resolve("Republic of Ireland"), "IE");
  EXPECT_EQ(resolver.resolve("Georgia (country)"), "GE");
  EXPECT_EQ(resolver.resolve("Georgia"), "GE");
  EXPECT_EQ(resolver.resolve("Czech Republic"), "CZ");
  EXPECT_EQ(resolver.resolve("Turkey"), "TR");
  EXPECT_EQ(resolver.resolve("Congo"), "CG");
  EXPECT_EQ(resolver.resolve("Democratic Republic of the Congo"), "CD");
  EXPECT_EQ(resolver.resolve("Réunion, France"), "RE");
  EXPECT_EQ(resolver.resolve("Island"), "IS");
  EXPECT_EQ(resolver.resolve("in Italy"), "IT");
  EXPECT_EQ(resolver.resolve("West Bank"), "PS");
}

TEST_F(CountryResolverTest, MapsNamesCodesAndRegionPrefixes) {
  EXPECT_EQ(resolver.resolve("Russia"), "RU");
  EXPECT_EQ(resolver.resolve("russian federation"), "RU");
  EXPECT_EQ(resolver.resolve("RU"), "RU");
  EXPECT_EQ(resolver.resolve("RUS"), "RU");
  EXPECT_EQ(resolver.resolve("Türkiye"), "TR");
  EXPECT_EQ(resolver.resolve("turkiye"), "TR");
  EXPECT_EQ(resolver.resolve("Rauma, Norway"), "NO");
  EXPECT_EQ(resolver.resolve("Ohio, United States"), "US");
}

TEST_F(CountryResolverTest, UnknownAndBlankGiveNothing) {
  EXPECT_FALSE(resolver.resolve("Atlantis"));
  EXPECT_FALSE(resolver.resolve(""));
  EXPECT_FALSE(resolver.resolve("   "));
  EXPECT_FALSE(resolver.resolve("Somewhere, Atlantis"));
}

TEST(ReferenceData, EveryCountryStringOfTheWorldListResolves) {
  CountryResolver resolver(reference_countries());
  // The 40 non-standard strings listed in data/README of the shared data.
  for (const char* s :
       {"Czech Republic", "England", "Turkey", "England, United Kingdom", "Republic of Ireland",
        "Scotland", "Georgia (country)", "Wales", "Scotland, United Kingdom",
        "Wales, United Kingdom", "Northern Cyprus", "Northern Ireland, United Kingdom",
        "Democratic Republic of the Congo", "Réunion, France", "Åland Islands, Finland", "Congo",
        "Martinique, France", "Guadeloupe, France", "Moldavia", "East Timor",
        "Bosnia and Hercegovina", "Brandenburg, Germany", "Lower Saxony, Germany",
        "Mecklenburg-Vorpommern, Germany", "French Guiana, France", "Surinam",
        "Federated States of Micronesia", "Madagaskar", "in Italy", "Grece",
        "New York, United States", "Ohio, United States", "Kazakhstah", "Island",
        "Azores, Portugal", "Algarve, Portugal", "Rauma, Norway", "Tinn, Norway", "West Bank"}) {
    EXPECT_TRUE(resolver.resolve(s)) << s;
  }
}

}  // namespace
}  // namespace twinning::ingest
