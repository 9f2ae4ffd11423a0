// The bridge from a running campaign to the compliance-cascade model
// (network/forecast.h): what the campaign already knows, in the model's
// terms, so that a forecast or plan starts from the actual state.
#pragma once

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

}  // namespace twinning::campaign
