#include "network/pick_explanation.h"

#include <algorithm>

namespace twinning::network {

void explain_pick(const TwinGraph& graph, const PickEstimate& estimate, PlanPick& pick) {
  const Node v = estimate.node;
  const std::vector<double>& gain = estimate.gain_by_country;
  const std::vector<double>& before = estimate.before_by_country;
  std::vector<CountryIndex> opened;
  for (CountryIndex c = 0; c < graph.country_count(); ++c) {
    if (gain[c] > 0) opened.push_back(c);
  }
  std::stable_sort(opened.begin(), opened.end(),
                   [&](CountryIndex a, CountryIndex b) { return gain[a] > gain[b]; });
  if (opened.size() > kMaxOpenings) opened.resize(kMaxOpenings);
  for (CountryIndex c : opened) {
    PickOpening o{graph.country(c), gain[c], before[c], {}};
    for (Node u : graph.neighbours(v)) {
      if (graph.country_of(u) == c) o.via.push_back(graph.city(u));
    }
    pick.opens.push_back(std::move(o));
  }
  pick.un_member = graph.un_member(graph.country_of(v));
  std::vector<CountryIndex> members;
  for (Node u : graph.neighbours(v)) {
    if (graph.un_member(graph.country_of(u))) members.push_back(graph.country_of(u));
  }
  std::sort(members.begin(), members.end());
  pick.member_twin_countries =
      static_cast<int>(std::unique(members.begin(), members.end()) - members.begin());
}

}  // namespace twinning::network
