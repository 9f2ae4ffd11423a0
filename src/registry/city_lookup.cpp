#include "registry/city_lookup.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <unordered_map>

#include "model/error.h"
#include "model/text.h"

namespace twinning::registry {
namespace {

std::string describe(const store::CitySummary& c) {
  std::string s = twinning::city_label(c.name, c.country, c.id);
  if (c.lat && c.lng) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " at %.4f, %.4f", *c.lat, *c.lng);
    s += buf;
  }
  return s;
}

[[noreturn]] void ambiguous(std::string_view reference, const std::vector<store::CitySummary>& cs,
                            std::string_view field) {
  std::string msg = "'" + std::string(reference) + "' matches " + std::to_string(cs.size()) +
                    " cities; name one by id:";
  for (const auto& c : cs) msg += " " + describe(c) + ";";
  msg.pop_back();
  throw Error(ErrorCode::kAmbiguous, msg, std::string(field));
}

// Optimal string alignment distance, giving up above `bound`.
int bounded_distance(std::string_view a, std::string_view b, int bound) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > bound) return bound + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > bound) return bound + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

// The cities having a name (of any kind) with search key `key`, reading at
// most `max_names` matching names.
std::vector<store::CitySummary> cities_bearing(store::CityStore& cities, const std::string& key,
                                               int max_names) {
  std::set<CityId> ids;
  for (const auto& m : cities.names_matching(key, false, max_names)) ids.insert(m.city_id);
  return cities.summaries({ids.begin(), ids.end()});
}

// "; cities of that name: Coventry, GB (#739); …" for a bare name, listing
// at most kMaxListed cities that bear it (any of their names); "" if none do.
std::string cities_named(store::CityStore& cities, std::string_view name) {
  constexpr std::size_t kMaxListed = 10;
  auto named = cities_bearing(cities, name_key(name), 200);
  if (named.empty()) return "";
  std::string list = "; cities of that name:";
  for (std::size_t i = 0; i < named.size() && i < kMaxListed; ++i) {
    list += " " + twinning::city_label(named[i].name, named[i].country, named[i].id) + ";";
  }
  if (named.size() > kMaxListed) {
    list += " and " + std::to_string(named.size() - kMaxListed) + " more;";
  }
  list.pop_back();
  return list;
}

}  // namespace

std::string city_label(store::Store& store, CityId id) {
  auto c = store::CityStore(store).summaries({id});
  return c.empty() ? "city #" + std::to_string(id) : twinning::city_label(c[0].name, c[0].country);
}

CityId resolve_city(store::Store& store, std::string_view reference, std::string_view field) {
  std::string_view ref = trim(reference);
  if (ref.empty()) throw_invalid("empty city reference", std::string(field));
  store::CityStore cities(store);
  std::string_view digits = ref.substr(ref[0] == '-' ? 1 : 0);
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    // A number is an id, also one too large for any city.
    CityId id = 0;
    auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ec != std::errc() || id <= 0 || !cities.get(id)) {
      throw_not_found("no city with id " + std::string(ref), std::string(field));
    }
    return id;
  }
  auto comma = ref.rfind(',');
  if (comma == std::string_view::npos) {
    throw_invalid("city '" + std::string(ref) +
                      "' needs its country: write \"Name, CC\" (e.g. \"Volgograd, RU\") or an id" +
                      cities_named(cities, ref),
                  std::string(field));
  }
  std::string name(trim(ref.substr(0, comma)));
  std::string cc(trim(ref.substr(comma + 1)));
  for (char& c : cc) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name.empty() || cc.size() != 2) {
    throw_invalid(
        "city '" + std::string(ref) + "' must read \"Name, CC\" with a two-letter ISO country code",
        std::string(field));
  }
  std::string key = name_key(name);
  auto official = cities.find_official(key, cc);
  if (official.size() == 1) return official[0].id;
  if (official.size() > 1) ambiguous(ref, official, field);
  // Any other name: local, alternate, former.
  std::vector<store::CitySummary> in_country;
  for (const auto& s : cities_bearing(cities, key, 50)) {
    if (s.country == cc) in_country.push_back(s);
  }
  if (in_country.size() == 1) return in_country[0].id;
  if (in_country.size() > 1) ambiguous(ref, in_country, field);
  throw_not_found("no city named '" + name + "' in " + cc, std::string(field));
}

std::vector<SearchHit> search_cities(store::Store& store, std::string_view text,
                                     std::string_view country, int limit) {
  std::vector<SearchHit> hits;
  std::string key = name_key(trim(text));
  if (key.empty() || limit <= 0) return hits;
  store::CityStore cities(store);
  std::unordered_map<CityId, std::size_t> seen;
  std::vector<std::pair<store::NameMatch, int>> candidates;
  auto consider = [&](const store::NameMatch& m, int distance) {
    candidates.emplace_back(m, distance);
  };
  for (const auto& m : cities.names_matching(key, true, 5000)) {
    int d = m.name_key == key ? 0 : m.name_key.rfind(key, 0) == 0 ? 1 : 2;
    consider(m, d);
  }
  std::set<CityId> found;
  for (auto& c : candidates) found.insert(c.first.city_id);
  if (static_cast<int>(found.size()) < limit && key.size() >= 4) {
    int bound = key.size() >= 8 ? 2 : 1;
    cities.for_each_name([&](const store::NameMatch& m) {
      if (found.count(m.city_id)) return;
      int d = bounded_distance(key, m.name_key, bound);
      if (d <= bound) consider(m, 2 + d);
    });
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second < b.second;
    bool ao = a.first.kind == "official", bo = b.first.kind == "official";
    if (ao != bo) return ao;
    return a.first.name_key.size() < b.first.name_key.size();
  });
  for (const auto& [m, d] : candidates) {
    if (seen.count(m.city_id)) continue;
    auto summary = cities.summaries({m.city_id});
    if (summary.empty()) continue;
    if (!country.empty() && summary[0].country != country) continue;
    seen.emplace(m.city_id, hits.size());
    hits.push_back(SearchHit{summary[0], m.name, m.kind, d});
    if (static_cast<int>(hits.size()) >= limit) break;
  }
  return hits;
}

bool city_exists(store::Store& store, CityId id) {
  return id > 0 && store::CityStore(store).get(id).has_value();
}

}  // namespace twinning::registry
