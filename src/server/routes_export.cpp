// GET /api/export/csv|geojson|graphml: the registry in exchange formats
// (PRODUCT.md M11, ingest/exporters.h), as a file to save.
#include <sstream>

#include "ingest/exporters.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

struct ExportFile {
  ingest::ExportFormat format;
  const char* content_type;
  const char* file_name;
};

constexpr ExportFile kExports[] = {
    {ingest::ExportFormat::kCsv, "text/csv; charset=utf-8", "twinning-links.csv"},
    {ingest::ExportFormat::kGeoJson, "application/geo+json", "twinning.geojson"},
    {ingest::ExportFormat::kGraphMl, "application/graphml+xml", "twinning.graphml"},
};

}  // namespace

void add_export_routes(RouteTable& routes) {
  for (const ExportFile& e : kExports) {
    std::string path = "/api/export/" + std::string(ingest::export_format_name(e.format));
    routes.add({Method::kGet, path, Access::anyone(), [e](RequestContext& ctx) {
                  QueryParams(ctx.request, {});
                  std::ostringstream out;
                  ingest::write_export(ctx.store, e.format, out);
                  Response r;
                  r.status = 200;
                  r.content_type = e.content_type;
                  r.body = std::move(out).str();
                  r.add_header("Content-Disposition",
                               std::string("attachment; filename=\"") + e.file_name + "\"");
                  return r;
                }});
  }
}

}  // namespace twinning::server
