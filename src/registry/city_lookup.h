// Finding cities the way people name them: by id ("42"), by "Name, CC"
// ("Volgograd, RU", "Coventry, Connecticut, US" — the code after the last
// comma), and by fuzzy search across every name a city has had.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/city.h"
#include "store/city_store.h"
#include "store/store.h"

namespace twinning::registry {

// Resolves a city reference. A number is an id. "Name, CC" matches the
// official name, then any other name (former names included: "Stalingrad,
// RU"), by search key, within country CC. Throws Error(kNotFound) naming
// `field` if nothing matches, Error(kAmbiguous) listing the candidates'
// ids and coordinates if several do, Error(kInvalidInput) for a malformed
// reference (no ", CC" part and not a number).
CityId resolve_city(store::Store& store, std::string_view reference,
                    std::string_view field = "city");

struct SearchHit {
  store::CitySummary city;
  std::string matched_name;  // the name that matched (maybe a former one)
  std::string match_kind;    // official | local | alternate | former
  int distance = 0;          // 0 exact, 1 prefix, 2 substring, 3+ edit distance
};

// Searches all names, case- and accent-insensitively: exact key matches
// first, then prefix, then substring, then names within a small edit
// distance (typos: "Volgagrad"). Each city appears once, best match first;
// at most `limit` hits; `country` ("" for all) restricts the results.
// O(number of names) for the edit-distance pass, which runs only when the
// other passes found fewer than `limit` cities.
std::vector<SearchHit> search_cities(store::Store& store, std::string_view text,
                                     std::string_view country, int limit);

// Whether the registry holds city `id`.
bool city_exists(store::Store& store, CityId id);

// City `id`'s label (model/city.h: "Volgograd, RU"), or "city #349" for an
// id the registry does not hold. For every message and listing that names a
// city by its id.
std::string city_label(store::Store& store, CityId id);

}  // namespace twinning::registry
