#include "registry/registry_json.h"

#include "model/model_json.h"

namespace twinning::registry {

void to_json(nlohmann::json& j, const TwinView& t) {
  j = {{"city_id", t.partner.city_id}, {"name", t.partner.name}, {"country", t.partner.country},
       {"link", t.partner.link},       {"events", t.events},     {"listed_by", t.listed_by}};
}

void to_json(nlohmann::json& j, const CityView& v) {
  j = v.city;
  j["twins"] = v.twins;
}

void to_json(nlohmann::json& j, const SearchHit& h) {
  j = h.city;
  j["matched_name"] = h.matched_name;
  j["match_kind"] = h.match_kind;
}

void to_json(nlohmann::json& j, const LinkView& v) {
  j = v.link;
  j["cities"] = v.cities;
  j["listed_by"] = v.listed_by;
}

void to_json(nlohmann::json& j, const RegistryStats& s) {
  nlohmann::json top = nlohmann::json::object();
  for (const auto& [cc, n] : s.top_countries) top[cc] = n;
  j = {{"cities", s.cities},
       {"links", s.links},
       {"countries_with_cities", s.countries_with_cities},
       {"un_members_with_cities", s.un_members_with_cities},
       {"un_members", s.un_members},
       {"link_events", s.link_events},
       {"cities_without_coordinates", s.cities_without_coordinates},
       {"top_countries", top}};
}

}  // namespace twinning::registry
