// A small twin network for campaign tests, with the offices the originators
// write from:
//
//   Volgograd (RU) — Cologne (DE), Hiroshima (JP), Ruse (BG)
//   Coventry (GB)  — Cologne (DE), Kiel (DE), Dresden (DE)
//   Cologne (DE)   — Lille (FR), Turin (IT)   (besides the two originators)
//
// Offices: "volgograd" (19-024/{seq}рс) and "coventry" (CCC/{yyyy}/{seq}).
#pragma once

#include <optional>

#include "letters/letter_template.h"
#include "model/actor.h"
#include "model/campaign.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::testing {

struct CampaignWorld {
  CityId volgograd = 0, coventry = 0, cologne = 0, hiroshima = 0, ruse = 0, kiel = 0,
         dresden = 0, lille = 0, turin = 0;
  OfficeId volgograd_office = 0, coventry_office = 0;
};

// Creates the network above. Precondition: reference countries loaded.
CampaignWorld add_campaign_world(store::Store& store);

// A campaign "test" from both originators with the generic letter
// template, reply_days 30.
CampaignId add_test_campaign(store::Store& store, const CampaignWorld& w);

// The shipped templates (templates/ of the source tree).
letters::TemplateLibrary shipped_templates();

// An actor of `role`, bound to `city` for a correspondent.
Actor actor_of(Role role, std::optional<CityId> city = std::nullopt);

}  // namespace twinning::testing
