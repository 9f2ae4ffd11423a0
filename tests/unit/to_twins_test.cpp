#include "letters/to_twins.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/error.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "store/link_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

class ToTwinsTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<store::Store> store = testing::open_scratch_store(dir);
  testing::LetterScenario s = testing::add_letter_scenario(*store);
  TemplateLibrary library = TemplateLibrary::locate("");

  ToTwinsRequest request(const std::string& template_name) const {
    ToTwinsRequest r;
    r.city = s.volgograd;
    r.template_name = template_name;
    r.date = parse_partial_date("2013-09-06");
    r.out_dir = dir.path() / "out";
    return r;
  }

  // A new city twinned with Volgograd; its id.
  CityId add_twin_of_volgograd(const std::string& name, const std::string& country) {
    City c;
    c.name = name;
    c.country = country;
    CityId id = store::CityStore(*store).create(c);
    Link link;
    link.city_a = std::min(s.volgograd, id);
    link.city_b = std::max(s.volgograd, id);
    store::LinkStore(*store).create(link);
    return id;
  }
};

TEST_F(ToTwinsTest, OneLetterPerTwinInItsLanguage) {
  auto r = request("letter");
  r.body = "Greetings.";
  auto out = letter_to_twins(*store, library, r);
  ASSERT_EQ(out.size(), 5u);
  // In twin-name order: Chengdu, Coventry, Dresden, Hiroshima, Port Said.
  std::vector<std::string> names, langs, numbers;
  for (const auto& t : out) {
    names.push_back(t.twin_name);
    langs.push_back(t.lang);
    numbers.push_back(t.number);
    EXPECT_EQ(t.pages, 1);
    EXPECT_TRUE(std::filesystem::exists(t.pdf)) << t.pdf;
    Letter l = letter_view(*store, t.letter).letter;
    EXPECT_EQ(l.status, LetterStatus::kRegistered);
    EXPECT_EQ(l.addressees[0].city_id, t.twin);
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"Chengdu", "Coventry", "Dresden", "Hiroshima", "Port Said"}));
  EXPECT_EQ(langs, (std::vector<std::string>{"zh", "en", "de", "ja", "ar"}));
  for (const auto& t : out) EXPECT_FALSE(t.fell_back) << t.twin_name;
  EXPECT_EQ(out[0].lang_reason, "official language of China (CLDR)");
  EXPECT_EQ(out[1].lang_reason, "the city's correspondence language");
  EXPECT_EQ(numbers, (std::vector<std::string>{"19-024/1рс", "19-024/2рс", "19-024/3рс",
                                               "19-024/4рс", "19-024/5рс"}));
  EXPECT_EQ(out[3].pdf, (dir.path() / "out" / "19-024_4рс-Hiroshima.pdf").string());
  EXPECT_EQ(out[4].pdf, (dir.path() / "out" / "19-024_5рс-Port_Said.pdf").string());
  std::string ja = testing::pdf_text(out[3].pdf);
  EXPECT_NE(ja.find("広島市"), std::string::npos);
  EXPECT_NE(ja.find("拝啓"), std::string::npos);
}

TEST_F(ToTwinsTest, TheAppealFallsBackToEnglishWhereItHasNoTranslation) {
  // A twin in a country whose languages the appeal has no translation in.
  CityId tallinn = add_twin_of_volgograd("Tallinn", "EE");
  auto out = letter_to_twins(*store, library, request("appeal-2013"));
  ASSERT_EQ(out.size(), 6u);
  for (const auto& t : out) {
    EXPECT_EQ(t.fell_back, t.twin == tallinn) << t.twin_name;
    EXPECT_FALSE(t.courtesy_translated);
    if (t.twin == tallinn) {
      EXPECT_EQ(t.lang, "en");
      EXPECT_EQ(t.lang_reason, "no template in the city's languages: English");
      EXPECT_EQ(t.courtesy_lang, "et");  // Estonia's official language
    } else {
      EXPECT_EQ(t.courtesy_lang, "") << t.twin_name;
    }
  }
  // The English original goes alone, and says so.
  ASSERT_EQ(out[5].twin, tallinn);
  std::string tallinn_text = testing::normalize_text(testing::pdf_text(out[5].pdf));
  EXPECT_NE(tallinn_text.find("This letter is sent in its original language (English) without a "
                              "translation."),
            std::string::npos)
      << tallinn_text;
  EXPECT_EQ(letter_view(*store, out[5].letter).letter.courtesy_lang, "et");
  std::string text = testing::normalize_text(testing::pdf_text(out[1].pdf));
  EXPECT_NE(text.find("The Mayor of the twin city of Coventry"), std::string::npos) << text;
  EXPECT_NE(text.find("Year of the International Twin Cities Movement"), std::string::npos);
  EXPECT_NE(text.find("HEAD OF VOLGOGRAD"), std::string::npos);
}

