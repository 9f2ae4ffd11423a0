// GET /api/audit: the audit log, for coordinators and administrators.
#include "auth/audit_reading.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {

void add_audit_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/audit", Access::roles({Role::kCoordinator, Role::kAdmin}),
              [](RequestContext& ctx) {
                QueryParams q(ctx.request, {"entity", "entity_id", "actor", "after_id", "limit"});
                store::AuditQuery query;
                query.entity = q.text("entity").value_or("");
                query.entity_id = q.text("entity_id").value_or("");
                query.actor = q.text("actor").value_or("");
                query.after_id = q.integer("after_id", 0, INT64_MAX).value_or(0);
                query.limit = static_cast<int>(
                    q.integer("limit", 1, kMaxPageSize).value_or(kDefaultPageSize));
                auto entries = auth::read_audit(ctx.store, query);
                nlohmann::json next = nullptr;
                if (static_cast<int>(entries.size()) == query.limit) next = entries.back().id;
                return json_response(200, {{"items", entries},
                                           {"limit", query.limit},
                                           {"after_id", query.after_id},
                                           {"next_after_id", next}});
              }});
}

}  // namespace twinning::server
