#include "campaign/campaign_steps.h"

#include "campaign/campaign_permissions.h"
#include "model/error.h"
#include "registry/city_lookup.h"

namespace twinning::campaign {

void require_coordinator(const store::Store& store) {
  if (!may_run_campaigns(store)) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may run a campaign");
  }
}

void require_city_writer(const store::Store& store, CityId city) {
  if (may_record_for_city(store, city)) return;
  throw Error(ErrorCode::kForbidden, "you may record answers of your own city only");
}

void require_country_writer(store::Store& store, const std::string& country) {
  if (may_record_for_country(store, country)) return;
  throw Error(ErrorCode::kForbidden,
              "you may record the foreign-ministry answer of your own city's country only");
}

store::CampaignStore campaign_store(store::Store& store) { return store::CampaignStore(store); }

CampaignContact require_contact(store::Store& store, CampaignId id, CityId city) {
  auto c = campaign_store(store).contact(id, city);
  if (!c) {
    throw_not_found(registry::city_label(store, city) + " has not been contacted in this campaign",
                    "city");
  }
  return *c;
}

void check_transition(store::Store& store, const CampaignContact& c, ContactState to) {
  if (contact_transition_allowed(c.state, to)) return;
  throw_conflict(registry::city_label(store, c.city_id) + " is " +
                     std::string(contact_state_name(c.state)) + "; it cannot become " +
                     std::string(contact_state_name(to)),
                 "city");
}

PartialDate add_days(const PartialDate& d, int days) {
  return date_from_days(days_since_epoch(d) + days);
}

void add_event(store::Store& store, CampaignId id, const PartialDate& date, CampaignEventKind kind,
               std::optional<CityId> city, std::string country, std::optional<LetterId> letter,
               std::string detail) {
  campaign_store(store).add_event(
      id, CampaignEvent{0, date, kind, city, std::move(country), letter, std::move(detail)});
}

}  // namespace twinning::campaign
