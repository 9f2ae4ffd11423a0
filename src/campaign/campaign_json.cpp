#include "campaign/campaign_json.h"

#include "campaign/campaign_status.h"
#include "model/campaign_json.h"
#include "model/letter_json.h"
#include "store/city_store.h"

namespace twinning::campaign {

nlohmann::json city_json(store::Store& store, CityId id, CityFields fields) {
  auto s = store::CityStore(store).summaries({id});
  if (s.empty()) return {{"id", id}};
  if (fields == CityFields::kNameAndCoordinates) return s[0];  // store's CitySummary form
  return {{"id", id}, {"name", s[0].name}, {"country", s[0].country}};
}

nlohmann::json campaign_refs_json(const std::vector<Campaign>& campaigns) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : campaigns) out.push_back({{"code", c.code}, {"title", c.title}});
  return out;
}

nlohmann::json letter_steps_json(store::Store& store, const std::vector<LetterCampaignStep>& steps) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : steps) {
    out.push_back({{"campaign", {{"code", s.campaign.code}, {"title", s.campaign.title}}},
                   {"city", city_json(store, s.city_id)},
                   {"state", contact_state_name(s.state)},
                   {"record_reply", s.record_reply},
                   {"record_forward", s.record_forward}});
  }
  return out;
}

nlohmann::json forward_candidates_json(store::Store& store,
                                       const std::vector<ForwardCandidate>& candidates) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : candidates) {
    const bool barred = c.bar.kind != ContactBar::Kind::kNone;
    out.push_back({{"city", city_json(store, c.city_id)},
                   {"reason", barred ? nlohmann::json(c.reason) : nlohmann::json(nullptr)},
                   {"reason_code", barred ? nlohmann::json(contact_bar_code(c.bar.kind))
                                          : nlohmann::json(nullptr)},
                   {"contacted_by", c.bar.contacted_by ? city_json(store, *c.bar.contacted_by)
                                                       : nlohmann::json(nullptr)}});
  }
  return out;
}

nlohmann::json wave_json(store::Store& store, const WaveResult& w) {
  nlohmann::json sent = nlohmann::json::array(), skipped = nlohmann::json::array();
  for (const auto& s : w.sent) {
    sent.push_back({{"city", city_json(store, s.city_id)},
                    {"from", city_json(store, s.from)},
                    {"letter_id", s.letter_id},
                    {"number", s.number}});
  }
  for (const auto& s : w.skipped) {
    skipped.push_back({{"city", city_json(store, s.city_id)}, {"reason", s.reason}});
  }
  return {{"sent", sent}, {"skipped", skipped}};
}

nlohmann::json campaign_detail_json(store::Store& store, const CampaignView& view,
                                    CityFields fields) {
  nlohmann::json contacts = nlohmann::json::array();
  for (const auto& k : view.contacts) {
    nlohmann::json j = k;
    if (k.letter_id == 0) j["letter_id"] = nullptr;
    j["city"] = city_json(store, k.city_id, fields);
    j["overdue"] = view.overdue.count(k.city_id) > 0;
    contacts.push_back(std::move(j));
  }
  return {{"campaign", view.campaign},
          {"contacts", contacts},
          {"countries", view.countries},
          {"can", permissions_json(view.can)}};
}

nlohmann::json chain_json(store::Store& store, const std::vector<CityId>& chain) {
  nlohmann::json j = nlohmann::json::array();
  for (CityId id : chain) j.push_back(city_json(store, id));
  return j;
}

nlohmann::json reminders_json(store::Store& store, const std::vector<Reminder>& reminders) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& r : reminders) {
    j.push_back({{"city", city_json(store, r.city_id)},
                 {"original_letter_id", r.original},
                 {"original_number", r.original_number},
                 {"original_date", r.original_date.to_string()},
                 {"reminder_letter_id", r.reminder},
                 {"number", r.number}});
    if (r.preview && r.office) {
      j.back()["preview"] = {
          {"letter", *r.preview},
          {"office", {{"id", r.office->id}, {"code", r.office->code}, {"name", r.office->name}}},
          {"next_number", r.next_number}};
    }
  }
  return j;
}

nlohmann::json permissions_json(const CampaignPermissions& p) {
  return {{"send", p.send},
          {"remind", p.remind},
          {"record_city_answers", p.record_city_answers},
          {"record_ministry_answer", p.record_ministry_answer},
          {"correct_ministry_answer", p.correct_ministry_answer},
          {"ministry_country", p.ministry_country.empty() ? nlohmann::json(nullptr)
                                                          : nlohmann::json(p.ministry_country)}};
}

nlohmann::json country_choices_json(const std::vector<CountryChoice>& choices) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& c : choices) {
    j.push_back({{"iso2", c.iso2},
                 {"name", c.name},
                 {"name_en", c.name_en},
                 {"reached", c.reached},
                 {"state", ministry_state_name(c.state)}});
  }
  return j;
}

nlohmann::json corrected_stance_json(const CorrectedStance& c) {
  return {{"before", c.before}, {"after", c.after}};
}

nlohmann::json countries_map_json(const std::map<std::string, CountryProgress>& progress) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [iso2, p] : progress) j[iso2] = country_progress_name(p);
  return j;
}

void to_json(nlohmann::json& j, const CampaignStatus& s) {
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : s.by_region) {
    regions.push_back({{"region", r.region},
                       {"members", r.members},
                       {"reached", r.reached},
                       {"asked", r.asked},
                       {"endorsing", r.endorsing},
                       {"declined", r.declined}});
  }
  nlohmann::json over_time = nlohmann::json::array();
  for (const auto& p : s.over_time) {
    over_time.push_back({{"date", p.date.to_string()}, {"endorsing", p.endorsing}});
  }
  j = {{"campaign", s.campaign},
       {"cities_contacted", s.cities_contacted},
       {"cities_received", s.cities_received},
       {"cities_replied", s.cities_replied},
       {"cities_forwarded", s.cities_forwarded},
       {"cities_awaiting", s.cities_awaiting},
       {"cities_overdue", s.cities_overdue},
       {"max_wave", s.max_wave},
       {"countries_reached", s.countries_reached},
       {"un_members_reached", s.un_members_reached},
       {"un_members_endorsing", s.un_members_endorsing},
       {"un_members_declined", s.un_members_declined},
       {"majority_needed", s.majority_needed},
       {"member_states", s.member_states},
       {"majority_reached", s.majority_reached},
       {"endorsing", s.endorsing},
       {"asked_unanswered", s.asked_unanswered},
       {"reached_silent", s.reached_silent},
       {"by_region", regions},
       {"over_time", over_time}};
}

}  // namespace twinning::campaign
