#include "network/calibration.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "model/error.h"

namespace twinning::network {
namespace {

constexpr int kCells = ParameterPosterior::kGridCells;

double midpoint(int i) { return (i + 0.5) / kCells; }

void check_prior(const BetaPrior& prior, const char* field) {
  if (!(prior.mean > 0 && prior.mean < 1)) {
    throw_invalid(std::string(field) +
                      ": as the prior mean of a calibration it must be strictly between 0 and 1",
                  field);
  }
  if (!(prior.strength > 0 && prior.strength <= kMaxPriorStrength)) {
    throw_invalid("prior_strength must be above 0 and at most 1000000", "prior_strength");
  }
}

}  // namespace

ParameterPosterior::ParameterPosterior(const BetaPrior& prior,
                                       const std::vector<double>& log_likelihood)
    : prior_(prior), cdf_(kCells + 1, 0) {
  const double a = prior.mean * prior.strength, b = (1 - prior.mean) * prior.strength;
  std::vector<double> log_density(kCells);
  double top = -INFINITY;
  for (int i = 0; i < kCells; ++i) {
    const double x = midpoint(i);
    log_density[i] = (a - 1) * std::log(x) + (b - 1) * std::log1p(-x) + log_likelihood[i];
    top = std::max(top, log_density[i]);
  }
  double total = 0, moment = 0;
  for (int i = 0; i < kCells; ++i) {
    const double w = std::exp(log_density[i] - top);
    total += w;
    moment += w * midpoint(i);
    cdf_[i + 1] = total;
  }
  for (double& c : cdf_) c /= total;
  cdf_[kCells] = 1;
  mean_ = moment / total;
}

double ParameterPosterior::quantile(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  // The first cell whose upper end reaches u.
  auto it = std::lower_bound(cdf_.begin() + 1, cdf_.end(), u);
  const int i = static_cast<int>(it - cdf_.begin()) - 1;
  const double width = cdf_[i + 1] - cdf_[i];
  const double within = width > 0 ? (u - cdf_[i]) / width : 0.5;
  return (i + std::clamp(within, 0.0, 1.0)) / kCells;
}

double ParameterPosterior::sample(std::uint64_t bits) const {
  return quantile(std::ldexp(static_cast<double>(bits & ((std::uint64_t{1} << 53) - 1)), -53));
}

Calibration calibrate(const CalibrationEvidence& evidence, const BetaPrior& comply,
                      const BetaPrior& endorse) {
  check_prior(comply, "comply");
  check_prior(endorse, "endorse");
  if (evidence.city_answers < 0 || evidence.city_complied < 0 ||
      evidence.city_complied > evidence.city_answers) {
    throw_invalid("evidence: complied cities must be between 0 and the cities that answered",
                  "evidence");
  }
  // Ministries grouped by (asks, endorsed): one pass over the grid each.
  std::map<std::pair<int, bool>, int> groups;
  for (const auto& m : evidence.ministries) {
    if (m.asks < 1) throw_invalid("evidence: a ministry is asked at least once", "evidence");
    ++groups[{m.asks, m.endorsed}];
  }
  std::vector<double> cities(kCells), ministries(kCells, 0);
  const double yes = evidence.city_complied, no = evidence.city_answers - evidence.city_complied;
  for (int i = 0; i < kCells; ++i) {
    const double x = midpoint(i), log_x = std::log(x), log_not_x = std::log1p(-x);
    cities[i] = yes * log_x + no * log_not_x;
    for (const auto& [key, count] : groups) {
      const double all_failed = key.first * log_not_x;  // log (1 - q)^asks
      ministries[i] += count * (key.second ? std::log(-std::expm1(all_failed)) : all_failed);
    }
  }
  return {ParameterPosterior(comply, cities), ParameterPosterior(endorse, ministries), evidence};
}

std::optional<Calibration> calibration_for(const std::optional<CalibrationEvidence>& evidence,
                                           const CascadeParams& params, double prior_strength) {
  if (!evidence) return std::nullopt;
  return calibrate(*evidence, {params.comply, prior_strength}, {params.endorse, prior_strength});
}

void draw_parameters(const Calibration& c, Xoshiro256ss& rng, LaneThresholds& comply,
                     LaneThresholds& endorse) {
  std::uint64_t p[64], q[64];
  for (int l = 0; l < 64; ++l) {
    p[l] = bernoulli_threshold(c.comply.sample(rng.next() >> 11));
    q[l] = bernoulli_threshold(c.endorse.sample(rng.next() >> 11));
  }
  comply = slice_thresholds(p);
  endorse = slice_thresholds(q);
}

CalibrationSummary summarize(const Calibration& c) {
  auto estimate = [](const ParameterPosterior& p, int answers, int successes) {
    return ParameterEstimate{p.prior().mean,   p.prior().strength, p.mean(),
                             p.quantile(0.05), p.quantile(0.95),   answers,
                             successes};
  };
  int endorsed = 0;
  for (const auto& m : c.evidence.ministries) endorsed += m.endorsed ? 1 : 0;
  return {estimate(c.comply, c.evidence.city_answers, c.evidence.city_complied),
          estimate(c.endorse, static_cast<int>(c.evidence.ministries.size()), endorsed)};
}

}  // namespace twinning::network
