// The worked example of PRODUCT.md section 2, loaded by `twinning demo`: the
// 2013 appeal of Volgograd and Coventry for a UN General Assembly resolution
// declaring 2014 the Year of the International Twin Cities Movement.
//
// It records only what the seed letter states: Volgograd's requisites and
// its former names, the Coventry–Stalingrad link with its history (first
// contacts in autumn 1941, "bonds of friendship" on 1944-06-10), the two
// offices, Volgograd's circular letter No 19-024/125рс of 2013-09-06 to its
// twins and Coventry's same letter to its own, and the campaign with its four
// asks. No reply or endorsement is invented. A simulated course of replies is
// a separate, clearly labelled campaign (simulate_2013).
#pragma once

#include <cstdint>
#include <string>

#include "letters/letter_template.h"
#include "model/campaign.h"
#include "store/store.h"

namespace twinning::campaign {

inline constexpr const char* kDemoCampaignCode = "un-year-2014";
inline constexpr const char* kSimulatedCampaignCode = "un-year-2014-simulated";

struct DemoReport {
  bool already_loaded = false;  // the demo campaign existed; nothing was written
  bool imported_world = false;  // the registry was empty: the world list was imported
  CampaignId campaign = 0;
  int letters_registered = 0;
  int cities_contacted = 0;
};

// Loads the scenario in one transaction. If the registry has no city named
// Volgograd, RU, imports `world_csv` (the bundled Wikipedia list) first.
// Idempotent: a second call reports already_loaded and writes nothing.
// Throws Error(kNotFound) if the world list is needed but unreadable, and
// as the use cases it calls.
DemoReport load_demo_2013(store::Store& store, const letters::TemplateLibrary& templates,
                          const std::string& world_csv);

struct SimulationOptions {
  double comply = 0.35;  // the forecast model's p: a reached city replies and forwards
  double endorse = 0.5;  // the model's q: a complying city's ministry ask succeeds
  std::uint64_t rng = 1;
  int max_waves = 6;
};

struct SimulationReport {
  CampaignId campaign = 0;
  int replies = 0;
  int forwards = 0;
  int endorsements = 0;
};

// Plays a simulated course of the 2013 campaign under the compliance-cascade
// model as a separate campaign titled "SIMULATED — …" (code
// kSimulatedCampaignCode), with its own simulated letters marked as such.
// Requires the demo to be loaded. Throws Error(kConflict) if the simulation
// exists, Error(kNotFound) without the demo.
SimulationReport simulate_2013(store::Store& store, const letters::TemplateLibrary& templates,
                               const SimulationOptions& options);

}  // namespace twinning::campaign