TEST_F(ToTwinsTest, TheOfficesCourtesyTranslationGoesWithTheOriginalOnAPageOfItsOwn) {
  CityId tallinn = add_twin_of_volgograd("Tallinn", "EE");
  auto alone = letter_to_twins(*store, library, request("appeal-2013"));
  auto r = request("appeal-2013");
  r.out_dir = dir.path() / "translated";
  r.courtesy_translations["ET"] = "Lugupeetud linnapea!\n\nMeie linnad on sõbrad.";
  auto out = letter_to_twins(*store, library, r);
  ASSERT_EQ(out.size(), 6u);
  ASSERT_EQ(out[5].twin, tallinn);
  EXPECT_EQ(out[5].lang, "en");
  EXPECT_EQ(out[5].courtesy_lang, "et");
  EXPECT_TRUE(out[5].courtesy_translated);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_FALSE(out[i].courtesy_translated) << out[i].twin_name;
  Letter l = letter_view(*store, out[5].letter).letter;
  EXPECT_EQ(l.courtesy_translation, "Lugupeetud linnapea!\n\nMeie linnad on sõbrad.");
  // The translation takes a page of its own after the original.
  EXPECT_EQ(out[5].pages, alone[5].pages + 1);
  std::string last = testing::normalize_text(
      testing::run_program({"pdftotext", "-f", std::to_string(out[5].pages), "-l",
                            std::to_string(out[5].pages), "-enc", "UTF-8", out[5].pdf, "-"}));
  EXPECT_NE(last.find("Meie linnad on sõbrad."), std::string::npos) << last;
  EXPECT_EQ(last.find("without a translation"), std::string::npos) << last;
}

TEST_F(ToTwinsTest, ACourtesyTranslationNoLetterTakesIsRefusedBeforeAnythingIsRegistered) {
  auto count = [&] { return store::LetterStore(*store).count({}); };
  const auto before = count();
  for (const char* lang : {"de", "et", "not a tag"}) {
    SCOPED_TRACE(lang);
    // Dresden gets the appeal in German, no twin speaks Estonian here.
    auto r = request("appeal-2013");
    r.courtesy_translations[lang] = "Text.";
    try {
      letter_to_twins(*store, library, r);
      ADD_FAILURE() << "accepted a translation into " << lang;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(e.field(), "courtesy_translations") << e.what();
    }
  }
  EXPECT_EQ(count(), before);
}

TEST_F(ToTwinsTest, EndedLinksAreSkipped) {
  auto link = *store::LinkStore(*store).find(s.volgograd, s.dresden);
  link.status = LinkStatus::kEnded;
  store::LinkStore(*store).update(link);
  auto r = request("letter");
  r.out_dir.reset();
  auto out = letter_to_twins(*store, library, r);
  EXPECT_EQ(out.size(), 4u);
  for (const auto& t : out) {
    EXPECT_NE(t.twin, s.dresden);
    EXPECT_EQ(t.pdf, "");
  }
}

TEST_F(ToTwinsTest, NothingIsRegisteredWhenThePdfsCannotBeWritten) {
  dir.write("blocked", "a file where the directory should be");
  auto r = request("letter");
  r.out_dir = dir.path() / "blocked" / "out";
  try {
    letter_to_twins(*store, library, r);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
  }
  EXPECT_TRUE(list_letters(*store, {}).empty());
  auto missing = request("no-such-template");
  EXPECT_THROW(letter_to_twins(*store, library, missing), Error);
  EXPECT_TRUE(list_letters(*store, {}).empty());
}

TEST_F(ToTwinsTest, CityWithoutTwinsOrOffice) {
  auto r = request("letter");
  r.city = s.coventry;  // one twin, but no office
  try {
    letter_to_twins(*store, library, r);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kNotFound);
    EXPECT_EQ(e.field(), "office");
  }
  EXPECT_EQ(file_name_part("19-024/125рс"), "19-024_125рс");
  EXPECT_EQ(file_name_part("..x: y"), "_..x__y");
}

}  // namespace
}  // namespace twinning::letters
