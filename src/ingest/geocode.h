// Geocoding the registry from a gazetteer (`twinning geocode`, POST
// /api/geocode): each city is matched by name and country against the
// gazetteer's places; where one place is unambiguously the city, its
// coordinates, GeoNames id and (if the city has none) population are taken,
// each change audited with the old and new values; every city the pass
// cannot decide, and every city whose recorded point is suspect but which
// has no gazetteer place, goes to the review list (GeocodeReviewStore) for a
// coordinator to choose a candidate or keep the point.
//
// The pass never touches coordinates a person set (kManual), and running it
// again over an unchanged registry and gazetteer changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/country_shapes.h"
#include "ingest/gazetteer.h"
#include "model/city.h"
#include "store/city_store.h"
#include "store/geocode_review_store.h"
#include "store/store.h"

namespace twinning::ingest {

struct GeocodeOptions {
  // A recorded point is suspect when it lies farther than this from its
  // country's outline (the quality report's check (b)) or when another city
  // has exactly the same point; otherwise it is trusted.
  double far_outside_km = 500.0;
  // Trusted point, several candidates: of those within `nearest_km`, the one
  // that dwarfs the others (see dominant_*), else the nearest when the next
  // lies more than twice as far and `margin_km` farther.
  double nearest_km = 30.0;
  double margin_km = 5.0;
  // Trusted point, one candidate: taken when within `single_km`, else the
  // city goes to review (the place may be another of the same name).
  double single_km = 50.0;
  // Suspect point, several candidates: the most populous wins when it
  // dwarfs the others: at least `dominant_population` people and
  // `dominant_ratio` times as many as any other.
  std::int64_t dominant_population = 5000;
  double dominant_ratio = 10.0;
  // Trusted point, no place of the city's name: a place within `similar_km`
  // whose name is a similar spelling (Gazetteer::similar_nearby) is taken
  // when it is the only one ("Zaporizhzhia" at Zaporizhia).
  double similar_km = 15.0;
};

// What the rules decide for one city.
struct GeocodeDecision {
  enum class Outcome { kPlace, kReview, kNoCandidate };
  Outcome outcome = Outcome::kNoCandidate;
  const GazetteerPlace* place = nullptr;  // kPlace: the chosen place
  std::string reason;                     // kReview: why no place was chosen
};

// The rules, as a pure function. `point` is the city's recorded point (lat,
// lng) or nullopt; `trusted` says whether it is trusted (see GeocodeOptions).
// `current_place` is the GeoNames id an earlier pass gave the city: while it
// is among the candidates it stays chosen, so that a second pass changes
// nothing. `candidates` are the gazetteer's places of that name in the
// city's country; `similar_nearby` the places of a similar name near a
// trusted point (asked for only when there are no candidates).
GeocodeDecision decide_geocode(const std::optional<std::pair<double, double>>& point, bool trusted,
                               const std::vector<const GazetteerPlace*>& candidates,
                               const std::vector<const GazetteerPlace*>& similar_nearby = {},
                               std::optional<std::int64_t> current_place = std::nullopt,
                               const GeocodeOptions& options = {});

// One city the pass moved or completed.
struct GeocodeChange {
  store::CityPlacement before, after;
  std::optional<double> moved_km;  // from the old point to the new, if there was one
};

struct GeocodeReport {
  std::string gazetteer;      // its source (file path)
  std::size_t places = 0;     // places in the gazetteer
  int cities = 0;             // cities in the registry
  int manual = 0;             // left alone: coordinates set by a person
  int placed = 0;             // matched to exactly one place (changed or not)
  int changed = 0;            // of those, written now (coordinates, id or population)
  int populations_set = 0;    // of those, given a population they lacked
  int to_review = 0;          // on the review list after the pass
  int without_candidate = 0;  // no place of that name in the country
  int suspect_points = 0;     // suspect recorded points before the pass
  int review_rows_changed = 0;
  std::vector<GeocodeChange> changes;  // by city id
};

// Runs the pass over every city of `store` with `gazetteer`, in one write
// transaction (all or nothing). Returns what it did. Throws
// Error(kForbidden) unless the Store's actor may write the registry; database
// errors as Database::execute. O(cities × candidates) plus one outline test
// per city with coordinates.
GeocodeReport geocode(store::Store& store, const Gazetteer& gazetteer,
                      const GeocodeOptions& options = {},
                      const CountryShapes& shapes = CountryShapes::embedded());

// {"gazetteer", "places", "cities", "manual", "placed", "changed",
//  "populations_set", "to_review", "without_candidate", "suspect_points",
//  "review_rows_changed", "changes": [{"city", "before", "after", "moved_km"}]}
// with at most `max_changes` changes listed (0: all).
nlohmann::json geocode_json(const GeocodeReport& r, std::size_t max_changes = 0);

// A coordinator's answer to one review entry: take one of its candidates,
// set the point by hand, or (neither) keep the recorded point.
struct GeocodeAnswer {
  std::optional<std::int64_t> geonames_id;         // a listed candidate
  std::optional<std::pair<double, double>> point;  // lat, lng set by hand
};

// Settles review entry of `city` with `answer`, in one transaction: the
// coordinates become manual (no later pass replaces them), the entry is
// removed and the change audited ("geocode_review"); a taken candidate also
// gives the city its GeoNames id and, if it has none, its population; a
// point set by hand clears the GeoNames id. Returns the city afterwards.
// Throws Error(kForbidden) unless the actor may write the registry,
// Error(kNotFound, "city") for an unknown city or one not on the review
// list, Error(kInvalidInput) naming "geonames_id" for an id that is not one
// of its candidates or given together with a point, "lat"/"lng" for a point
// out of range, and "keep" for keeping a point the city does not have.
City resolve_geocode_review(store::Store& store, CityId city, const GeocodeAnswer& answer);

// One page of the review list (cities a geocoding pass could not place,
// with their candidates), and how many entries it holds in all. Anyone may
// read it: it holds registry data only.
struct GeocodeReviewPage {
  std::vector<store::GeocodeReview> entries;
  std::int64_t total = 0;
};
GeocodeReviewPage geocode_reviews(store::Store& store, int limit, int offset);

}  // namespace twinning::ingest
