#include "store/geocode_review_store.h"

#include <tuple>
#include <unordered_map>
#include <utility>

#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.name, c.country, c.lat, c.lng, r.reason, r.candidates, r.point_suspect, "
    "r.updated_at "
    "FROM geocode_reviews r JOIN cities c ON c.id = r.city_id ";

GeocodeReview review_from_row(const Row& r) {
  return GeocodeReview{CitySummary{r.integer(0), r.text(1), r.text(2), r.opt_real(3), r.opt_real(4)},
                       r.text(5), nlohmann::json::parse(r.text(6)), r.integer(7) != 0,
                       r.text(8)};
}

}  // namespace

void to_json(nlohmann::json& j, const GeocodeReview& r) {
  j = {{"city", r.city},
       {"reason", r.reason},
       {"candidates", r.candidates},
       {"point_suspect", r.point_suspect},
       {"updated_at", r.updated_at}};
}

int GeocodeReviewStore::replace_all(const std::vector<GeocodeReviewEntry>& entries) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    using Content = std::tuple<std::string, std::string, std::int64_t>;
    std::unordered_map<CityId, Content> stored;
    db.query_each("SELECT city_id, reason, candidates, point_suspect FROM geocode_reviews", {},
                  [&](const Row& r) { stored[r.integer(0)] = {r.text(1), r.text(2), r.integer(3)}; });
    int changed = 0;
    std::string now = now_utc_iso();
    for (const GeocodeReviewEntry& e : entries) {
      Content content{e.reason, e.candidates.dump(), e.point_suspect ? 1 : 0};
      auto it = stored.find(e.city_id);
      if (it == stored.end()) {
        db.execute(
            "INSERT INTO geocode_reviews (city_id, reason, candidates, point_suspect, updated_at) "
            "VALUES ($1, $2, $3, $4, $5)",
            {e.city_id, e.reason, std::get<1>(content), std::get<2>(content), now});
        ++changed;
        continue;
      }
      if (it->second != content) {
        db.execute(
            "UPDATE geocode_reviews SET reason = $2, candidates = $3, point_suspect = $4, "
            "updated_at = $5 WHERE city_id = $1",
            {e.city_id, e.reason, std::get<1>(content), std::get<2>(content), now});
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

std::vector<CityId> GeocodeReviewStore::suspect_points() {
  std::vector<CityId> out;
  store_.db().query_each(
      "SELECT city_id FROM geocode_reviews WHERE point_suspect = 1 ORDER BY city_id", {},
      [&](const Row& r) { out.push_back(r.integer(0)); });
  return out;
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
