// CLI command `quality`: the data-quality report (ingest/quality_report.h).
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/quality_report.h"

namespace twinning::cli {
namespace {

// Prints a section heading with its count, then at most `limit` findings
// (0 = all) via `print`, then how many were left out.
template <class T, class F>
void print_section(const char* title, const std::vector<T>& findings, int limit, F print) {
  std::cout << title << ": " << findings.size() << '\n';
  std::size_t shown =
      limit == 0 ? findings.size() : std::min(findings.size(), static_cast<std::size_t>(limit));
  for (std::size_t i = 0; i < shown; ++i) {
    std::cout << "  ";
    print(findings[i]);
    std::cout << '\n';
  }
  if (shown < findings.size()) {
    std::cout << "  ... and " << findings.size() - shown << " more (--limit 0 or --json for all)\n";
  }
}

std::string city_at(const store::CitySummary& c) {
  std::string s = city_label(c.name, c.country, c.id);
  if (c.lat) s += " at " + format_coordinates(c.lat, c.lng);
  return s;
}

void print_report(const ingest::QualityReport& r, int limit) {
  std::cout << "quality report over " << r.cities << " cities and " << r.links << " links\n";
  print_section("(a) cities listed under two countries (same name, within 1 km)",
                r.country_conflicts, limit, [](const ingest::CountryConflict& c) {
                  std::cout << c.name << ":";
                  for (const auto& city : c.cities) std::cout << "  " << city_at(city);
                });
  print_section("(b) coordinates more than 500 km outside their country", r.far_from_country, limit,
                [](const ingest::FarFromCountry& f) {
                  char km[32];
                  std::snprintf(km, sizeof km, "%.0f", f.distance_km);
                  std::cout << city_at(f.city) << ": " << km << " km outside " << f.city.country;
                  if (!f.lies_in.empty()) std::cout << ", lies in " << f.lies_in.front();
                });
  std::cout << "  (" << r.coordinates_checked << " cities checked; no outline for";
  int skipped = 0;
  for (const auto& s : r.countries_without_shape) {
    std::cout << " " << s.country << " (" << s.cities << ")";
    skipped += s.cities;
  }
  if (r.countries_without_shape.empty()) std::cout << " none";
  std::cout << ": " << skipped << " cities skipped)\n";
  print_section("(c) identical coordinates for differently named cities", r.shared_coordinates,
                limit, [](const ingest::SharedCoordinates& s) {
                  std::cout << format_coordinates(s.lat, s.lng) << ":";
                  for (const auto& c : s.cities)
                    std::cout << "  " << city_label(c.name, c.country, c.id);
                });
  print_section("(d) suspected self-links (same name, identical coordinates)",
                r.suspected_self_links, limit, [](const ingest::CityPairFinding& f) {
                  std::cout << "link #" << f.link << ": " << city_at(f.first) << " - "
                            << city_label(f.second.name, f.second.country, f.second.id);
                });
  print_section("(e) one-sided links (the partner's country lists links, the partner not this)",
                r.one_sided_links, limit, [](const ingest::CityPairFinding& f) {
                  std::cout << "link #" << f.link << ": listed by "
                            << city_label(f.first.name, f.first.country, f.first.id) << ", not by "
                            << city_label(f.second.name, f.second.country, f.second.id);
                });
  print_section("(f) cities to review after geocoding (twinning geocode pick|keep)",
                r.geocode_reviews, limit, [](const store::GeocodeReview& g) {
                  std::cout << city_at(g.city) << ": " << g.reason;
                  for (const auto& c : g.candidates) {
                    std::cout << "; GeoNames " << c.value("geonames_id", std::int64_t{0}) << " "
                              << c.value("name", "") << " (" << c.value("admin_code", "")
                              << ", pop. " << c.value("population", std::int64_t{0}) << ")";
                  }
                });
  std::cout << "cities with a Wikidata id: " << r.with_wikidata_id
            << ", a GeoNames id: " << r.with_geonames_id << ", a population: " << r.with_population
            << " (of " << r.cities << ")\n";
}

}  // namespace

void add_quality_commands(CLI::App& app, Context& ctx) {
  auto limit = std::make_shared<int>(20);
  auto* quality = app.add_subcommand(
      "quality",
      "Report suspicious records: a city under two countries, coordinates far outside the "
      "country, one point for differently named cities, self-links, one-sided links, cities "
      "to review after geocoding");
  quality->add_option("--limit", *limit, "Findings shown per check in the text output (0 = all)")
      ->check(CLI::NonNegativeNumber);
  add_json_flag(quality, ctx);
  quality->callback([&ctx, limit] {
    auto report = ingest::quality_report(ctx.store());
    if (ctx.json) return ctx.print_json(report);
    print_report(report, *limit);
  });
}

}  // namespace twinning::cli
