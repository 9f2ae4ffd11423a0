// CLI commands of network analytics, the forecast and the plan: reach, chain,
// network (bridges, centrality, and the hidden edges export), forecast, plan.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

#include "campaign/campaign_forecast.h"
#include "cli/cli_context.h"
#include "model/error.h"
#include "network/calibration_study.h"
#include "network/network_json.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

std::string fixed(double x, int decimals = 2) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string cities_text(const std::vector<network::CityRef>& cities) {
  std::string s;
  for (const auto& c : cities) s += (s.empty() ? "" : "; ") + city_label(c.name, c.country);
  return s;
}

std::string countries_text(const std::vector<network::CountryRef>& countries, bool names) {
  std::string s;
  for (const auto& c : countries) {
    s += (s.empty() ? "" : names ? ", " : " ") + c.iso2;
    if (names) s += " " + c.name;
  }
  return s;
}

std::vector<CityId> resolve_all(store::Store& store, const std::vector<std::string>& refs,
                                const char* field) {
  std::vector<CityId> ids;
  for (const auto& r : refs) ids.push_back(registry::resolve_city(store, r, field));
  return ids;
}

// The network use cases name their inputs as the API does ("runs",
// "seed"); this table is the one place that says them as the CLI's options.
const std::map<std::string, std::string>& option_names() {
  static const std::map<std::string, std::string> names = {{"seed", "--seed"},
                                                           {"campaign", "--campaign"},
                                                           {"comply", "--comply"},
                                                           {"endorse", "--endorse"},
                                                           {"runs", "--runs"},
                                                           {"rng", "--rng"},
                                                           {"threads", "--threads"},
                                                           {"budget", "--budget"},
                                                           {"from", "--from"},
                                                           {"hops", "--hops"},
                                                           {"top", "--top"},
                                                           {"country", "--country"},
                                                           {"target", "--target"},
                                                           {"prior_strength", "--prior-strength"},
                                                           {"campaigns", "--campaigns"},
                                                           {"waves", "--waves"},
                                                           {"exclude", "--exclude"},
                                                           {"check_runs", "--check-runs"},
                                                           {"method", "--method"},
                                                           {"target_probability",
                                                            "--target-probability"},
                                                           {"members", "--members"}};
  return names;
}

// chain names its cities by position.
const std::map<std::string, std::string>& chain_argument_names() {
  static const std::map<std::string, std::string> names = {
      {"from", "CITY"}, {"to", "TARGET"}, {"country", "--country"}};
  return names;
}

// Runs network use case `f`; an error about one of its inputs is rethrown
// under the name `names` gives it on the command line.
template <class F>
auto with_option_names(F f, const std::map<std::string, std::string>& names = option_names()) {
  try {
    return f();
  } catch (const Error& e) {
    auto it = names.find(e.field());
    if (it == names.end()) throw;
    throw with_option_name(e, it->second);
  }
}

// The value of an optional integer option, or nullopt when it was not given.
std::optional<int> given(const CLI::Option* option, int value) {
  return option->count() > 0 ? std::optional(value) : std::nullopt;
}

int default_threads() {
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 64u));
}

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

void print_reach(const network::ReachResult& r, std::optional<int> hops) {
  for (const auto& h : r.hops) {
    std::cout << "hop " << h.hop << ": " << h.cities.size() << " cities";
    if (h.cities.size() <= 10) std::cout << " (" << cities_text(h.cities) << ")";
    std::cout << ", " << h.new_countries.size() << " new countries (" << h.new_un_members
              << " UN members)";
    if (!h.new_countries.empty()) std::cout << ": " << countries_text(h.new_countries, false);
    std::cout << '\n';
  }
  std::cout << "reached " << r.cities_reached << " cities in " << r.countries_reached
            << " countries, " << r.un_members_reached << " of " << r.un_members_total
            << " UN member states\n";
  if (hops && !r.un_members_beyond_hops.empty()) {
    std::cout << "UN member states further than " << *hops << " hops ("
              << r.un_members_beyond_hops.size()
              << "): " << countries_text(r.un_members_beyond_hops, true) << '\n';
  }
  std::cout << "UN member states not reachable (" << r.unreachable_un_members.size() << ")"
            << (r.unreachable_un_members.empty() ? "" : ": ")
            << countries_text(r.unreachable_un_members, true) << '\n';
}

