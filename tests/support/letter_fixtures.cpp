#include "support/letter_fixtures.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include <gtest/gtest.h>

#include "letters/offices.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/test_support.h"

extern char** environ;

namespace twinning::testing {
namespace {

CityId add_city(store::Store& store, const std::string& name, const std::string& cc,
                std::vector<std::string> languages, std::vector<CityName> names) {
  City c;
  c.name = name;
  c.country = cc;
  c.languages = std::move(languages);
  c.names = std::move(names);
  return store::CityStore(store).create(c);
}

void link(store::Store& store, CityId a, CityId b) {
  Link l;
  l.city_a = a;
  l.city_b = b;
  store::LinkStore(store).create(l);
}

std::string without(std::string text, const std::vector<std::string>& marks) {
  for (const auto& m : marks) {
    for (auto at = text.find(m); at != std::string::npos; at = text.find(m, at)) {
      text.erase(at, m.size());
    }
  }
  return text;
}

}  // namespace

LetterScenario add_letter_scenario(store::Store& store) {
  LetterScenario s;
  City v;
  v.name = "Volgograd";
  v.country = "RU";
  v.languages = {"ru"};
  v.head_name = "V. D. Vasilkov";
  v.head_title = "Head of Volgograd";
  v.names = {
      {"Волгоград", "ru", "local", {}, {}},
      {"Stalingrad", "en", "former", parse_partial_date("1925"), parse_partial_date("1961")}};
  s.volgograd = store::CityStore(store).create(v);
  s.coventry = add_city(store, "Coventry", "GB", {"en"}, {{"Ковентри", "ru", "alternate", {}, {}}});
  s.port_said = add_city(store, "Port Said", "EG", {}, {{"بورسعيد", "ar", "local", {}, {}}});
  s.hiroshima = add_city(store, "Hiroshima", "JP", {}, {{"広島市", "ja", "local", {}, {}}});
  s.chengdu = add_city(store, "Chengdu", "CN", {}, {{"成都", "zh", "local", {}, {}}});
  s.dresden = add_city(store, "Dresden", "DE", {"de"}, {});
  for (CityId twin : {s.coventry, s.port_said, s.hiroshima, s.chengdu, s.dresden}) {
    link(store, s.volgograd, twin);
  }
  letters::OfficeRequest o;
  o.code = "volgograd";
  o.city_id = s.volgograd;
  o.name = "Administration of Volgograd";
  o.outgoing_pattern = "19-024/{seq}рс";
  s.office = letters::add_office(store, o);
  letters::set_office_requisites(
      store, s.office,
      OfficeRequisites{"ru", "ГЛАВА ВОЛГОГРАДА", "В.Д. Васильков", "Глава Волгограда",
                       "400066, г. Волгоград, ул. Советская, 9", "(8442) 33-26-55",
                       "(8442) 55-17-13", ""});
  letters::set_office_requisites(
      store, s.office,
      OfficeRequisites{"en", "HEAD OF VOLGOGRAD", "V. D. Vasilkov", "Head of Volgograd",
                       "9 Sovetskaya St., Volgograd 400066, Russia", "+7 8442 33-26-55",
                       "+7 8442 55-17-13", ""});
  return s;
}

std::string seed_letter_text() {
  return slurp(std::string(TWINNING_SOURCE_DIR) + "/tests/data/letter-2013-09-06-volgograd.txt");
}

std::vector<std::string> seed_body_paragraphs() {
  std::string text = seed_letter_text();
  std::vector<std::string> paras;
  std::string current;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (trim(line).empty()) {
      if (!current.empty()) paras.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : " ") + std::string(trim(line));
    }
  }
  if (!current.empty()) paras.push_back(current);
  std::vector<std::string> body;
  bool in_body = false;
  for (const auto& p : paras) {
    if (p.rfind("Глава Волгограда", 0) == 0) break;
    if (in_body) body.push_back(p);
    if (p.rfind("Уважаемый", 0) == 0) in_body = true;
  }
  return body;
}

std::string run_program(const std::vector<std::string>& argv) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addclose(&fa, out[1]);
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, cargs[0], &fa, nullptr, cargs.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    ADD_FAILURE() << "cannot run " << argv[0];
    return "";
  }
  std::string result;
  char buf[65536];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) result.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << argv[0] << " failed";
  return result;
}

std::string pdf_text(const std::string& pdf, bool raw) {
  if (raw) return run_program({"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"});
  return run_program({"pdftotext", "-enc", "UTF-8", pdf, "-"});
}

