// The campaign forecast (PRODUCT.md M10, section 6): the expected number of
// UN member states that endorse, estimated by Monte Carlo over independent
// runs of the compliance cascade, with its standard error, the mean numbers
// of informed and complying cities, each country's endorsement frequency
// and each UN member state's probability of endorsing; the probability of reaching a target number of endorsing
// members; and, for a calibrated forecast, the posterior of p and q the runs
// were drawn from (network/calibration.h).
//
// forecast() is thread-safe for concurrent calls; it starts its own worker
// threads when asked to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/model_options.h"
#include "network/twin_graph.h"
#include "store/store.h"

namespace twinning::network {

struct ForecastOptions : ModelOptions {
  int target = 97;  // endorsing UN member states whose probability is reported
};

struct CountryFrequency {
  CountryRef country;
  double frequency = 0;  // share of runs in which the country endorsed
};

struct ForecastResult {
  std::vector<CityRef> seeds;  // the seeds and the campaign's complying cities
  double mean = 0;             // endorsing UN member states per run
  double se = 0;  // standard error of the mean (sample standard deviation / sqrt(runs))
  double ci95_low = 0, ci95_high = 0;  // mean -/+ 1.96 se
  int target = 0;                      // as ForecastOptions::target
  double p_target = 0;                 // share of runs in which at least `target` members endorsed
  double p_target_se = 0;              // its Monte Carlo standard error, sqrt(P (1 - P) / runs)
  // The posterior of p and q (calibrated forecasts only).
  std::optional<CalibrationSummary> calibration;
  int runs = 0;
  double mean_informed = 0;   // cities informed per run (seeds and declined cities included)
  double mean_complying = 0;  // cities complying per run (seeds included)
  // Countries that endorsed in at least one run, most frequent first (then
  // by ISO2); UN members and others alike.
  std::vector<CountryFrequency> countries;
  // Every UN member state of the graph, by ISO2: its probability of
  // endorsing, the share of runs in which it endorsed (1 when its ministry
  // has endorsed already; 0 when it declined or no run reached it). They
  // sum to `mean`, up to rounding.
  std::vector<CountryFrequency> members;
  int threads = 1;
  double seconds = 0;  // wall time of the simulation (not of loading the graph)
};

// Limits of ForecastOptions.
inline constexpr int kMaxRuns = 10'000'000;
inline constexpr int kMaxThreads = 64;
inline constexpr int kMaxTarget = 10'000;

// Runs the model `options.runs` times. Runs are simulated in batches of
// 512 (one bit per run, see forecast.cpp); batch b draws from random stream
// (options.rng, b) and threads take whole batches, so the result is the
// same for a fixed rng whatever the number of threads, and as sums are kept
// in integers it is bit-for-bit equal. Throws as prepare_cascade, and
// Error(kInvalidInput) naming "runs", "threads" or "target" outside
// 1..kMaxRuns, 1..kMaxThreads or 0..kMaxTarget, and as calibrate() for a
// calibrated forecast. Cost: O(batches x the links the cascades of a batch
// touch), divided among the threads (at most one thread per batch).
ForecastResult forecast(const TwinGraph& graph, const ForecastOptions& options);
ForecastResult forecast(store::Store& store, const ForecastOptions& options);

}  // namespace twinning::network
