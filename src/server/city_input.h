// Cities named in request bodies, as the API accepts them everywhere: an id
// (a JSON number) or a "Name, CC" reference (a JSON string, e.g.
// "Volgograd, RU"; former names match too, see registry/city_lookup.h).
#pragma once

#include <optional>
#include <string_view>

#include "model/city.h"
#include "server/request_input.h"
#include "store/store.h"

namespace twinning::server {

// The city of field `name` of `f`. Throws Error(kInvalidInput) naming the
// field if it is absent, null or neither a number nor a string,
// Error(kNotFound) for an unknown city, Error(kAmbiguous) for a reference
// that matches several.
CityId city_field(store::Store& store, const JsonFields& f, std::string_view name);

// As city_field, but nullopt for an absent or null field.
std::optional<CityId> optional_city_field(store::Store& store, const JsonFields& f,
                                          std::string_view name);

}  // namespace twinning::server
