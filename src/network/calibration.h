// Calibration of the compliance-cascade model (issue 18): the posterior of
// its two parameters, p (an informed city complies) and q (one complying
// city's ask to its ministry succeeds), from a campaign's recorded answers
// and a stated prior. Plain values; a Calibration is read-only once built
// and may be shared between threads.
//
// The model. Each answered city is one Bernoulli(p) trial: replied in
// support = 1, declined or silent past its reply date = 0; cities still
// within their reply time tell nothing. Each answered ministry was asked by
// `asks` complying cities, each ask succeeding with q independently, so it
// endorses with probability 1 - (1 - q)^asks and declines (or stays silent
// past its deadline) with (1 - q)^asks. The prior of each parameter is
// Beta(mean x strength, (1 - mean) x strength): `strength` is the weight of
// the prior in answers. The posterior of p is then Beta(a + complied,
// b + answers - complied); that of q is the Beta prior times the ministries'
// likelihood, which is a Beta again when every ministry was asked once and
// otherwise has no closed form, so both are computed the same way: on a
// grid of kGridCells cells of [0, 1], exact to the cell.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "network/cascade_model.h"
#include "network/random_stream.h"

namespace twinning::network {

// The prior's weight in answers when none is stated: weak enough that a
// few dozen answers outweigh it, strong enough that the first two or three
// do not swing the forecast from one extreme to the other.
inline constexpr double kDefaultPriorStrength = 4;
inline constexpr double kMaxPriorStrength = 1e6;

// A Beta prior by its mean and its weight in answers.
struct BetaPrior {
  double mean = 0.5;
  double strength = kDefaultPriorStrength;
};

// One ministry's answer: asked by `asks` complying cities (at least 1);
// endorsed or not (declined, or silent past its deadline).
struct MinistryAnswer {
  int asks = 1;
  bool endorsed = false;
};

// A campaign's answers so far, in the model's terms.
struct CalibrationEvidence {
  int city_answers = 0;   // informed cities whose answer is known
  int city_complied = 0;  // of which complied (at most city_answers)
  std::vector<MinistryAnswer> ministries;
};

// The posterior of one probability, on a grid. Copyable value.
class ParameterPosterior {
 public:
  static constexpr int kGridCells = 2048;

  // The posterior from prior `prior` and a log-likelihood given at each
  // cell's midpoint. Used by calibrate(); `log_likelihood` has kGridCells
  // entries.
  ParameterPosterior(const BetaPrior& prior, const std::vector<double>& log_likelihood);

  double mean() const { return mean_; }
  // The u-quantile (0 <= u <= 1), the density taken as constant in a cell.
  double quantile(double u) const;
  // A draw from the posterior given 53 uniform random bits in the low bits
  // of `bits` (inverse transform through quantile()).
  double sample(std::uint64_t bits) const;
  const BetaPrior& prior() const { return prior_; }

 private:
  BetaPrior prior_;
  std::vector<double> cdf_;  // kGridCells + 1 entries, 0 .. 1
  double mean_ = 0;
};

// Both parameters' posteriors and what they rest on.
struct Calibration {
  ParameterPosterior comply;
  ParameterPosterior endorse;
  CalibrationEvidence evidence;
};

// The posterior of p and q from `evidence` under priors `comply` and
// `endorse`. Throws Error(kInvalidInput) naming "comply" or "endorse" for a
// prior mean not strictly between 0 and 1, "prior_strength" for a strength
// not in (0, kMaxPriorStrength], "evidence" for negative counts, more
// complied than answered, or a ministry with fewer than one ask. Cost:
// O(kGridCells x distinct ask counts).
Calibration calibrate(const CalibrationEvidence& evidence, const BetaPrior& comply,
                      const BetaPrior& endorse);

// The calibration a forecast or plan runs with: none without `evidence`;
// otherwise calibrate() with `params` as the priors' means, both of weight
// `prior_strength`. Throws as calibrate().
std::optional<Calibration> calibration_for(const std::optional<CalibrationEvidence>& evidence,
                                           const CascadeParams& params, double prior_strength);

// Draws the p and q of 64 runs from `c` with `rng` and returns them as the
// lanes' thresholds (for bernoulli_mask), p in `comply`, q in `endorse`.
// Draws 128 numbers from `rng`.
void draw_parameters(const Calibration& c, Xoshiro256ss& rng, LaneThresholds& comply,
                     LaneThresholds& endorse);

// What a calibration says of one parameter, for reports.
struct ParameterEstimate {
  double prior_mean = 0, prior_strength = 0;
  double mean = 0;                     // posterior mean
  double ci90_low = 0, ci90_high = 0;  // central 90% credible interval
  int answers = 0;                     // answers it rests on (cities or ministries)
  int successes = 0;                   // complied cities or endorsing ministries
};
struct CalibrationSummary {
  ParameterEstimate comply, endorse;
};
CalibrationSummary summarize(const Calibration& c);

}  // namespace twinning::network
