// Small hand-made twin graphs for the network tests, over the reference
// countries (so UN membership is the real one: GB, RU, DE ... are members,
// TW, XK, PS are not), and what the plan tests read of a plan.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "network/plan.h"
#include "network/twin_graph.h"

namespace twinning::testing {

// A graph whose city i (0-based) has id i + 1, name "C<i+1>" and ISO2
// country `countries[i]`; `links` are pairs of 0-based city indices.
network::TwinGraph make_twin_graph(const std::vector<std::string>& countries,
                                   const std::vector<std::pair<int, int>>& links);

// A random graph of `cities` cities spread over `country_codes` and `links`
// random links (self-links and repeats included, as the build must drop
// them), generated from `seed`.
network::TwinGraph random_twin_graph(int cities, int links,
                                     const std::vector<std::string>& country_codes,
                                     std::uint64_t seed);

// The names of a plan's picks, in the order picked.
std::vector<std::string> pick_names(const network::PlanResult& plan);

}  // namespace twinning::testing
