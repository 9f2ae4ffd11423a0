// The whole movement as the web map draws it: every current twin link (any
// status but ended, as the network analytics count them) and every city at
// either end of one, in columns so that the ~25,000 links of the world list
// travel as a few compact arrays rather than as objects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/city.h"
#include "store/store.h"

namespace twinning::registry {

// Column i of the city arrays is one city; link arrays hold indexes into
// them. Cities by ascending id, links by ascending link id.
struct MovementMap {
  std::vector<CityId> city_id;
  std::vector<std::string> city_name;
  std::vector<std::string> city_country;  // ISO alpha-2
  std::vector<std::optional<double>> city_lat, city_lng;
  std::vector<std::uint32_t> link_a, link_b;  // indexes into the city columns
  std::vector<int> link_since;                // year the link began, 0 if unknown
};

// The map of the registry as it is now: one query for the links and one for
// the cities. Throws as Database::query_each.
MovementMap movement_map(store::Store& store);

// {"cities": {"id", "name", "country", "lat", "lng"}, "links": {"a", "b",
// "since"}}: each key an array, lat/lng null when unknown.
void to_json(nlohmann::json& j, const MovementMap& m);

}  // namespace twinning::registry
