// Cities named in requests: a number is a city id, a string an id or a
// "Name, CC" reference (registry::resolve_city), in JSON bodies and query
// parameters alike. Every function checks that the city exists.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/city.h"
#include "server/request_input.h"
#include "store/store.h"

namespace twinning::server {

// The city a JSON value names. Throws Error(kInvalidInput) naming `field`
// for a value that is neither an integer nor a string, or a malformed
// reference; Error(kNotFound) naming it for an unknown city;
// Error(kAmbiguous) for a name several cities share.
CityId city_value(store::Store& store, const nlohmann::json& value, std::string_view field);

// The city in body field `name`. Throws as city_value, and
// Error(kInvalidInput) naming it when it is absent.
CityId city_field(store::Store& store, const JsonFields& fields, std::string_view name);

// The cities of body field `name`, an array ([] if absent), in order.
// Throws as city_value, and Error(kInvalidInput) naming it for a value that
// is not an array.
std::vector<CityId> city_list_field(store::Store& store, const JsonFields& fields,
                                    std::string_view name);

// The cities of query parameter `name` (repeatable), in order.
std::vector<CityId> city_params(store::Store& store, const QueryParams& query,
                                std::string_view name);

}  // namespace twinning::server
