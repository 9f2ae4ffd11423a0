// Use cases of the city and twin-link registry (PRODUCT.md M1, M2): reading
// a city with its twins and their history, adding links and events, and the
// registry's statistics. CLI and HTTP both call these.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/city.h"
#include "model/link.h"
#include "store/link_store.h"
#include "store/store.h"

namespace twinning::registry {

struct TwinView {
  store::Partner partner;         // the link and the partner city
  std::vector<LinkEvent> events;  // the link's dated history
  std::vector<CityId> listed_by;  // which of the two cities list the link
};

struct CityView {
  City city;
  std::vector<TwinView> twins;  // ordered by partner name
};

// The city with its twins and each link's history. Throws Error(kNotFound).
CityView city_view(store::Store& store, CityId id);

// Creates a link (see LinkStore::create). Returns {id, created}. Throws
// Error(kForbidden) unless the actor is a coordinator or admin, and as
// LinkStore::create.
std::pair<LinkId, bool> add_link(store::Store& store, const Link& link);

// Adds a dated event to the link between two cities. Throws
// Error(kNotFound) if they are not linked, Error(kForbidden) as add_link.
std::int64_t add_link_event(store::Store& store, CityId a, CityId b, const PartialDate& date,
                            const std::string& text, const std::string& source);

struct RegistryStats {
  std::int64_t cities = 0;
  std::int64_t links = 0;
  std::int64_t countries_with_cities = 0;
  std::int64_t un_members_with_cities = 0;
  int un_members = 0;
  std::int64_t link_events = 0;
  std::int64_t cities_without_coordinates = 0;
  std::vector<std::pair<std::string, std::int64_t>> top_countries;  // by city count, top 10
};

RegistryStats registry_stats(store::Store& store);

}  // namespace twinning::registry
