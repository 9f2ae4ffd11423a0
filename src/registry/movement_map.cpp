#include "registry/movement_map.h"

#include <cstdint>
#include <unordered_map>

#include "store/city_store.h"
#include "store/link_store.h"

namespace twinning::registry {

MovementMap movement_map(store::Store& store) {
  // Links first: a link's cities exist when it is written and cities are
  // never deleted, so the city query finds every city a link read here
  // names. (Were one missing all the same, its links are left out rather
  // than drawn to a wrong city.)
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  struct Pair {
    CityId a, b;
    int since;
  };
  std::vector<Pair> pairs;
  std::unordered_map<CityId, std::uint32_t> index;
  store::LinkStore(store).for_each([&](const Link& l) {
    if (l.status == LinkStatus::kEnded) return;
    pairs.push_back({l.city_a, l.city_b, l.since ? l.since->year : 0});
    index.emplace(l.city_a, kUnseen);
    index.emplace(l.city_b, kUnseen);
  });
  MovementMap m;
  m.city_id.reserve(index.size());
  store::CityStore(store).for_each([&](const store::CitySummary& c) {
    auto it = index.find(c.id);
    if (it == index.end()) return;
    it->second = static_cast<std::uint32_t>(m.city_id.size());
    m.city_id.push_back(c.id);
    m.city_name.push_back(c.name);
    m.city_country.push_back(c.country);
    m.city_lat.push_back(c.lat);
    m.city_lng.push_back(c.lng);
  });
  m.link_a.reserve(pairs.size());
  m.link_b.reserve(pairs.size());
  m.link_since.reserve(pairs.size());
  for (const auto& p : pairs) {
    std::uint32_t a = index.at(p.a), b = index.at(p.b);
    if (a == kUnseen || b == kUnseen) continue;
    m.link_a.push_back(a);
    m.link_b.push_back(b);
    m.link_since.push_back(p.since);
  }
  return m;
}

void to_json(nlohmann::json& j, const MovementMap& m) {
  auto coordinates = [](const std::vector<std::optional<double>>& column) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : column) out.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
    return out;
  };
  j = {{"cities",
        {{"id", m.city_id},
         {"name", m.city_name},
         {"country", m.city_country},
         {"lat", coordinates(m.city_lat)},
         {"lng", coordinates(m.city_lng)}}},
       {"links", {{"a", m.link_a}, {"b", m.link_b}, {"since", m.link_since}}}};
}

}  // namespace twinning::registry
