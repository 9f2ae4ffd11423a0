// CLI commands of the campaign model: `forecast` (expected endorsing UN
// member states, the chance of a target, the calibration) and `plan` (the
// cities to write to next, by RR sampling or greedy, each pick explained;
// --target-probability for the fewest letters). The model's options are
// parsed once, into one network::ModelOptions, for both.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "campaign/campaign_forecast.h"
#include "cli/network_cli.h"
#include "network/network_json.h"

namespace twinning::cli::network_cli {
namespace {

// The options forecast and plan share, parsed once: the seeds and the
// campaign as given, and the model's options filled straight from the
// command line.
struct ModelArguments {
  std::vector<std::string> seeds;
  std::string campaign;  // --campaign: start from this campaign's actual state
  network::ModelOptions model;
};

void add_model_options(CLI::App* cmd, ModelArguments& a, int default_runs, const char* runs_help) {
  a.model.runs = default_runs;
  a.model.threads = default_threads();
  cmd->add_option("--seed", a.seeds,
                  "Originating city (id or \"Name, CC\"); repeat or list (default with "
                  "--campaign: its originators)");
  cmd->add_option("--campaign", a.campaign,
                  "Start from this campaign's actual state: cities that complied or declined, "
                  "ministries that answered");
  cmd->add_option("--comply", a.model.params.comply,
                  "p: chance that an informed city complies (default 0.35); with --campaign the "
                  "mean of its prior");
  cmd->add_option("--endorse", a.model.params.endorse,
                  "q: chance that one complying city's ask to its ministry succeeds (default "
                  "0.5); with --campaign the mean of its prior");
  cmd->add_option("--prior-strength", a.model.prior_strength,
                  "With --campaign: the weight of the priors of p and q, in answers (default 4)");
  cmd->add_option("--runs", a.model.runs, runs_help);
  cmd->add_option("--rng", a.model.rng, "Random seed; equal seeds give equal results (default 1)");
  cmd->add_option("--threads", a.model.threads, "Worker threads (default: all cores)");
}

// Fills the model's part of a forecast's or plan's options `o` from the
// command line, with the seeds and campaign state of --seed and, with
// --campaign, the campaign's state and answers (and its originators when no
// --seed is given). Returns the start, for the campaign's majority.
campaign::ModelStart fill_model_options(store::Store& store, const ModelArguments& a,
                                        network::ModelOptions& o) {
  campaign::ModelStart start = campaign::model_start(
      store, resolve_all(store, a.seeds, "--seed"), a.campaign, "--seed", "--campaign");
  o = a.model;
  o.seeds = std::move(start.seeds);
  o.state = std::move(start.state);
  o.evidence = std::move(start.evidence);
  return start;
}

void print_estimate(const char* name, const network::ParameterEstimate& e, const char* answers) {
  std::cout << "  " << name << " = " << fixed(e.mean, 3) << " (90% credible interval "
            << fixed(e.ci90_low, 3) << " - " << fixed(e.ci90_high, 3) << "; " << e.successes
            << " of " << e.answers << " " << answers << "; prior mean " << fixed(e.prior_mean, 2)
            << ", weight " << fixed(e.prior_strength, 1) << " answers)\n";
}

// The posterior of p and q, when the result was calibrated.
void print_calibration(const std::optional<network::CalibrationSummary>& c) {
  if (!c) return;
  std::cout << "calibration from the campaign's answers:\n";
  print_estimate("p", c->comply, "answered cities complied");
  print_estimate("q", c->endorse, "answered ministries endorsed");
}

// "p = 0.35, q = 0.5" or, calibrated, where p and q come from.
std::string params_text(bool calibrated, const network::ModelOptions& o) {
  if (calibrated) return "p and q drawn per run from the campaign's posterior";
  std::ostringstream s;
  s << "p = " << o.params.comply << ", q = " << o.params.endorse;
  return s.str();
}

void print_forecast(const network::ForecastResult& r, const network::ModelOptions& o) {
  std::cout << "forecast from " << cities_text(r.seeds) << " (" << params_text(!!r.calibration, o)
            << ", " << r.runs << " runs, rng " << o.rng << ", " << r.threads << " thread"
            << (r.threads == 1 ? "" : "s") << ")\n";
  print_calibration(r.calibration);
  std::cout << "expected endorsing UN member states: " << fixed(r.mean) << " +/- " << fixed(r.se)
            << " (95% CI " << fixed(r.ci95_low) << " - " << fixed(r.ci95_high) << ")\n";
  std::cout << "probability of at least " << r.target
            << " endorsing UN member states: " << fixed(r.p_target, 4) << " +/- "
            << fixed(r.p_target_se, 4) << '\n';
  std::cout << "mean informed cities: " << fixed(r.mean_informed, 1)
            << ", mean complying cities: " << fixed(r.mean_complying, 1) << '\n';
  std::cout << "countries most likely to endorse:\n";
  for (std::size_t i = 0; i < r.countries.size() && i < 20; ++i) {
    const auto& c = r.countries[i];
    std::cout << "  " << c.country.iso2 << " " << c.country.name
              << (c.country.un_member ? "" : " (not a UN member)") << "  " << fixed(c.frequency, 3)
              << '\n';
  }
  if (r.countries.size() > 20) {
    std::cout << "  ... and " << r.countries.size() - 20 << " more (see --json)\n";
  }
  std::cout << "simulated in " << fixed(r.seconds, 3) << " s\n";
}

// Why a pick was made: "Dominica (DM) +0.57, reached by no current chain,
// via its twin Roseau"; for a city outside the UN, its member twins.
void print_pick_reasons(const network::PlanPick& p) {
  if (!p.un_member) {
    std::cout << "       " << p.city.country << " is not a UN member: picked for its twins in "
              << p.member_twin_countries << " member state"
              << (p.member_twin_countries == 1 ? "" : "s") << '\n';
  }
  for (const auto& o : p.opens) {
    std::cout << "       opens " << o.country.name << " (" << o.country.iso2 << ") +"
              << fixed(o.gain) << ", ";
    if (o.before > 0) {
      std::cout << "endorsing in "
                << (o.before < 0.005 ? std::string("under 1") : fixed(100 * o.before, 0))
                << "% of runs before";
    } else {
      std::cout << "reached by no current chain";
    }
    if (o.country.iso2 == p.city.country && o.via.empty()) {
      std::cout << "; by its own ask";
    } else if (!o.via.empty()) {
      std::cout << "; via " << cities_text(o.via);
    } else {
      std::cout << "; through its twins' chains";
    }
    std::cout << '\n';
  }
}

void print_plan(const network::PlanResult& r, const network::ModelOptions& o) {
  std::cout << "plan from " << cities_text(r.seeds) << " (" << params_text(!!r.calibration, o)
            << ", " << network::plan_method_name(r.method) << ": " << r.runs
            << (r.guarantee ? " RR sets" : " sampled runs") << ", rng " << o.rng << ")\n";
  if (const auto& g = r.guarantee) {
    std::cout << "guarantee: within " << fixed(1 - 1 / std::exp(1.0) - g->epsilon, 3)
              << " of the best plan's gain with probability at least "
              << fixed(1 - g->failure_probability, 4);
    if (!g->holds) {
      std::cout << " NOT established: the sample was capped below IMM's size";
    } else if (g->lower_bound_assumed) {
      std::cout << ", if the best plan adds at least one member state";
    }
    std::cout << " (lower bound of the best gain " << fixed(g->opt_lower_bound) << ")\n";
  }
  print_calibration(r.calibration);
  std::cout << "seeds alone: " << fixed(r.base) << " expected endorsing UN member states\n";
  int i = 0;
  for (const auto& p : r.picks) {
    std::cout << "  " << ++i << ". " << city_label(p.city.name, p.city.country, p.city.id) << "  +"
              << fixed(p.gain) << "  -> " << fixed(p.cumulative) << '\n';
    print_pick_reasons(p);
  }
  if (r.exhausted) std::cout << "no further city adds an endorsement on the sampled runs\n";
  if (const auto& t = r.target) {
    std::cout << "probability of at least " << t->members << " endorsing UN member states: "
              << fixed(t->estimate, 4) << " +/- " << fixed(t->se, 4) << " with " << t->letters
              << " letter" << (t->letters == 1 ? "" : "s") << " (" << t->runs
              << " forward runs): ";
    if (t->reached) {
      std::cout << "the fewest of this plan that reach " << fixed(t->probability, 2) << '\n';
    } else {
      std::cout << "below " << fixed(t->probability, 2) << ": the budget cannot reach it\n";
    }
  }
  if (r.check && !r.picks.empty()) {
    const double planned = r.picks.back().cumulative;
    std::cout << "forward check (" << r.check->runs
              << " independent runs): " << fixed(r.check->mean) << " +/- " << fixed(r.check->se)
              << " (the plan's own estimate " << fixed(planned) << ", "
              << fixed(100 * (planned - r.check->mean) / std::max(r.check->mean, 1e-9), 1)
              << "% apart)\n";
    std::cout << "probability of at least " << r.check->members
              << " endorsing UN member states with the plan: " << fixed(r.check->probability, 4)
              << " +/- " << fixed(r.check->probability_se, 4) << " (forward check)\n";
  }
  std::cout << "planned in " << fixed(r.seconds, 3) << " s (";
  if (const auto& g = r.guarantee) {
    std::cout << g->sets_sampled << " RR sets sampled";
  } else {
    std::cout << r.evaluations << " gain evaluations";
  }
  std::cout << ", " << r.candidates << " candidate cities)\n";
}

}  // namespace

void add_forecast_commands(CLI::App& app, Context& ctx) {
  // forecast
  struct ForecastArguments {
    ModelArguments model;
    int target = 0;
    CLI::Option* target_option = nullptr;
  };
  auto fc = std::make_shared<ForecastArguments>();
  auto* forecast = app.add_subcommand(
      "forecast", "Expected endorsing UN member states of a campaign (compliance cascade)");
  add_model_options(forecast, fc->model, 10000, "Simulation runs (default 10000)");
  fc->target_option = forecast->add_option(
      "--target", fc->target,
      "Report the probability of at least this many endorsing UN member states (default: the "
      "campaign's majority needed, else 97)");
  add_json_flag(forecast, ctx);
  forecast->callback([&ctx, fc] {
    auto& store = ctx.store();
    network::ForecastOptions o;
    const campaign::ModelStart start = fill_model_options(store, fc->model, o);
    o.target = given(fc->target_option, fc->target)
                   .value_or(start.majority_needed.value_or(o.target));
    auto r = with_option_names([&] { return network::forecast(store, o); });
    if (ctx.json) return ctx.print_json(r);
    print_forecast(r, o);
  });

  // plan
  struct PlanArguments {
    ModelArguments model;
    int budget = 0;
    std::string method = network::plan_method_name(network::PlanOptions().method);
    std::vector<std::string> exclude;
    int check_runs = 0;
    double target_probability = 0;
    CLI::Option* target_probability_option = nullptr;
    int members = 0;
    CLI::Option* members_option = nullptr;
  };
  auto pl = std::make_shared<PlanArguments>();
  auto* plan = app.add_subcommand("plan",
                                  "The cities to write to directly (each joining as a seed) that "
                                  "maximise the expected endorsements");
  add_model_options(plan, pl->model, 1000,
                    "With --method greedy: sampled runs the plan optimises over (default 1000; "
                    "each is held in memory)");
  plan->add_option("--budget", pl->budget,
                   "How many cities to pick (with --target-probability: at most)")
      ->required();
  plan->add_option("--method", pl->method,
                   "rr: reverse-reachable sampling, within 1 - 1/e - 0.1 of the best plan with "
                   "probability 1 - 1/cities (default); greedy: greedy on --runs sampled runs");
  plan->add_option("--check-runs", pl->check_runs,
                   "Cross-check the plan's value by this many independent forward runs (default 0: "
                   "none)");
  plan->add_option("--exclude", pl->exclude,
                   "What if this city declines? Re-plan with it declining (id or \"Name, CC\"); "
                   "repeat or list");
  pl->target_probability_option = plan->add_option(
      "--target-probability", pl->target_probability,
      "The fewest letters (at most --budget) whose forward estimate of P(at least --members "
      "endorsing UN member states) reaches this probability");
  pl->members_option = plan->add_option(
      "--members", pl->members,
      "With --target-probability or --check-runs: endorsing UN member states wanted, and whose "
      "chance the check reports (default: the campaign's majority needed, else 97)");
  add_json_flag(plan, ctx);
  plan->callback([&ctx, pl] {
    auto& store = ctx.store();
    network::PlanOptions o;
    const campaign::ModelStart start = fill_model_options(store, pl->model, o);
    o.method = with_option_names([&] { return network::parse_plan_method(pl->method, "method"); });
    o.exclude = resolve_all(store, pl->exclude, "--exclude");
    o.check_runs = pl->check_runs;
    o.budget = pl->budget;
    if (pl->target_probability_option->count() > 0) o.target_probability = pl->target_probability;
    o.members = given(pl->members_option, pl->members);
    if ((o.target_probability || o.check_runs > 0) && !o.members) o.members = start.majority_needed;
    auto r = with_option_names([&] { return network::plan(store, o); });
    if (ctx.json) return ctx.print_json(r);
    print_plan(r, o);
  });
}

}  // namespace twinning::cli::network_cli
