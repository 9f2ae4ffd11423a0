// /api/offices, /api/templates and /api/cities/{id}/letter-languages: the
// registering offices with their numbering and requisites, the letter
// templates a letter can be drafted from, and the languages a letter to a
// city may be written in (PRODUCT.md M4, M5).
#include "letters/letter_json.h"
#include "letters/letter_languages.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/letter_json.h"
#include "registry/city_lookup.h"
#include "server/api.h"
#include "server/city_input.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

Response list_offices(RequestContext& ctx) {
  QueryParams q(ctx.request, {"city", "limit", "offset"});
  std::optional<CityId> city;
  if (auto c = q.text("city")) city = registry::resolve_city(ctx.store, *c, "city");
  Page page = q.page();
  auto offices = letters::visible_offices(ctx.store, city);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : slice(offices, page)) items.push_back(letters::office_json(ctx.store, o));
  return json_response(200, page_json(items, offices.size(), page));
}

OfficeRequisites requisites_from_json(const nlohmann::json& j) {
  JsonFields f(j, {"lang", "letterhead", "signatory_name", "signatory_title", "address", "phone",
                   "fax", "email"});
  OfficeRequisites r;
  r.lang = f.required_text("lang");
  r.letterhead = f.text("letterhead").value_or("");
  r.signatory_name = f.text("signatory_name").value_or("");
  r.signatory_title = f.text("signatory_title").value_or("");
  r.address = f.text("address").value_or("");
  r.phone = f.text("phone").value_or("");
  r.fax = f.text("fax").value_or("");
  r.email = f.text("email").value_or("");
  return r;
}

Response create_office(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"code", "city_id", "name", "outgoing_pattern", "incoming_pattern", "yearly_restart",
                "requisites"});
  letters::OfficeRequest r;
  r.code = f.required_text("code");
  r.city_id = city_field(ctx.store, f, "city_id");
  r.name = f.text("name").value_or("");
  r.outgoing_pattern = f.required_text("outgoing_pattern");
  r.incoming_pattern = f.text("incoming_pattern").value_or("");
  r.yearly_restart = f.boolean("yearly_restart").value_or(false);
  // One set per language; a language repeated overwrites the first.
  auto requisites = object_list(f, "requisites", 64, requisites_from_json);
  // The office and its requisites commit together (nested transactions join).
  OfficeId id = ctx.store.db().write_transaction([&] {
    OfficeId created = letters::add_office(ctx.store, r);
    for (const auto& req : requisites) letters::set_office_requisites(ctx.store, created, req);
    return created;
  });
  return json_response(201, letters::office_json(ctx.store, letters::get_office(ctx.store, id)));
}

Response list_templates(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, letters::template_catalogue_json(ctx.templates));
}

// GET /api/cities/{id}/letter-languages?template=NAME (default the generic
// letter): the city's candidate languages with their reasons and templates,
// and the language a letter from the template takes by default.
Response letter_languages(RequestContext& ctx) {
  QueryParams q(ctx.request, {"template"});
  std::string name = q.text("template").value_or(std::string(letters::kGenericTemplate));
  return json_response(200, letters::letter_languages_json(letters::letter_languages(
                                ctx.store, ctx.templates, name, ctx.id_param())));
}

}  // namespace

void add_office_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/offices", letter_desk(), list_offices});
  routes.add({Method::kPost, "/api/offices", registry_writers(), create_office});
  routes.add({Method::kGet, "/api/templates", letter_desk(), list_templates});
  routes.add(
      {Method::kGet, "/api/cities/{id}/letter-languages", letter_desk(), letter_languages});
}

}  // namespace twinning::server
