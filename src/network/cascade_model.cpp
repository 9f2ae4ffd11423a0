#include "network/cascade_model.h"

#include "model/error.h"
#include "network/random_stream.h"

namespace twinning::network {
namespace {

void check_probability(double p, const char* field) {
  if (!(p >= 0 && p <= 1)) {
    throw_invalid(std::string(field) + " must be a probability between 0 and 1", field);
  }
}

}  // namespace

CascadeSetup prepare_cascade(const TwinGraph& graph, const std::vector<CityId>& seeds,
                             const CascadeParams& params, const CampaignState& state) {
  check_probability(params.comply, "comply");
  check_probability(params.endorse, "endorse");
  if (seeds.empty() && state.complying.empty()) {
    throw_invalid("seed: name at least one seed city", "seed");
  }
  CascadeSetup s;
  s.node_role.assign(graph.node_count(), NodeRole::kOpen);
  s.country_role.assign(graph.country_count(), CountryRole::kOpen);

  auto add_seeds = [&](const std::vector<CityId>& ids, const char* field) {
    for (CityId id : ids) {
      Node v = graph.require_node(id, field);
      if (s.node_role[v] == NodeRole::kSeed) continue;
      s.node_role[v] = NodeRole::kSeed;
      s.seeds.push_back(v);
    }
  };
  add_seeds(seeds, "seed");
  add_seeds(state.complying, "complying");
  for (CityId id : state.declined) {
    Node v = graph.require_node(id, "declined");
    if (s.node_role[v] == NodeRole::kSeed) {
      throw_conflict("declined: " + graph.city_name(v) + " (#" + std::to_string(id) +
                         ") cannot both comply and have declined",
                     "declined");
    }
    if (s.node_role[v] == NodeRole::kDeclined) continue;
    s.node_role[v] = NodeRole::kDeclined;
    s.declined.push_back(v);
  }
  for (const auto& iso2 : state.endorsed_countries) {
    s.country_role[graph.require_country(iso2, "endorsed_countries")] = CountryRole::kEndorsed;
  }
  for (const auto& iso2 : state.declined_countries) {
    CountryIndex c = graph.require_country(iso2, "declined_countries");
    if (s.country_role[c] == CountryRole::kEndorsed) {
      throw_conflict("declined_countries: " + graph.country(c).iso2 +
                         " cannot both have endorsed and have declined",
                     "declined_countries");
    }
    s.country_role[c] = CountryRole::kDeclined;
  }
  s.ask_spent.assign(graph.node_count(), 0);
  for (CityId id : state.asked_in_vain) s.ask_spent[graph.require_node(id, "asked_in_vain")] = 1;
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    if (s.country_role[c] == CountryRole::kEndorsed && graph.un_member(c)) ++s.endorsed_un_members;
  }

  s.comply_threshold = bernoulli_threshold(params.comply);
  s.endorse_threshold = bernoulli_threshold(params.endorse);
  return s;
}

}  // namespace twinning::network