int pdf_pages(const std::string& pdf) {
  std::istringstream in(run_program({"pdfinfo", pdf}));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Pages:", 0) == 0) return std::atoi(line.c_str() + 6);
  }
  return -1;
}

std::string pdf_fonts(const std::string& pdf) { return run_program({"pdffonts", pdf}); }

std::string normalize_text(const std::string& text) {
  // Drop a page number that stands alone right after a form feed.
  std::string pages;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\f') {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\n')) ++j;
      std::size_t k = j;
      while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
      pages += ' ';
      if (k > j && (k == text.size() || text[k] == '\n')) i = k;
      continue;
    }
    pages += text[i];
  }
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(pages[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      // "города-\nпобратимы": a line wrapped after a hyphen joins without a space.
      bool hyphen_wrap = out.back() == '-' && out.size() >= 2 && out[out.size() - 2] != ' ' &&
                         out[out.size() - 2] != '-';
      if (!hyphen_wrap) out += ' ';
    }
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string squeeze_text(const std::string& text) {
  static const char* kControls[] = {"\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
                                    "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"};
  std::string s = normalize_text(text);
  for (const char* c : kControls) {
    std::string needle(c);
    for (std::size_t p; (p = s.find(needle)) != std::string::npos;) s.erase(p, needle.size());
  }
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

long PageImage::dark_pixels(double x0, double y0, double x1, double y1) const {
  long n = 0;
  for (int y = static_cast<int>(y0 * height); y < static_cast<int>(y1 * height); ++y) {
    for (int x = static_cast<int>(x0 * width); x < static_cast<int>(x1 * width); ++x) {
      n += gray[static_cast<std::size_t>(y) * width + x] < 128;
    }
  }
  return n;
}

PageImage render_page(const std::string& pdf, int page, int dpi) {
  std::string p = std::to_string(page);
  std::string pgm =
      run_program({"pdftoppm", "-gray", "-r", std::to_string(dpi), "-f", p, "-l", p, pdf});
  PageImage img;
  // "P5\n<width> <height>\n<maxval>\n" then one byte per pixel.
  std::istringstream in(pgm);
  std::string magic;
  int maxval = 0;
  in >> magic >> img.width >> img.height >> maxval;
  in.get();
  if (magic != "P5" || maxval != 255 || img.width <= 0 || img.height <= 0) {
    ADD_FAILURE() << "pdftoppm did not produce an 8-bit PGM";
    return img;
  }
  std::size_t offset = static_cast<std::size_t>(in.tellg());
  img.gray.assign(pgm.begin() + static_cast<long>(offset), pgm.end());
  if (img.gray.size() != static_cast<std::size_t>(img.width) * img.height) {
    ADD_FAILURE() << "truncated PGM";
    img.gray.resize(static_cast<std::size_t>(img.width) * img.height, 255);
  }
  return img;
}

letters::DraftRequest LetterRegisterTest::to(CityId city, const std::string& body) const {
  letters::DraftRequest r;
  r.office = s.office;
  r.addressees = {Addressee{city, "", "", ""}};
  r.body = body;
  return r;
}

letters::RegisterOptions LetterRegisterTest::on(const char* date, const std::string& number) const {
  letters::RegisterOptions o;
  o.date = parse_partial_date(date);
  o.number = number;
  return o;
}

Letter LetterRegisterTest::get(LetterId id) { return letters::letter_view(*store, id).letter; }

bool pdf_shows(const std::string& pdf, const std::string& s, bool rtl) {
  if (!rtl) return squeeze_text(pdf).find(squeeze_text(s)) != std::string::npos;
  // Punctuation, and the Arabic vowel signs, which pdftotext may put
  // before or after the letter they sit on.
  const std::vector<std::string> punctuation = {
      ":", ".", ",",      "(",      ")",      "«",      "»",      "„",      "“",      "”",     "،",
      "؛", "؟", "\u064B", "\u064C", "\u064D", "\u064E", "\u064F", "\u0650", "\u0651", "\u0652"};
  std::string text = squeeze_text(without(pdf, punctuation));
  std::istringstream words(without(s, punctuation));
  std::string word;
  while (words >> word) {
    bool ligature = false;
    for (const char* alef : {"لا", "لأ", "لإ", "لآ"}) {
      ligature = ligature || word.find(alef) != std::string::npos;
    }
    if (!ligature && text.find(word) == std::string::npos) return false;
  }
  return true;
}

}  // namespace twinning::testing
