#include "letters/pdf_renderer.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/letter_fixtures.h"
#include "support/test_support.h"

namespace twinning::letters {
namespace {

using testing::normalize_text;
using testing::squeeze_text;

LetterDocument seed_document() {
  LetterDocument d;
  d.lang = "ru";
  d.layout = LetterLayout::kGost;
  d.title = "No 19-024/125рс of 2013-09-06";
  d.letterhead = {"ГЛАВА ВОЛГОГРАДА", "400066, г. Волгоград, ул. Советская, 9",
                  "тел. (8442) 33-26-55, факс (8442) 55-17-13"};
  d.registration = {"от 06.09.2013 № 19-024/125рс"};
  d.addressee = {"Мэру города-побратима"};
  d.salutation = {"Уважаемый господин мэр, дорогой коллега!"};
  d.body = testing::seed_body_paragraphs();
  d.signature = {"Глава Волгограда", "В.Д. Васильков"};
  return d;
}

LetterDocument business(const std::string& lang, std::vector<std::string> body) {
  LetterDocument d;
  d.lang = lang;
  d.layout = LetterLayout::kBusiness;
  d.letterhead = {"HEAD OF VOLGOGRAD", "9 Sovetskaya St., Volgograd 400066, Russia"};
  d.registration = {"19-024/126рс"};
  d.body = std::move(body);
  d.signature = {"V. D. Vasilkov", "Head of Volgograd"};
  return d;
}

class PdfRendererTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  // Writes `d` to file `name`; checks the page count when expected_pages > 0.
  std::string write(const LetterDocument& d, const std::string& name, int expected_pages,
                    int* pages = nullptr) {
    std::string path = dir.file(name);
    PdfResult r = write_letter_pdf(d, path);
    if (expected_pages > 0) {
      EXPECT_EQ(r.pages, expected_pages);
    }
    EXPECT_EQ(testing::pdf_pages(path), r.pages);
    if (pages) *pages = r.pages;
    EXPECT_EQ(r.bytes, std::filesystem::file_size(path));
    return path;
  }
};

TEST_F(PdfRendererTest, TheLetterOf2013OnTwoPages) {
  std::string pdf = write(seed_document(), "seed.pdf", 2);
  std::string text = normalize_text(testing::pdf_text(pdf));
  for (const char* s :
       {"ГЛАВА ВОЛГОГРАДА", "400066, г. Волгоград, ул. Советская, 9",
        "тел. (8442) 33-26-55, факс (8442) 55-17-13", "от 06.09.2013 № 19-024/125рс",
        "Мэру города-побратима", "Уважаемый господин мэр, дорогой коллега!", "Глава Волгограда",
        "В.Д. Васильков"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n--- in ---\n" << text;
  }
  std::size_t last = 0;
  for (const auto& p : testing::seed_body_paragraphs()) {
    std::size_t at = text.find(normalize_text(p));
    ASSERT_NE(at, std::string::npos) << "paragraph missing: " << p << "\n--- in ---\n" << text;
    EXPECT_GT(at, last);  // in order
    last = at;
  }
  // The page number of page 2 is printed (GOST), and page 1 has none.
  std::string raw = testing::pdf_text(pdf);
  std::size_t ff = raw.find('\f');
  ASSERT_NE(ff, std::string::npos);
  EXPECT_EQ(normalize_text(raw.substr(ff + 1)).rfind("2 ", 0), 0u);
  EXPECT_NE(testing::pdf_fonts(pdf).find("NotoSerif-Bold"), std::string::npos);
}

TEST_F(PdfRendererTest, LongLettersFlowOverPages) {
  LetterDocument d = seed_document();
  std::vector<std::string> body;
  for (int i = 0; i < 6; ++i) {
    for (const auto& p : testing::seed_body_paragraphs())
      body.push_back(std::to_string(i) + ". " + p);
  }
  d.body = body;
  int pages = 0;
  std::string pdf = write(d, "long.pdf", 0, &pages);
  EXPECT_GE(pages, 6 + 3);  // the 2013 text takes more than a page and a half
  std::string raw = testing::pdf_text(pdf);
  for (int p = 2; p <= pages; ++p) {
    // pdftotext -raw puts each page's number first on its page.
    EXPECT_NE(raw.find("\f" + std::to_string(p) + "\n"), std::string::npos) << p;
  }
  std::string text = normalize_text(raw);
  std::size_t last = 0;
  for (const auto& p : body) {
    std::size_t at = text.find(normalize_text(p));
    ASSERT_NE(at, std::string::npos) << p;
    EXPECT_GT(at, last);
    last = at;
  }
  EXPECT_GT(text.find("В.Д. Васильков"), last);  // the signature after the last paragraph
}

TEST_F(PdfRendererTest, TheDistributionListFollowsFromANewPage) {
  for (LetterLayout layout : {LetterLayout::kBusiness, LetterLayout::kGost}) {
    SCOPED_TRACE(layout == LetterLayout::kGost ? "gost" : "business");
    LetterDocument d = business("en", {"One short paragraph."});
    d.layout = layout;
    d.addressee = {"The Mayors of the twin cities", "(see the distribution list)"};
    d.distribution = {"Distribution list", "of letter No 19-024/126рс of 7 September 2013"};
    for (int i = 1; i <= 70; ++i) {
      d.distribution.push_back("");
      d.distribution.push_back(std::to_string(i) + ". The Mayor of Twin City Number " +
                               std::to_string(i));
    }
    int pages = 0;
    std::string pdf = write(d, "distribution.pdf", 0, &pages);
    EXPECT_GE(pages, 3);  // the letter, then 70 addressees over more than one page
    std::string raw = testing::pdf_text(pdf);
    // The list starts page 2: its number, then the heading.
    EXPECT_NE(raw.find("\f2\nDistribution list\n"), std::string::npos) << raw;
    EXPECT_LT(raw.find("One short paragraph."), raw.find("Distribution list"));
    std::size_t last = 0;
    for (int i = 1; i <= 70; ++i) {
      std::size_t at = raw.find(std::to_string(i) + ". The Mayor of Twin City Number " +
                                std::to_string(i) + "\n");
      ASSERT_NE(at, std::string::npos) << i;
      EXPECT_GT(at, last);
      last = at;
    }
  }
}

TEST_F(PdfRendererTest, ABlockTallerThanAPageFlowsOnInsteadOfRunningOffIt) {
  LetterDocument d = business("en", {"The text after the addressees."});
  for (int i = 1; i <= 90; ++i) d.addressee.push_back("Addressee line " + std::to_string(i));
  int pages = 0;
  std::string raw = testing::pdf_text(write(d, "tall.pdf", 0, &pages));
  EXPECT_GE(pages, 2);
  for (int i = 1; i <= 90; ++i) {
    EXPECT_NE(raw.find("Addressee line " + std::to_string(i) + "\n"), std::string::npos) << i;
  }
  EXPECT_GT(raw.find("The text after the addressees."), raw.find("Addressee line 90\n"));
}

TEST_F(PdfRendererTest, LatinWithDiacriticsAndCyrillic) {
  auto d = business("fr", {"Saint-Étienne, Łódź, Ørsted, Nguyễn Văn Ánh, Çanakkale, Ñuñoa, "
                           "Wałbrzych, Žilina — Волгоград, Ελλάδα."});
  std::string text = normalize_text(testing::pdf_text(write(d, "latin.pdf", 1)));
  EXPECT_NE(text.find(d.body[0]), std::string::npos) << text;
  EXPECT_NE(text.find("9 Sovetskaya St., Volgograd 400066, Russia"), std::string::npos);
}

struct ScriptCase {
  const char* lang;
  const char* font;
  std::vector<std::string> body;
};

TEST_F(PdfRendererTest, ChineseJapaneseArabicAndArmenianRenderInTheirFonts) {
  std::vector<ScriptCase> cases = {
      {"zh", "NotoSerifCJKsc", {"值此友好城市运动七十周年之际，谨致以热烈的祝贺。", "成都市长"}},
      {"ja", "NotoSerifCJKjp", {"姉妹都市運動の七十周年にあたり、心よりお祝い申し上げます。"}},
      {"ar",
       "NotoNaskhArabic",
       {"يسعدنا أن نتوجه إليكم بهذه الرسالة بمناسبة الذكرى السبعين.", "بورسعيد"}},
      {"hy", "NotoSerifArmenian", {"Հարգելի՛ պարոն քաղաքապետ, սիրելի՛ գործընկեր,", "Երևան"}}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.lang);
    std::vector<std::string> body;
    for (int i = 0; i < 4; ++i) body.insert(body.end(), c.body.begin(), c.body.end());
    std::string pdf = write(business(c.lang, body), std::string(c.lang) + ".pdf", 1);
    EXPECT_NE(testing::pdf_fonts(pdf).find(c.font), std::string::npos) << testing::pdf_fonts(pdf);
    bool rtl = std::string(c.lang) == "ar";
    std::string text = squeeze_text(testing::pdf_text(pdf, !rtl));
    for (const auto& s : c.body) EXPECT_NE(text.find(squeeze_text(s)), std::string::npos) << s;
    EXPECT_NE(text.find("19-024/126рс"), std::string::npos);
    // The body occupies the band below the letterhead: ink there, and on the
    // side the script starts from.
    auto page = testing::render_page(pdf, 1);
    long left = page.dark_pixels(0.1, 0.2, 0.5, 0.5), right = page.dark_pixels(0.5, 0.2, 0.9, 0.5);
    EXPECT_GT(left + right, 400);  // at 50 dpi a blank band has none
    if (rtl) {
      EXPECT_GT(right, 2 * left) << "right-to-left text is aligned right";
    } else {
      EXPECT_GT(left, 2 * right);
    }
    EXPECT_LT(page.dark_pixels(0.1, 0.7, 0.9, 0.95), 10);  // the rest of the page is blank
  }
}

TEST_F(PdfRendererTest, RefusesACharacterNoFontCanShow) {
  // U+E000 is a private-use character: no installed font has a glyph for it,
  // and the PDF would show an empty box.
  std::string path = dir.file("box.pdf");
  try {
    write_letter_pdf(business("en", {"Our twin \xEE\x80\x80 city."}), path);
    FAIL() << "rendered a missing glyph";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field(), "text");
    EXPECT_NE(std::string(e.what()).find("no installed font has a glyph for U+E000"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(PdfRendererTest, WritesAtomicallyAndReportsFailures) {
  std::string path = dir.file("letter.pdf");
  dir.write("letter.pdf", "old contents");
  write_letter_pdf(seed_document(), path);
  EXPECT_EQ(testing::slurp(path).rfind("%PDF-", 0), 0u);
  int files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);  // no temporary file left behind
  try {
    write_letter_pdf(seed_document(), dir.file("missing/letter.pdf"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("missing/letter.pdf"), std::string::npos);
  }
  LetterDocument bad = seed_document();
  bad.body.push_back("\xc3\x28");
  EXPECT_THROW(render_letter_pdf(bad), Error);
}

}  // namespace
}  // namespace twinning::letters
