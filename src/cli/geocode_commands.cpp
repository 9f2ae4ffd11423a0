// CLI command `geocode`: places the registry's cities with the gazetteer
// (ingest/geocode.h), and settles the review list one city at a time.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/geocode.h"
#include "model/model_json.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

void print_report(const ingest::GeocodeReport& r, int limit) {
  std::cout << "geocoded " << r.cities << " cities with " << r.gazetteer << " (" << r.places
            << " places): " << r.placed << " placed (" << r.changed << " changed now, "
            << r.populations_set << " populations added), " << r.to_review << " to review, "
            << r.without_candidate << " without a gazetteer place, " << r.manual
            << " set by hand and left alone\n";
  std::size_t shown =
      limit == 0 ? r.changes.size() : std::min(r.changes.size(), static_cast<std::size_t>(limit));
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& c = r.changes[i];
    std::cout << "  " << city_label(c.after.name, c.after.country, c.after.id) << ": ";
    std::cout << (c.before.lat ? format_coordinates(c.before.lat, c.before.lng) : "no point")
              << " -> " << format_coordinates(c.after.lat, c.after.lng);
    if (c.moved_km) {
      char km[32];
      std::snprintf(km, sizeof km, " (%.0f km)", *c.moved_km);
      std::cout << km;
    }
    std::cout << ", GeoNames " << *c.after.geonames_id << '\n';
  }
  if (shown < r.changes.size()) {
    std::cout << "  ... and " << r.changes.size() - shown << " more (--limit 0 or --json)\n";
  }
  if (r.to_review) std::cout << "the review list: twinning quality (section f)\n";
}

}  // namespace

void add_geocode_commands(CLI::App& app, Context& ctx) {
  struct GeocodeOptions {
    std::string gazetteer;
    int limit = 20;
  };
  auto o = std::make_shared<GeocodeOptions>();
  auto* geocode = app.add_subcommand(
      "geocode",
      "Place cities at their gazetteer coordinates (GeoNames), add populations and GeoNames ids, "
      "and list the cities to review; coordinates set by hand are never changed");
  geocode->add_option("--gazetteer", o->gazetteer,
                      "Gazetteer CSV (default: $TWINNING_GAZETTEER, else data/gazetteer.csv)");
  geocode->add_option("--limit", o->limit, "Changes shown in the text output (0 = all)")
      ->check(CLI::NonNegativeNumber);
  add_json_flag(geocode, ctx);

  struct PickOptions {
    std::string city;
    std::int64_t geonames_id = 0;
  };
  auto p = std::make_shared<PickOptions>();
  auto* pick = geocode->add_subcommand(
      "pick", "Settle a city on the review list with one of its gazetteer candidates");
  pick->add_option("CITY", p->city, "City: id or \"Name, CC\"")->required();
  pick->add_option("GEONAMES_ID", p->geonames_id, "GeoNames id of one of its candidates")
      ->required();
  add_json_flag(pick, ctx);

  auto keep_city = std::make_shared<std::string>();
  auto* keep = geocode->add_subcommand(
      "keep", "Settle a city on the review list by keeping its recorded coordinates");
  keep->add_option("CITY", *keep_city, "City: id or \"Name, CC\"")->required();
  add_json_flag(keep, ctx);

  auto settle = [&ctx](const std::string& ref, std::optional<std::int64_t> id) {
    auto& store = ctx.store();
    City c = ingest::resolve_geocode_review(store, registry::resolve_city(store, ref, "CITY"),
                                            ingest::GeocodeAnswer{id, std::nullopt});
    if (ctx.json) return ctx.print_json(nlohmann::json(c));
    std::cout << city_label(c.name, c.country, c.id) << " at " << format_coordinates(c.lat, c.lng)
              << ", set by hand\n";
  };
  pick->callback([settle, p] { settle(p->city, p->geonames_id); });
  keep->callback([settle, keep_city] { settle(*keep_city, std::nullopt); });
  geocode->callback([&ctx, o, pick, keep] {
    if (pick->parsed() || keep->parsed()) return;
    auto gazetteer = ingest::Gazetteer::load(ingest::Gazetteer::locate(o->gazetteer));
    auto report = ingest::geocode(ctx.store(), gazetteer);
    if (ctx.json) return ctx.print_json(ingest::geocode_json(report));
    print_report(report, o->limit);
  });
}

}  // namespace twinning::cli
