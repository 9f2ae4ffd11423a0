// The templates of templates/ in every language they ship in, end to end:
// the language chosen for a city from its country's official languages, the
// merged text, ICU's dates and country names, and the printed PDF.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "letters/follow_ups.h"
#include "letters/language.h"
#include "letters/to_twins.h"
#include "model/error.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

// A country whose first official language (CLDR) is the template's.
const std::map<std::string, std::string> kCountryOf = {
    {"ar", "EG"}, {"bg", "BG"}, {"cs", "CZ"}, {"da", "DK"}, {"de", "DE"}, {"el", "GR"},
    {"en", "GB"}, {"es", "ES"}, {"fr", "FR"}, {"he", "IL"}, {"hr", "HR"}, {"hu", "HU"},
    {"hy", "AM"}, {"it", "IT"}, {"ja", "JP"}, {"ko", "KR"}, {"nb", "NO"}, {"nl", "NL"},
    {"pl", "PL"}, {"pt", "PT"}, {"ro", "RO"}, {"ru", "RU"}, {"sk", "SK"}, {"sr", "RS"},
    {"sv", "SE"}, {"tr", "TR"}, {"zh", "CN"}};

// The text of section `section` of the source tree's
// templates/NAME/LANG.mustache, as written.
std::string section_of(const std::string& name, const std::string& lang,
                       const std::string& section) {
  std::ifstream in(std::string(TWINNING_SOURCE_DIR) + "/templates/" + name + "/" + lang +
                   ".mustache");
  EXPECT_TRUE(in) << name << "/" << lang;
  std::string line, out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.front() == '[') {
      if (inside) break;
      inside = line == "[" + section + "]";
      continue;
    }
    if (inside && !line.empty()) out += (out.empty() ? "" : "\n") + line;
  }
  return out;
}

class TemplateLanguagesTest : public testing::LetterRegisterTest {};

TEST_F(TemplateLanguagesTest, TheGenericLetterInEveryShippedLanguage) {
  auto langs = library.languages("letter");
  EXPECT_GE(langs.size(), 25u);
  const auto date = parse_partial_date("2013-09-06");
  std::vector<std::string> right_to_left;
  for (const auto& lang : langs) {
    SCOPED_TRACE(lang);
    ASSERT_TRUE(kCountryOf.count(lang)) << "no test city for templates/letter/" << lang;
    const std::string iso2 = kCountryOf.at(lang);
    Country country = store::CountryStore(*store).require(iso2);
    ASSERT_EQ(primary_language(official_languages(iso2).front()), lang);
    City c;
    c.name = "Testville " + lang;
    c.country = iso2;
    CityId city = store::CityStore(*store).create(c);  // no languages of its own

    DraftRequest r = to(city, "Twinning 1944-2014.");
    r.subject = "70";
    auto reg = register_outgoing(*store, library, r, on("2013-09-06"));
    Letter l = get(reg.id);
    EXPECT_EQ(l.lang, lang);  // from the country's official language, not English
    std::string pdf = dir.file("letter-" + lang + ".pdf");
    print_letter(*store, library, reg.id, pdf);  // refuses a missing glyph
    EXPECT_EQ(testing::pdf_fonts(pdf).find("DejaVu"), std::string::npos)
        << "a script fell back past the Noto fonts: " << testing::pdf_fonts(pdf);

    bool rtl = is_right_to_left(lang);
    std::string text = testing::pdf_text(pdf, !rtl);
    // The merged text as stored, the template's own formulas among it.
    for (const std::string& s : {l.salutation, l.body, l.closing, l.subject, reg.number}) {
      EXPECT_TRUE(testing::pdf_shows(text, s, rtl)) << "missing: " << s << "\n" << text;
    }
    EXPECT_FALSE(l.salutation.empty());
    EXPECT_FALSE(l.closing.empty());
    // Dates and country names as ICU writes them in the letter's language.
    std::string when = format_reference_date(date, lang);
    EXPECT_TRUE(testing::pdf_shows(text, when, rtl)) << when << "\n" << text;
    std::string where = country_name_in(iso2, lang, country.name);
    EXPECT_TRUE(testing::pdf_shows(text, where, rtl)) << where << "\n" << text;
    if (rtl) {
      right_to_left.push_back(lang);
      // Right to left: the body starts at the right margin.
      auto page = testing::render_page(pdf, 1);
      long left = page.dark_pixels(0.05, 0.3, 0.5, 0.75);
      long right = page.dark_pixels(0.5, 0.3, 0.95, 0.75);
      EXPECT_GT(right, 2 * left) << "right-to-left text is aligned right";
    }
  }
  // Both right-to-left scripts the issue names were laid out and checked.
  EXPECT_EQ(right_to_left, (std::vector<std::string>{"ar", "he"}));
}

