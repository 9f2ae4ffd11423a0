// Test fixtures of the correspondence register: the cities of the 2013
// scenario with their names in several languages, Volgograd's office with
// its 2013 requisites, and tools to check real PDFs with poppler-utils
// (pdftotext, pdfinfo, pdffonts, pdftoppm).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "letters/correspondence.h"
#include "letters/letter_template.h"
#include "model/city.h"
#include "model/letter.h"
#include "store/store.h"
#include "support/test_support.h"

namespace twinning::testing {

// Ids of the cities and the office created by add_letter_scenario().
struct LetterScenario {
  CityId volgograd = 0, coventry = 0, port_said = 0, hiroshima = 0, chengdu = 0, dresden = 0;
  OfficeId office = 0;  // "volgograd", outgoing pattern 19-024/{seq}рс
};

// Creates Volgograd (ru, with its Russian name), Coventry (en, "Ковентри"
// in Russian), Port Said ("بورسعيد"), Hiroshima ("広島市"), Chengdu ("成都")
// and Dresden (de, no German template: falls back to English), twins of
// Volgograd; Volgograd's office with Russian and English requisites as in
// the 2013 letter. Precondition: the store has the reference countries.
LetterScenario add_letter_scenario(store::Store& store);

// A fixture of the correspondence use cases: a scratch SQLite store with
// the scenario above and the templates of the source tree, with shortcuts
// for a draft from Volgograd's office to one city, the registration options
// of a day, and a letter as the actor reads it.
class LetterRegisterTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::unique_ptr<store::Store> store = open_scratch_store(dir);
  LetterScenario s = add_letter_scenario(*store);
  letters::TemplateLibrary library = letters::TemplateLibrary::locate("");

  // A draft from office s.office to `city` (no title or name) with `body`.
  letters::DraftRequest to(CityId city, const std::string& body = "Text.") const;
  // Registration on `date` (a partial date's text), under `number` if given.
  letters::RegisterOptions on(const char* date, const std::string& number = "") const;
  // Letter `id` as the store's actor may read it (letters::letter_view).
  Letter get(LetterId id);
};

// The seed letter's paragraphs (../shared/seed/letter-2013-09-06-volgograd.txt)
// from the salutation's successor to the last before the signature.
std::vector<std::string> seed_body_paragraphs();
// The whole seed file.
std::string seed_letter_text();

// Runs a program (no shell) and returns its stdout; fails the test if it
// exits non-zero.
std::string run_program(const std::vector<std::string>& argv);

// pdftotext of a PDF, UTF-8. `raw` keeps the order in which the text was
// drawn (line by line, as laid out), which the default mode does not for
// justified lines whose wide gaps it takes for columns; right-to-left text
// needs the default mode, which puts glyphs drawn right to left in order.
std::string pdf_text(const std::string& pdf, bool raw = true);
// The page count reported by pdfinfo.
int pdf_pages(const std::string& pdf);
// The fonts listed by pdffonts.
std::string pdf_fonts(const std::string& pdf);

// Whitespace runs collapsed to one space, ends trimmed; a line break after
// a hyphen that follows a letter is removed (lines wrapped at "города-
// побратимы"); page numbers standing alone after a page break are removed.
std::string normalize_text(const std::string& text);
// As normalize_text, then every space and every bidi control character
// (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) removed: for comparing
// Arabic, where pdftotext puts spaces between joined letters.
std::string squeeze_text(const std::string& text);

// True if `text`, a PDF's text from pdf_text, shows `s`: as squeeze_text
// compares them, for left-to-right text. Right-to-left lines come out of
// pdftotext with their letters but with neutral punctuation moved, Arabic
// vowel signs reordered and the lam-alef ligature split: with `rtl` the
// text is compared word by word without punctuation and vowel signs,
// leaving out words with that ligature.
bool pdf_shows(const std::string& text, const std::string& s, bool rtl);

// A page rendered by pdftoppm as a grey image.
struct PageImage {
  int width = 0, height = 0;
  std::vector<unsigned char> gray;  // row-major, 0 black .. 255 white
  // Pixels darker than 128 in the rectangle given as fractions of the page.
  long dark_pixels(double x0, double y0, double x1, double y1) const;
};
// Renders page `page` (1-based) at `dpi` and parses the PGM output.
PageImage render_page(const std::string& pdf, int page, int dpi = 50);

}  // namespace twinning::testing
