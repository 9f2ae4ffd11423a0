// One file of over 500 lines, on purpose: most of it is LetterPdf, one
// layout pass that draws a letter on one cairo/Pango surface, each part
// placed below the last and flowed onto new pages (letterhead, number and
// date, addressees, subject, body, signature, distribution list, in the
// GOST or the business layout, then the courtesy note and translation); the
// helpers around it (font families per language, bidi isolation, the glyph
// check) serve only that pass, and the atomic file write only its output.
#include "letters/pdf_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fcntl.h>
#include <pango/pangocairo.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "letters/language.h"
#include "model/error.h"
#include "model/text.h"

namespace twinning::letters {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageWidth = 210 * kMm;
constexpr double kPageHeight = 297 * kMm;

enum class Align { kStart, kCenter, kEnd };

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// The Noto family for the script a language is usually written in, then
// Noto Serif for Latin, Cyrillic and Greek; fontconfig falls back further.
std::string font_families(std::string_view lang) {
  std::string primary = primary_language(lang);
  std::string tag(lang);
  std::string first;
  if (primary == "ja") {
    first = "Noto Serif CJK JP";
  } else if (primary == "zh") {
    bool traditional = tag.find("Hant") != std::string::npos ||
                       tag.find("TW") != std::string::npos || tag.find("HK") != std::string::npos ||
                       tag.find("MO") != std::string::npos;
    first = traditional ? "Noto Serif CJK TC" : "Noto Serif CJK SC";
  } else if (primary == "ko") {
    first = "Noto Serif CJK KR";
  } else if (primary == "ar" || primary == "fa" || primary == "ur" || primary == "ps" ||
             primary == "sd" || primary == "ug" || primary == "ckb") {
    first = "Noto Naskh Arabic";
  } else if (primary == "he" || primary == "yi") {
    first = "Noto Serif Hebrew";
  } else if (primary == "hy") {
    first = "Noto Serif Armenian";
  } else if (primary == "ka") {
    first = "Noto Serif Georgian";
  } else if (primary == "hi" || primary == "mr" || primary == "ne") {
    first = "Noto Serif Devanagari";
  } else if (primary == "th") {
    first = "Noto Serif Thai";
  }
  return (first.empty() ? "" : first + ",") + "Noto Serif,Noto Sans,Noto Serif CJK SC";
}

constexpr const char* kLeftToRightIsolate = "\xE2\x81\xA6";  // U+2066
constexpr const char* kPopIsolate = "\xE2\x81\xA9";          // U+2069

// In a right-to-left letter every paragraph is laid out right to left and
// aligned right; one that starts with a left-to-right letter (an address in
// Latin script, a name) is isolated as left-to-right, so that the bidi
// algorithm does not move its leading or trailing numbers and punctuation.
// In the others, letter numbers and spans of years keep their order
// (language.h isolate_left_to_right_words).
std::string directional(const std::string& text, bool rtl) {
  if (!rtl) return text;
  if (base_direction(text) != TextDirection::kLeftToRight) {
    return isolate_left_to_right_words(text);
  }
  return kLeftToRightIsolate + text + kPopIsolate;
}

// Paragraph text for Pango: a line break inside a paragraph becomes U+2028
// LINE SEPARATOR, which breaks the line without starting a new paragraph.
std::string paragraph_text(std::string_view text, bool rtl) {
  std::string out;
  for (char c : directional(std::string(text), rtl)) {
    if (c == '\n') {
      out += "\xE2\x80\xA8";
    } else {
      out += c;
    }
  }
  return out;
}

// Lines `from`.. of a line block as one text, a Pango paragraph each.
std::string join_lines(const std::vector<std::string>& lines, bool rtl, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < lines.size(); ++i) {
    out += (i > from ? "\n" : "") + directional(lines[i], rtl);
  }
  return out;
}

