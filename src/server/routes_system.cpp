// GET /api/health and GET /api/openapi.yaml.
#include "server/api.h"
#include "server/request_input.h"
#include "store/database.h"

namespace twinning::server {

void add_system_routes(RouteTable& routes) {
  routes.add(
      {Method::kGet, "/api/health", Access::anyone(), [](RequestContext& ctx) {
         QueryParams(ctx.request, {});
         auto& db = ctx.store.db();
         db.query_one("SELECT 1");
         return json_response(
             200, {{"status", "ok"},
                   {"database", db.dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"},
                   {"version", TWINNING_VERSION}});
       }});
  routes.add({Method::kGet, "/api/openapi.yaml", Access::anyone(), [](RequestContext& ctx) {
                QueryParams(ctx.request, {});
                Response r;
                r.content_type = "application/yaml";
                r.body = openapi_document();
                return r;
              }});
}

}  // namespace twinning::server
