#include "store/geocode_review_store.h"

#include <unordered_map>
#include <utility>

#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.name, c.country, c.lat, c.lng, r.reason, r.candidates, r.updated_at "
    "FROM geocode_reviews r JOIN cities c ON c.id = r.city_id ";

GeocodeReview review_from_row(const Row& r) {
  return GeocodeReview{CitySummary{r.integer(0), r.text(1), r.text(2), r.opt_real(3), r.opt_real(4)},
                       r.text(5), nlohmann::json::parse(r.text(6)), r.text(7)};
}

}  // namespace

void to_json(nlohmann::json& j, const GeocodeReview& r) {
  j = {{"city", r.city},
       {"reason", r.reason},
       {"candidates", r.candidates},
       {"updated_at", r.updated_at}};
}

int GeocodeReviewStore::replace_all(const std::vector<GeocodeReviewEntry>& entries) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    std::unordered_map<CityId, std::pair<std::string, std::string>> stored;
    db.query_each("SELECT city_id, reason, candidates FROM geocode_reviews", {},
                  [&](const Row& r) { stored[r.integer(0)] = {r.text(1), r.text(2)}; });
    int changed = 0;
    std::string now = now_utc_iso();
    for (const GeocodeReviewEntry& e : entries) {
      std::string candidates = e.candidates.dump();
      auto it = stored.find(e.city_id);
      if (it == stored.end()) {
        db.execute(
            "INSERT INTO geocode_reviews (city_id, reason, candidates, updated_at) "
            "VALUES ($1, $2, $3, $4)",
            {e.city_id, e.reason, candidates, now});
        ++changed;
        continue;
      }
      if (it->second != std::make_pair(e.reason, candidates)) {
        db.execute(
            "UPDATE geocode_reviews SET reason = $2, candidates = $3, updated_at = $4 "
            "WHERE city_id = $1",
            {e.city_id, e.reason, candidates, now});
        ++changed;
      }
      stored.erase(it);
    }
    for (const auto& [city, unused] : stored) {
      db.execute("DELETE FROM geocode_reviews WHERE city_id = $1", {city});
      ++changed;
    }
    return changed;
  });
}

std::vector<GeocodeReview> GeocodeReviewStore::list(int limit, int offset) {
  std::vector<GeocodeReview> out;
  store_.db().query_each(std::string(kSelect) + "ORDER BY c.id LIMIT $1 OFFSET $2",
                         {limit, offset},
                         [&](const Row& r) { out.push_back(review_from_row(r)); });
  return out;
}

std::int64_t GeocodeReviewStore::count() {
  return store_.db().query_one("SELECT COUNT(*) FROM geocode_reviews")->integer(0);
}

std::optional<GeocodeReview> GeocodeReviewStore::get(CityId city) {
  auto row = store_.db().query_one(std::string(kSelect) + "WHERE c.id = $1", {city});
  if (!row) return std::nullopt;
  return review_from_row(*row);
}

void GeocodeReviewStore::remove(CityId city) {
  store_.db().execute("DELETE FROM geocode_reviews WHERE city_id = $1", {city});
}

}  // namespace twinning::store
