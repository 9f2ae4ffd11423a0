#include "server/city_input.h"

#include "model/error.h"
#include "registry/city_lookup.h"

namespace twinning::server {

CityId city_value(store::Store& store, const nlohmann::json& v, std::string_view field) {
  if (v.is_string()) return registry::resolve_city(store, v.get<std::string>(), field);
  if (v.is_number_integer()) {
    // Unsigned values beyond int64 read as -1: no such city either way.
    CityId id = v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX ? -1 : v.get<CityId>();
    if (!registry::city_exists(store, id)) {
      throw_not_found("no city with id " + v.dump(), std::string(field));
    }
    return id;
  }
  throw_invalid(std::string(field) + " must be a city id or \"Name, CC\"", std::string(field));
}

CityId city_field(store::Store& store, const JsonFields& f, std::string_view name) {
  const nlohmann::json* v = f.raw(name);
  if (!v || v->is_null()) throw_invalid(std::string(name) + " is required", std::string(name));
  return city_value(store, *v, name);
}

std::optional<CityId> optional_city_field(store::Store& store, const JsonFields& f,
                                          std::string_view name) {
  const nlohmann::json* v = f.raw(name);
  if (!v || v->is_null()) return std::nullopt;
  return city_value(store, *v, name);
}

std::vector<CityId> city_list_field(store::Store& store, const JsonFields& f,
                                    std::string_view name) {
  std::vector<CityId> out;
  const nlohmann::json* v = f.raw(name);
  if (!v) return out;
  if (!v->is_array()) {
    throw_invalid(std::string(name) + " must be an array of city ids or \"Name, CC\"",
                  std::string(name));
  }
  for (const auto& e : *v) out.push_back(city_value(store, e, name));
  return out;
}

std::vector<CityId> city_params(store::Store& store, const QueryParams& query,
                                std::string_view name) {
  std::vector<CityId> out;
  for (const auto& ref : query.texts(name)) out.push_back(registry::resolve_city(store, ref, name));
  return out;
}

}  // namespace twinning::server
