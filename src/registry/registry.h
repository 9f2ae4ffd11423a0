// src/registry/ — use cases of the city and twin-link registry: reading,
// finding and naming cities ("Name, CC", former names, names in a
// language), changing cities and links with their history, statistics. It
// owns who may change the registry. It must not parse command lines or HTTP,
// nor know letters or campaigns.
//
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
#include "model/country.h"
#include "model/link.h"
#include "store/city_store.h"
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

// The city `id` with every name it has had. Throws Error(kNotFound).
City find_city(store::Store& store, CityId id);

// A page of the registry's cities in `query`'s order, and how many match in
// all; query.country is an ISO alpha-2 code in any case. Throws
// Error(kNotFound, field `country_field`) for a country code the registry
// does not know (so that a typo is not an empty list).
struct CityListing {
  std::vector<store::CitySummary> cities;
  std::int64_t total = 0;
};
CityListing list_cities(store::Store& store, const store::CityListQuery& query,
                        std::string_view country_field = "country");

// The country with ISO alpha-2 code `code` (any case). Throws
// Error(kNotFound) naming `field`.
Country find_country(store::Store& store, std::string_view code, std::string_view field);

enum class CountryOrder { kIso2, kName, kNameDescending };  // names by name_key ("Åland" with A)
struct CountryFilter {
  std::optional<bool> un_member;      // only members (true) or non-members (false)
  std::optional<std::string> region;  // only this UN geoscheme region ("Europe")
  CountryOrder order = CountryOrder::kIso2;
};
// The registry's countries that pass `filter`, in its order.
std::vector<Country> list_countries(store::Store& store, const CountryFilter& filter);

// How many UN member states the registry's country list holds (193 once
// loaded).
int un_member_count(store::Store& store);

// Creates a city (see CityStore::create). Returns the city as created, with
// its id. Throws Error(kForbidden) unless the actor is a coordinator or
// admin, and as CityStore::create.
City create_city(store::Store& store, const City& city);

// Changes a city's details (see CityStore::update). Returns the city after.
// Throws Error(kForbidden) as create_city, and as CityStore::update.
City update_city(store::Store& store, CityId id, const CityDetails& details);

// Records another name of a city (see CityStore::add_name). Returns the city
// with it. Throws Error(kForbidden) as create_city, and as CityStore::add_name.
City add_city_name(store::Store& store, CityId id, const CityName& name);

// A link with the two cities' summaries and which of them list it.
struct LinkView {
  Link link;
  std::vector<store::CitySummary> cities;
  std::vector<CityId> listed_by;
};

// Link `id` as a LinkView. Throws Error(kNotFound).
LinkView link_view(store::Store& store, LinkId id);

// Link `id`'s dated history, oldest first. Throws Error(kNotFound).
std::vector<LinkEvent> link_events(store::Store& store, LinkId id);

// Creates a link (see LinkStore::create) unless the pair is linked already.
// Returns the link (the one already there if so) and whether it was created.
// Throws Error(kForbidden) unless the actor is a coordinator or admin, and
// as LinkStore::create.
std::pair<LinkView, bool> add_link(store::Store& store, const Link& link);

// Adds a dated event to the link between two cities. Returns the event as
// stored and whether it was created (an identical date and text is not
// repeated). Throws Error(kNotFound) if they are not linked,
// Error(kForbidden) as add_link.
std::pair<LinkEvent, bool> add_link_event(store::Store& store, CityId a, CityId b,
                                          const PartialDate& date, const std::string& text,
                                          const std::string& source);

// Adds a dated event to link `link_id`, as add_link_event. Throws
// Error(kForbidden) as add_link, and as LinkStore::add_event.
std::pair<LinkEvent, bool> record_link_event(store::Store& store, LinkId link_id,
                                             const PartialDate& date, const std::string& text,
                                             const std::string& source);

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
LinkView update_link(store::Store& store, LinkId id, const LinkChanges& changes);

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