class LetterPdf {
 public:
  LetterPdf(const LetterDocument& doc, cairo_t* cr)
      : doc_(doc),
        cr_(cr),
        lang_(doc.lang),
        rtl_(is_right_to_left(doc.lang)),
        families_(font_families(doc.lang)),
        gost_(doc.layout == LetterLayout::kGost) {
    left_ = (gost_ ? 20 : 25) * kMm;
    right_ = (gost_ ? 10 : 25) * kMm;
    top_ = 20 * kMm;
    bottom_ = kPageHeight - 20 * kMm;
    width_ = kPageWidth - left_ - right_;
    y_ = top_;
  }

  // Every text of the document laid out once at the text width: layout()
  // refuses a character without a glyph.
  void check_glyphs() {
    Style s;
    for (const auto* block : {&doc_.letterhead, &doc_.registration, &doc_.addressee,
                              &doc_.salutation, &doc_.body, &doc_.closing, &doc_.signature,
                              &doc_.distribution}) {
      if (!block->empty()) layout(join_lines(*block, rtl_), width_, s);
    }
    if (!doc_.subject.empty()) layout(paragraph_text(doc_.subject, rtl_), width_, s);
    if (doc_.translation_lang.empty()) return;
    switch_language(doc_.translation_lang);
    for (const auto& p : doc_.translation) layout(paragraph_text(p, rtl_), width_, s);
    if (!doc_.note.empty()) layout(paragraph_text(doc_.note, rtl_), width_, s);
  }

  int render() {
    if (gost_) {
      render_gost();
    } else {
      render_business();
    }
    courtesy_note();
    distribution_list();
    courtesy_translation();
    cairo_show_page(cr_);
    return page_;
  }

 private:
  struct Style {
    double size = 12;
    bool bold = false;
    Align align = Align::kStart;
    bool justify = false;
    double indent = 0;     // first-line indent, points
    double spacing = 1.0;  // line-height factor
  };

