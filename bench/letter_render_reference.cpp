// The reference side of `scripts/bench letters`: the same pages the letter
// pipeline prints (bench/letter_pipeline.cpp --dump DIR writes each
// letter's blocks in print order, with their sizes), laid out with Pango
// and rendered to PDF in memory with Cairo alone — no templates, no
// database, no registration — one PDF per letter, in the same Noto fonts,
// on A4 with 25 mm margins, paragraphs flowing over pages. Prints the
// letters, pages and bytes made and the wall and CPU time of the rendering
// (best of --runs).
//
// Usage: letter_render_reference --dump DIR [--runs R]
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kWidth = 210 * kMm, kHeight = 297 * kMm, kMargin = 25 * kMm;

struct Item {
  int size = 12;
  bool bold = false;
  char align = 's';  // s(tart), c(entre), e(nd)
  bool justify = false;
  std::string text;
};

struct Letter {
  std::string lang;
  bool rtl = false;
  std::vector<Item> items;
};

Letter read_letter(const std::filesystem::path& path) {
  std::ifstream in(path);
  Letter l;
  std::string line;
  std::getline(in, line);
  auto tab = line.find('\t');
  l.lang = line.substr(0, tab);
  l.rtl = line.substr(tab + 1) == "1";
  while (std::getline(in, line)) {
    tab = line.find('\t');
    Item it;
    int bold = 0, justify = 0;
    std::istringstream head(line.substr(0, tab));
    head >> it.size >> bold >> it.align >> justify;
    it.bold = bold;
    it.justify = justify;
    it.text = line.substr(tab + 1);
    l.items.push_back(std::move(it));
  }
  return l;
}

// Fonts by the language's usual script, as a table; Noto Serif for the rest.
std::string fonts(const std::string& lang) {
  static const std::vector<std::pair<std::string, std::string>> kScript = {
      {"ja", "Noto Serif CJK JP"},   {"zh", "Noto Serif CJK SC"},     {"ko", "Noto Serif CJK KR"},
      {"ar", "Noto Naskh Arabic"},   {"he", "Noto Serif Hebrew"},     {"hy", "Noto Serif Armenian"},
      {"ka", "Noto Serif Georgian"}, {"hi", "Noto Serif Devanagari"}, {"th", "Noto Serif Thai"}};
  std::string primary = lang.substr(0, lang.find('-'));
  for (const auto& [code, family] : kScript) {
    if (code == primary) return family + ",Noto Serif,Noto Sans,Noto Serif CJK SC";
  }
  return "Noto Serif,Noto Sans,Noto Serif CJK SC";
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One letter to PDF bytes; returns its page count.
int render(const Letter& l, std::string& pdf) {
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  std::string families = fonts(l.lang);
  PangoLanguage* language = pango_language_from_string(l.lang.c_str());
  double y = kMargin, width = kWidth - 2 * kMargin;
  int pages = 1;
  for (const auto& it : l.items) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoContext* ctx = pango_layout_get_context(layout);
    pango_context_set_base_dir(ctx, l.rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    pango_context_set_language(ctx, language);
    pango_layout_context_changed(layout);
    pango_layout_set_auto_dir(layout, FALSE);
    PangoFontDescription* font = pango_font_description_from_string(families.c_str());
    pango_font_description_set_absolute_size(font, it.size * PANGO_SCALE);
    pango_font_description_set_weight(font, it.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    bool left = (it.align == 's') != l.rtl;
    pango_layout_set_alignment(layout, it.align == 'c' ? PANGO_ALIGN_CENTER
                                       : left          ? PANGO_ALIGN_LEFT
                                                       : PANGO_ALIGN_RIGHT);
    pango_layout_set_justify(layout, it.justify);
    pango_layout_set_text(layout, it.text.c_str(), static_cast<int>(it.text.size()));
    // Line by line, a new page when the next line would cross the bottom margin.
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    double offset = y;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(iter, nullptr, &logical);
      double top = static_cast<double>(logical.y) / PANGO_SCALE;
      double h = static_cast<double>(logical.height) / PANGO_SCALE;
      if (top + offset + h > kHeight - kMargin) {
        cairo_show_page(cr);
        ++pages;
        offset = kMargin - top;
      }
      double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
      cairo_move_to(cr, kMargin + static_cast<double>(logical.x) / PANGO_SCALE, baseline + offset);
      pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
      y = top + offset + h;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    g_object_unref(layout);
    y += 2 * kMm;
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pages;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir;
  int runs = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--dump")
      dir = argv[i + 1];
    else if (a == "--runs")
      runs = std::stoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "letter_render_reference: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (dir.empty() || !std::filesystem::is_directory(dir)) {
    std::fprintf(stderr,
                 "letter_render_reference: --dump DIR (written by letter_pipeline) is required\n");
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Letter> letters;
  for (const auto& f : files) letters.push_back(read_letter(f));
  double best_wall = 0, best_cpu = 0;
  int pages = 0;
  std::size_t bytes = 0;
  for (int run = 0; run < runs; ++run) {
    pages = 0;
    bytes = 0;
    auto wall0 = std::chrono::steady_clock::now();
    std::clock_t cpu0 = std::clock();
    for (const auto& l : letters) {
      std::string pdf;
      pages += render(l, pdf);
      bytes += pdf.size();
    }
    double cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    if (run == 0 || wall < best_wall) {
      best_wall = wall;
      best_cpu = cpu;
    }
  }
  std::printf("letters %zu pages %d bytes %zu wall %.3f cpu %.3f runs %d\n", letters.size(), pages,
              bytes, best_wall, best_cpu, runs);
  return 0;
}
