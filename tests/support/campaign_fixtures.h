// A small twin network for campaign tests, with the offices the originators
// write from:
//
//   Volgograd (RU) — Cologne (DE), Hiroshima (JP), Ruse (BG)
//   Coventry (GB)  — Cologne (DE), Kiel (DE), Dresden (DE)
//   Cologne (DE)   — Lille (FR), Turin (IT)   (besides the two originators)
//
// Offices: "volgograd" (19-024/{seq}рс) and "coventry" (CCC/{yyyy}/{seq}).
#pragma once

#include <memory>
#include <optional>

#include <gtest/gtest.h>

#include "campaign/campaigns.h"
#include "letters/letter_template.h"
#include "model/actor.h"
#include "model/campaign.h"
#include "model/letter.h"
#include "store/campaign_store.h"
#include "store/store.h"
#include "support/test_support.h"

namespace twinning::testing {

struct CampaignWorld {
  CityId volgograd = 0, coventry = 0, cologne = 0, hiroshima = 0, ruse = 0, kiel = 0, dresden = 0,
         lille = 0, turin = 0;
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

// A fixture of the campaign use cases: a scratch SQLite store with the
// network above, the campaign "test" (`id`) not yet sent, the shipped
// templates, and d0, the day of the 2013 letter.
class CampaignWorldTest : public ::testing::Test {
 protected:
  ScratchDir dir;
  std::unique_ptr<store::Store> store = open_scratch_store(dir);
  CampaignWorld w = add_campaign_world(*store);
  CampaignId id = add_test_campaign(*store, w);
  letters::TemplateLibrary templates = shipped_templates();
  PartialDate d0 = parse_full_date("2013-09-06");

  store::CampaignStore campaigns() { return store::CampaignStore(*store); }
  // The campaign's contact with `city` (which must have been contacted).
  CampaignContact contact(CityId city) { return *campaigns().contact(id, city); }
  // Wave 1 of the campaign from both originators on d0.
  campaign::WaveResult send_all();
  // An incoming letter from `from` (a letterhead) registered by Volgograd's
  // office on 2013-11-01, subject "Answer".
  LetterId incoming_letter(const std::string& from);
};

}  // namespace twinning::testing
