// The calibration study of issue 18: does the calibrated forecast
// (network/calibration.h, network/forecast.h) learn the truth from a
// campaign's answers? Simulated campaigns on a graph, each with hidden true
// p and q, play the compliance cascade once; their answers are revealed in
// waves (wave w: the cities up to w hops from the originators, and the
// asks of the complying cities among them; the last wave everything; a
// ministry that refused every ask so far stays open to later asks),
// and after each wave the study calibrates from what is revealed and
// forecasts the final tally from the revealed state. It reports, per wave,
// how often the 90% credible intervals of p and q hold the hidden values
// and how far the forecast is from the campaign's final tally.
//
// calibration_study() is thread-safe for concurrent calls; it starts its
// own worker threads when asked to.
#pragma once

#include <cstdint>
#include <vector>

#include "network/calibration.h"
#include "network/twin_graph.h"

namespace twinning::network {

struct CalibrationStudyOptions {
  std::vector<CityId> seeds;  // the originators of every simulated campaign
  int campaigns = 200;
  // The hidden p and q of each campaign: uniform on these ranges, or, with
  // hidden_from_prior, drawn from the priors themselves (under which a
  // correct posterior's 90% interval holds the truth in 90% of campaigns
  // whatever the number of answers).
  double comply_low = 0.2, comply_high = 0.5;
  double endorse_low = 0.3, endorse_high = 0.7;
  bool hidden_from_prior = false;
  CascadeParams prior;  // the priors' means
  double prior_strength = kDefaultPriorStrength;
  int waves = 4;  // waves 0 (nothing known) .. waves - 1 by hops, then a last one: all
  int forecast_runs = 512;
  std::uint64_t rng = 1;
  int threads = 1;
};

// The study's findings after one wave, over all campaigns.
struct StudyWave {
  int wave = 0;  // hops revealed; the last wave reveals all (is_final)
  bool is_final = false;
  double city_answers = 0, ministry_answers = 0;  // mean answers revealed per campaign
  double comply_covered = 0,
         endorse_covered = 0;  // share of campaigns whose 90% interval holds the truth
  double comply_width = 0, endorse_width = 0;  // mean width of those intervals
  double mean_absolute_error = 0;              // |forecast mean - final tally|, averaged
  double mean_error = 0;                       // forecast mean - final tally, averaged (bias)
};

struct CalibrationStudyResult {
  int campaigns = 0;
  double mean_final_tally = 0;  // endorsing UN member states at the end, averaged
  std::vector<StudyWave> waves;
  double seconds = 0;
};

// Runs the study. Campaign i draws from random stream (rng, i), so the
// result does not depend on the number of threads. Throws as
// prepare_cascade and calibrate(); Error(kInvalidInput) naming "campaigns"
// (1..100000), "waves" (1..100), "runs" (1..kMaxRuns), "threads"
// (1..kMaxThreads), or "comply"/"endorse" for a hidden range not within
// [0, 1] or empty. Cost: campaigns x (waves + 1) forecasts of
// forecast_runs runs.
CalibrationStudyResult calibration_study(const TwinGraph& graph,
                                         const CalibrationStudyOptions& options);

}  // namespace twinning::network
