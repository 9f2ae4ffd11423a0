// The options a forecast (forecast.h) and a plan (plan.h) share: where the
// cascade starts, its parameters, and how it is sampled. ForecastOptions
// and PlanOptions extend it, so that the faces fill these fields once for
// both (the CLI parses them into one ModelOptions, the API reads them from
// one query) and the plan's forward runs reuse its own.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/twin_graph.h"

namespace twinning::network {

struct ModelOptions {
  std::vector<CityId> seeds;  // the originating cities
  CascadeParams params;
  CampaignState state;  // what the campaign already knows; empty = from nothing
  // The campaign's answers. When given the model is calibrated: each run
  // (or sampled world) draws its own p and q from their posterior
  // (calibrate() with params as the priors' means and prior_strength as
  // their weight) instead of using params.
  std::optional<CalibrationEvidence> evidence;
  double prior_strength = kDefaultPriorStrength;
  int runs = 10000;       // simulation runs (the forecast) or sampled worlds (the greedy plan)
  std::uint64_t rng = 1;  // seed of the random streams
  int threads = 1;        // worker threads
};

}  // namespace twinning::network
