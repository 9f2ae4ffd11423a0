// CLI commands of network analytics: reach, chain, network (bridges,
// centrality, the hidden edges export and calibration study); forecast and
// plan are registered from forecast_commands.cpp.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "cli/network_cli.h"
#include "network/calibration_study.h"
#include "network/network_json.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

using network_cli::cities_text;
using network_cli::default_threads;
using network_cli::fixed;
using network_cli::given;
using network_cli::resolve_all;
using network_cli::with_option_names;

std::string countries_text(const std::vector<network::CountryRef>& countries, bool names) {
  std::string s;
  for (const auto& c : countries) {
    s += (s.empty() ? "" : names ? ", " : " ") + c.iso2;
    if (names) s += " " + c.name;
  }
  return s;
}

// chain names its cities by position.
const std::map<std::string, std::string>& chain_argument_names() {
  static const std::map<std::string, std::string> names = {
      {"from", "CITY"}, {"to", "TARGET"}, {"country", "--country"}};
  return names;
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

}  // namespace

void add_network_commands(CLI::App& app, Context& ctx) {
  // reach
  struct ReachArguments {
    std::vector<std::string> from;
    int hops = 0;
    CLI::Option* hops_option = nullptr;
  };
  auto ra = std::make_shared<ReachArguments>();
  auto* reach = app.add_subcommand(
      "reach", "Cities and countries reached from cities at each hop; UN members out of reach");
  reach->add_option("--from", ra->from, "Originating city (id or \"Name, CC\"); repeat or list")
      ->required();
  ra->hops_option =
      reach->add_option("--hops", ra->hops, "Stop after this many hops (default: no limit)");
  add_json_flag(reach, ctx);
  reach->callback([&ctx, ra] {
    auto& store = ctx.store();
    std::vector<CityId> from = resolve_all(store, ra->from, "--from");
    const std::optional<int> hops = given(ra->hops_option, ra->hops);
    auto r = with_option_names([&] { return network::reach(store, from, hops); });
    if (ctx.json) return ctx.print_json(r);
    print_reach(r, hops);
  });

  // chain
  struct ChainArguments {
    std::string from, to, country;
    bool all = false;
  };
  auto ca = std::make_shared<ChainArguments>();
  auto* chain = app.add_subcommand(
      "chain", "Shortest chain of introductions from a city to a city or a country");
  chain->add_option("CITY", ca->from, "Start city (id or \"Name, CC\")")->required();
  chain->add_option("TARGET", ca->to, "Target city (id or \"Name, CC\")");
  chain->add_option("--country", ca->country, "Target country (ISO 3166-1 alpha-2)");
  chain->add_flag("--all", ca->all,
                  "All equally short chains (at most " + std::to_string(network::kMaxChains) + ")");
  add_json_flag(chain, ctx);
  chain->callback([&ctx, ca] {
    auto& store = ctx.store();
    CityId from = registry::resolve_city(store, ca->from, "CITY");
    network::ChainTarget target;
    if (!ca->to.empty()) target.city = registry::resolve_city(store, ca->to, "TARGET");
    target.country = ca->country;
    auto r = with_option_names([&] { return network::chain(store, from, target, ca->all); },
                               chain_argument_names());
    if (ctx.json) return ctx.print_json(r);
    print_chain(r);
  });

  // network bridges | centrality | edges
  auto* net = app.add_subcommand("network", "Bridge cities, centrality and components");
  net->require_subcommand(1);
  struct BridgesArguments {
    std::vector<std::string> from;
    int hops = 0, top = 10;
    CLI::Option* hops_option = nullptr;
  };
  auto ba = std::make_shared<BridgesArguments>();
  auto* br = net->add_subcommand(
      "bridges", "Cities whose inclusion opens the most UN member states not yet reached");
  br->add_option("--from", ba->from,
                 "Originating city (id or \"Name, CC\"); reached cities and their countries "
                 "count as covered (default: none)");
  ba->hops_option =
      br->add_option("--hops", ba->hops, "Count as reached only cities this many hops away");
  br->add_option("--top", ba->top, "How many cities (default 10)");
  add_json_flag(br, ctx);
  br->callback([&ctx, ba] {
    auto& store = ctx.store();
    std::vector<CityId> from = resolve_all(store, ba->from, "--from");
    auto r = with_option_names([&] {
      return network::bridges(store, from, given(ba->hops_option, ba->hops), ba->top);
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

  struct CentralityArguments {
    int top = 10;
    int threads = default_threads();
  };
  auto ce = std::make_shared<CentralityArguments>();
  auto* cen =
      net->add_subcommand("centrality", "Degree and betweenness of cities; connected components");
  cen->add_option("--top", ce->top, "How many cities and components (default 10)");
  cen->add_option("--threads", ce->threads, "Worker threads (default: all cores)");
  add_json_flag(cen, ctx);
  cen->callback([&ctx, ce] {
    auto r = with_option_names(
        [&] { return network::centrality(ctx.store(), ce->top, ce->threads); });
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
  struct StudyArguments {
    std::vector<std::string> seeds;
    network::CalibrationStudyOptions study;
  };
  auto sa = std::make_shared<StudyArguments>();
  network::CalibrationStudyOptions& study = sa->study;
  auto* st = net->add_subcommand(
      "calibration-study",
      "Simulated campaigns with hidden p and q, answers revealed in waves: coverage of the "
      "credible intervals and the forecast's error per wave");
  st->group("");
  st->add_option("--seed", sa->seeds, "Originating city (id or \"Name, CC\")")->required();
  st->add_option("--campaigns", study.campaigns, "Simulated campaigns (default 200)");
  st->add_option("--waves", study.waves, "Waves by hops before the final one (default 4)");
  st->add_option("--runs", study.forecast_runs, "Runs of each forecast (default 512)");
  st->add_option("--prior-strength", study.prior_strength, "Weight of the priors (default 4)");
  st->add_flag("--from-prior", study.hidden_from_prior,
               "Draw the hidden p and q from the priors, not uniformly from 0.2-0.5 and 0.3-0.7");
  st->add_option("--rng", study.rng, "Random seed (default 1)");
  st->add_option("--threads", study.threads, "Worker threads (default 1)");
  add_json_flag(st, ctx);
  st->callback([&ctx, sa] {
    auto& store = ctx.store();
    sa->study.seeds = resolve_all(store, sa->seeds, "--seed");
    auto r = with_option_names([&] {
      return network::calibration_study(network::load_twin_graph(store), sa->study);
    });
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

  network_cli::add_forecast_commands(app, ctx);
}

}  // namespace twinning::cli