void print_chain(const network::ChainResult& r) {
  if (r.links < 0) {
    std::cout << "no chain: the target cannot be reached through twin links\n";
    return;
  }
  std::cout << "shortest chain: " << r.links << " link" << (r.links == 1 ? "" : "s") << " ("
            << r.shortest_chains << " chain" << (r.shortest_chains == 1 ? "" : "s")
            << " of this length";
  if (r.truncated) std::cout << ", " << r.chains.size() << " shown";
  std::cout << ")\n";
  for (const auto& c : r.chains) {
    std::string line;
    for (const auto& city : c)
      line += (line.empty() ? "" : " -> ") + city_label(city.name, city.country);
    std::cout << "  " << line << '\n';
  }
}

void print_centrality(const network::CentralityResult& r) {
  std::cout << r.cities << " cities, " << r.links << " links, " << r.component_count
            << " connected components\n";
  std::cout << "largest components:\n";
  for (const auto& c : r.largest_components) {
    std::cout << "  " << c.size << " cities, " << c.countries << " countries, " << c.un_members
              << " UN members (hub " << city_label(c.hub.name, c.hub.country) << ")\n";
  }
  std::cout << "component sizes (size x count):";
  for (const auto& [size, count] : r.component_sizes) std::cout << " " << size << "x" << count;
  std::cout << '\n';
  auto list = [](const char* title, const std::vector<network::CityCentrality>& v) {
    std::cout << title << '\n';
    int i = 0;
    for (const auto& c : v) {
      std::cout << "  " << ++i << ". " << city_label(c.city.name, c.city.country, c.city.id)
                << "  degree " << c.degree << ", betweenness " << fixed(c.betweenness, 1) << '\n';
    }
  };
  list("top by degree:", r.top_degree);
  list("top by betweenness:", r.top_betweenness);
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
  }
  std::cout << "planned in " << fixed(r.seconds, 3) << " s (" << r.evaluations
            << " gain evaluations, " << r.candidates << " candidate cities)\n";
}

}  // namespace