  LayoutPtr layout(const std::string& text, double width, const Style& s) {
    LayoutPtr l(pango_cairo_create_layout(cr_));
    PangoContext* ctx = pango_layout_get_context(l.get());
    pango_context_set_base_dir(ctx, rtl_ ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    pango_context_set_language(ctx, pango_language_from_string(lang_.c_str()));
    pango_layout_context_changed(l.get());
    pango_layout_set_auto_dir(l.get(), FALSE);
    PangoFontDescription* font = pango_font_description_from_string(families_.c_str());
    pango_font_description_set_absolute_size(font, s.size * PANGO_SCALE);
    pango_font_description_set_weight(font, s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs,
                           pango_attr_language_new(pango_language_from_string(lang_.c_str())));
    pango_layout_set_attributes(l.get(), attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    PangoAlignment align = PANGO_ALIGN_CENTER;
    if (s.align != Align::kCenter) {
      bool left = (s.align == Align::kStart) != rtl_;
      align = left ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
    }
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_justify(l.get(), s.justify);
    pango_layout_set_indent(l.get(), static_cast<int>(s.indent * PANGO_SCALE));
    if (s.spacing != 1.0) pango_layout_set_line_spacing(l.get(), static_cast<float>(s.spacing));
    pango_layout_set_text(l.get(), text.c_str(), static_cast<int>(text.size()));
    refuse_missing_glyphs(l.get());
    return l;
  }

  // A character no installed font can show would print as an empty box:
  // the letter is refused, naming the first such character.
  static void refuse_missing_glyphs(PangoLayout* l) {
    if (pango_layout_get_unknown_glyphs_count(l) == 0) return;
    gunichar missing = 0;
    PangoLayoutIter* it = pango_layout_get_iter(l);
    do {
      PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
      for (int i = 0; run && !missing && i < run->glyphs->num_glyphs; ++i) {
        PangoGlyph g = run->glyphs->glyphs[i].glyph;
        if (g & PANGO_GLYPH_UNKNOWN_FLAG) missing = g & ~PANGO_GLYPH_UNKNOWN_FLAG;
      }
    } while (!missing && pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(missing));
    char utf8[8] = {};
    g_unichar_to_utf8(missing, utf8);
    throw_invalid(std::string("the letter cannot be printed: no installed font has a glyph for ") +
                      code + " '" + utf8 +
                      "'; install a font for its script (scripts/setup) or remove the character",
                  "text");
  }

  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // x of a box `offset` points from the start margin (left in LTR, right in RTL).
  double x_of(double offset, double box_width) const {
    return rtl_ ? left_ + width_ - offset - box_width : left_ + offset;
  }

  void draw(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  void new_page() {
    cairo_show_page(cr_);
    ++page_;
    y_ = top_;
    // GOST R 7.0.97: pages from the second on are numbered at the top centre;
    // business letters number them too.
    Style s;
    s.size = 10;
    s.align = Align::kCenter;
    auto number = layout(std::to_string(page_), width_, s);
    draw(number.get(), left_, 10 * kMm);
  }

  // Starts a new page unless `h` more points fit on this one (or the page is
  // still empty, where nothing would be gained).
  void make_room(double h) {
    if (y_ + h > bottom_ && y_ > top_ + 0.5) new_page();
  }

  // Places a block that is not split between pages, unless it is taller
  // than a page: then it flows on, rather than running off the paper.
  void keep(PangoLayout* l, double x) {
    if (height(l) > bottom_ - top_) {
      flow(l, x);
      return;
    }
    make_room(height(l));
    draw(l, x, y_);
    y_ += height(l);
  }

  // Places a block line by line, continuing on new pages as needed. A
  // paragraph's first line is not left alone at the bottom of a page.
  void flow(PangoLayout* l, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(l);
    int lines = pango_layout_get_line_count(l);
    bool first = true;
    double offset = 0;  // page y minus layout y for the lines on this page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double top = static_cast<double>(logical.y) / PANGO_SCALE;
      double h = static_cast<double>(logical.height) / PANGO_SCALE;
      if (first) {
        make_room(lines > 1 ? 2 * h : h);
        offset = y_ - top;
        first = false;
      } else if (top + offset + h > bottom_) {
        new_page();
        offset = y_ - top;
      }
      double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, baseline + offset);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ = top + offset + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void paragraphs(const std::vector<std::string>& paras, const Style& s, double gap) {
    for (const auto& p : paras) {
      auto l = layout(paragraph_text(p, rtl_), width_, s);
      flow(l.get(), left_);
      y_ += gap;
    }
  }

  // Title lines at the start margin; the signatory's name at the end margin
  // on the baseline of the title's last line. Never split.
  void signature_beside_title() {
    const auto& sig = doc_.signature;
    if (sig.empty()) return;
    Style s;
    s.size = 14;
    double title_width = width_ * 0.55, name_width = width_ * 0.4;
    auto name = layout(directional(sig.back(), rtl_), name_width, Style{14, false, Align::kEnd});
    if (sig.size() == 1) {
      keep(name.get(), x_of(width_ - name_width, name_width));
      return;
    }
    std::vector<std::string> title_lines(sig.begin(), sig.end() - 1);
    auto title = layout(join_lines(title_lines, rtl_), title_width, s);
    make_room(std::max(height(title.get()), height(name.get())));
    PangoLayoutIter* it = pango_layout_get_iter(title.get());
    while (pango_layout_iter_next_line(it)) {
    }
    double last_baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
    pango_layout_iter_free(it);
    double name_baseline = static_cast<double>(pango_layout_get_baseline(name.get())) / PANGO_SCALE;
    draw(title.get(), x_of(0, title_width), y_);
    draw(name.get(), x_of(width_ - name_width, name_width), y_ + last_baseline - name_baseline);
    y_ += std::max(height(title.get()), last_baseline - name_baseline + height(name.get()));
  }

  // The distribution list, from a new page: its heading line bold, the
  // addressees continued over as many pages as they need.
  void distribution_list() {
    const auto& list = doc_.distribution;
    if (list.empty()) return;
    new_page();
    auto heading = layout(directional(list[0], rtl_), width_, Style{13, true, Align::kStart});
    keep(heading.get(), left_);
    if (list.size() == 1) return;
    y_ += 2 * kMm;
    auto rest = layout(join_lines(list, rtl_, 1), width_, Style{12, false, Align::kStart});
    flow(rest.get(), left_);
  }

  void render_gost() {
    const double column = 80 * kMm;
    const double addressee_offset = 95 * kMm;
    const double addressee_width = width_ - addressee_offset;
    double y_left = y_;
    if (!doc_.letterhead.empty()) {
      auto head =
          layout(directional(doc_.letterhead[0], rtl_), column, Style{13, true, Align::kCenter});
      draw(head.get(), x_of(0, column), y_left);
      y_left += height(head.get());
      if (doc_.letterhead.size() > 1) {
        auto rest =
            layout(join_lines(doc_.letterhead, rtl_, 1), column, Style{10, false, Align::kCenter});
        draw(rest.get(), x_of(0, column), y_left + 2 * kMm);
        y_left += 2 * kMm + height(rest.get());
      }
    }
    if (!doc_.registration.empty()) {
      auto reg =
          layout(join_lines(doc_.registration, rtl_), column, Style{12, false, Align::kStart});
      y_left += 5 * kMm;
      draw(reg.get(), x_of(0, column), y_left);
      y_left += height(reg.get());
    }
    double y_right = y_;
    if (!doc_.addressee.empty()) {
      auto to = layout(join_lines(doc_.addressee, rtl_), addressee_width,
                       Style{14, false, Align::kStart});
      draw(to.get(), x_of(addressee_offset, addressee_width), y_right);
      y_right += height(to.get());
    }
    y_ = std::max(y_left, y_right) + 12 * kMm;
    if (!doc_.subject.empty()) {
      auto subject =
          layout(paragraph_text(doc_.subject, rtl_), column, Style{12, false, Align::kStart});
      keep(subject.get(), x_of(0, column));
      y_ += 6 * kMm;
    }
    Style centred{14, false, Align::kCenter, false, 0, 1.15};
    paragraphs(doc_.salutation, centred, 0);
    if (!doc_.salutation.empty()) y_ += 4 * kMm;
    Style text{14, false, Align::kStart, true, 12.5 * kMm, 1.15};
    paragraphs(doc_.body, text, 0);
    paragraphs(doc_.closing, text, 0);
    y_ += 12 * kMm;
    signature_beside_title();
  }

  void render_business() {
    if (!doc_.letterhead.empty()) {
      auto head =
          layout(directional(doc_.letterhead[0], rtl_), width_, Style{15, true, Align::kCenter});
      keep(head.get(), left_);
      if (doc_.letterhead.size() > 1) {
        auto rest =
            layout(join_lines(doc_.letterhead, rtl_, 1), width_, Style{10, false, Align::kCenter});
        y_ += 1.5 * kMm;
        keep(rest.get(), left_);
      }
      y_ += 3 * kMm;
      cairo_set_line_width(cr_, 0.6);
      cairo_move_to(cr_, left_, y_);
      cairo_line_to(cr_, left_ + width_, y_);
      cairo_stroke(cr_);
      y_ += 8 * kMm;
    }
    if (!doc_.registration.empty()) {
      const double w = 90 * kMm;
      auto reg = layout(join_lines(doc_.registration, rtl_), w, Style{11, false, Align::kEnd});
      keep(reg.get(), x_of(width_ - w, w));
      y_ += 8 * kMm;
    }
    if (!doc_.addressee.empty()) {
      const double w = 100 * kMm;
      auto to = layout(join_lines(doc_.addressee, rtl_), w, Style{12, false, Align::kStart});
      keep(to.get(), x_of(0, w));
      y_ += 10 * kMm;
    }
    if (!doc_.subject.empty()) {
      auto subject =
          layout(paragraph_text(doc_.subject, rtl_), width_, Style{12, true, Align::kStart});
      keep(subject.get(), left_);
      y_ += 5 * kMm;
    }
    Style text{12, false, Align::kStart, false, 0, 1.2};
    paragraphs(doc_.salutation, text, 4 * kMm);
    paragraphs(doc_.body, text, 4 * kMm);
    paragraphs(doc_.closing, text, 2 * kMm);
    if (!doc_.signature.empty()) {
      y_ += 14 * kMm;  // room for the handwritten signature
      auto sig =
          layout(join_lines(doc_.signature, rtl_), width_ * 0.6, Style{12, false, Align::kStart});
      keep(sig.get(), x_of(0, width_ * 0.6));
    }
  }

  // Lays out what follows in `lang`: its fonts and direction.
  void switch_language(const std::string& lang) {
    lang_ = lang;
    rtl_ = is_right_to_left(lang);
    families_ = font_families(lang);
  }

  // A letter sent without its recipient's language: the note saying so,
  // after the signature in the recipient's language.
  void courtesy_note() {
    if (doc_.translation_lang.empty() || doc_.note.empty()) return;
    switch_language(doc_.translation_lang);
    y_ += 10 * kMm;
    auto note = layout(paragraph_text(doc_.note, rtl_), width_, Style{11, false, Align::kStart});
    keep(note.get(), left_);
    switch_language(doc_.lang);
  }

  // The courtesy translation, from a new page (its heading bold), in the
  // recipient's language.
  void courtesy_translation() {
    if (doc_.translation_lang.empty() || doc_.translation.empty()) return;
    switch_language(doc_.translation_lang);
    Style text{12, false, Align::kStart, false, 0, 1.2};
    new_page();
    auto heading =
        layout(paragraph_text(doc_.translation[0], rtl_), width_, Style{13, true, Align::kStart});
    keep(heading.get(), left_);
    y_ += 6 * kMm;
    paragraphs(std::vector<std::string>(doc_.translation.begin() + 1, doc_.translation.end()), text,
               4 * kMm);
  }

  const LetterDocument& doc_;
  cairo_t* cr_;
  std::string lang_;  // the language being laid out: the letter's, then a translation's
  bool rtl_;
  std::string families_;
  bool gost_;
  double left_ = 0, right_ = 0, top_ = 0, bottom_ = 0, width_ = 0;
  double y_ = 0;
  int page_ = 1;
};

void check_utf8(const LetterDocument& doc) {
  auto check = [](const std::string& s) {
    if (!is_valid_utf8(s)) throw_invalid("the letter's text is not valid UTF-8", "letter");
  };
  check(doc.lang);
  check(doc.title);
  check(doc.subject);
  check(doc.translation_lang);
  check(doc.note);
  for (const auto* block : {&doc.letterhead, &doc.registration, &doc.addressee, &doc.salutation,
                            &doc.body, &doc.closing, &doc.signature, &doc.distribution,
                            &doc.translation}) {
    for (const auto& s : *block) check(s);
  }
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string render_letter_pdf(const LetterDocument& doc, int* pages) {
  check_utf8(doc);
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to_string, &out, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Twinning");
  cairo_t* cr = cairo_create(surface);
  int n = LetterPdf(doc, cr).render();
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw Error(ErrorCode::kUnavailable,
                std::string("cannot render the PDF: ") + cairo_status_to_string(status));
  }
  if (pages) *pages = n;
  return out;
}

void check_glyphs(const LetterDocument& doc) {
  check_utf8(doc);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), cairo_surface_destroy);
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                        cairo_destroy);
  LetterPdf(doc, cr.get()).check_glyphs();
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes) {
  auto fail = [&](const std::string& what) {
    throw Error(ErrorCode::kUnavailable,
                "cannot write " + path.string() + ": " + what + ": " + std::strerror(errno),
                path.string());
  };
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::string tmp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmp.data());
  if (fd < 0) fail("cannot create a temporary file");
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail("write failed");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    errno = saved;
    fail("cannot flush");
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail("cannot rename the temporary file");
  }
}

PdfResult write_letter_pdf(const LetterDocument& doc, const std::filesystem::path& path) {
  PdfResult result;
  std::string bytes = render_letter_pdf(doc, &result.pages);
  write_file_atomically(path, bytes);
  result.bytes = bytes.size();
  return result;
}

}  // namespace twinning::letters
