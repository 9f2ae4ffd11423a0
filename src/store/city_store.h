// The cities of the registry and all their names (official, local,
// alternate, former with dates). Every write is audited under the Store's
// actor, in the same transaction as the change; importers create cities in
// bulk through ImportWriter instead, with one audit entry per import.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/city.h"
#include "store/store.h"

namespace twinning::store {

// A compact view of a city for lists and lookups.
struct CitySummary {
  CityId id = 0;
  std::string name;
  std::string country;
  std::optional<double> lat, lng;
};

// {"id", "name", "country", "lat", "lng"} (lat/lng null when unknown), the
// form every JSON output and the HTTP API use for a city in a list.
void to_json(nlohmann::json& j, const CitySummary& c);

// Where a city is drawn and how big it is, with where its coordinates come
// from: what the geocoding pass reads and writes.
struct CityPlacement {
  CityId id = 0;
  std::string name;
  std::string country;
  std::optional<double> lat, lng;
  std::optional<std::int64_t> population;
  CoordinatesSource coordinates_source = CoordinatesSource::kImport;
  std::optional<std::int64_t> geonames_id;
};

// {"lat", "lng", "population", "coordinates_source", "geonames_id"}: the
// audit log's before/after of a placement change.
void to_json(nlohmann::json& j, const CityPlacement& p);

// One name row that matched a search, with the city it belongs to.
struct NameMatch {
  CityId city_id = 0;
  std::string name;      // the matching name as written
  std::string name_key;  // its search key
  std::string kind;      // official | local | alternate | former
};

enum class CitySort { kId, kName, kCountry };  // kCountry: by country, then name

struct CityListQuery {
  std::string country;  // ISO alpha-2, or "" for all
  int limit = 100;      // at most this many
  int offset = 0;
  CitySort sort = CitySort::kId;  // ties broken by id
  bool descending = false;
};

class CityStore {
 public:
  explicit CityStore(Store& store) : store_(store) {}

  // Creates a city with `city.names` (an official name equal to city.name is
  // added if missing). Validates: non-empty name, known country, coordinates
  // in range, valid UTF-8. Returns the new id. Throws Error(kInvalidInput)
  // naming the field, Error(kConflict) on a duplicate wikidata_id.
  CityId create(const City& city);

  // The city with all its names, or nullopt.
  std::optional<City> get(CityId id);
  // As get(), but throws Error(kNotFound).
  City require(CityId id);
  // Cities whose official name has search key `key` in `country` (ISO2).
  std::vector<CitySummary> find_official(const std::string& key, const std::string& country);
  // The city with this Wikidata id, if any.
  std::optional<CityId> find_by_wikidata(const std::string& qid);
  // Names whose key equals `key`, or contains it when `substring` is true;
  // at most `limit` rows, official names first.
  std::vector<NameMatch> names_matching(const std::string& key, bool substring, int limit);
  // The current names (neither former nor ended) in language `lang` of
  // every city that has one, by city id, then local before official before
  // alternate names. One query.
  std::vector<NameMatch> current_names_in(const std::string& lang);
  // Calls `fn` for every name of every city (for fuzzy matching).
  void for_each_name(const std::function<void(const NameMatch&)>& fn);
  // Calls `fn` for every city.
  void for_each(const std::function<void(const CitySummary&)>& fn);
  // Summaries in the query's order, one page of them.
  std::vector<CitySummary> list(const CityListQuery& q);
  // How many cities the query's filter selects (all pages).
  std::int64_t count(const CityListQuery& q);
  std::vector<CitySummary> summaries(const std::vector<CityId>& ids);

  // The placement of every city, by id. O(cities), one query.
  std::vector<CityPlacement> placements();
  // Writes `after`'s coordinates, population, coordinates source and
  // GeoNames id to city after.id and records `action` in the audit log with
  // `before` and `after` (in one transaction; joins the caller's). Does not
  // check the actor: the use case does. Throws Error(kInvalidInput) for
  // coordinates out of range or a negative population.
  void place(const CityPlacement& before, const CityPlacement& after, std::string_view action);

  // Changes the fields set in `details`. Coordinates that change become
  // manual (coordinates_source kManual, no GeoNames id): no automatic pass
  // replaces them. Throws Error(kNotFound) for an unknown id and as create()
  // for bad values.
  void update(CityId id, const CityDetails& details);
  // Adds a name; an identical (name, lang, kind) is left as it is. Throws
  // Error(kInvalidInput) for an empty name or bad kind, kNotFound for the city.
  void add_name(CityId id, const CityName& name);

  std::int64_t count();

 private:
  void insert_name(CityId id, const CityName& n);
  Store& store_;
};

}  // namespace twinning::store
