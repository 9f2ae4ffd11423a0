#include "campaign/campaign_forecast.h"

#include "model/error.h"
#include "store/campaign_store.h"

namespace twinning::campaign {

network::CampaignState campaign_model_state(store::Store& store, CampaignId id) {
  store::CampaignStore campaigns(store);
  if (!campaigns.get(id)) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  network::CampaignState state;
  for (const auto& c : campaigns.contacts(id)) {
    if (!c.stance) continue;
    if (*c.stance == ReplyStance::kSupports) state.complying.push_back(c.city_id);
    if (*c.stance == ReplyStance::kDeclines) state.declined.push_back(c.city_id);
  }
  for (const auto& s : campaigns.countries(id)) {
    if (s.state == MinistryState::kEndorsed) state.endorsed_countries.push_back(s.country);
    if (s.state == MinistryState::kDeclined) state.declined_countries.push_back(s.country);
  }
  return state;
}

}  // namespace twinning::campaign
