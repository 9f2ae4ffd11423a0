// /api/links: creating twin links, reading and changing them, and their
// dated history (PRODUCT.md M2).
#include "model/error.h"
#include "model/model_json.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "registry/registry_json.h"
#include "server/api.h"
#include "server/city_input.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

std::optional<std::optional<PartialDate>> date_change(const JsonFields& f, std::string_view name) {
  auto t = f.nullable_text(name);
  if (!t) return std::nullopt;
  if (!*t || (*t)->empty()) return std::optional<PartialDate>();
  return std::optional<PartialDate>(parse_partial_date(**t, name));
}

Response create_link(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"city_a", "city_b", "kind", "since", "until", "status", "source", "notes"});
  Link l;
  l.city_a = city_field(ctx.store, f, "city_a");
  l.city_b = city_field(ctx.store, f, "city_b");
  if (auto k = f.text("kind")) l.kind = parse_link_kind(*k, "kind");
  if (auto s = date_change(f, "since")) l.since = *s;
  if (auto u = date_change(f, "until")) l.until = *u;
  if (auto s = f.text("status")) l.status = parse_link_status(*s, "status");
  l.source = f.text("source").value_or("");
  l.notes = f.text("notes").value_or("");
  auto [view, created] = registry::add_link(ctx.store, l);
  nlohmann::json j = view;
  j["created"] = created;
  Response r = json_response(created ? 201 : 200, j);
  r.add_header("Location", "/api/links/" + std::to_string(view.link.id));
  return r;
}

Response get_link(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, registry::link_view(ctx.store, ctx.id_param()));
}

Response update_link(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"kind", "since", "until", "status", "source", "notes"});
  registry::LinkChanges c;
  if (auto k = f.text("kind")) c.kind = parse_link_kind(*k, "kind");
  c.since = date_change(f, "since");
  c.until = date_change(f, "until");
  if (auto s = f.text("status")) c.status = parse_link_status(*s, "status");
  c.source = f.text("source");
  c.notes = f.text("notes");
  return json_response(200, registry::update_link(ctx.store, ctx.id_param(), c));
}

Response list_events(RequestContext& ctx) {
  QueryParams q(ctx.request, {"limit", "offset"});
  Page page = q.page();
  auto events = registry::link_events(ctx.store, ctx.id_param());
  return json_response(200, page_json(slice(events, page), events.size(), page));
}

Response add_event(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"date", "text", "source"});
  PartialDate date = parse_partial_date(f.required_text("date"), "date");
  std::string text = f.required_text("text");
  std::string source = f.text("source").value_or("");
  // An identical event (date and text) is not repeated: then the answer is
  // the one already there, 200 rather than 201 Created (as for links).
  auto [event, created] =
      registry::record_link_event(ctx.store, ctx.id_param(), date, text, source);
  return json_response(created ? 201 : 200, event);
}

}  // namespace

void add_link_routes(RouteTable& routes) {
  routes.add({Method::kPost, "/api/links", registry_writers(), create_link});
  routes.add({Method::kGet, "/api/links/{id}", Access::anyone(), get_link});
  routes.add({Method::kPatch, "/api/links/{id}", registry_writers(), update_link});
  routes.add({Method::kGet, "/api/links/{id}/events", Access::anyone(), list_events});
  routes.add({Method::kPost, "/api/links/{id}/events", registry_writers(), add_event});
}

}  // namespace twinning::server
