// The campaign plan (PRODUCT.md M10): the cities to write to directly that
// maximise the forecast's expected number of endorsing UN member states.
//
// Method. The plan samples `runs` worlds of the model once (common random
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
//
// A city written to directly joins as a seed would: it is informed and
// complies (and asks its ministry, and sends the letter to its twins). So
// each pick's cumulative value is what `forecast` estimates with the seeds
// and the picks so far as seeds (on the plan's sampled worlds). plan() is
// thread-safe for concurrent calls; it starts its own worker threads when
// asked to.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "network/calibration.h"
#include "network/cascade_model.h"
#include "network/twin_graph.h"
#include "store/store.h"

namespace twinning::network {

struct PlanOptions {
  std::vector<CityId> seeds;  // the originating cities
  CascadeParams params;
  CampaignState state;  // what the campaign already knows; empty = from nothing
  // The campaign's answers: when given, each sampled world draws its own p
  // and q from their posterior, as ForecastOptions::evidence.
  std::optional<CalibrationEvidence> evidence;
  double prior_strength = kDefaultPriorStrength;
  // What if these cities decline? Each is taken as declining (informed,
  // never complying, never picked), a complying city of `state` too.
  std::vector<CityId> exclude;
  int budget = 10;  // how many cities to pick
  // Sampled worlds. Fewer than the forecast's default because every world
  // is held in memory (4 bytes per city and world) and the greedy choice
  // only needs the candidates' order, which common random numbers make far
  // less noisy than independent estimates.
  int runs = 1000;
  std::uint64_t rng = 1;  // seed of the random streams
  int threads = 1;        // worker threads for sampling and the first round of gains
  // Forward runs of the cross-check: the forecast (independent runs, not
  // the plan's sampled ones) with the seeds and all picks as seeds; 0 = none.
  int check_runs = 0;
};

// The plan's value checked by forward simulation.
struct PlanCheck {
  int runs = 0;
  double mean = 0, se = 0;  // expected endorsing UN member states, and its standard error
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
  std::vector<CityRef> seeds;   // the seeds and the campaign's complying cities
  double base = 0;              // expected endorsing UN member states from the seeds alone
  std::vector<PlanPick> picks;  // in the order chosen
  std::optional<CalibrationSummary> calibration;  // the posterior of p and q (calibrated plans)
  std::optional<PlanCheck> check;                 // with check_runs
  // True when fewer than `budget` cities were picked because no remaining
  // city adds anything on the sampled worlds.
  bool exhausted = false;
  int runs = 0;
  int candidates = 0;            // cities considered (all but seeds and declined cities)
  std::int64_t evaluations = 0;  // gain evaluations, first round included
  int threads = 1;
  double seconds = 0;  // wall time (not of loading the graph)
};

// At most this many (city, world) cells are held in memory (4 bytes each).
inline constexpr std::int64_t kMaxPlanCells = 60'000'000;

// The greedy plan of up to `options.budget` picks. The result is the same
// for a fixed rng whatever the number of threads. Throws as
// prepare_cascade (an excluded seed is Error(kConflict) naming "declined");
// Error(kNotFound) naming "exclude" for an unknown excluded city;
// Error(kInvalidInput) naming "budget" outside
// 1..10000, "runs" below 1 or above what kMaxPlanCells allows for the
// graph, "threads" outside 1..64, "check_runs" outside 0..kMaxRuns; as calibrate() for a calibrated
// plan. Cost: sampling O(runs (n + m)); the first round O(runs (n + m)) plus the components'
// country lists; each later evaluation O(runs x degree).
PlanResult plan(const TwinGraph& graph, const PlanOptions& options);
PlanResult plan(store::Store& store, const PlanOptions& options);

}  // namespace twinning::network
