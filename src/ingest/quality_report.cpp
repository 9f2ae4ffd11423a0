#include "ingest/quality_report.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

#include "model/geo.h"
#include "store/geocode_review_store.h"

namespace twinning::ingest {
namespace {

struct CityRow {
  store::CitySummary summary;
  std::string key;  // name_key
};

// Union-find over the indexes of one name group, for chaining nearby cities.
class Clusters {
 public:
  explicit Clusters(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

bool has_coordinates(const store::CitySummary& c) { return c.lat && c.lng; }

void by_country_then_id(std::vector<store::CitySummary>& v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return std::tie(a.country, a.id) < std::tie(b.country, b.id);
  });
}

// (a) Same name key, within `km` of one another, different countries.
std::vector<CountryConflict> country_conflicts(const std::vector<CityRow>& cities, double km) {
  std::map<std::string, std::vector<std::size_t>> by_key;  // ordered: stable output
  for (std::size_t i = 0; i < cities.size(); ++i) {
    if (has_coordinates(cities[i].summary)) by_key[cities[i].key].push_back(i);
  }
  std::vector<CountryConflict> out;
  for (const auto& [key, members] : by_key) {
    if (members.size() < 2) continue;
    Clusters clusters(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        const auto& a = cities[members[i]].summary;
        const auto& b = cities[members[j]].summary;
        if (geo::distance_km(*a.lat, *a.lng, *b.lat, *b.lng) <= km) clusters.join(i, j);
      }
    }
    std::map<std::size_t, std::vector<store::CitySummary>> groups;
    for (std::size_t i = 0; i < members.size(); ++i) {
      groups[clusters.find(i)].push_back(cities[members[i]].summary);
    }
    for (auto& [root, group] : groups) {
      std::set<std::string> countries;
      for (const auto& c : group) countries.insert(c.country);
      if (countries.size() < 2) continue;
      by_country_then_id(group);
      out.push_back(CountryConflict{group.front().name, std::move(group)});
    }
  }
  return out;
}

// (b) Coordinates far from the city's country.
void far_from_country(const std::vector<CityRow>& cities, const CountryShapes& shapes, double km,
                      QualityReport& r) {
  std::map<std::string, int> shapeless;
  for (const CityRow& row : cities) {
    const auto& c = row.summary;
    if (!has_coordinates(c)) continue;
    auto d = shapes.distance_km(c.country, *c.lat, *c.lng);
    if (!d) {
      ++shapeless[c.country];
      continue;
    }
    ++r.coordinates_checked;
    if (*d > km) r.far_from_country.push_back({c, *d, shapes.containing(*c.lat, *c.lng)});
  }
  std::sort(r.far_from_country.begin(), r.far_from_country.end(), [](const auto& a, const auto& b) {
    return std::tie(b.distance_km, a.city.id) < std::tie(a.distance_km, b.city.id);
  });
  for (const auto& [country, n] : shapeless) r.countries_without_shape.push_back({country, n});
}

// (c) One point, several different names.
std::vector<SharedCoordinates> shared_coordinates(const std::vector<CityRow>& cities) {
  std::map<std::pair<double, double>, std::vector<std::size_t>> by_point;
  for (std::size_t i = 0; i < cities.size(); ++i) {
    const auto& c = cities[i].summary;
    if (has_coordinates(c)) by_point[{*c.lat, *c.lng}].push_back(i);
  }
  std::vector<SharedCoordinates> out;
  for (const auto& [point, members] : by_point) {
    std::set<std::string> keys;
    for (std::size_t i : members) keys.insert(cities[i].key);
    if (keys.size() < 2) continue;
    SharedCoordinates s{point.first, point.second, {}};
    for (std::size_t i : members) s.cities.push_back(cities[i].summary);
    out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.cities.size() > b.cities.size(); });
  return out;
}

}  // namespace

