#include "campaign/campaign_forecast.h"

#include <map>

#include "campaign/campaigns.h"
#include "model/error.h"
#include "store/campaign_store.h"
#include "store/city_store.h"

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

network::CalibrationEvidence campaign_evidence(store::Store& store, CampaignId id,
                                               const PartialDate& today) {
  store::CampaignStore campaigns(store);
  auto campaign = campaigns.get(id);
  if (!campaign) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  network::CalibrationEvidence e;
  std::vector<CityId> asking = campaign->originators;
  for (const auto& c : campaigns.contacts(id)) {
    const bool supports = c.stance == ReplyStance::kSupports;
    if (supports || c.stance == ReplyStance::kDeclines || reply_overdue(c, today)) {
      ++e.city_answers;
      if (supports) {
        ++e.city_complied;
        asking.push_back(c.city_id);
      }
    }
  }
  std::map<std::string, int> asks;  // per country: its complying cities
  for (const auto& city : store::CityStore(store).summaries(asking)) ++asks[city.country];
  for (const auto& s : campaigns.countries(id)) {
    const bool silent =
        s.state == MinistryState::kAsked && s.asked_on &&
        days_since_epoch(today) - days_since_epoch(*s.asked_on) > campaign->reply_days;
    if (s.state != MinistryState::kEndorsed && s.state != MinistryState::kDeclined && !silent) {
      continue;
    }
    auto it = asks.find(s.country);
    e.ministries.push_back(
        {it == asks.end() ? 1 : it->second, s.state == MinistryState::kEndorsed});
  }
  return e;
}

ModelStart model_start(store::Store& store, std::vector<CityId> seeds, std::string_view campaign,
                       std::string_view seeds_field, std::string_view campaign_field) {
  ModelStart start;
  start.seeds = std::move(seeds);
  if (!campaign.empty()) {
    Campaign c = find_campaign(store, campaign, campaign_field);
    start.campaign_revision = store::CampaignStore(store).latest_event_id(c.id);
    start.state = campaign_model_state(store, c.id);
    start.evidence = campaign_evidence(store, c.id, today_utc());
    start.majority_needed = c.majority_needed;
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
