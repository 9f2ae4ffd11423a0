#include "campaign/campaign_reads.h"

#include "campaign/campaign_status.h"
#include "letters/letter_reading.h"
#include "model/error.h"
#include "model/text.h"
#include "store/campaign_store.h"

namespace twinning::campaign {

Campaign find_campaign(store::Store& store, std::string_view reference, std::string_view field) {
  std::string ref(trim(reference));
  store::CampaignStore campaigns(store);
  if (auto c = campaigns.find_by_code(ref)) return *c;
  if (auto id = id_in(ref)) {
    if (auto c = campaigns.get(*id)) return *c;
  }
  throw_not_found("no campaign '" + ref + "'", std::string(field));
}

Campaign get_campaign(store::Store& store, CampaignId id) {
  auto c = store::CampaignStore(store).get(id);
  if (!c) throw_not_found("no campaign with id " + std::to_string(id), "campaign");
  return *c;
}

std::vector<Campaign> list_campaigns(store::Store& store) {
  return store::CampaignStore(store).list();
}

CampaignView campaign_view(store::Store& store, const Campaign& campaign) {
  store::CampaignStore campaigns(store);
  CampaignView view;
  view.campaign = campaign;
  view.contacts = campaigns.contacts(campaign.id);
  for (auto& k : view.contacts) {
    if (!letters::letter_readable(store, k.letter_id)) k.letter_id = 0;
    if (k.reply_letter_id && !letters::letter_readable(store, *k.reply_letter_id)) {
      k.reply_letter_id.reset();
    }
  }
  view.countries = campaigns.countries(campaign.id);
  for (auto& c : view.countries) {
    if (c.evidence_letter_id && !letters::letter_readable(store, *c.evidence_letter_id)) {
      c.evidence_letter_id.reset();
    }
  }
  view.overdue = overdue_cities(store, campaign.id, today_utc());
  view.can = campaign_permissions(store);
  return view;
}

}  // namespace twinning::campaign
