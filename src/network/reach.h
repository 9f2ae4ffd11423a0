// Use cases of network analytics that walk the graph outward from cities
// (PRODUCT.md M9): reach by hops, the shortest chain of introductions, and
// the bridge cities that open the most new UN member states. Each comes as a
// function over a TwinGraph (pure, thread-safe for concurrent calls on one
// graph) and as the same function over a Store, which loads the graph first
// (see load_twin_graph) and so costs one full read of cities and links.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network/twin_graph.h"
#include "store/store.h"

namespace twinning::network {

// Hop distance of every node from the nearest of `sources` (0 for the
// sources), -1 for nodes not reachable. Stops expanding beyond `max_hops`
// when given (nodes further away read -1). O(n + m).
std::vector<std::int32_t> hop_distances(const TwinGraph& graph, const std::vector<Node>& sources,
                                        std::optional<int> max_hops = std::nullopt);

// The nodes of city ids `ids`, deduplicated, in the given order. Throws
// Error(kInvalidInput) naming `field` if `ids` is empty, Error(kNotFound)
// naming `field` for an id the graph lacks.
std::vector<Node> require_nodes(const TwinGraph& graph, const std::vector<CityId>& ids,
                                std::string_view field);

struct ReachHop {
  int hop = 0;
  std::vector<CityRef> cities;            // first reached at this hop, by name then id
  std::vector<CountryRef> new_countries;  // first reached at this hop, by ISO2
  int new_un_members = 0;                 // UN members among new_countries
};

struct ReachResult {
  std::vector<ReachHop> hops;  // hop 0 holds the origins; the last hop is the last non-empty one
  int cities_reached = 0;      // origins included
  int countries_reached = 0;
  int un_members_reached = 0;
  int un_members_total = 0;                        // UN members in the country table (193)
  std::vector<CountryRef> un_members_beyond_hops;  // reachable, but only beyond max_hops
  std::vector<CountryRef> unreachable_un_members;  // not reachable at any number of hops
};

// Cities and countries reached from `from` (city ids) at each hop, up to
// `max_hops` links away when given. Throws Error(kInvalidInput) naming
// "from" for an empty origin list or "hops" for a negative limit,
// Error(kNotFound) naming "from" for an unknown city.
ReachResult reach(const TwinGraph& graph, const std::vector<CityId>& from,
                  std::optional<int> max_hops = std::nullopt);
ReachResult reach(store::Store& store, const std::vector<CityId>& from,
                  std::optional<int> max_hops = std::nullopt);

// Where a chain of introductions should end: one city, or any city of a
// country (ISO2).
struct ChainTarget {
  std::optional<CityId> city;
  std::string country;
};

struct ChainResult {
  int links = -1;  // length of the shortest chain in links; -1 when there is none
  std::vector<std::vector<CityRef>> chains;  // each from the start city to the target
  std::uint64_t shortest_chains = 0;         // how many shortest chains exist (saturates at 2^64-1)
  bool truncated = false;                    // more shortest chains exist than were returned
};

// The largest number of chains chain() returns when asked for all.
inline constexpr int kMaxChains = 100;

// The shortest chain of introductions from city `from` to `target`: every
// city on it, each introduced by the one before (a twin of it). With `all`,
// every equally short chain, at most kMaxChains of them (`truncated` says
// when there are more); else one. A city is its own chain (0 links), and so
// is a start city already in the target country. When the target cannot be
// reached, returns links = -1 and no chains. Chains come in a stable order
// (by the ascending city ids along them, read from the target back). Throws
// Error(kNotFound) naming "from", "to" or "country" for an unknown start
// city, target city or country, Error(kInvalidInput) naming "to" if the
// target names neither or both.
ChainResult chain(const TwinGraph& graph, CityId from, const ChainTarget& target, bool all);
ChainResult chain(store::Store& store, CityId from, const ChainTarget& target, bool all);

struct Bridge {
  CityRef city;
  int degree = 0;
  std::vector<CountryRef> opens;  // UN members it opens, by ISO2
};

struct BridgesResult {
  int cities_reached = 0;      // by the origins (0 without origins)
  int un_members_reached = 0;  // UN members that already have a reached city
  std::vector<Bridge> bridges;
};

// Bridge cities: for each city not yet reached from `from` (within
// `max_hops` when given; with no origins nothing is reached), the UN member
// states it opens are the countries of itself and its direct twins that are
// UN members and have no reached city yet. Writing to such a city directly
// puts it and, through its letters, its twins into the campaign. Returns the
// `top` cities that open the most, ties broken by degree (higher first),
// then name and id; cities that open nothing are left out. Throws
// Error(kInvalidInput) naming "top" for top < 1 or "hops" for a
// negative limit, Error(kNotFound) naming "from" for an unknown city.
BridgesResult bridges(const TwinGraph& graph, const std::vector<CityId>& from,
                      std::optional<int> max_hops, int top);
BridgesResult bridges(store::Store& store, const std::vector<CityId>& from,
                      std::optional<int> max_hops, int top);

}  // namespace twinning::network
