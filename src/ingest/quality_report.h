// The data-quality report over the whole registry (PRODUCT.md M3): records
// that are probably wrong, each with the cities involved, so that an editor
// can fix them. It only reads; nothing is changed.
//
// The five checks:
//  (a) country conflicts: cities with the same name key whose coordinates
//      lie within `same_place_km` of one another but which are filed under
//      different countries (Coventry GB and "Coventry" US at Coventry's
//      coordinates; Moscow RU/US). Nearby cities are chained: A~B and B~C
//      give one finding {A, B, C}.
//  (b) far from country: coordinates more than `far_outside_km` from the
//      outline of the city's own country (CountryShapes); cities of
//      countries without an outline are skipped and counted per country.
//  (c) shared coordinates: one exact point given to cities with different
//      name keys (one city carries another's geocode); one finding per point.
//  (d) suspected self-links: a link whose two ends have the same name key
//      and identical coordinates (Akhmeta GE - Akhmeta CZ).
//  (e) one-sided links: a link listed (link_listings) by only one of its
//      cities although the other city's country is a "host" - some city of
//      that country lists links of its own - so its list was expected to
//      name the partnership too. Links without listings (added by hand) are
//      not judged. Hosts are taken over all sources together.
//      Caveat on the bundled world list: its scraper dropped a row whose
//      sorted pair it had already seen with identical strings, so most
//      partnerships listed on both pages survive as one row (one listing);
//      only those whose two pages spell a country differently ("England" vs
//      "England, United Kingdom") keep both. Most of its links therefore come
//      out one-sided although both pages may list them.
//  (f) geocoding reviews: the cities the geocoding pass (ingest/geocode.h)
//      could not place, with their gazetteer candidates.
// It also counts the cities with a Wikidata id, a GeoNames id, a population.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/country_shapes.h"
#include "model/link.h"
#include "store/city_store.h"
#include "store/geocode_review_store.h"
#include "store/store.h"

namespace twinning::ingest {

struct QualityOptions {
  double same_place_km = 1.0;     // (a): "the same place"
  double far_outside_km = 500.0;  // (b): "far outside its country"
};

struct CountryConflict {
  std::string name;                        // the name of the first city
  std::vector<store::CitySummary> cities;  // by country, then id; >= 2 countries
};

struct FarFromCountry {
  store::CitySummary city;
  double distance_km = 0;            // from the outline of city.country
  std::vector<std::string> lies_in;  // countries whose outline contains the point
};

struct SharedCoordinates {
  double lat = 0, lng = 0;
  std::vector<store::CitySummary> cities;  // by id; >= 2 different name keys
};

struct CityPairFinding {
  LinkId link = 0;
  store::CitySummary first;   // (d) city_a; (e) the city that lists the link
  store::CitySummary second;  // (d) city_b; (e) the partner that does not
};

struct ShapelessCountry {
  std::string country;
  int cities = 0;  // cities with coordinates that (b) could not check
};

struct QualityReport {
  std::int64_t cities = 0, links = 0;
  std::vector<CountryConflict> country_conflicts;         // (a) by name key
  std::vector<FarFromCountry> far_from_country;           // (b) farthest first
  int coordinates_checked = 0;                            // (b) cities tested
  std::vector<ShapelessCountry> countries_without_shape;  // (b) skipped, by code
  std::vector<SharedCoordinates> shared_coordinates;      // (c) most cities first
  std::vector<CityPairFinding> suspected_self_links;      // (d) by link id
  std::vector<CityPairFinding> one_sided_links;           // (e) by link id
  std::vector<std::string> host_countries;                // (e) by code
  std::vector<store::GeocodeReview> geocode_reviews;      // (f) by city id
  std::int64_t with_wikidata_id = 0, with_geonames_id = 0, with_population = 0;
};

// Runs every check over the registry in `store` with outlines `shapes`.
// Returns the findings. Cost: O(cities + links) plus, per city with
// coordinates, a scan of its country's outline. Throws database errors as
// Database::query.
QualityReport quality_report(store::Store& store, const QualityOptions& options = {},
                             const CountryShapes& shapes = CountryShapes::embedded());

// JSON form: the counts of each check and its findings in full.
void to_json(nlohmann::json& j, const QualityReport& r);

// As to_json, but each check's list of findings cut to its first
// `per_check` findings (0: all of them); "counts" still counts them all.
// For clients that page through a large report (the HTTP API).
nlohmann::json quality_json(const QualityReport& r, std::size_t per_check);

}  // namespace twinning::ingest
