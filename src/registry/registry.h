// Use cases of the city and twin-link registry (PRODUCT.md M1, M2): reading
// a city with its twins and their history, adding links and events, and the
// registry's statistics. CLI and HTTP both call these.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
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

// Creates a city (see CityStore::create). Returns its id. Throws
// Error(kForbidden) unless the actor is a coordinator or admin, and as
// CityStore::create.
CityId create_city(store::Store& store, const City& city);

// Changes a city's details (see CityStore::update). Throws Error(kForbidden)
// as create_city, and as CityStore::update.
void update_city(store::Store& store, CityId id, const CityDetails& details);

// Records another name of a city (see CityStore::add_name). Throws
// Error(kForbidden) as create_city, and as CityStore::add_name.
void add_city_name(store::Store& store, CityId id, const CityName& name);

// Creates a link (see LinkStore::create). Returns {id, created}. Throws
// Error(kForbidden) unless the actor is a coordinator or admin, and as
// LinkStore::create.
std::pair<LinkId, bool> add_link(store::Store& store, const Link& link);

// Adds a dated event to the link between two cities. Throws
// Error(kNotFound) if they are not linked, Error(kForbidden) as add_link.
std::int64_t add_link_event(store::Store& store, CityId a, CityId b, const PartialDate& date,
                            const std::string& text, const std::string& source);

// Adds a dated event to link `link_id`. Returns the event id (an identical
// event is not repeated). Throws Error(kForbidden) as add_link, and as
// LinkStore::add_event.
std::int64_t record_link_event(store::Store& store, LinkId link_id, const PartialDate& date,
                               const std::string& text, const std::string& source);

// The attributes of a link a caller may change; absent ones stay.
struct LinkChanges {
  std::optional<LinkKind> kind;
  std::optional<std::optional<PartialDate>> since, until;  // inner nullopt clears
  std::optional<LinkStatus> status;
  std::optional<std::string> source, notes;
};

// Applies `changes` to link `id` and returns the link after. Throws
// Error(kForbidden) as add_link, Error(kNotFound), Error(kInvalidInput) as
// LinkStore::update.
Link update_link(store::Store& store, LinkId id, const LinkChanges& changes);

// Each city's name in language `lang` (an ISO 639 code such as "ru"), for
// the cities that have a current one: the local name in it, else the
// official, else the first alternate (former names never). Cities without
// one are left out; a face shows their registry name. Throws
// Error(kInvalidInput, field "lang") unless `lang` is two or three
// lower-case letters.
std::map<CityId, std::string> names_in_language(store::Store& store, const std::string& lang);

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
