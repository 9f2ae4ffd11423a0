// The campaign plan (PRODUCT.md M10): the cities to write to directly that
// maximise the forecast's expected number of endorsing UN member states,
// or the fewest of them that bring the chance of at least `members`
// endorsing member states to a target probability.
//
// Two methods (PlanMethod) pick the letters:
// - kRr (rr_planner.h): reverse-reachable sampling with IMM's sample size,
//   within (1 - 1/e - 0.1) of the best plan of the model with probability
//   at least 1 - 1/n (the assumptions are in that header);
// - kGreedy (greedy_planner.h): greedy selection on `runs` sampled worlds,
//   within 1 - 1/e of the best plan on those worlds.
// Each pick says why (pick_explanation.h, one explanation for both), and
// the plan's value can be cross-checked by independent forward runs of the
// forecast (check_runs).
//
// A city written to directly joins as a seed would: it is informed and
// complies (and asks its ministry, and sends the letter to its twins). So
// each pick's cumulative value is what `forecast` estimates with the seeds
// and the picks so far as seeds (on the method's own samples). plan() is
// thread-safe for concurrent calls; it starts its own worker threads when
// asked to.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/model_options.h"
#include "network/twin_graph.h"
#include "store/store.h"

namespace twinning::network {

enum class PlanMethod { kRr, kGreedy };

// "rr" or "greedy".
const char* plan_method_name(PlanMethod method);
// The method named `text` ("rr" or "greedy"); throws Error(kInvalidInput)
// naming `field` otherwise.
PlanMethod parse_plan_method(std::string_view text, std::string_view field);

// ModelOptions::runs is the greedy method's sampled worlds (the RR method
// sizes its own samples), 1000 by default: fewer than the forecast's
// because every world is held in memory (4 bytes per city and world) and
// the greedy choice only needs the candidates' order, which common random
// numbers make far less noisy than independent estimates.
// The members a target probability is about when none is given.
inline constexpr int kDefaultMembers = 97;

struct PlanOptions : ModelOptions {
  PlanOptions() { runs = 1000; }

  PlanMethod method = PlanMethod::kRr;
  // What if these cities decline? Each is taken as declining (informed,
  // never complying, never picked), a complying city of `state` too.
  std::vector<CityId> exclude;
  int budget = 10;  // how many cities to pick
  // Forward runs of the cross-check: the forecast (independent runs, not
  // the plan's sampled ones) with the seeds and all picks as seeds; 0 = none.
  int check_runs = 0;
  // The other objective: the fewest letters (of the method's order, at
  // most `budget`) whose forward estimate of P(at least `members`
  // endorsing UN member states) reaches this probability. Unset: the plan
  // takes `budget` letters.
  std::optional<double> target_probability;
  // Endorsing UN member states wanted (target_probability) and whose
  // chance the forward check reports (check_runs); only with either of
  // them (unset: kDefaultMembers).
  std::optional<int> members;
  // Forward runs of each estimate of that probability.
  int target_runs = 10000;
};

// The plan's value checked by forward simulation.
struct PlanCheck {
  int runs = 0;
  double mean = 0, se = 0;  // expected endorsing UN member states, and its standard error
  // P(at least `members` endorsing UN member states) with the plan, and its
  // Monte Carlo standard error.
  int members = 0;
  double probability = 0, probability_se = 0;
};

// The RR method's sample and what its guarantee rests on (rr_planner.h).
struct PlanGuarantee {
  double epsilon = 0;         // the plan is within (1 - 1/e - epsilon) of the best ...
  double failure_probability = 0;  // ... except with at most this probability (1/n)
  std::int64_t sets = 0;           // RR sets of the selection
  std::int64_t sets_sampled = 0;   // with those of the lower-bound search
  double opt_lower_bound = 0;      // the lower bound of the best gain the size rests on
  bool lower_bound_assumed = false;  // the search found none above 1: OPT >= 1 assumed
  bool holds = true;  // false: the sample was capped below IMM's size
};

// The outcome of the target-probability objective.
struct PlanTarget {
  int members = 0;
  double probability = 0;  // wanted
  bool reached = false;    // within the budget
  int letters = 0;         // picks kept: the fewest that reach it, or all when not reached
  double estimate = 0, se = 0;  // forward P(at least `members`) with those letters, and its error
  int runs = 0;                 // forward runs of each estimate
};

// A UN member state a pick makes likelier to endorse (on the sampled runs).
struct PickOpening {
  CountryRef country;
  double gain = 0;    // how much likelier it endorses with the pick
  double before = 0;  // how likely it endorsed before the pick; 0: no current chain reaches it
  // The pick's twins in that country (the links that open it); empty when
  // the pick's own ask opens it or the chain runs further.
  std::vector<CityRef> via;
};

// At most this many openings are listed per pick.
inline constexpr int kMaxOpenings = 5;

struct PlanPick {
  CityRef city;
  double gain = 0;        // expected additional endorsing UN member states
  double cumulative = 0;  // expected endorsing UN member states with this and earlier picks
  // Why it is picked: the member states it opens, most gain first (at most
  // kMaxOpenings), and, for a city whose own country is not a UN member,
  // how many member states its twins are in.
  std::vector<PickOpening> opens;
  bool un_member = true;          // the pick's own country is a UN member
  int member_twin_countries = 0;  // distinct UN member states among its twins' countries
};

struct PlanResult {
  PlanMethod method = PlanMethod::kRr;
  std::vector<CityRef> seeds;   // the seeds and the campaign's complying cities
  double base = 0;              // expected endorsing UN member states from the seeds alone
  std::vector<PlanPick> picks;  // in the order chosen
  std::optional<CalibrationSummary> calibration;  // the posterior of p and q (calibrated plans)
  std::optional<PlanCheck> check;                 // with check_runs
  std::optional<PlanGuarantee> guarantee;         // the RR method
  std::optional<PlanTarget> target;               // with target_probability
  // True when fewer than `budget` cities were picked because no remaining
  // city adds anything on the sampled worlds (or RR sets).
  bool exhausted = false;
  int runs = 0;  // greedy: sampled worlds; rr: RR sets of the selection
  int candidates = 0;            // cities considered (all but seeds and declined cities)
  std::int64_t evaluations = 0;  // greedy: gain evaluations, first round included; rr: 0
  int threads = 1;
  double seconds = 0;  // wall time (not of loading the graph)
};

// At most this many (city, world) cells are held in memory (4 bytes each).
inline constexpr std::int64_t kMaxPlanCells = 60'000'000;

// The plan of up to `options.budget` picks by options.method; with
// target_probability, its shortest prefix that reaches it (found by
// bisection over the prefixes' forward estimates, all drawn with the same
// random streams, so assuming the estimate grows with the letters). The
// result is the same for a fixed rng whatever the number of threads.
// Throws as prepare_cascade (an excluded seed is Error(kConflict) naming
// "declined"); Error(kNotFound) naming "exclude" for an unknown excluded
// city; Error(kInvalidInput) naming "budget" outside 1..10000, "runs"
// below 1 or above what kMaxPlanCells allows for the graph, "threads"
// outside 1..64, "check_runs" outside 0..kMaxRuns, "target_probability"
// outside 0..1, "members" outside 0..kMaxTarget or given without
// target_probability or check_runs, "target_runs" outside
// 1..kMaxRuns; as calibrate() for a calibrated plan. Cost: see the
// methods' headers, plus the forward runs.
PlanResult plan(const TwinGraph& graph, const PlanOptions& options);
PlanResult plan(store::Store& store, const PlanOptions& options);

}  // namespace twinning::network