TEST_F(TemplateLanguagesTest, EveryFollowUpTemplateHasAGenericLetterInItsLanguage) {
  // A forward, reminder, correction or appeal takes its frame (letterhead,
  // labels, signature) from letter/LANG: without it the frame would be
  // another language's.
  auto generic = library.languages("letter");
  for (const char* name : {"forward", "reminder", "correction", "appeal-2013"}) {
    for (const auto& lang : library.languages(name)) {
      EXPECT_NE(std::find(generic.begin(), generic.end(), lang), generic.end())
          << name << "/" << lang;
    }
  }
}

TEST_F(TemplateLanguagesTest, TheRightToLeftFollowUpsPrintInTheirLanguage) {
  // A reminder, a forward and a correction of a letter to a city of Egypt
  // and of Israel: written from forward/, reminder/, correction/ in Arabic
  // and Hebrew, printed right to left in that script's font.
  for (const std::string lang : {"ar", "he"}) {
    SCOPED_TRACE(lang);
    City c;
    c.name = "Testville " + lang;
    c.country = kCountryOf.at(lang);
    CityId city = store::CityStore(*store).create(c);
    DraftRequest r = to(city, "Twinning 1944-2014.");
    r.subject = "70";
    LetterId original = register_outgoing(*store, library, r, on("2013-09-06")).id;
    FollowUp reminder;
    reminder.response_deadline = parse_partial_date("2013-12-01");
    FollowUp copy;
    copy.addressees = {Addressee{city, "", "", ""}};
    FollowUp correction;
    correction.body = "Twinning 1944-2015.";
    for (LetterId id :
         {remind(*store, library, original, reminder), forward(*store, library, original, copy),
          correct(*store, library, original, correction)}) {
      auto reg = register_letter(*store, id, on("2013-10-01"));
      Letter l = get(id);
      SCOPED_TRACE(std::string(letter_kind_name(l.kind)));
      EXPECT_EQ(l.lang, lang);
      std::string pdf = dir.file("follow-up-" + lang + "-" + std::to_string(id) + ".pdf");
      print_letter(*store, library, id, pdf);
      EXPECT_EQ(testing::pdf_fonts(pdf).find("DejaVu"), std::string::npos)
          << testing::pdf_fonts(pdf);
      std::string text = testing::pdf_text(pdf, false);
      std::string opening = l.body.substr(0, l.body.find('\n'));
      for (const std::string& shown : {l.subject, opening, reg.number}) {
        EXPECT_FALSE(shown.empty());
        EXPECT_TRUE(testing::pdf_shows(text, shown, true)) << shown << "\n" << text;
      }
      auto page = testing::render_page(pdf, 1);
      EXPECT_GT(page.dark_pixels(0.5, 0.3, 0.95, 0.75), 2 * page.dark_pixels(0.05, 0.3, 0.5, 0.75))
          << "right-to-left text is aligned right";
    }
  }
}

TEST_F(TemplateLanguagesTest, TheAppealToVolgogradsTwinsInAnOfficialLanguageOfEach) {
  ToTwinsRequest r;
  r.city = s.volgograd;
  r.template_name = "appeal-2013";
  r.date = parse_partial_date("2013-09-06");
  r.out_dir = dir.path() / "appeal";
  auto out = letter_to_twins(*store, library, r);
  ASSERT_EQ(out.size(), 5u);
  for (const auto& t : out) {
    SCOPED_TRACE(t.twin_name);
    City twin = store::CityStore(*store).require(t.twin);
    bool official = false;
    for (const auto& o : official_languages(twin.country)) {
      official = official || primary_language(o) == primary_language(t.lang);
    }
    EXPECT_TRUE(official) << t.lang << " is not an official language of " << twin.country;
    EXPECT_FALSE(t.fell_back);
    // The PDF is in that language: the appeal's subject and first words in it.
    bool rtl = is_right_to_left(t.lang);
    std::string text = testing::pdf_text(t.pdf, !rtl);
    std::string subject = section_of("appeal-2013", t.lang, "subject");
    subject = subject.substr(subject.find("{{^subject}}") + 12);
    subject = subject.substr(0, subject.find("{{/subject}}"));
    std::string body = section_of("appeal-2013", t.lang, "body");
    ASSERT_FALSE(subject.empty());
    EXPECT_TRUE(testing::pdf_shows(text, subject, rtl)) << subject << "\n" << text;
    std::string opening = body.substr(0, body.find('\n'));
    EXPECT_TRUE(testing::pdf_shows(text, opening, rtl)) << opening << "\n" << text;
  }
}

TEST_F(TemplateLanguagesTest, TheRussianAppealHasARussianSubject) {
  DraftRequest r = to(s.coventry);
  r.template_name = "appeal-2013";
  r.lang = "ru";
  auto reg = register_outgoing(*store, library, r, on("2013-09-06"));
  EXPECT_EQ(get(reg.id).subject,
            "О провозглашении 2014 года Годом международного движения породненных городов");
  r.subject = "2014 — Year of the International Twin Cities Movement";  // the author's own
  EXPECT_EQ(get(register_outgoing(*store, library, r, on("2013-09-06")).id).subject, r.subject);
}

}  // namespace
}  // namespace twinning::letters
