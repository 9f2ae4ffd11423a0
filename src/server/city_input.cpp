#include "server/city_input.h"

#include <string>

#include "model/error.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"

namespace twinning::server {

CityId city_field(store::Store& store, const JsonFields& f, std::string_view name) {
  const nlohmann::json* v = f.raw(name);
  if (!v || v->is_null()) throw_invalid(std::string(name) + " is required", std::string(name));
  if (v->is_string()) return registry::resolve_city(store, v->get<std::string>(), name);
  if (auto id = f.integer(name)) {
    if (*id <= 0 || !store::CityStore(store).get(*id)) {
      throw_not_found("no city with id " + std::to_string(*id), std::string(name));
    }
    return *id;
  }
  throw_invalid(std::string(name) + " must be a city id or \"Name, CC\"", std::string(name));
}

std::optional<CityId> optional_city_field(store::Store& store, const JsonFields& f,
                                          std::string_view name) {
  const nlohmann::json* v = f.raw(name);
  if (!v || v->is_null()) return std::nullopt;
  return city_field(store, f, name);
}

}  // namespace twinning::server
