// What each planning method (greedy_planner.h's sampled worlds,
// rr_planner.h's reverse-reachable sets) estimates of one pick, and the
// one place where those estimates become the pick's explanation
// (PlanPick::opens, un_member, member_twin_countries), so that both methods
// explain alike.
#pragma once

#include <vector>

#include "network/plan.h"
#include "network/twin_graph.h"

namespace twinning::network {

// One pick as a planning method estimates it.
struct PickEstimate {
  Node node = 0;
  double gain = 0;  // expected additional endorsing UN member states
  // Per country (CountryIndex, sized country_count()): how much likelier it
  // endorses with the pick, and how likely it endorsed before it.
  std::vector<double> gain_by_country;
  std::vector<double> before_by_country;
};

// Fills pick.opens, pick.un_member and pick.member_twin_countries from
// `estimate`. Openings are the countries with a positive gain, most gain
// first (ties by country order), at most kMaxOpenings, each with the pick's
// twins in that country as `via`.
void explain_pick(const TwinGraph& graph, const PickEstimate& estimate, PlanPick& pick);

}  // namespace twinning::network
