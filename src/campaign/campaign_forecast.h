// The bridge from a running campaign to the compliance-cascade model
// (network/forecast.h): what the campaign already knows, in the model's
// terms, so that a forecast or plan starts from the actual state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <optional>

#include "model/campaign.h"
#include "model/partial_date.h"
#include "network/calibration.h"
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

// The campaign's answers as of `today`, as evidence for calibrating the
// model (network/calibration.h):
// - a contacted city has answered when its reply supports the initiative
//   (complied), declines it, or it is silent past its reply date
//   (reply_overdue; did not comply). Undecided replies and cities within
//   their reply time tell nothing yet.
// - a ministry has answered when it endorsed, declined, or was asked and
//   is silent more than the campaign's reply_days after it was asked (did
//   not endorse). It was asked by the complying cities of its country: the
//   supporting contacts and the originators there, at least one.
// Throws Error(kNotFound) for an unknown campaign.
network::CalibrationEvidence campaign_evidence(store::Store& store, CampaignId id,
                                               const PartialDate& today);

// Where a forecast or plan starts: its seeds and the campaign state.
struct ModelStart {
  std::vector<CityId> seeds;
  network::CampaignState state;
  // With a campaign: its answers as of today (campaign_evidence) and the
  // endorsing UN member states it needs.
  std::optional<network::CalibrationEvidence> evidence;
  std::optional<int> majority_needed;
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
