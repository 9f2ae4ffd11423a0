// src/network/ — analytics of the twin network on an immutable snapshot
// (TwinGraph): reach, chains, centrality, the cascade forecast and the
// planner. It owns the models and their numbers. It reads the store once to
// build the snapshot and must not write anything, nor know letters,
// campaigns' records (campaign/ passes their state in) or the faces.
//
// TwinGraph is a compact, immutable snapshot of the twin-link network
// (PRODUCT.md section 6): cities numbered densely 0..n-1 in ascending CityId
// order, undirected adjacency in CSR form (one offsets array, one contiguous
// neighbour array, each list sorted), every city's country as a dense index,
// and the UN membership of every country. It is what the analytics, the
// forecast and the plan run on; the store is read once to build it.
//
// Thread-safe for concurrent readers once built: nothing in it changes.
// Copyable (it is plain data) but usually moved.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/city.h"
#include "store/store.h"

namespace twinning::network {

using Node = std::uint32_t;          // dense city index, 0..node_count()-1
using CountryIndex = std::uint16_t;  // dense country index, 0..country_count()-1

// A city as the network results name it.
struct CityRef {
  CityId id = 0;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
};

// A country as the network results name it.
struct CountryRef {
  std::string iso2;
  std::string name;
  bool un_member = false;
};

class TwinGraph {
 public:
  // One city of the input: id, primary name, ISO2 country.
  struct CityEntry {
    CityId id = 0;
    std::string name;
    std::string country;
  };

  TwinGraph() = default;

  // Builds the graph from plain parts. `cities` in any order; `countries`
  // must include every country a city names (matched by ISO2, exactly);
  // `links` are unordered pairs of city ids. Self-links are dropped and
  // parallel links merged, so the graph is simple. Throws
  // Error(kInvalidInput) naming the offending part for a duplicate city id,
  // a duplicate country, a city whose country is not among `countries`, a
  // link naming an unknown city, or more countries than CountryIndex holds.
  // O((n + m) log m).
  static TwinGraph build(std::vector<CityEntry> cities, std::vector<CountryRef> countries,
                         const std::vector<std::pair<CityId, CityId>>& links);

  Node node_count() const { return static_cast<Node>(city_ids_.size()); }
  // Number of undirected links (each counted once).
  std::size_t edge_count() const { return adjacency_.size() / 2; }

  // The neighbours of `v`, ascending. Precondition: v < node_count().
  std::span<const Node> neighbours(Node v) const {
    return {adjacency_.data() + offsets_[v], adjacency_.data() + offsets_[v + 1]};
  }
  std::uint32_t degree(Node v) const { return offsets_[v + 1] - offsets_[v]; }
  // The raw CSR arrays, for hot loops: neighbours of v are
  // adjacency()[offsets()[v] .. offsets()[v+1]).
  const std::vector<std::uint32_t>& offsets() const { return offsets_; }
  const std::vector<Node>& adjacency() const { return adjacency_; }

  CityId city_id(Node v) const { return city_ids_[v]; }
  const std::string& city_name(Node v) const { return city_names_[v]; }
  CountryIndex country_of(Node v) const { return city_country_[v]; }
  const std::vector<CountryIndex>& city_countries() const { return city_country_; }
  CityRef city(Node v) const;

  // The node of city `id`, or nullopt if the graph has no such city.
  std::optional<Node> node_of(CityId id) const;
  // As node_of, but throws Error(kNotFound) naming `field`.
  Node require_node(CityId id, std::string_view field) const;

  CountryIndex country_count() const { return static_cast<CountryIndex>(countries_.size()); }
  const CountryRef& country(CountryIndex c) const { return countries_[c]; }
  bool un_member(CountryIndex c) const { return countries_[c].un_member; }
  // Number of UN member states among the countries.
  int un_member_count() const { return un_member_count_; }
  // The index of the country with ISO2 code `iso2` (case-insensitive), or
  // nullopt.
  std::optional<CountryIndex> country_index(std::string_view iso2) const;
  // As country_index, but throws Error(kNotFound) naming `field`.
  CountryIndex require_country(std::string_view iso2, std::string_view field) const;

 private:
  std::vector<CityId> city_ids_;  // ascending: node_of is a binary search
  std::vector<std::string> city_names_;
  std::vector<CountryIndex> city_country_;
  std::vector<std::uint32_t> offsets_{0};
  std::vector<Node> adjacency_;
  std::vector<CountryRef> countries_;  // ascending by iso2
  int un_member_count_ = 0;
};

// Builds the graph of the registry: every city (isolated ones too), every
// country, and every link whose status is not `ended`. Ended twinnings are
// history and carry no letter; suspended ones are kept because a suspension
// is temporary and the partner offices still know each other. Throws as the
// store's readers (Error(kUnavailable)) and as TwinGraph::build.
TwinGraph load_twin_graph(store::Store& store);

}  // namespace twinning::network
