// GET /api/quality: the data-quality report of the registry (PRODUCT.md M3),
// the CLI's `quality --json` with each check's findings cut to `limit`.
#include "ingest/quality_report.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {

void add_quality_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/quality", Access::anyone(), [](RequestContext& ctx) {
                QueryParams q(ctx.request, {"limit"});
                // 0: every finding, as the CLI's --json prints them.
                auto limit = q.integer("limit", 0, 1'000'000).value_or(kDefaultPageSize);
                auto report = ingest::quality_report(ctx.store);
                return json_response(200,
                                     ingest::quality_json(report, static_cast<std::size_t>(limit)));
              }});
}

}  // namespace twinning::server
