#include "model/campaign_json.h"

#include "model/model_json.h"

namespace twinning {
namespace {

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void to_json(nlohmann::json& j, const Campaign& c) {
  j = {{"id", c.id},
       {"code", c.code},
       {"title", c.title},
       {"titles", c.titles},
       {"initiative", c.initiative},
       {"asks", c.asks},
       {"originators", c.originators},
       {"template", c.template_name},
       {"target", c.target},
       {"majority_needed", c.majority_needed},
       {"member_states", c.member_states},
       {"starts_on", opt(c.starts_on)},
       {"ends_on", opt(c.ends_on)},
       {"reply_days", c.reply_days}};
}

void to_json(nlohmann::json& j, const CampaignContact& c) {
  j = {{"city_id", c.city_id},
       {"state", contact_state_name(c.state)},
       {"wave", c.wave},
       {"referred_by", opt(c.referred_by)},
       {"letter_id", c.letter_id},
       {"sent_on", opt(c.sent_on)},
       {"received_on", opt(c.received_on)},
       {"replied_on", opt(c.replied_on)},
       {"forwarded_on", opt(c.forwarded_on)},
       {"reply_due", opt(c.reply_due)},
       {"reply_letter_id", opt(c.reply_letter_id)},
       {"stance", c.stance ? nlohmann::json(reply_stance_name(*c.stance)) : nlohmann::json()},
       {"reminders", c.reminders},
       {"last_reminded_on", opt(c.last_reminded_on)}};
}

void to_json(nlohmann::json& j, const CountryStance& s) {
  j = {{"country", s.country},
       {"state", ministry_state_name(s.state)},
       {"asked_on", opt(s.asked_on)},
       {"decided_on", opt(s.decided_on)},
       {"evidence_letter_id", opt(s.evidence_letter_id)},
       {"notes", s.notes}};
}

void to_json(nlohmann::json& j, const CampaignEvent& e) {
  j = {{"id", e.id},
       {"date", e.date},
       {"kind", campaign_event_kind_name(e.kind)},
       {"city_id", opt(e.city_id)},
       {"country", e.country},
       {"letter_id", opt(e.letter_id)},
       {"detail", e.detail}};
}

}  // namespace twinning