void add_network_commands(CLI::App& app, Context& ctx) {
  // reach
  static std::vector<std::string> reach_from;
  static int reach_hops = 0;
  auto* reach = app.add_subcommand(
      "reach", "Cities and countries reached from cities at each hop; UN members out of reach");
  reach->add_option("--from", reach_from, "Originating city (id or \"Name, CC\"); repeat or list")
      ->required();
  static CLI::Option* reach_hops_opt =
      reach->add_option("--hops", reach_hops, "Stop after this many hops (default: no limit)");
  add_json_flag(reach, ctx);
  reach->callback([&ctx] {
    auto& store = ctx.store();
    std::vector<CityId> from = resolve_all(store, reach_from, "--from");
    auto r = with_option_names(
        [&] { return network::reach(store, from, given(reach_hops_opt, reach_hops)); });
    if (ctx.json) return ctx.print_json(r);
    print_reach(r, given(reach_hops_opt, reach_hops));
  });

  // chain
  static std::string chain_from, chain_to, chain_country;
  static bool chain_all = false;
  auto* chain = app.add_subcommand(
      "chain", "Shortest chain of introductions from a city to a city or a country");
  chain->add_option("CITY", chain_from, "Start city (id or \"Name, CC\")")->required();
  chain->add_option("TARGET", chain_to, "Target city (id or \"Name, CC\")");
  chain->add_option("--country", chain_country, "Target country (ISO 3166-1 alpha-2)");
  chain->add_flag("--all", chain_all,
                  "All equally short chains (at most " + std::to_string(network::kMaxChains) + ")");
  add_json_flag(chain, ctx);
  chain->callback([&ctx] {
    auto& store = ctx.store();
    CityId from = registry::resolve_city(store, chain_from, "CITY");
    network::ChainTarget target;
    if (!chain_to.empty()) target.city = registry::resolve_city(store, chain_to, "TARGET");
    target.country = chain_country;
    auto r = with_option_names([&] { return network::chain(store, from, target, chain_all); },
                               chain_argument_names());
    if (ctx.json) return ctx.print_json(r);
    print_chain(r);
  });

  // network bridges | centrality | edges
  auto* net = app.add_subcommand("network", "Bridge cities, centrality and components");
  net->require_subcommand(1);
  static std::vector<std::string> bridges_from;
  static int bridges_hops = 0, bridges_top = 10;
  auto* br = net->add_subcommand(
      "bridges", "Cities whose inclusion opens the most UN member states not yet reached");
  br->add_option("--from", bridges_from,
                 "Originating city (id or \"Name, CC\"); reached cities and their countries "
                 "count as covered (default: none)");
  static CLI::Option* bridges_hops_opt =
      br->add_option("--hops", bridges_hops, "Count as reached only cities this many hops away");
  br->add_option("--top", bridges_top, "How many cities (default 10)");
  add_json_flag(br, ctx);
  br->callback([&ctx] {
    auto& store = ctx.store();
    std::vector<CityId> from = resolve_all(store, bridges_from, "--from");
    auto r = with_option_names([&] {
      return network::bridges(store, from, given(bridges_hops_opt, bridges_hops), bridges_top);
    });
    if (ctx.json) return ctx.print_json(r);
    std::cout << "reached: " << r.cities_reached << " cities, " << r.un_members_reached
              << " UN member states\n";
    int i = 0;
    for (const auto& b : r.bridges) {
      std::cout << "  " << ++i << ". " << city_label(b.city.name, b.city.country) << " (#"
                << b.city.id << ", degree " << b.degree << ") opens " << b.opens.size() << ": "
                << countries_text(b.opens, false) << '\n';
    }
    if (r.bridges.empty()) std::cout << "no city opens a new UN member state\n";
  });

  static int central_top = 10;
  static int central_threads = default_threads();
  auto* cen =
      net->add_subcommand("centrality", "Degree and betweenness of cities; connected components");
  cen->add_option("--top", central_top, "How many cities and components (default 10)");
  cen->add_option("--threads", central_threads, "Worker threads (default: all cores)");
  add_json_flag(cen, ctx);
  cen->callback([&ctx] {
    auto r = with_option_names(
        [&] { return network::centrality(ctx.store(), central_top, central_threads); });
    if (ctx.json) return ctx.print_json(r);
    print_centrality(r);
  });

  // Hidden: the graph the analytics run on, for reference implementations
  // (bench/forecast_reference.py).
  auto* edges = net->add_subcommand("edges", "The graph as JSON, or one link per line");
  edges->group("");
  add_json_flag(edges, ctx);
  edges->callback([&ctx] {
    auto graph = network::load_twin_graph(ctx.store());
    if (ctx.json) return ctx.print_json(network::graph_json(graph));
    for (network::Node u = 0; u < graph.node_count(); ++u) {
      for (network::Node v : graph.neighbours(u)) {
        if (u < v) std::cout << graph.city_id(u) << '\t' << graph.city_id(v) << '\n';
      }
    }
  });

  // Hidden: the calibration study of issue 18 (scripts/bench calibration).
  static std::vector<std::string> study_seeds;
  static network::CalibrationStudyOptions study;
  auto* st = net->add_subcommand(
      "calibration-study",
      "Simulated campaigns with hidden p and q, answers revealed in waves: coverage of the "
      "credible intervals and the forecast's error per wave");
  st->group("");
  st->add_option("--seed", study_seeds, "Originating city (id or \"Name, CC\")")->required();
  st->add_option("--campaigns", study.campaigns, "Simulated campaigns (default 200)");
  st->add_option("--waves", study.waves, "Waves by hops before the final one (default 4)");
  st->add_option("--runs", study.forecast_runs, "Runs of each forecast (default 512)");
  st->add_option("--prior-strength", study.prior_strength, "Weight of the priors (default 4)");
  st->add_flag("--from-prior", study.hidden_from_prior,
               "Draw the hidden p and q from the priors, not uniformly from 0.2-0.5 and 0.3-0.7");
  st->add_option("--rng", study.rng, "Random seed (default 1)");
  st->add_option("--threads", study.threads, "Worker threads (default 1)");
  add_json_flag(st, ctx);
  st->callback([&ctx] {
    auto& store = ctx.store();
    study.seeds = resolve_all(store, study_seeds, "--seed");
    auto r = with_option_names(
        [&] { return network::calibration_study(network::load_twin_graph(store), study); });
    if (ctx.json) return ctx.print_json(r);
    std::cout << r.campaigns << " simulated campaigns, mean final tally "
              << fixed(r.mean_final_tally) << " endorsing UN member states\n";
    std::cout << "wave   city ans.  min. ans.  p covered  q covered  p width  q width  "
                 "|error|  bias\n";
    for (const auto& w : r.waves) {
      char line[160];
      std::snprintf(line, sizeof line,
                    "%-6s %9.1f %10.1f %9.1f%% %9.1f%% %8.3f %8.3f %8.2f %5.2f\n",
                    w.is_final ? "all" : std::to_string(w.wave).c_str(), w.city_answers,
                    w.ministry_answers, 100 * w.comply_covered, 100 * w.endorse_covered,
                    w.comply_width, w.endorse_width, w.mean_absolute_error, w.mean_error);
      std::cout << line;
    }
    std::cout << "in " << fixed(r.seconds, 1) << " s\n";
  });

  // forecast
  static ModelArguments fc;
  static int target = 0;
  auto* forecast = app.add_subcommand(
      "forecast", "Expected endorsing UN member states of a campaign (compliance cascade)");
  add_model_options(forecast, fc, 10000, "Simulation runs (default 10000)");
  static CLI::Option* target_opt = forecast->add_option(
      "--target", target,
      "Report the probability of at least this many endorsing UN member states (default: the "
      "campaign's majority needed, else 97)");
  add_json_flag(forecast, ctx);
  forecast->callback([&ctx] {
    auto& store = ctx.store();
    network::ForecastOptions o;
    const campaign::ModelStart start = fill_model_options(store, fc, o);
    o.target = given(target_opt, target).value_or(start.majority_needed.value_or(o.target));
    auto r = with_option_names([&] { return network::forecast(store, o); });
    if (ctx.json) return ctx.print_json(r);
    print_forecast(r, o);
  });

  // plan
  static ModelArguments pl;
  static int budget = 0;
  static std::string method = network::plan_method_name(network::PlanOptions().method);
  static std::vector<std::string> exclude;
  static int check_runs = 0;
  static double target_probability = 0;
  static int members = 0;
  auto* plan = app.add_subcommand("plan",
                                  "The cities to write to directly (each joining as a seed) that "
                                  "maximise the expected endorsements");
  add_model_options(plan, pl, 1000,
                    "With --method greedy: sampled runs the plan optimises over (default 1000; "
                    "each is held in memory)");
  plan->add_option("--budget", budget,
                   "How many cities to pick (with --target-probability: at most)")
      ->required();
  plan->add_option("--method", method,
                   "rr: reverse-reachable sampling, within 1 - 1/e - 0.1 of the best plan with "
                   "probability 1 - 1/cities (default); greedy: greedy on --runs sampled runs");
  plan->add_option("--check-runs", check_runs,
                   "Cross-check the plan's value by this many independent forward runs (default 0: "
                   "none)");
  plan->add_option("--exclude", exclude,
                   "What if this city declines? Re-plan with it declining (id or \"Name, CC\"); "
                   "repeat or list");
  static CLI::Option* target_probability_opt = plan->add_option(
      "--target-probability", target_probability,
      "The fewest letters (at most --budget) whose forward estimate of P(at least --members "
      "endorsing UN member states) reaches this probability");
  static CLI::Option* members_opt = plan->add_option(
      "--members", members,
      "With --target-probability: endorsing UN member states wanted (default: the campaign's "
      "majority needed, else 97)");
  add_json_flag(plan, ctx);
  plan->callback([&ctx] {
    auto& store = ctx.store();
    network::PlanOptions o;
    const campaign::ModelStart start = fill_model_options(store, pl, o);
    o.method = with_option_names([&] { return network::parse_plan_method(method, "method"); });
    o.exclude = resolve_all(store, exclude, "--exclude");
    o.check_runs = check_runs;
    o.budget = budget;
    if (target_probability_opt->count() > 0) o.target_probability = target_probability;
    o.members = given(members_opt, members).value_or(start.majority_needed.value_or(o.members));
    auto r = with_option_names([&] { return network::plan(store, o); });
    if (ctx.json) return ctx.print_json(r);
    print_plan(r, o);
  });
}

}  // namespace twinning::cli
