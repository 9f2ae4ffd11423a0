#include "model/model_json.h"

namespace twinning {
namespace {

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void to_json(nlohmann::json& j, const PartialDate& d) { j = d.to_string(); }

void to_json(nlohmann::json& j, const Country& c) {
  j = {{"iso2", c.iso2},           {"iso3", c.iso3},
       {"name", c.name},           {"name_official", c.name_official},
       {"name_ru", c.name_ru},     {"un_member", c.un_member},
       {"region", c.region},       {"subregion", c.subregion},
       {"lat", c.lat},             {"lng", c.lng}};
}

void to_json(nlohmann::json& j, const CityName& n) {
  j = {{"name", n.name},
       {"lang", n.lang},
       {"kind", n.kind},
       {"valid_from", opt(n.valid_from)},
       {"valid_to", opt(n.valid_to)}};
}

void to_json(nlohmann::json& j, const City& c) {
  j = {{"id", c.id},
       {"name", c.name},
       {"country", c.country},
       {"lat", opt(c.lat)},
       {"lng", opt(c.lng)},
       {"population", opt(c.population)},
       {"coordinates_source", coordinates_source_name(c.coordinates_source)},
       {"geonames_id", opt(c.geonames_id)},
       {"head_name", c.head_name},
       {"head_title", c.head_title},
       {"postal_address", c.postal_address},
       {"phone", c.phone},
       {"fax", c.fax},
       {"email", c.email},
       {"languages", c.languages},
       {"wikidata_id", c.wikidata_id},
       {"names", c.names}};
}

void to_json(nlohmann::json& j, const Link& l) {
  j = {{"id", l.id},
       {"city_a", l.city_a},
       {"city_b", l.city_b},
       {"kind", link_kind_name(l.kind)},
       {"since", opt(l.since)},
       {"until", opt(l.until)},
       {"status", link_status_name(l.status)},
       {"source", l.source},
       {"notes", l.notes}};
}

void to_json(nlohmann::json& j, const LinkEvent& e) {
  j = {{"id", e.id}, {"link_id", e.link_id}, {"date", e.date}, {"text", e.text}, {"source", e.source}};
}

void to_json(nlohmann::json& j, const User& u) {
  j = {{"id", u.id},
       {"name", u.name},
       {"role", role_name(u.role)},
       {"city_id", opt(u.city)},
       {"disabled", u.disabled},
       {"has_password", u.has_password},
       {"created_at", u.created_at}};
}

}  // namespace twinning
