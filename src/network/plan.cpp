#include "network/plan.h"

#include <algorithm>
#include <chrono>

#include "model/error.h"
#include "network/forecast.h"
#include "network/greedy_planner.h"
#include "network/pick_explanation.h"
#include "network/rr_planner.h"

namespace twinning::network {
namespace {

void check_options(const TwinGraph& graph, const PlanOptions& options) {
  if (options.budget < 1 || options.budget > 10000) {
    throw_invalid("budget must be between 1 and 10000", "budget");
  }
  const std::int64_t n = std::max<std::int64_t>(graph.node_count(), 1);
  const std::int64_t max_runs = std::min<std::int64_t>(kMaxPlanCells / n, 1'000'000);
  if (options.runs < 1 || options.runs > max_runs) {
    throw_invalid("runs must be between 1 and " + std::to_string(max_runs) + " for a graph of " +
                      std::to_string(graph.node_count()) + " cities",
                  "runs");
  }
  if (options.threads < 1 || options.threads > 64) {
    throw_invalid("threads must be between 1 and 64", "threads");
  }
  if (options.check_runs < 0 || options.check_runs > kMaxRuns) {
    throw_invalid("check_runs must be between 0 and " + std::to_string(kMaxRuns), "check_runs");
  }
  if (options.target_probability &&
      !(*options.target_probability >= 0 && *options.target_probability <= 1)) {
    throw_invalid("target_probability must be a probability between 0 and 1",
                  "target_probability");
  }
  if (options.members && (*options.members < 0 || *options.members > kMaxTarget)) {
    throw_invalid("members must be between 0 and " + std::to_string(kMaxTarget), "members");
  }
  if (options.members && !options.target_probability && options.check_runs == 0) {
    throw_invalid("members: give a target probability or check runs too", "members");
  }
  if (options.target_runs < 1 || options.target_runs > kMaxRuns) {
    throw_invalid("target_runs must be between 1 and " + std::to_string(kMaxRuns),
                  "target_runs");
  }
}

// The forecast of the plan's first `letters` picks as seeds, with `runs`
// independent forward runs from random seed `rng`.
ForecastResult forward(const TwinGraph& graph, const PlanOptions& options,
                       const CampaignState& state, const std::vector<PlanPick>& picks,
                       std::size_t letters, int runs, std::uint64_t rng) {
  ForecastOptions f;
  static_cast<ModelOptions&>(f) = options;
  for (std::size_t i = 0; i < letters; ++i) f.seeds.push_back(picks[i].city.id);
  f.state = state;
  f.target = options.members.value_or(kDefaultMembers);
  f.runs = runs;
  f.rng = rng;
  return forecast(graph, f);
}

// The fewest of the picks whose forward P(at least options.members)
// reaches the target probability: bisection over the prefixes, every
// estimate from the same random streams.
PlanTarget fewest_letters(const TwinGraph& graph, const PlanOptions& options,
                          const CampaignState& state, const std::vector<PlanPick>& picks) {
  PlanTarget t;
  t.members = options.members.value_or(kDefaultMembers);
  t.probability = *options.target_probability;
  t.runs = options.target_runs;
  const std::uint64_t rng = options.rng + 2;  // independent of the plan's samples and the check
  auto estimate = [&](std::size_t letters) {
    const ForecastResult f = forward(graph, options, state, picks, letters, t.runs, rng);
    return std::pair{f.p_target, f.p_target_se};
  };
  auto [p_all, se_all] = estimate(picks.size());
  t.letters = static_cast<int>(picks.size());
  t.estimate = p_all;
  t.se = se_all;
  t.reached = p_all >= t.probability;
  if (!t.reached) return t;
  std::size_t low = 0, high = picks.size();  // the answer lies in [low, high]; high reaches
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    auto [p, se] = estimate(mid);
    if (p >= t.probability) {
      high = mid;
      t.estimate = p;
      t.se = se;
    } else {
      low = mid + 1;
    }
  }
  t.letters = static_cast<int>(high);
  return t;
}

}  // namespace

const char* plan_method_name(PlanMethod method) {
  return method == PlanMethod::kRr ? "rr" : "greedy";
}

PlanMethod parse_plan_method(std::string_view text, std::string_view field) {
  if (text == "rr") return PlanMethod::kRr;
  if (text == "greedy") return PlanMethod::kGreedy;
  throw_invalid(std::string(field) + " must be rr or greedy, not '" + std::string(text) + "'",
                std::string(field));
}

PlanResult plan(const TwinGraph& graph, const PlanOptions& options) {
  check_options(graph, options);
  auto started = std::chrono::steady_clock::now();
  CampaignState state = options.state;
  for (CityId id : options.exclude) {
    graph.require_node(id, "exclude");
    std::erase(state.complying, id);
    state.declined.push_back(id);
  }
  const CascadeSetup setup = prepare_cascade(graph, options.seeds, options.params, state);
  const std::optional<Calibration> calibration =
      calibration_for(options.evidence, options.params, options.prior_strength);
  const Calibration* posterior = calibration ? &*calibration : nullptr;

  PlanResult r;
  r.method = options.method;
  if (calibration) r.calibration = summarize(*calibration);
  r.threads = options.threads;
  for (Node s : setup.seeds) r.seeds.push_back(graph.city(s));
  r.candidates = static_cast<int>(
      std::count(setup.node_role.begin(), setup.node_role.end(), NodeRole::kOpen));
  std::vector<PickEstimate> estimates;
  if (options.method == PlanMethod::kRr) {
    RrOptions o;
    o.budget = options.budget;
    o.rng = options.rng;
    o.threads = options.threads;
    RrPlan rr = rr_plan(graph, setup, posterior, o);
    r.base = rr.base;
    r.runs = static_cast<int>(rr.sets);
    r.guarantee = PlanGuarantee{o.epsilon,
                                1.0 / std::max<double>(graph.node_count(), 2),
                                rr.sets,
                                rr.sets_sampled,
                                rr.opt_lower_bound,
                                rr.lower_bound_assumed,
                                rr.guaranteed};
    estimates = std::move(rr.picks);
  } else {
    GreedyPlan greedy = greedy_plan(graph, setup, posterior,
                                    {options.budget, options.runs, options.rng, options.threads});
    r.base = greedy.base;
    r.runs = options.runs;
    r.evaluations = greedy.evaluations;
    estimates = std::move(greedy.picks);
  }
  double cumulative = r.base;
  for (const PickEstimate& e : estimates) {
    PlanPick pick;
    pick.city = graph.city(e.node);
    pick.gain = e.gain;
    cumulative += e.gain;
    pick.cumulative = cumulative;
    explain_pick(graph, e, pick);
    r.picks.push_back(std::move(pick));
  }
  r.exhausted = static_cast<int>(r.picks.size()) < options.budget;
  if (options.target_probability) {
    r.target = fewest_letters(graph, options, state, r.picks);
    r.picks.resize(static_cast<std::size_t>(r.target->letters));
  }
  if (options.check_runs > 0) {
    // Runs independent of the plan's own samples.
    const ForecastResult f = forward(graph, options, state, r.picks, r.picks.size(),
                                     options.check_runs, options.rng + 1);
    r.check = PlanCheck{f.runs, f.mean, f.se, f.target, f.p_target, f.p_target_se};
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

PlanResult plan(store::Store& store, const PlanOptions& options) {
  return plan(load_twin_graph(store), options);
}

}  // namespace twinning::network
