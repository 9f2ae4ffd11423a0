// Incoming mail (mail/intake.h): GET /api/mail/triage lists the messages
// that matched nothing; POST /api/mail/triage/{id}/file files one as an
// answer to a letter, POST /api/mail/triage/{id}/discard discards it.
// Coordinators and admins only.
#include "letters/letter_reading.h"
#include "mail/intake.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

Response list_triage(RequestContext& ctx) {
  QueryParams q(ctx.request, {"limit", "after"});
  int limit = static_cast<int>(q.integer("limit", 1, 1000).value_or(100));
  std::int64_t after = q.integer("after", 0, INT64_MAX).value_or(0);
  nlohmann::json items = mail::triage_list(ctx.store, limit, after);
  return json_response(200, {{"items", items}});
}

Response file_triage(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"letter", "city"});
  LetterId letter = letters::resolve_letter(ctx.store, f.required_text("letter"));
  std::optional<CityId> city = f.integer("city");
  return json_response(200, mail::file_from_triage(ctx.store, ctx.id_param(), letter, city));
}

Response discard_triage(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, mail::discard_from_triage(ctx.store, ctx.id_param()));
}

}  // namespace

void add_mail_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/mail/triage", registry_writers(), list_triage});
  routes.add({Method::kPost, "/api/mail/triage/{id}/file", registry_writers(), file_triage});
  routes.add({Method::kPost, "/api/mail/triage/{id}/discard", registry_writers(), discard_triage});
}

}  // namespace twinning::server
