#include "network/twin_graph.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "model/error.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/link_store.h"

namespace twinning::network {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

TwinGraph TwinGraph::build(std::vector<CityEntry> cities, std::vector<CountryRef> countries,
                           const std::vector<std::pair<CityId, CityId>>& links) {
  TwinGraph g;
  if (countries.size() > std::numeric_limits<CountryIndex>::max()) {
    throw_invalid("too many countries for the network graph", "countries");
  }
  std::sort(countries.begin(), countries.end(),
            [](const CountryRef& a, const CountryRef& b) { return a.iso2 < b.iso2; });
  for (std::size_t i = 1; i < countries.size(); ++i) {
    if (countries[i].iso2 == countries[i - 1].iso2) {
      throw_invalid("country " + countries[i].iso2 + " is listed twice", "countries");
    }
  }
  g.countries_ = std::move(countries);
  for (const auto& c : g.countries_) g.un_member_count_ += c.un_member ? 1 : 0;

  std::sort(cities.begin(), cities.end(),
            [](const CityEntry& a, const CityEntry& b) { return a.id < b.id; });
  const std::size_t n = cities.size();
  if (n >= std::numeric_limits<Node>::max()) throw_invalid("too many cities", "cities");
  g.city_ids_.reserve(n);
  g.city_names_.reserve(n);
  g.city_country_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& c = cities[i];
    if (i > 0 && c.id == cities[i - 1].id) {
      throw_invalid("city #" + std::to_string(c.id) + " is listed twice", "cities");
    }
    auto cc =
        std::lower_bound(g.countries_.begin(), g.countries_.end(), c.country,
                         [](const CountryRef& x, const std::string& k) { return x.iso2 < k; });
    if (cc == g.countries_.end() || cc->iso2 != c.country) {
      throw_invalid("city #" + std::to_string(c.id) + " names unknown country '" + c.country + "'",
                    "cities");
    }
    g.city_ids_.push_back(c.id);
    g.city_names_.push_back(std::move(c.name));
    g.city_country_.push_back(static_cast<CountryIndex>(cc - g.countries_.begin()));
  }

  // Both directions of every link as (from, to) node pairs; sorting them
  // groups each city's neighbours in order and puts parallel links side by
  // side, so one pass builds the CSR arrays without duplicates.
  std::vector<std::pair<Node, Node>> arcs;
  arcs.reserve(links.size() * 2);
  for (const auto& [a, b] : links) {
    Node u = g.require_node(a, "links");
    Node v = g.require_node(b, "links");
    if (u == v) continue;
    arcs.emplace_back(u, v);
    arcs.emplace_back(v, u);
  }
  std::sort(arcs.begin(), arcs.end());
  arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
  g.offsets_.assign(n + 1, 0);
  g.adjacency_.reserve(arcs.size());
  for (const auto& [u, v] : arcs) {
    ++g.offsets_[u + 1];
    g.adjacency_.push_back(v);
  }
  for (std::size_t i = 0; i < n; ++i) g.offsets_[i + 1] += g.offsets_[i];
  return g;
}

CityRef TwinGraph::city(Node v) const {
  return CityRef{city_ids_[v], city_names_[v], countries_[city_country_[v]].iso2};
}

std::optional<Node> TwinGraph::node_of(CityId id) const {
  auto it = std::lower_bound(city_ids_.begin(), city_ids_.end(), id);
  if (it == city_ids_.end() || *it != id) return std::nullopt;
  return static_cast<Node>(it - city_ids_.begin());
}

Node TwinGraph::require_node(CityId id, std::string_view field) const {
  auto v = node_of(id);
  if (!v) {
    throw_not_found(std::string(field) + ": no city with id " + std::to_string(id),
                    std::string(field));
  }
  return *v;
}

std::optional<CountryIndex> TwinGraph::country_index(std::string_view iso2) const {
  std::string key = upper(iso2);
  auto it = std::lower_bound(countries_.begin(), countries_.end(), key,
                             [](const CountryRef& x, const std::string& k) { return x.iso2 < k; });
  if (it == countries_.end() || it->iso2 != key) return std::nullopt;
  return static_cast<CountryIndex>(it - countries_.begin());
}

CountryIndex TwinGraph::require_country(std::string_view iso2, std::string_view field) const {
  auto c = country_index(iso2);
  if (!c) {
    throw_not_found(std::string(field) + ": no country with code '" + std::string(iso2) + "'",
                    std::string(field));
  }
  return *c;
}

TwinGraph load_twin_graph(store::Store& store) {
  std::vector<CountryRef> countries;
  for (const Country& c : store::CountryStore(store).all()) {
    countries.push_back(CountryRef{c.iso2, c.name, c.un_member});
  }
  std::vector<TwinGraph::CityEntry> cities;
  store::CityStore(store).for_each([&](const store::CitySummary& c) {
    cities.push_back(TwinGraph::CityEntry{c.id, c.name, c.country});
  });
  std::vector<std::pair<CityId, CityId>> links;
  store::LinkStore(store).for_each([&](const Link& l) {
    if (l.status != LinkStatus::kEnded) links.emplace_back(l.city_a, l.city_b);
  });
  return TwinGraph::build(std::move(cities), std::move(countries), links);
}

}  // namespace twinning::network
