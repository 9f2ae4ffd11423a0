#include "letters/language.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::letters {
namespace {

const PartialDate k2013 = parse_partial_date("2013-09-06");

TEST(LanguageTest, DatesInTheLettersLanguage) {
  EXPECT_EQ(format_reference_date(k2013, "ru"), "06.09.2013");
  EXPECT_EQ(format_long_date(k2013, "ru"), "6 сентября 2013 г.");
  EXPECT_EQ(format_long_date(k2013, "en"), "6 September 2013");
  EXPECT_EQ(format_reference_date(k2013, "en"), "6 September 2013");
  EXPECT_EQ(format_long_date(k2013, "ja"), "2013年9月6日");
  EXPECT_EQ(format_long_date(k2013, "zh"), "2013年9月6日");
  EXPECT_EQ(format_long_date(k2013, "de"), "6. September 2013");
  // A language ICU does not know is written in English.
  EXPECT_EQ(format_long_date(k2013, "tlh"), "6 September 2013");
  // Partial dates keep their precision.
  EXPECT_EQ(format_long_date(parse_partial_date("1944-06"), "ru"), "1944-06");
}

TEST(LanguageTest, CityNamesInTheLettersLanguageWithFallbacks) {
  City c;
  c.name = "Volgograd";
  c.names = {{"Volgograd", "", "official", {}, {}},
             {"Волгоград", "ru", "local", {}, {}},
             {"Сталинград", "ru", "former", {}, {}},
             {"Wolgograd", "de", "alternate", {}, {}}};
  EXPECT_EQ(city_name_in(c, "ru"), "Волгоград");  // the current name, not the former one
  EXPECT_EQ(city_name_in(c, "de-AT"), "Wolgograd");
  EXPECT_EQ(city_name_in(c, "fr"), "Volgograd");  // no English name: the registry name
  c.names.push_back({"Volgograd (EN)", "en", "alternate", {}, {}});
  EXPECT_EQ(city_name_in(c, "fr"), "Volgograd (EN)");
}

TEST(LanguageTest, CountryNamesFromIcu) {
  EXPECT_EQ(country_name_in("GB", "ru", "United Kingdom"), "Великобритания");
  EXPECT_EQ(country_name_in("EG", "ar", "Egypt"), "مصر");
  EXPECT_EQ(country_name_in("JP", "ja", "Japan"), "日本");
  EXPECT_EQ(country_name_in("EG", "en", "Egypt"), "Egypt");
  EXPECT_EQ(country_name_in("XK", "tlh", "Kosovo"), "Kosovo");
}

TEST(LanguageTest, CorrespondenceLanguagesCityFirstThenCountry) {
  City c;
  c.languages = {"fr"};
  Country ch;
  ch.languages = "fra;gsw;ita;roh";
  EXPECT_EQ(correspondence_languages(c, ch), (std::vector<std::string>{"fr", "gsw", "it", "rm"}));
  Country cn;
  cn.languages = "zho";
  EXPECT_EQ(correspondence_languages(City{}, cn), std::vector<std::string>{"zh"});
}

TEST(LanguageTest, WritingDirection) {
  EXPECT_TRUE(is_right_to_left("ar"));
  EXPECT_TRUE(is_right_to_left("he"));
  EXPECT_TRUE(is_right_to_left("fa"));
  EXPECT_FALSE(is_right_to_left("ru"));
  EXPECT_FALSE(is_right_to_left("ja"));
  EXPECT_EQ(base_direction("19-024 بورسعيد"), TextDirection::kRightToLeft);
  EXPECT_EQ(base_direction("9 Sovetskaya St."), TextDirection::kLeftToRight);
  EXPECT_EQ(base_direction("+7 8442"), TextDirection::kNeutral);
}

TEST(LanguageTest, LanguageTagsAreNormalisedOrRejected) {
  EXPECT_EQ(normalize_language_tag("RU"), "ru");
  EXPECT_EQ(normalize_language_tag("zh_hans_cn"), "zh-Hans-CN");
  EXPECT_EQ(normalize_language_tag(" pt-br "), "pt-BR");
  EXPECT_EQ(primary_language("zh-Hans"), "zh");
  for (const char* bad : {"", "r", "russian", "ru-", "1a", "en-toolongsubtag"}) {
    EXPECT_THROW(normalize_language_tag(bad, "--lang"), Error) << bad;
  }
}

TEST(LanguageTest, ParagraphsSplitAtBlankLines) {
  EXPECT_EQ(split_paragraphs("  First line\r\nstill first\n \n\nSecond\n"),
            (std::vector<std::string>{"First line\nstill first", "Second"}));
  EXPECT_TRUE(split_paragraphs(" \n\t\n").empty());
}

}  // namespace
}  // namespace twinning::letters
