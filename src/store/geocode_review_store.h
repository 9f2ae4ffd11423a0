// The cities the geocoding pass could not place on its own, each with the
// reason and the gazetteer candidates a coordinator chooses from. The pass
// replaces the whole list; a coordinator's choice removes one entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/city_store.h"
#include "store/store.h"

namespace twinning::store {

// One city awaiting review, as the pass wrote it.
struct GeocodeReviewEntry {
  CityId city_id = 0;
  std::string reason;
  nlohmann::json candidates = nlohmann::json::array();  // gazetteer places, best first
  bool point_suspect = false;  // the recorded point itself is doubted
};

// An entry with the city it is about, as listed.
struct GeocodeReview {
  CitySummary city;
  std::string reason;
  nlohmann::json candidates;
  bool point_suspect = false;
  std::string updated_at;  // ISO 8601 UTC: when the pass last wrote it
};

// {"city", "reason", "candidates", "point_suspect", "updated_at"}
void to_json(nlohmann::json& j, const GeocodeReview& r);

class GeocodeReviewStore {
 public:
  explicit GeocodeReviewStore(Store& store) : store_(store) {}

  // Makes the stored list equal `entries` (at most one per city): removes
  // the entries of cities not in it, adds new ones and rewrites those whose
  // reason or candidates changed; an identical entry is left untouched.
  // Returns how many rows it added, changed or removed. Joins the caller's
  // write transaction. Throws as Database::execute.
  int replace_all(const std::vector<GeocodeReviewEntry>& entries);

  // The cities whose entry doubts their recorded point.
  std::vector<CityId> suspect_points();
  // One page of the list, by city id.
  std::vector<GeocodeReview> list(int limit, int offset);
  std::int64_t count();
  // The entry of `city`, if there is one.
  std::optional<GeocodeReview> get(CityId city);
  // Removes the entry of `city` (nothing if there is none).
  void remove(CityId city);

 private:
  Store& store_;
};

}  // namespace twinning::store
