// /api/countries, /api/cities (list, search, create, read, change, names,
// twins), /api/city-names (each city's name in a language) and /api/stats:
// the city registry (PRODUCT.md M1).
#include <algorithm>

#include "letters/letter_access.h"
#include "model/error.h"
#include "model/model_json.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "registry/registry_json.h"
#include "server/api.h"
#include "server/request_input.h"
#include "store/city_store.h"

namespace twinning::server {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::optional<PartialDate> optional_date(const JsonFields& f, std::string_view name) {
  auto t = f.nullable_text(name);
  if (!t || !*t) return std::nullopt;
  return parse_partial_date(**t, name);
}

CityName name_from_json(const nlohmann::json& j) {
  JsonFields f(j, {"name", "lang", "kind", "valid_from", "valid_to"});
  CityName n;
  n.name = f.required_text("name");
  n.lang = f.text("lang").value_or("");
  n.kind = f.text("kind").value_or("alternate");
  n.valid_from = optional_date(f, "valid_from");
  n.valid_to = optional_date(f, "valid_to");
  return n;
}

Response list_countries(RequestContext& ctx) {
  QueryParams q(ctx.request, {"un_member", "region", "sort", "limit", "offset"});
  auto un_member = q.boolean("un_member");
  auto region = q.text("region");
  std::string sort = q.choice("sort", {"iso2", "name", "-name"}, "iso2");
  Page page = q.page();
  registry::CountryFilter filter{un_member, region,
                                 sort == "iso2"   ? registry::CountryOrder::kIso2
                                 : sort == "name" ? registry::CountryOrder::kName
                                                  : registry::CountryOrder::kNameDescending};
  auto countries = registry::list_countries(ctx.store, filter);
  return json_response(200, page_json(slice(countries, page), countries.size(), page));
}

Response list_cities(RequestContext& ctx) {
  QueryParams q(ctx.request, {"search", "country", "sort", "limit", "offset"});
  std::string country = q.text("country").value_or("");
  if (!country.empty()) country = registry::find_country(ctx.store, country, "country").iso2;
  Page page = q.page();
  if (auto search = q.text("search")) {
    if (q.text("sort")) {
      throw_invalid("search results come by relevance; sort applies to listings only", "sort");
    }
    auto hits = registry::search_cities(ctx.store, *search, country, page.offset + page.limit);
    // Relevance-ranked and capped: the total is not counted.
    return json_response(200, page_json(slice(hits, page), nullptr, page));
  }
  std::string sort = q.choice("sort", {"id", "-id", "name", "-name", "country", "-country"}, "id");
  store::CityListQuery query;
  query.country = country;
  query.limit = page.limit;
  query.offset = page.offset;
  query.descending = sort[0] == '-';
  std::string key = query.descending ? sort.substr(1) : sort;
  query.sort = key == "name"      ? store::CitySort::kName
               : key == "country" ? store::CitySort::kCountry
                                  : store::CitySort::kId;
  auto listing = registry::list_cities(ctx.store, query);
  return json_response(200, page_json(listing.cities, listing.total, page));
}

Response create_city(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"name", "country", "names", "lat", "lng", "population", "head_name", "head_title",
                "postal_address", "phone", "fax", "email", "languages", "wikidata_id"});
  City c;
  c.name = f.required_text("name");
  c.country = upper(f.required_text("country"));
  c.lat = f.number("lat");
  c.lng = f.number("lng");
  c.population = f.integer("population");
  c.head_name = f.text("head_name").value_or("");
  c.head_title = f.text("head_title").value_or("");
  c.postal_address = f.text("postal_address").value_or("");
  c.phone = f.text("phone").value_or("");
  c.fax = f.text("fax").value_or("");
  c.email = f.text("email").value_or("");
  c.languages = f.text_list("languages").value_or(std::vector<std::string>{});
  c.wikidata_id = f.text("wikidata_id").value_or("");
  if (auto* names = f.raw("names")) {
    if (!names->is_array()) throw_invalid("names must be an array of name objects", "names");
    for (const auto& n : *names) {
      if (!n.is_object()) throw_invalid("each name must be an object", "names");
      c.names.push_back(name_from_json(n));
    }
  }
  City created = registry::create_city(ctx.store, c);
  Response r = json_response(201, created);
  r.add_header("Location", "/api/cities/" + std::to_string(created.id));
  return r;
}

