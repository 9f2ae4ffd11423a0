// The letter pipeline's throughput (scripts/bench letters): a circular —
// the 2013 appeal — to N addressees (default 500) in twenty countries whose
// languages are written in Latin, Cyrillic, CJK, Arabic and Armenian
// script, each letter drafted from its template in its addressee's
// language, registered and printed to PDF through the real use cases on a
// scratch SQLite database, one letter at a time as `letter to-twins` and a
// campaign wave print them. Prints PDFs per second (wall and CPU, best of
// --runs), and writes every letter's printed blocks to --dump DIR so that
// bench/letter_render_reference.cpp lays out and renders the same pages
// with Cairo and Pango alone.
//
// Usage: letter_pipeline [--addressees N] [--runs R] [--dump DIR]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ingest/country_resolver.h"
#include "letters/correspondence.h"
#include "letters/language.h"
#include "letters/offices.h"
#include "store/city_store.h"
#include "store/store.h"

namespace {

using namespace twinning;

// A country the appeal exists in the language of, and a city there named
// in its own script (numbered to make N distinct cities).
struct Place {
  const char* country;
  const char* name;   // registry name (Latin)
  const char* local;  // its name in the country's language
  const char* lang;
};

constexpr Place kPlaces[] = {
    {"DE", "Kiel", "Kiel", "de"},
    {"FR", "Lille", "Lille", "fr"},
    {"IT", "Turin", "Torino", "it"},
    {"ES", "Valencia", "Valencia", "es"},
    {"PT", "Porto", "Porto", "pt"},
    {"NL", "Utrecht", "Utrecht", "nl"},
    {"PL", "Gdansk", "Gdańsk", "pl"},
    {"CZ", "Ostrava", "Ostrava", "cs"},
    {"HU", "Pecs", "Pécs", "hu"},
    {"RO", "Iasi", "Iași", "ro"},
    {"HR", "Split", "Split", "hr"},
    {"TR", "Izmir", "İzmir", "tr"},
    {"RU", "Volzhsky", "Волжский", "ru"},
    {"BG", "Ruse", "Русе", "bg"},
    {"RS", "Kragujevac", "Крагујевац", "sr"},
    {"CN", "Chengdu", "成都", "zh"},
    {"JP", "Hiroshima", "広島", "ja"},
    {"EG", "Port Said", "بورسعيد", "ar"},
    {"AM", "Gyumri", "Գյումրի", "hy"},
    {"US", "Cleveland", "Cleveland", "en"},
};

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// One line of the dump: "SIZE BOLD ALIGN JUSTIFY\tTEXT", line breaks inside
// a paragraph as U+2028 (a line break that is not a paragraph break).
void dump_item(std::ofstream& out, int size, bool bold, char align, bool justify,
               const std::string& text) {
  std::string flat;
  for (char c : text) flat += c == '\n' ? std::string("\xE2\x80\xA8") : std::string(1, c);
  out << size << ' ' << (bold ? 1 : 0) << ' ' << align << ' ' << (justify ? 1 : 0) << '\t' << flat
      << '\n';
}

// The blocks of a printed letter, in print order with the sizes the
// renderer's business layout gives them: what the reference lays out.
void dump_document(const letters::LetterDocument& d, const std::filesystem::path& path) {
  std::ofstream out(path);
  out << d.lang << '\t' << (letters::is_right_to_left(d.lang) ? 1 : 0) << '\n';
  for (std::size_t i = 0; i < d.letterhead.size(); ++i) {
    dump_item(out, i == 0 ? 15 : 10, i == 0, 'c', false, d.letterhead[i]);
  }
  for (const auto& l : d.registration) dump_item(out, 11, false, 'e', false, l);
  for (const auto& l : d.addressee) dump_item(out, 12, false, 's', false, l);
  if (!d.subject.empty()) dump_item(out, 12, true, 's', false, d.subject);
  for (const auto* block : {&d.salutation, &d.body, &d.closing}) {
    for (const auto& p : *block) dump_item(out, 12, false, 's', true, p);
  }
  for (const auto& l : d.signature) dump_item(out, 12, false, 's', false, l);
  for (std::size_t i = 0; i < d.distribution.size(); ++i) {
    dump_item(out, i == 0 ? 13 : 12, i == 0, 's', false, d.distribution[i]);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int addressees = 500, runs = 1;
  std::filesystem::path dump;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--addressees")
      addressees = std::stoi(argv[i + 1]);
    else if (a == "--runs")
      runs = std::stoi(argv[i + 1]);
    else if (a == "--dump")
      dump = argv[i + 1];
    else {
      std::fprintf(stderr, "letter_pipeline: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  auto dir = std::filesystem::temp_directory_path() /
             ("twinning-letter-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  int rc = 0;
  try {
    auto store = store::Store::open((dir / "bench.db").string());
    ingest::load_reference_countries(*store);
    auto templates = letters::TemplateLibrary::locate("");
    City home;
    home.name = "Volgograd";
    home.country = "RU";
    CityId volgograd = store::CityStore(*store).create(home);
    letters::OfficeRequest office;
    office.code = "volgograd";
    office.city_id = volgograd;
    office.outgoing_pattern = "19-024/{seq}рс";
    OfficeId office_id = letters::add_office(*store, office);

    std::vector<CityId> cities;
    constexpr int kPlacesCount = sizeof kPlaces / sizeof kPlaces[0];
    for (int i = 0; i < addressees; ++i) {
      const Place& p = kPlaces[i % kPlacesCount];
      std::string n = " " + std::to_string(i / kPlacesCount + 1);
      City c;
      c.name = p.name + n;
      c.country = p.country;
      CityName official, local;
      official.name = p.name + n;
      official.lang = "en";
      official.kind = "official";
      local.name = p.local + n;
      local.lang = p.lang;
      local.kind = "local";
      c.names = {official, local};
      cities.push_back(store::CityStore(*store).create(c));
    }

    double best_wall = 0, best_cpu = 0, best_register_cpu = 0;
    int pages = 0;
    std::size_t bytes = 0;
    std::vector<LetterId> last;
    std::map<std::string, int> by_lang;
    for (int run = 0; run < runs; ++run) {
      std::vector<LetterId> ids;
      int run_pages = 0;
      std::size_t run_bytes = 0;
      auto wall0 = std::chrono::steady_clock::now();
      double cpu0 = cpu_seconds();
      double register_cpu = 0;  // drafting, merging, the glyph check, numbering, storing
      for (CityId city : cities) {
        letters::DraftRequest r;
        r.office = office_id;
        r.template_name = "appeal-2013";
        r.addressees = {Addressee{}};
        r.addressees[0].city_id = city;
        double before = cpu_seconds();
        LetterId id =
            letters::register_outgoing(*store, templates, r, letters::RegisterOptions{}).id;
        register_cpu += cpu_seconds() - before;
        int n = 0;
        run_bytes += letters::letter_pdf(*store, templates, id, &n).size();
        run_pages += n;
        ids.push_back(id);
      }
      double cpu = cpu_seconds() - cpu0;
      double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
      if (run == 0 || wall < best_wall) {
        best_wall = wall;
        best_cpu = cpu;
        best_register_cpu = register_cpu;
      }
      pages = run_pages;
      bytes = run_bytes;
      last = ids;
    }
    if (!dump.empty()) std::filesystem::create_directories(dump);
    for (std::size_t i = 0; i < last.size(); ++i) {
      auto d = letters::letter_document(*store, templates, last[i]);
      ++by_lang[d.lang];
      if (!dump.empty()) {
        char name[32];
        std::snprintf(name, sizeof name, "%04zu.txt", i);
        dump_document(d, dump / name);
      }
    }
    std::string langs;
    for (const auto& [lang, n] : by_lang)
      langs += (langs.empty() ? "" : " ") + lang + ":" + std::to_string(n);
    std::printf("letters %zu pages %d bytes %zu wall %.3f cpu %.3f runs %d\n", last.size(), pages,
                bytes, best_wall, best_cpu, runs);
    std::printf("languages %s\n", langs.c_str());
    std::printf(
        "phases cpu: registering %.3f s (draft, template merge, glyph check, number, "
        "store), printing %.3f s (read, compose, render)\n",
        best_register_cpu, best_cpu - best_register_cpu);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "letter_pipeline: %s\n", e.what());
    rc = 1;
  }
  std::filesystem::remove_all(dir);
  return rc;
}
