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
  // No French name: the local form is Cyrillic, the registry name Latin
  // like French: the registry name.
  EXPECT_EQ(city_name_in(c, "fr"), "Volgograd");
  EXPECT_EQ(city_name_in(c, "bg"), "Волгоград");  // the local form, in Bulgarian's script
  c.names.push_back({"Volgograd (EN)", "en", "alternate", {}, {}});
  EXPECT_EQ(city_name_in(c, "fr"), "Volgograd");
  EXPECT_EQ(city_name_in(c, "en"), "Volgograd (EN)");
}

TEST(LanguageTest, ACityWithoutANameInTheLettersLanguageIsNamedInItsLocalForm) {
  // As `import wikidata` records Cologne: labels as alternate names.
  City c;
  c.name = "Cologne";
  c.country = "DE";
  c.names = {{"Cologne", "", "official", {}, {}},
             {"Cologne", "en", "alternate", {}, {}},
             {"Köln", "de", "alternate", {}, {}}};
  EXPECT_EQ(city_name_in(c, "ru"), "Köln");  // the German name, not the English exonym
  c.names.push_back({"Кёльн", "ru", "alternate", {}, {}});
  EXPECT_EQ(city_name_in(c, "ru"), "Кёльн");
  // The city's own correspondence language comes before its country's.
  City biel;
  biel.name = "Biel/Bienne";
  biel.country = "CH";
  biel.languages = {"fr"};
  biel.names = {{"Biel/Bienne", "", "official", {}, {}},
                {"Biel", "de", "alternate", {}, {}},
                {"Bienne", "fr", "alternate", {}, {}}};
  EXPECT_EQ(city_name_in(biel, "ru"), "Bienne");
  // Neither the local form nor the registry name in the letter's script:
  // the local form.
  City hiroshima;
  hiroshima.name = "Hiroshima";
  hiroshima.country = "JP";
  hiroshima.names = {{"Hiroshima", "", "official", {}, {}}, {"広島市", "ja", "alternate", {}, {}}};
  EXPECT_EQ(city_name_in(hiroshima, "ru"), "広島市");
  EXPECT_EQ(city_name_in(hiroshima, "de"), "Hiroshima");
  EXPECT_EQ(city_name_in(hiroshima, "zh"), "広島市");  // Han, as Chinese is written
  // Nothing known beyond the registry name: that name.
  City x;
  x.name = "Port Said";
  x.country = "EG";
  EXPECT_EQ(city_name_in(x, "ru"), "Port Said");
}

TEST(LanguageTest, CountryNamesFromIcu) {
  EXPECT_EQ(country_name_in("GB", "ru", "United Kingdom"), "Великобритания");
  EXPECT_EQ(country_name_in("EG", "ar", "Egypt"), "مصر");
  EXPECT_EQ(country_name_in("JP", "ja", "Japan"), "日本");
  EXPECT_EQ(country_name_in("EG", "en", "Egypt"), "Egypt");
  EXPECT_EQ(country_name_in("XK", "tlh", "Kosovo"), "Kosovo");
}

TEST(LanguageTest, CorrespondenceLanguagesCityFirstThenCountrysOfficialLanguages) {
  City geneva;
  geneva.country = "CH";
  geneva.languages = {"fr"};
  Country ch;
  ch.iso2 = "CH";
  ch.name = "Switzerland";
  ch.languages = "fra;gsw;ita;roh";  // countries.csv: not used while CLDR knows the country
  // Recorded first, then CLDR's official languages, most spoken first;
  // Romansh is only regionally official and is left out.
  EXPECT_EQ(correspondence_languages(geneva, ch),
            (std::vector<std::string>{"fr", "de", "gsw", "it"}));
  EXPECT_EQ(language_reason(geneva, ch, "fr"), "the city's correspondence language");
  EXPECT_EQ(language_reason(geneva, ch, "de"), "official language of Switzerland (CLDR)");
  EXPECT_EQ(language_reason(geneva, ch, "en"), "no template in the city's languages: English");
}

TEST(LanguageTest, OfficialLanguagesFromCldr) {
  auto of = [](const char* iso2) {
    City c;
    c.country = iso2;
    return correspondence_languages(c, Country{});  // no store record: the city's code
  };
  EXPECT_EQ(of("BE"), (std::vector<std::string>{"nl", "fr", "de"}));
  EXPECT_EQ(of("IN"), (std::vector<std::string>{"hi", "en"}));  // not Tamil, Bengali ...
  EXPECT_EQ(of("EG"), std::vector<std::string>{"ar"});
  EXPECT_EQ(of("RS"), (std::vector<std::string>{"sr", "sr-Latn"}));
  EXPECT_EQ(of("CN"), std::vector<std::string>{"zh"});
  EXPECT_EQ(of("TW"), std::vector<std::string>{"zh-Hant"});
  EXPECT_EQ(of("JP"), std::vector<std::string>{"ja"});
  EXPECT_EQ(of("US"), std::vector<std::string>{"en"});  // de facto official
  EXPECT_TRUE(official_languages("ZZ").empty());
  // A territory CLDR gives no official language keeps countries.csv's.
  City c;
  c.country = "BV";
  Country bv;
  bv.iso2 = "BV";
  bv.name = "Bouvet Island";
  bv.languages = "nor";
  EXPECT_EQ(correspondence_languages(c, bv), std::vector<std::string>{"no"});
  EXPECT_EQ(language_reason(c, bv, "no"), "language of Bouvet Island (countries.csv)");
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

TEST(LanguageTest, LetterNumbersAndSpansOfYearsKeepTheirOrderInRightToLeftText) {
  const std::string lri = "\xE2\x81\xA6", pdi = "\xE2\x81\xA9";
  // A letter number, its punctuation outside; a span of years; Cyrillic.
  EXPECT_EQ(
      isolate_left_to_right_words("كتابنا رقم 19-024/1рс بتاريخ («1944-2014»)،"),
      "كتابنا رقم " + lri + "19-024/1рс" + pdi + " بتاريخ («" + lri + "1944-2014" + pdi + "»)،");
  EXPECT_EQ(isolate_left_to_right_words("מס׳ A4\nשנת 2013"),
            "מס׳ " + lri + "A4" + pdi + "\nשנת 2013");
  // Left alone: a plain number or date, a word without a digit, Arabic-Indic
  // digits, a word with a right-to-left letter.
  for (const char* same : {"2013", "06.09.2013", "Волгоград", "٢٠١٣-١٩٤٤", "ص-19", "", " "}) {
    EXPECT_EQ(isolate_left_to_right_words(same), same);
  }
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
