// The bridge from a running campaign to the compliance-cascade model
// (network/forecast.h): what the campaign already knows, in the model's
// terms, so that a forecast or plan starts from the actual state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/campaign.h"
#include "network/cascade_model.h"
#include "store/store.h"

namespace twinning::campaign {

// The campaign's state for the model:
// - complying: contacted cities whose reply supports the initiative (they
//   act as seeds: they forward and ask their ministry);
// - declined: contacted cities whose reply declines (informed, never comply);
// - endorsed / declined countries: ministries that answered.
// Cities still silent or undecided stay open: the cascade informs them and
// they comply with probability p, as in the model. Throws Error(kNotFound).
network::CampaignState campaign_model_state(store::Store& store, CampaignId id);

// Where a forecast or plan starts: its seeds and the campaign state.
struct ModelStart {
  std::vector<CityId> seeds;
  network::CampaignState state;
  // The campaign's revision when its state was read (its latest event id;
  // 0 without a campaign): read before the state, so that an answer kept
  // under it is never staler than it says.
  std::int64_t campaign_revision = 0;
};

// The start of a forecast or plan from `seeds` (city ids) and, when
// `campaign` (a code or id) is not empty, that campaign's state — and its
// originators as the seeds when `seeds` is empty. Throws Error(kNotFound)
// naming `campaign_field` for an unknown campaign, Error(kInvalidInput)
// naming `seeds_field` when there are neither seeds nor a campaign.
ModelStart model_start(store::Store& store, std::vector<CityId> seeds, std::string_view campaign,
                       std::string_view seeds_field, std::string_view campaign_field);

}  // namespace twinning::campaign
