// CLI command `export csv|geojson|graphml [--out FILE]` (ingest/exporters.h).
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "ingest/exporters.h"

namespace twinning::cli {

void add_export_commands(CLI::App& app, Context& ctx) {
  auto* exp = app.add_subcommand("export", "Write the registry as CSV, GeoJSON or GraphML");
  exp->require_subcommand(1);
  struct Format {
    ingest::ExportFormat format;
    const char* help;
  };
  for (const Format& f :
       {Format{ingest::ExportFormat::kCsv,
               "One row per link (city1,country1,lat1,lng1,city2,...; ISO codes); re-importable "
               "with import wikipedia-csv"},
        Format{ingest::ExportFormat::kGeoJson,
               "GeoJSON FeatureCollection: cities as Points, links as LineStrings"},
        Format{ingest::ExportFormat::kGraphMl, "GraphML: cities as nodes, links as edges"}}) {
    auto* cmd = exp->add_subcommand(std::string(ingest::export_format_name(f.format)), f.help);
    auto out = std::make_shared<std::string>();
    cmd->add_option("--out", *out,
                    "Write to this file (atomically: all or nothing) instead of stdout");
    add_json_flag(cmd, ctx);
    cmd->callback([&ctx, out, format = f.format] {
      auto& store = ctx.store();
      if (out->empty()) {
        ingest::write_export(store, format, std::cout);
        return;
      }
      auto sum = ingest::write_export_file(store, format, *out);
      if (ctx.json) {
        return ctx.print_json({{"format", ingest::export_format_name(format)},
                               {"file", *out},
                               {"cities", sum.cities},
                               {"links", sum.links}});
      }
      std::cout << "exported " << sum.cities << " cities and " << sum.links << " links to " << *out
                << " (" << ingest::export_format_name(format) << ")\n";
    });
  }
}

}  // namespace twinning::cli
