#include "letters/letter_languages.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace twinning::letters {
namespace {

// A template directory: the generic letter in en, da, de; the appeal in en, de.
class LetterLanguagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"letter", "appeal"}) {
      std::filesystem::create_directories(dir.path() / name);
    }
    for (const char* file : {"letter/en", "letter/da", "letter/de", "appeal/en", "appeal/de"}) {
      dir.write(std::string(file) + ".mustache", "[body]\n{{body}}\n");
    }
    kiel.id = 7;
    kiel.name = "Kiel";
    kiel.country = "DE";
    germany.iso2 = "DE";
    germany.name = "Germany";
  }

  testing::ScratchDir dir;
  City kiel;
  Country germany;
};

TEST_F(LetterLanguagesTest, TheFirstCandidateTheTemplateExistsIn) {
  TemplateLibrary lib(dir.path());
  std::vector<LanguageCandidate> candidates = {{"da", LanguageSource::kCity},
                                               {"de", LanguageSource::kOfficial}};
  EXPECT_EQ(first_language_with_template(candidates, lib, "letter"), "da");
  EXPECT_EQ(first_language_with_template(candidates, lib, "appeal"), "de");
  EXPECT_EQ(first_language_with_template({{"et", LanguageSource::kOfficial}}, lib, "letter"),
            std::nullopt);
  EXPECT_EQ(first_language_with_template({}, lib, "letter"), std::nullopt);
}

TEST_F(LetterLanguagesTest, OptionsInOrderWithReasonsTemplatesAndTheDefault) {
  TemplateLibrary lib(dir.path());
  kiel.languages = {"da"};
  LetterLanguages l = letter_languages(kiel, germany, lib, "appeal");
  EXPECT_EQ(l.city_id, 7);
  EXPECT_EQ(l.country, "DE");
  ASSERT_EQ(l.options.size(), 2u);
  EXPECT_EQ(l.options[0].lang, "da");
  EXPECT_EQ(l.options[0].source, LanguageSource::kCity);
  EXPECT_EQ(l.options[0].reason, "the city's correspondence language");
  EXPECT_EQ(l.options[0].templates, std::vector<std::string>{"letter"});
  EXPECT_EQ(l.options[1].lang, "de");
  EXPECT_EQ(l.options[1].reason, "official language of Germany (CLDR)");
  EXPECT_EQ(l.options[1].templates, (std::vector<std::string>{"appeal", "letter"}));
  EXPECT_EQ(l.lang, "de");
  EXPECT_FALSE(l.fell_back);
  EXPECT_EQ(l.reason, "official language of Germany (CLDR)");
  auto j = letter_languages_json(l);
  EXPECT_EQ(j["reason_code"], "official");
  EXPECT_EQ(j["options"][0]["has_template"], false);
  EXPECT_EQ(j["options"][0]["source"], "city");
  EXPECT_EQ(j["options"][1]["has_template"], true);
  EXPECT_EQ(letter_languages_json(letter_languages(kiel, germany, lib, "letter"))["reason_code"],
            "city");
}

TEST_F(LetterLanguagesTest, EnglishWhenTheTemplateExistsInNoCandidate) {
  TemplateLibrary lib(dir.path());
  City tartu;
  tartu.name = "Tartu";
  tartu.country = "EE";
  LetterLanguages l = letter_languages(tartu, Country{}, lib, "letter");
  ASSERT_EQ(l.options.size(), 1u);
  EXPECT_EQ(l.options[0].lang, "et");
  EXPECT_TRUE(l.options[0].templates.empty());
  EXPECT_EQ(l.lang, "en");
  EXPECT_TRUE(l.fell_back);
  EXPECT_EQ(l.reason, "no template in the city's languages: English");
  EXPECT_EQ(letter_languages_json(l)["reason_code"], "fallback");
}

}  // namespace
}  // namespace twinning::letters