Response get_city(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  CityId id = ctx.id_param();
  nlohmann::json j = registry::find_city(ctx.store, id);
  // What the caller may do with the city, so that a client shows only what it may use.
  j["can"] = {{"read_letters", letters::may_read_city_letters(ctx.store.actor(), id)}};
  return json_response(200, j);
}

Response update_city(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"name", "country", "lat", "lng", "population", "head_name", "head_title",
                "postal_address", "phone", "fax", "email", "languages", "wikidata_id"});
  CityDetails d;
  d.name = f.text("name");
  if (auto cc = f.text("country")) d.country = upper(*cc);
  d.lat = f.number("lat");
  d.lng = f.number("lng");
  d.population = f.integer("population");
  d.head_name = f.text("head_name");
  d.head_title = f.text("head_title");
  d.postal_address = f.text("postal_address");
  d.phone = f.text("phone");
  d.fax = f.text("fax");
  d.email = f.text("email");
  d.languages = f.text_list("languages");
  d.wikidata_id = f.text("wikidata_id");
  return json_response(200, registry::update_city(ctx.store, ctx.id_param(), d));
}

Response add_name(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  CityName n = name_from_json(parse_json_object(ctx.request));
  return json_response(201, registry::add_city_name(ctx.store, ctx.id_param(), n));
}

Response twins(RequestContext& ctx) {
  QueryParams q(ctx.request, {"kind", "status", "sort", "limit", "offset"});
  std::optional<LinkKind> kind;
  if (auto k = q.text("kind")) kind = parse_link_kind(*k, "kind");
  std::optional<LinkStatus> status;
  if (auto s = q.text("status")) status = parse_link_status(*s, "status");
  std::string sort = q.choice("sort", {"name", "-name", "since", "-since", "country"}, "name");
  Page page = q.page();
  auto view = registry::city_view(ctx.store, ctx.id_param());
  std::vector<registry::TwinView> selected;
  for (auto& t : view.twins) {
    if (kind && t.partner.link.kind != *kind) continue;
    if (status && t.partner.link.status != *status) continue;
    selected.push_back(std::move(t));
  }
  // city_view orders by name already; the other orders keep name as the tie-break.
  if (sort == "-name") std::reverse(selected.begin(), selected.end());
  if (sort == "since" || sort == "-since") {
    bool desc = sort == "-since";
    std::stable_sort(selected.begin(), selected.end(), [desc](const auto& a, const auto& b) {
      const auto &x = a.partner.link.since, &y = b.partner.link.since;
      if (!x || !y) return x.has_value() && !y.has_value();  // undated last
      return desc ? *y < *x : *x < *y;
    });
  }
  if (sort == "country") {
    std::stable_sort(selected.begin(), selected.end(), [](const auto& a, const auto& b) {
      return a.partner.country < b.partner.country;
    });
  }
  return json_response(200, page_json(slice(selected, page), selected.size(), page));
}

Response city_names(RequestContext& ctx) {
  QueryParams q(ctx.request, {"lang"});
  auto lang = q.text("lang");
  if (!lang) throw_invalid("lang is required (a language code, e.g. ru)", "lang");
  nlohmann::json names = nlohmann::json::object();
  for (auto& [id, name] : registry::names_in_language(ctx.store, *lang))
    names[std::to_string(id)] = name;
  return json_response(200, {{"lang", *lang}, {"names", std::move(names)}});
}

Response stats(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, registry::registry_stats(ctx.store));
}

}  // namespace

void add_city_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/countries", Access::anyone(), list_countries});
  routes.add({Method::kGet, "/api/cities", Access::anyone(), list_cities});
  routes.add({Method::kPost, "/api/cities", registry_writers(), create_city});
  routes.add({Method::kGet, "/api/cities/{id}", Access::anyone(), get_city});
  routes.add({Method::kPatch, "/api/cities/{id}", registry_writers(), update_city});
  routes.add({Method::kPost, "/api/cities/{id}/names", registry_writers(), add_name});
  routes.add({Method::kGet, "/api/cities/{id}/twins", Access::anyone(), twins});
  routes.add({Method::kGet, "/api/city-names", Access::anyone(), city_names});
  routes.add({Method::kGet, "/api/stats", Access::anyone(), stats});
}

}  // namespace twinning::server
