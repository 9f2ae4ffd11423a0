// CLI commands that bring data in: import wikipedia-csv | wikidata.
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/wikidata_json.h"
#include "ingest/wikipedia_csv.h"

namespace twinning::cli {
namespace {

void print_report(const Context& ctx, const ingest::ImportReport& r) {
  if (ctx.json) return ctx.print_json(r);
  bool wikidata = r.format == "wikidata";
  std::cout << "imported " << r.file << " (" << r.format << "): ";
  if (wikidata) std::cout << r.entities_read << " entities, ";
  std::cout << r.rows_read << (wikidata ? " twin statements" : " rows")
            << " read = " << r.links_created << " links created + " << r.links_merged
            << " merged into existing links + " << r.rows_rejected << " rejected\n"
            << "cities: " << r.cities_created << " created, " << r.cities_matched << " matched, "
            << r.cities_updated << " updated; names added: " << r.names_added
            << "; listings added: " << r.listings_added << "; " << r.seconds << " s\n";
  for (const auto& rej : r.rejects) {
    std::cout << "  rejected line " << rej.line;
    if (!rej.item.empty()) {
      std::cout << " (" << rej.item << ", " << rej.rows << (rej.rows == 1 ? " row" : " rows")
                << ")";
    }
    std::cout << ": " << rej.reason << '\n';
  }
}

}  // namespace

void add_import_commands(CLI::App& app, Context& ctx) {
  auto* imp = app.add_subcommand("import", "Import twin-city data");
  imp->require_subcommand(1);
  auto* wcsv = imp->add_subcommand(
      "wikipedia-csv", "Import the Wikipedia-list CSV (city1,country1[,lat1,lng1],city2,...)");
  auto csv_file = std::make_shared<std::string>();
  wcsv->add_option("FILE", *csv_file, "CSV file")->required();
  add_json_flag(wcsv, ctx);
  wcsv->callback([&ctx, csv_file] {
    print_report(ctx, ingest::import_wikipedia_csv_file(ctx.store(), *csv_file));
  });
  auto* wd = imp->add_subcommand(
      "wikidata",
      "Import Wikidata entity JSON (a dump or an array): items with P17, P625, labels and P190 "
      "twin claims (P580/P582 dates); countries are items with P297");
  auto json_file = std::make_shared<std::string>();
  wd->add_option("FILE", *json_file, "JSON file")->required();
  add_json_flag(wd, ctx);
  wd->callback([&ctx, json_file] {
    print_report(ctx, ingest::import_wikidata_file(ctx.store(), *json_file));
  });
}

}  // namespace twinning::cli
