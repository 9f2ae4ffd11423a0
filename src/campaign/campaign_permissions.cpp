#include "campaign/campaign_permissions.h"

#include "store/city_store.h"

namespace twinning::campaign {
namespace {

// The country of a correspondent's bound city, "" for anyone else.
std::string correspondent_country(store::Store& store) {
  const Actor& a = store.actor();
  if (a.role != Role::kCorrespondent || !a.city) return "";
  auto city = store::CityStore(store).get(*a.city);
  return city ? city->country : "";
}

}  // namespace

bool may_run_campaigns(const store::Store& store) {
  Role r = store.actor().role;
  return r == Role::kAdmin || r == Role::kCoordinator;
}

bool may_record_for_city(const store::Store& store, CityId city) {
  if (may_run_campaigns(store)) return true;
  const Actor& a = store.actor();
  return a.role == Role::kCorrespondent && a.city && *a.city == city;
}

bool may_record_for_country(store::Store& store, const std::string& country) {
  if (may_run_campaigns(store)) return true;
  std::string own = correspondent_country(store);
  return !own.empty() && own == country;
}

CampaignPermissions campaign_permissions(store::Store& store) {
  CampaignPermissions p;
  bool runs = may_run_campaigns(store);
  p.send = p.remind = p.correct_ministry_answer = runs;
  const Actor& a = store.actor();
  p.record_city_answers = runs || (a.role == Role::kCorrespondent && a.city.has_value());
  if (!runs) p.ministry_country = correspondent_country(store);
  p.record_ministry_answer = runs || !p.ministry_country.empty();
  return p;
}

}  // namespace twinning::campaign
