// POST /api/import/wikipedia-csv: upload a Wikipedia-list CSV (the body, as
// text/csv) and import it (PRODUCT.md M3). Coordinators and administrators.
#include "ingest/wikipedia_csv.h"
#include "model/error.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {

constexpr std::size_t kMaxUpload = std::size_t{64} << 20;  // 64 MiB: the world list is 2 MiB

void add_import_routes(RouteTable& routes) {
  Route wikipedia{
      Method::kPost, "/api/import/wikipedia-csv", registry_writers(), [](RequestContext& ctx) {
        QueryParams q(ctx.request, {"name"});
        std::string name = q.text("name").value_or("upload.csv");
        if (name.empty() || name.size() > 200 || name.find_first_of("/\\") != std::string::npos) {
          throw_invalid("name must be a file name of 1 to 200 characters", "name");
        }
        std::string_view type = ctx.request.header("content-type");
        if (type.rfind("text/csv", 0) != 0 && type.rfind("text/plain", 0) != 0) {
          throw_invalid("send the CSV as the body with Content-Type: text/csv", "Content-Type");
        }
        return json_response(200, ingest::import_wikipedia_csv(ctx.store, ctx.request.body, name));
      }};
  wikipedia.max_body = kMaxUpload;
  routes.add(std::move(wikipedia));
}

}  // namespace twinning::server
