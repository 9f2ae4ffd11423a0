// CLI command `demo`: the 2013 appeal of Volgograd and Coventry loaded as a
// worked example, optionally with a simulated course of replies
// (campaign/demo_2013.h).
#include <iostream>
#include <memory>
#include <string>

#include "campaign/demo_2013.h"
#include "cli/cli_context.h"

namespace twinning::cli {

void add_demo_commands(CLI::App& app, Context& ctx) {
  struct DemoOpts {
    bool simulate = false;
    std::string world = std::string(TWINNING_SOURCE_DIR) + "/data/twin_cities_wikipedia.csv";
    double comply = 0.35, endorse = 0.5;
    std::uint64_t rng = 1;
  };
  auto d = std::make_shared<DemoOpts>();
  auto* demo = app.add_subcommand(
      "demo", "Load the 2013 appeal of Volgograd and Coventry as a worked example");
  demo->add_flag("--simulate", d->simulate,
                 "Also play a simulated course of replies as a separate, labelled campaign");
  demo->add_option("--world", d->world, "World twin-city list to import if the registry is empty");
  demo->add_option("--comply", d->comply, "Simulation: probability a reached city complies")
      ->check(CLI::Range(0.0, 1.0));
  demo->add_option("--endorse", d->endorse, "Simulation: probability a ministry ask succeeds")
      ->check(CLI::Range(0.0, 1.0));
  demo->add_option("--rng", d->rng, "Simulation: random seed");
  add_templates_option(demo, ctx);
  add_json_flag(demo, ctx);
  demo->callback([&ctx, d] {
    auto& store = ctx.store();
    auto r = campaign::load_demo_2013(store, ctx.templates(), d->world);
    nlohmann::json out = {{"campaign", campaign::kDemoCampaignCode},
                          {"already_loaded", r.already_loaded},
                          {"imported_world", r.imported_world},
                          {"letters_registered", r.letters_registered},
                          {"cities_contacted", r.cities_contacted}};
    if (d->simulate) {
      campaign::SimulationOptions o;
      o.comply = d->comply;
      o.endorse = d->endorse;
      o.rng = d->rng;
      auto s = campaign::simulate_2013(store, ctx.templates(), o);
      out["simulation"] = {{"campaign", campaign::kSimulatedCampaignCode},
                           {"replies", s.replies},
                           {"forwards", s.forwards},
                           {"endorsements", s.endorsements}};
    }
    if (ctx.json) return ctx.print_json(out);
    if (r.already_loaded) {
      std::cout << "the 2013 demo is already loaded (campaign " << campaign::kDemoCampaignCode
                << ")\n";
    } else {
      std::cout << "loaded the 2013 demo: campaign " << campaign::kDemoCampaignCode << ", "
                << r.letters_registered << " letters registered to " << r.cities_contacted
                << " twin cities" << (r.imported_world ? " (world list imported first)" : "")
                << "\n";
    }
    if (d->simulate) {
      std::cout << "SIMULATED campaign " << campaign::kSimulatedCampaignCode << ": "
                << out["simulation"]["replies"] << " simulated replies, "
                << out["simulation"]["endorsements"] << " simulated endorsements\n";
    }
  });
}

}  // namespace twinning::cli