QualityReport quality_report(store::Store& store, const QualityOptions& options,
                             const CountryShapes& shapes) {
  auto& db = store.db();
  QualityReport r;
  std::vector<CityRow> cities;
  std::unordered_map<CityId, std::size_t> index;
  db.query_each("SELECT id, name, country, lat, lng, name_key FROM cities ORDER BY id", {},
                [&](const store::Row& row) {
                  index[row.integer(0)] = cities.size();
                  cities.push_back({store::CitySummary{row.integer(0), row.text(1), row.text(2),
                                                       row.opt_real(3), row.opt_real(4)},
                                    row.text(5)});
                });
  r.cities = static_cast<std::int64_t>(cities.size());

  r.country_conflicts = country_conflicts(cities, options.same_place_km);
  far_from_country(cities, shapes, options.far_outside_km, r);
  r.shared_coordinates = shared_coordinates(cities);

  // Listings: which cities list each link, and which countries host lists.
  std::unordered_map<LinkId, std::set<CityId>> listers;
  std::set<std::string> hosts;
  db.query_each("SELECT link_id, listed_by FROM link_listings", {}, [&](const store::Row& row) {
    listers[row.integer(0)].insert(row.integer(1));
    auto it = index.find(row.integer(1));
    if (it != index.end()) hosts.insert(cities[it->second].summary.country);
  });
  r.host_countries.assign(hosts.begin(), hosts.end());

  db.query_each("SELECT id, city_a, city_b FROM links ORDER BY id", {}, [&](const store::Row& row) {
    ++r.links;
    LinkId id = row.integer(0);
    const CityRow& a = cities[index.at(row.integer(1))];
    const CityRow& b = cities[index.at(row.integer(2))];
    // (d) Both ends look like one place.
    if (a.key == b.key && has_coordinates(a.summary) && has_coordinates(b.summary) &&
        *a.summary.lat == *b.summary.lat && *a.summary.lng == *b.summary.lng) {
      r.suspected_self_links.push_back({id, a.summary, b.summary});
    }
    // (e) Listed by one side only, though the other side's country lists.
    auto it = listers.find(id);
    if (it == listers.end() || it->second.size() != 1) return;
    CityId lister = *it->second.begin();
    if (lister != a.summary.id && lister != b.summary.id) return;
    const CityRow& listing = lister == a.summary.id ? a : b;
    const CityRow& partner = lister == a.summary.id ? b : a;
    if (hosts.contains(partner.summary.country)) {
      r.one_sided_links.push_back({id, listing.summary, partner.summary});
    }
  });

  // (f) and what the registry knows of its cities.
  store::GeocodeReviewStore reviews(store);
  r.geocode_reviews = reviews.list(static_cast<int>(reviews.count()), 0);
  auto counts = db.query_one(
      "SELECT COUNT(wikidata_id), COUNT(geonames_id), COUNT(population) FROM cities");
  r.with_wikidata_id = counts->integer(0);
  r.with_geonames_id = counts->integer(1);
  r.with_population = counts->integer(2);
  return r;
}

nlohmann::json quality_json(const QualityReport& r, std::size_t per_check) {
  // The first `per_check` elements of `v` (all for 0), each mapped by `f`.
  auto first = [per_check](const auto& v, auto f) {
    nlohmann::json a = nlohmann::json::array();
    std::size_t n = per_check == 0 ? v.size() : std::min(v.size(), per_check);
    for (std::size_t i = 0; i < n; ++i) a.push_back(f(v[i]));
    return a;
  };
  auto pairs = [&first](const std::vector<CityPairFinding>& v, const char* a, const char* b) {
    return first(v, [a, b](const CityPairFinding& f) {
      return nlohmann::json{{"link", f.link}, {a, f.first}, {b, f.second}};
    });
  };
  nlohmann::json shapeless = nlohmann::json::array();
  for (const auto& s : r.countries_without_shape) {
    shapeless.push_back({{"country", s.country}, {"cities", s.cities}});
  }
  return {
      {"cities", r.cities},
      {"links", r.links},
      {"counts",
       {{"country_conflicts", r.country_conflicts.size()},
        {"far_from_country", r.far_from_country.size()},
        {"shared_coordinates", r.shared_coordinates.size()},
        {"suspected_self_links", r.suspected_self_links.size()},
        {"one_sided_links", r.one_sided_links.size()},
        {"geocode_reviews", r.geocode_reviews.size()},
        {"with_wikidata_id", r.with_wikidata_id},
        {"with_geonames_id", r.with_geonames_id},
        {"with_population", r.with_population}}},
      {"country_conflicts", first(r.country_conflicts,
                                  [](const CountryConflict& c) {
                                    return nlohmann::json{{"name", c.name}, {"cities", c.cities}};
                                  })},
      {"far_from_country", first(r.far_from_country,
                                 [](const FarFromCountry& f) {
                                   return nlohmann::json{{"city", f.city},
                                                         {"distance_km", f.distance_km},
                                                         {"lies_in", f.lies_in}};
                                 })},
      {"coordinates_checked", r.coordinates_checked},
      {"countries_without_shape", shapeless},
      {"shared_coordinates",
       first(r.shared_coordinates,
             [](const SharedCoordinates& s) {
               return nlohmann::json{{"lat", s.lat}, {"lng", s.lng}, {"cities", s.cities}};
             })},
      {"suspected_self_links", pairs(r.suspected_self_links, "city_a", "city_b")},
      {"one_sided_links", pairs(r.one_sided_links, "listed_by", "not_listed_by")},
      {"host_countries", r.host_countries},
      {"geocode_reviews",
       first(r.geocode_reviews, [](const store::GeocodeReview& g) { return nlohmann::json(g); })}};
}

void to_json(nlohmann::json& j, const QualityReport& r) { j = quality_json(r, 0); }

}  // namespace twinning::ingest
