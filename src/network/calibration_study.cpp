#include "network/calibration_study.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

#include "model/error.h"
#include "network/forecast.h"
#include "network/random_stream.h"
#include "network/reach.h"

namespace twinning::network {
namespace {

// One simulated campaign's outcome: the cascade played once with its
// hidden p and q.
struct PlayedCampaign {
  double comply = 0, endorse = 0;  // the hidden truth
  std::vector<int> hop;            // per node: hops from the originators when informed, else -1
  std::vector<char> complies, ask_succeeds;
  int final_tally = 0;  // endorsing UN member states
};

double uniform(Xoshiro256ss& rng) { return std::ldexp(static_cast<double>(rng.next() >> 11), -53); }

PlayedCampaign play(const TwinGraph& g, const std::vector<Node>& seeds, double p, double q,
                    Xoshiro256ss& rng) {
  PlayedCampaign c;
  c.comply = p;
  c.endorse = q;
  c.hop.assign(g.node_count(), -1);
  c.complies.assign(g.node_count(), 0);
  c.ask_succeeds.assign(g.node_count(), 0);
  const std::uint64_t tp = bernoulli_threshold(p), tq = bernoulli_threshold(q);
  std::vector<Node> queue;
  for (Node s : seeds) {
    c.hop[s] = 0;
    c.complies[s] = 1;
    queue.push_back(s);
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const Node u = queue[head];
    c.ask_succeeds[u] = rng.bernoulli(tq);
    for (Node v : g.neighbours(u)) {
      if (c.hop[v] >= 0) continue;
      c.hop[v] = c.hop[u] + 1;
      if (rng.bernoulli(tp)) {
        c.complies[v] = 1;
        queue.push_back(v);
      }
    }
  }
  std::vector<char> endorsed(g.country_count(), 0);
  for (Node v = 0; v < g.node_count(); ++v) {
    if (c.ask_succeeds[v]) endorsed[g.country_of(v)] = 1;
  }
  for (CountryIndex k = 0; k < g.country_count(); ++k) {
    if (endorsed[k] && g.un_member(k)) ++c.final_tally;
  }
  return c;
}

// What one campaign shows after one wave.
struct WaveOutcome {
  int city_answers = 0, ministry_answers = 0;
  bool comply_covered = false, endorse_covered = false;
  double comply_width = 0, endorse_width = 0;
  double error = 0;  // forecast mean - final tally
};

// The answers revealed up to hop `limit` (none for limit 0) as evidence
// and campaign state, and the calibrated forecast from them.
WaveOutcome reveal(const TwinGraph& g, const CalibrationStudyOptions& o, const PlayedCampaign& c,
                   int limit, std::uint64_t rng) {
  ForecastOptions f;
  f.seeds = o.seeds;
  f.params = o.prior;
  f.prior_strength = o.prior_strength;
  f.runs = o.forecast_runs;
  f.rng = rng;
  CalibrationEvidence e;
  std::vector<int> asks(g.country_count(), 0);
  std::vector<char> success(g.country_count(), 0);
  for (Node v = 0; v < g.node_count(); ++v) {
    if (limit == 0 || c.hop[v] < 0 || c.hop[v] > limit) continue;
    if (c.hop[v] > 0) {
      ++e.city_answers;
      e.city_complied += c.complies[v];
      (c.complies[v] ? f.state.complying : f.state.declined).push_back(g.city_id(v));
    }
    if (c.complies[v]) {
      ++asks[g.country_of(v)];
      success[g.country_of(v)] |= c.ask_succeeds[v];
    }
  }
  // A ministry that refused every ask so far may still endorse on a later
  // city's: it stays open, and the cities it refused ask no more.
  for (Node v = 0; v < g.node_count(); ++v) {
    if (limit == 0 || c.hop[v] < 0 || c.hop[v] > limit || !c.complies[v]) continue;
    if (!success[g.country_of(v)]) f.state.asked_in_vain.push_back(g.city_id(v));
  }
  for (CountryIndex k = 0; k < g.country_count(); ++k) {
    if (asks[k] == 0) continue;
    e.ministries.push_back({asks[k], success[k] != 0});
    if (success[k]) f.state.endorsed_countries.push_back(g.country(k).iso2);
  }
  f.evidence = e;
  const ForecastResult r = forecast(g, f);
  const CalibrationSummary& s = *r.calibration;
  WaveOutcome w;
  w.city_answers = e.city_answers;
  w.ministry_answers = static_cast<int>(e.ministries.size());
  w.comply_covered = s.comply.ci90_low <= c.comply && c.comply <= s.comply.ci90_high;
  w.endorse_covered = s.endorse.ci90_low <= c.endorse && c.endorse <= s.endorse.ci90_high;
  w.comply_width = s.comply.ci90_high - s.comply.ci90_low;
  w.endorse_width = s.endorse.ci90_high - s.endorse.ci90_low;
  w.error = r.mean - c.final_tally;
  return w;
}

void check_range(double low, double high, const char* field) {
  if (!(low >= 0 && low <= high && high <= 1)) {
    throw_invalid(std::string(field) + ": the hidden range must lie within [0, 1] and not be empty",
                  field);
  }
}

}  // namespace

CalibrationStudyResult calibration_study(const TwinGraph& graph,
                                         const CalibrationStudyOptions& options) {
  if (options.campaigns < 1 || options.campaigns > 100'000) {
    throw_invalid("campaigns must be between 1 and 100000", "campaigns");
  }
  if (options.waves < 1 || options.waves > 100) {
    throw_invalid("waves must be between 1 and 100", "waves");
  }
  if (options.forecast_runs < 1 || options.forecast_runs > kMaxRuns) {
    throw_invalid("runs must be between 1 and " + std::to_string(kMaxRuns), "runs");
  }
  if (options.threads < 1 || options.threads > kMaxThreads) {
    throw_invalid("threads must be between 1 and " + std::to_string(kMaxThreads), "threads");
  }
  check_range(options.comply_low, options.comply_high, "comply");
  check_range(options.endorse_low, options.endorse_high, "endorse");
  auto started = std::chrono::steady_clock::now();
  const std::vector<Node> seeds = require_nodes(graph, options.seeds, "seed");
  const Calibration prior = calibrate({}, {options.prior.comply, options.prior_strength},
                                      {options.prior.endorse, options.prior_strength});

  const int campaigns = options.campaigns;
  const int rows = options.waves + 1;  // waves 0 .. waves - 1, then the final one
  std::vector<WaveOutcome> outcomes(static_cast<std::size_t>(campaigns) * rows);
  std::vector<int> tallies(campaigns);
  auto work = [&](int t, int threads) {
    for (int i = campaigns * t / threads; i < campaigns * (t + 1) / threads; ++i) {
      auto rng = Xoshiro256ss::for_stream(options.rng, static_cast<std::uint64_t>(i));
      double p, q;
      if (options.hidden_from_prior) {
        p = prior.comply.sample(rng.next() >> 11);
        q = prior.endorse.sample(rng.next() >> 11);
      } else {
        p = options.comply_low + (options.comply_high - options.comply_low) * uniform(rng);
        q = options.endorse_low + (options.endorse_high - options.endorse_low) * uniform(rng);
      }
      const PlayedCampaign c = play(graph, seeds, p, q, rng);
      tallies[i] = c.final_tally;
      for (int w = 0; w < rows; ++w) {
        const int limit = w + 1 == rows ? std::numeric_limits<int>::max() : w;
        outcomes[static_cast<std::size_t>(i) * rows + w] =
            reveal(graph, options, c, limit, rng.next());
      }
    }
  };
  const int threads = std::min(options.threads, campaigns);
  if (threads == 1) {
    work(0, 1);
  } else {
    std::vector<std::jthread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work, t, threads);
  }

  CalibrationStudyResult r;
  r.campaigns = campaigns;
  for (int t : tallies) r.mean_final_tally += t;
  r.mean_final_tally /= campaigns;
  for (int w = 0; w < rows; ++w) {
    StudyWave s;
    s.wave = w;
    s.is_final = w + 1 == rows;
    for (int i = 0; i < campaigns; ++i) {
      const WaveOutcome& o = outcomes[static_cast<std::size_t>(i) * rows + w];
      s.city_answers += o.city_answers;
      s.ministry_answers += o.ministry_answers;
      s.comply_covered += o.comply_covered;
      s.endorse_covered += o.endorse_covered;
      s.comply_width += o.comply_width;
      s.endorse_width += o.endorse_width;
      s.mean_absolute_error += std::abs(o.error);
      s.mean_error += o.error;
    }
    for (double* x : {&s.city_answers, &s.ministry_answers, &s.comply_covered, &s.endorse_covered,
                      &s.comply_width, &s.endorse_width, &s.mean_absolute_error, &s.mean_error}) {
      *x /= campaigns;
    }
    r.waves.push_back(s);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace twinning::network
