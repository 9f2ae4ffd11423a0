#include "support/network_graphs.h"

#include <random>

#include "ingest/country_resolver.h"

namespace twinning::testing {
namespace {

std::vector<network::CountryRef> reference_country_refs() {
  std::vector<network::CountryRef> out;
  for (const Country& c : ingest::reference_countries()) {
    out.push_back({c.iso2, c.name, c.un_member});
  }
  return out;
}

}  // namespace

network::TwinGraph make_twin_graph(const std::vector<std::string>& countries,
                                   const std::vector<std::pair<int, int>>& links) {
  std::vector<network::TwinGraph::CityEntry> cities;
  for (std::size_t i = 0; i < countries.size(); ++i) {
    cities.push_back({static_cast<CityId>(i + 1), "C" + std::to_string(i + 1), countries[i]});
  }
  std::vector<std::pair<CityId, CityId>> pairs;
  for (auto [a, b] : links) pairs.emplace_back(a + 1, b + 1);
  return network::TwinGraph::build(std::move(cities), reference_country_refs(), pairs);
}

network::TwinGraph random_twin_graph(int cities, int links,
                                     const std::vector<std::string>& country_codes,
                                     std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> countries;
  for (int i = 0; i < cities; ++i) countries.push_back(country_codes[rng() % country_codes.size()]);
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < links; ++i) {
    pairs.emplace_back(static_cast<int>(rng() % cities), static_cast<int>(rng() % cities));
  }
  return make_twin_graph(countries, pairs);
}

std::vector<std::string> pick_names(const network::PlanResult& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan.picks) out.push_back(p.city.name);
  return out;
}

}  // namespace twinning::testing
