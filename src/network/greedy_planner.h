// The greedy plan on sampled worlds (PlanMethod::kGreedy; plan() runs it).
//
// Method. It samples `runs` worlds of the model once (common random
// numbers): in each world every city's compliance coin (p) and every city's
// ask coin (q) are fixed. In a fixed world the cities that comply are those
// reachable from the seeds through cities whose coin says they comply, so
// the value of a seed set is a coverage function of it: monotone and
// submodular, and so is its average over the worlds. Greedy selection on it
// is therefore within 1 - 1/e of the best set on the sampled worlds, and
// lazy evaluation (CELF) is exact: a city's gain can only shrink as picks
// are added, so a stale gain is an upper bound. Each world is stored as the
// connected components of its complying cities, so a city's gain is read
// from its own component or its twins' components, without a cascade.
// Unlike rr_planner.h it promises nothing about the best set of the model
// itself, only of the sampled worlds.
//
// Deterministic for a fixed rng whatever the number of threads (world
// block b draws from random stream (rng, b)). Thread-safe for concurrent
// calls.
#pragma once

#include <cstdint>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/pick_explanation.h"
#include "network/twin_graph.h"

namespace twinning::network {

struct GreedyOptions {
  int budget = 10;
  int runs = 1000;  // sampled worlds, each held in memory (4 bytes per city)
  std::uint64_t rng = 1;
  int threads = 1;  // for sampling and the first round of gains
};

struct GreedyPlan {
  double base = 0;  // expected endorsing UN member states from the seeds alone
  // In the order chosen; stops early when no city adds anything.
  std::vector<PickEstimate> picks;
  std::int64_t evaluations = 0;  // gain evaluations, first round included
};

// The greedy plan of up to options.budget letters from the prepared
// cascade; `calibration` null: every world has the setup's p and q.
// Preconditions (plan() checks them): budget >= 1, runs >= 1 and
// runs x cities <= kMaxPlanCells, threads in 1..64. Cost: sampling
// O(runs (n + m)); the first round O(runs (n + m)) plus the components'
// country lists; each later evaluation O(runs x degree).
GreedyPlan greedy_plan(const TwinGraph& graph, const CascadeSetup& setup,
                       const Calibration* calibration, const GreedyOptions& options);

}  // namespace twinning::network
