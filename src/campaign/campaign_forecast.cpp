#include "campaign/campaign_forecast.h"

#include "campaign/campaigns.h"
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

ModelStart model_start(store::Store& store, std::vector<CityId> seeds, std::string_view campaign,
                       std::string_view seeds_field, std::string_view campaign_field) {
  ModelStart start{std::move(seeds), {}};
  if (!campaign.empty()) {
    Campaign c = find_campaign(store, campaign, campaign_field);
    start.campaign_revision = store::CampaignStore(store).latest_event_id(c.id);
    start.state = campaign_model_state(store, c.id);
    if (start.seeds.empty()) start.seeds = c.originators;
  }
  if (start.seeds.empty()) {
    throw_invalid("name the originating cities with " + std::string(seeds_field) + ", or a " +
                      std::string(campaign_field),
                  std::string(seeds_field));
  }
  return start;
}

}  // namespace twinning::campaign
