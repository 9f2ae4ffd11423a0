#include "ingest/geocode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "model/error.h"
#include "model/geo.h"
#include "store/geocode_review_store.h"

namespace twinning::ingest {
namespace {

using Point = std::optional<std::pair<double, double>>;

double distance_from(const std::pair<double, double>& point, const GazetteerPlace& p) {
  return geo::distance_km(point.first, point.second, p.lat, p.lng);
}

std::string km(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f km", d);
  return buf;
}

std::string places_of_this_name(std::size_t n, const std::string& country) {
  return std::to_string(n) + " gazetteer places of this name in " + country;
}

// The candidates as the review list shows them, best first: nearest to a
// trusted point, else most populous.
nlohmann::json candidates_json(std::vector<const GazetteerPlace*> candidates, const Point& point,
                               bool trusted) {
  std::stable_sort(candidates.begin(), candidates.end(), [&](const auto* a, const auto* b) {
    if (point && trusted) return distance_from(*point, *a) < distance_from(*point, *b);
    return a->population > b->population;
  });
  nlohmann::json out = nlohmann::json::array();
  for (const GazetteerPlace* p : candidates) {
    nlohmann::json c = {{"geonames_id", p->geonames_id}, {"name", p->name},
                        {"admin_code", p->admin_code},   {"feature_code", p->feature_code},
                        {"population", p->population},   {"lat", p->lat},
                        {"lng", p->lng}};
    c["distance_km"] =
        point ? nlohmann::json(std::round(distance_from(*point, *p) * 10) / 10) : nullptr;
    out.push_back(std::move(c));
  }
  return out;
}

bool same_placement(const store::CityPlacement& a, const store::CityPlacement& b) {
  return a.lat == b.lat && a.lng == b.lng && a.population == b.population &&
         a.coordinates_source == b.coordinates_source && a.geonames_id == b.geonames_id;
}

// `before` moved to `place`: its coordinates, id, and population if it has none.
store::CityPlacement placed_at(const store::CityPlacement& before, const GazetteerPlace& place,
                               CoordinatesSource source) {
  store::CityPlacement after = before;
  after.lat = place.lat;
  after.lng = place.lng;
  after.geonames_id = place.geonames_id;
  after.coordinates_source = source;
  if (!after.population && place.population > 0) after.population = place.population;
  return after;
}

// Cities the pass placed at one and the same gazetteer place: the same city
// recorded twice ("Sharm El-Sheikh", "Sharm El Sheikh") or a town and the
// district around it ("Tarnów", "Tarnów (rural gmina)"). All but the first
// go to review; those named otherwise than the place (a district, a
// municipality) keep the population they had, not the town's.
void review_shared_places(const std::vector<store::CityPlacement>& before,
                          std::vector<store::CityPlacement>& current, const Gazetteer& gazetteer,
                          std::vector<store::GeocodeReviewEntry>& reviews) {
  std::map<std::int64_t, std::vector<std::size_t>> by_place;
  for (std::size_t i = 0; i < current.size(); ++i) {
    if (current[i].coordinates_source == CoordinatesSource::kGazetteer && current[i].geonames_id) {
      by_place[*current[i].geonames_id].push_back(i);
    }
  }
  for (const auto& [place_id, members] : by_place) {
    if (members.size() < 2) continue;
    const GazetteerPlace* place = gazetteer.find(place_id);
    // Spelled as the place is named (punctuation aside): the city itself,
    // recorded once or more. The first such record, else the first record,
    // keeps the place without review.
    auto named_as_place = [&](std::size_t i) {
      return place && compact_key(current[i].name) == compact_key(place->name);
    };
    std::size_t owner = members.front();
    for (std::size_t i : members) {
      if (named_as_place(i)) {
        owner = i;
        break;
      }
    }
    const store::CityPlacement& first = current[owner];
    for (std::size_t i : members) {
      if (i == owner) continue;
      if (!named_as_place(i)) current[i].population = before[i].population;
      nlohmann::json candidates = nlohmann::json::array();
      Point point;
      if (current[i].lat && current[i].lng) point = std::make_pair(*current[i].lat, *current[i].lng);
      if (place) candidates = candidates_json({place}, point, true);
      reviews.push_back({current[i].id,
                         "placed at GeoNames place " + std::to_string(place_id) +
                             ", which is also the place of " + first.name + ", " + first.country +
                             " (#" + std::to_string(first.id) +
                             "): the same city twice, or a part of it?",
                         std::move(candidates)});
    }
  }
  std::sort(reviews.begin(), reviews.end(),
            [](const auto& a, const auto& b) { return a.city_id < b.city_id; });
}

}  // namespace

GeocodeDecision decide_geocode(const Point& point, bool trusted,
                               const std::vector<const GazetteerPlace*>& candidates,
                               const std::vector<const GazetteerPlace*>& similar_nearby,
                               std::optional<std::int64_t> current_place,
                               const GeocodeOptions& options) {
  using Outcome = GeocodeDecision::Outcome;
  // The place an earlier pass chose stays chosen while the gazetteer has it.
  for (const auto* list : {&candidates, &similar_nearby}) {
    for (const auto* p : *list) {
      if (current_place && p->geonames_id == *current_place) return {Outcome::kPlace, p, ""};
    }
  }
  if (candidates.empty()) {
    if (!point || !trusted || similar_nearby.empty()) return {Outcome::kNoCandidate, nullptr, ""};
    if (similar_nearby.size() == 1) return {Outcome::kPlace, similar_nearby.front(), ""};
    return {Outcome::kReview, nullptr,
            std::to_string(similar_nearby.size()) +
                " gazetteer places of a similar name lie near the recorded point"};
  }
  const std::string& country = candidates.front()->country;
  // The most populous of `places` if it dwarfs the others, else null.
  auto dominant = [&options](std::vector<const GazetteerPlace*> places) -> const GazetteerPlace* {
    if (places.size() == 1) return places.front();
    std::stable_sort(places.begin(), places.end(),
                     [](const auto* a, const auto* b) { return a->population > b->population; });
    std::int64_t largest = places[0]->population;
    std::int64_t second = std::max<std::int64_t>(places[1]->population, 1);
    bool dwarfs = largest >= options.dominant_population &&
                  static_cast<double>(largest) >= options.dominant_ratio * static_cast<double>(second);
    return dwarfs ? places[0] : nullptr;
  };

  if (point && trusted) {
    std::vector<std::pair<double, const GazetteerPlace*>> by_distance;
    for (const auto* p : candidates) by_distance.emplace_back(distance_from(*point, *p), p);
    std::stable_sort(by_distance.begin(), by_distance.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    double nearest = by_distance[0].first;
    if (by_distance.size() == 1) {
      if (nearest <= options.single_km) return {Outcome::kPlace, by_distance[0].second, ""};
      return {Outcome::kReview, nullptr,
              "the only gazetteer place of this name in " + country + " lies " + km(nearest) +
                  " from the recorded point"};
    }
    double next = by_distance[1].first;
    if (nearest <= options.nearest_km) {
      // Several near the point: a town and its own small namesake or
      // district, say. The one that dwarfs the others, or a clear nearest.
      std::vector<const GazetteerPlace*> near;
      for (const auto& [d, p] : by_distance) {
        if (d <= options.nearest_km) near.push_back(p);
      }
      if (const GazetteerPlace* p = dominant(near)) return {Outcome::kPlace, p, ""};
      if (next > std::max(2 * nearest, nearest + options.margin_km)) {
        return {Outcome::kPlace, by_distance[0].second, ""};
      }
    }
    return {Outcome::kReview, nullptr,
            places_of_this_name(candidates.size(), country) +
                "; the recorded point does not single one out (nearest " + km(nearest) +
                ", next " + km(next) + ")"};
  }

  if (const GazetteerPlace* p = dominant(candidates)) return {Outcome::kPlace, p, ""};
  return {Outcome::kReview, nullptr,
          places_of_this_name(candidates.size(), country) +
              (point ? " and the recorded point is suspect" : " and no recorded point") +
              "; none is clearly the city"};
}

GeocodeReport geocode(store::Store& store, const Gazetteer& gazetteer,
                      const GeocodeOptions& options, const CountryShapes& shapes) {
  if (!store.actor().can_write_registry()) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may geocode the registry");
  }
  GeocodeReport r;
  r.gazetteer = gazetteer.source();
  r.places = gazetteer.size();
  store.db().write_transaction([&] {
    store::CityStore cities(store);
    const std::vector<store::CityPlacement> before = cities.placements();
    std::vector<store::CityPlacement> current = before;
    r.cities = static_cast<int>(before.size());
    std::vector<store::GeocodeReviewEntry> reviews;
    // Points doubted once stay doubted until a person settles the city:
    // those the review list doubts, and those found suspect in any round of
    // this pass (a point another city has just been placed on included).
    std::set<CityId> doubted;
    for (CityId id : store::GeocodeReviewStore(store).suspect_points()) doubted.insert(id);
    // Placing a city can free the point it shared with others, which makes
    // theirs trusted and their decision different: decide again until no
    // city moves, so that the next pass finds nothing to do. A placed city
    // stays placed (decide_geocode keeps its place), so each further round
    // places at least one more city, and the loop ends.
    for (bool first_round = true, moved = true; moved; first_round = false) {
      moved = false;
      reviews.clear();
      r.placed = r.without_candidate = 0;
      std::map<std::pair<double, double>, int> cities_at;
      for (const auto& c : current) {
        if (c.lat && c.lng) ++cities_at[{*c.lat, *c.lng}];
      }
      for (store::CityPlacement& city : current) {
        if (city.coordinates_source == CoordinatesSource::kManual) {
          if (first_round) ++r.manual;
          continue;
        }
        Point point;
        if (city.lat && city.lng) point = std::make_pair(*city.lat, *city.lng);
        std::optional<double> outside;
        int sharing = 0;
        if (point) {
          outside = shapes.distance_km(city.country, point->first, point->second);
          sharing = cities_at[*point] - 1;
        }
        bool own_place =
            city.coordinates_source == CoordinatesSource::kGazetteer && city.geonames_id;
        bool far = outside && *outside > options.far_outside_km;
        if (point && !own_place && (far || sharing > 0)) doubted.insert(city.id);
        bool trusted = point && (own_place || !doubted.contains(city.id));
        if (first_round && !trusted) ++r.suspect_points;

        auto candidates = gazetteer.candidates(city.name, city.country);
        std::vector<const GazetteerPlace*> similar;
        if (candidates.empty() && trusted) {
          similar = gazetteer.similar_nearby(city.name, city.country, point->first,
                                             point->second, options.similar_km);
        }
        GeocodeDecision d = decide_geocode(
            point, trusted, candidates, similar,
            own_place ? city.geonames_id : std::optional<std::int64_t>(), options);
        switch (d.outcome) {
          case GeocodeDecision::Outcome::kPlace: {
            ++r.placed;
            store::CityPlacement placed =
                placed_at(city, *d.place, CoordinatesSource::kGazetteer);
            if (!same_placement(city, placed)) {
              city = placed;
              moved = true;
            }
            break;
          }
          case GeocodeDecision::Outcome::kReview:
            reviews.push_back({city.id, d.reason,
                               candidates_json(candidates.empty() ? similar : candidates, point,
                                               trusted),
                               !trusted});
            break;
          case GeocodeDecision::Outcome::kNoCandidate: {
            ++r.without_candidate;
            if (trusted) break;
            std::string why =
                !point        ? "no coordinates"
                : far         ? "the recorded point lies " + km(*outside) + " outside " +
                                    city.country
                : sharing > 0 ? "the recorded point is shared with " + std::to_string(sharing) +
                                    " other cit" + (sharing == 1 ? "y" : "ies")
                              : "the recorded point was shared with other cities";
            reviews.push_back({city.id,
                               why + ", and the gazetteer has no place of this name in " +
                                   city.country,
                               nlohmann::json::array(), true});
            break;
          }
        }
      }
    }
    review_shared_places(before, current, gazetteer, reviews);
    for (std::size_t i = 0; i < current.size(); ++i) {
      const store::CityPlacement& old = before[i];
      const store::CityPlacement& now = current[i];
      if (same_placement(old, now)) continue;
      if (!old.population && now.population) ++r.populations_set;
      cities.place(old, now, "geocode");
      ++r.changed;
      std::optional<double> moved_km;
      if (old.lat && old.lng) moved_km = geo::distance_km(*old.lat, *old.lng, *now.lat, *now.lng);
      r.changes.push_back({old, now, moved_km});
    }
    r.to_review = static_cast<int>(reviews.size());
    r.review_rows_changed = store::GeocodeReviewStore(store).replace_all(reviews);
  });
  return r;
}

nlohmann::json geocode_json(const GeocodeReport& r, std::size_t max_changes) {
  nlohmann::json changes = nlohmann::json::array();
  for (const GeocodeChange& c : r.changes) {
    if (max_changes && changes.size() >= max_changes) break;
    changes.push_back({{"city",
                        {{"id", c.after.id}, {"name", c.after.name}, {"country", c.after.country}}},
                       {"before", c.before},
                       {"after", c.after},
                       {"moved_km", c.moved_km ? nlohmann::json(*c.moved_km) : nullptr}});
  }
  return {{"gazetteer", r.gazetteer},
          {"places", r.places},
          {"cities", r.cities},
          {"manual", r.manual},
          {"placed", r.placed},
          {"changed", r.changed},
          {"populations_set", r.populations_set},
          {"to_review", r.to_review},
          {"without_candidate", r.without_candidate},
          {"suspect_points", r.suspect_points},
          {"review_rows_changed", r.review_rows_changed},
          {"changes", std::move(changes)}};
}

City resolve_geocode_review(store::Store& store, CityId city, const GeocodeAnswer& answer) {
  if (!store.actor().can_write_registry()) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may geocode the registry");
  }
  return store.db().write_transaction([&] {
    store::CityStore cities(store);
    store::GeocodeReviewStore reviews(store);
    City current = cities.require(city);
    auto review = reviews.get(city);
    std::string label = current.name + ", " + current.country;
    if (!review) throw_not_found(label + " is not on the geocoding review list", "city");
    store::CityPlacement before{current.id,         current.name,
                                current.country,    current.lat,
                                current.lng,        current.population,
                                current.coordinates_source, current.geonames_id};
    store::CityPlacement after = before;
    const auto& geonames_id = answer.geonames_id;
    if (geonames_id && answer.point) {
      throw_invalid("give a candidate's geonames_id or a point, not both", "geonames_id");
    }
    if (answer.point) {
      after.lat = answer.point->first;
      after.lng = answer.point->second;
      after.geonames_id.reset();
      after.coordinates_source = CoordinatesSource::kManual;
    } else if (geonames_id) {
      const nlohmann::json* chosen = nullptr;
      for (const auto& c : review->candidates) {
        if (c.value("geonames_id", std::int64_t{0}) == *geonames_id) chosen = &c;
      }
      if (!chosen) {
        throw_invalid("GeoNames place " + std::to_string(*geonames_id) +
                          " is not a candidate for " + label,
                      "geonames_id");
      }
      GazetteerPlace place;
      place.geonames_id = *geonames_id;
      place.lat = chosen->at("lat").get<double>();
      place.lng = chosen->at("lng").get<double>();
      place.population = chosen->value("population", std::int64_t{0});
      after = placed_at(before, place, CoordinatesSource::kManual);
    } else {
      if (!before.lat || !before.lng) {
        throw_invalid(label + " has no coordinates to keep: choose a candidate or set them",
                      "keep");
      }
      after.coordinates_source = CoordinatesSource::kManual;
    }
    cities.place(before, after, "geocode_review");
    reviews.remove(city);
    return cities.require(city);
  });
}

GeocodeReviewPage geocode_reviews(store::Store& store, int limit, int offset) {
  store::GeocodeReviewStore reviews(store);
  return GeocodeReviewPage{reviews.list(limit, offset), reviews.count()};
}

}  // namespace twinning::ingest
