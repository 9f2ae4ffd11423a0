// The reads of campaigns, the one way both faces (CLI and HTTP API) see
// them: finding a campaign, listing them, and one campaign with its
// contacted cities and ministries.
//
// Access: a campaign is the movement's public data — anyone may read a
// campaign, its contacts, its ministries' stances (the HTTP API serves them
// to anonymous callers). The register is not public: a letter behind a
// contact or a stance (the letter that reached a city, its reply, a
// ministry's evidence) is named only where the actor may read it
// (letters::letter_readable); elsewhere its id is hidden.
#pragma once

#include <set>
#include <string_view>
#include <vector>

#include "campaign/campaign_permissions.h"
#include "model/campaign.h"
#include "store/store.h"

namespace twinning::campaign {

// The campaign named by code or id (a code first: campaign "2014" is found
// by its code before campaign #2014). Throws Error(kNotFound) naming `field`.
Campaign find_campaign(store::Store& store, std::string_view reference,
                       std::string_view field = "campaign");

// Campaign `id`. Throws Error(kNotFound) naming "campaign".
Campaign get_campaign(store::Store& store, CampaignId id);

// Every campaign, in the order they were created.
std::vector<Campaign> list_campaigns(store::Store& store);

// One campaign as its page shows it.
struct CampaignView {
  Campaign campaign;
  // Every contacted city, by wave then city id; letter_id 0 and reply_letter_id empty
  // where the actor may not read that letter.
  std::vector<CampaignContact> contacts;
  // Every country with a recorded stance; evidence_letter_id empty where
  // the actor may not read the evidence.
  std::vector<CountryStance> countries;
  std::set<CityId> overdue;  // contacts awaiting a reply past its date, today
  CampaignPermissions can;   // what the actor may do in the campaign
};

CampaignView campaign_view(store::Store& store, const Campaign& campaign);

}  // namespace twinning::campaign
