#include "campaign/campaign_letters.h"

#include <algorithm>

#include "campaign/campaign_permissions.h"
#include "letters/correspondence.h"
#include "letters/letter_access.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "store/campaign_store.h"
#include "store/link_store.h"

namespace twinning::campaign {

std::vector<CityId> active_twins(store::Store& store, CityId city) {
  std::vector<CityId> out;
  for (const auto& p : store::LinkStore(store).partners(city)) {
    if (p.link.status == LinkStatus::kActive) out.push_back(p.city_id);
  }
  return out;
}

std::string_view contact_bar_code(ContactBar::Kind kind) {
  switch (kind) {
    case ContactBar::Kind::kNone: return "";
    case ContactBar::Kind::kOriginator: return "originator";
    case ContactBar::Kind::kAlreadyContacted: return "already_contacted";
  }
  return "";
}

ContactBar contact_bar(store::Store& store, const Campaign& c, CityId target) {
  if (std::find(c.originators.begin(), c.originators.end(), target) != c.originators.end()) {
    return {ContactBar::Kind::kOriginator, std::nullopt};
  }
  if (auto existing = store::CampaignStore(store).contact(c.id, target)) {
    return {ContactBar::Kind::kAlreadyContacted, existing->referred_by};
  }
  return {};
}

std::string contact_bar_text(store::Store& store, const ContactBar& bar) {
  switch (bar.kind) {
    case ContactBar::Kind::kNone: return "";
    case ContactBar::Kind::kOriginator: return "originator of this campaign";
    case ContactBar::Kind::kAlreadyContacted:
      return "already contacted by " +
             (bar.contacted_by ? registry::city_label(store, *bar.contacted_by) : "?");
  }
  return "";
}

std::string reason_not_to_contact(store::Store& store, const Campaign& c, CityId target) {
  return contact_bar_text(store, contact_bar(store, c, target));
}

std::vector<LetterCampaignStep> campaign_steps_for_letter(store::Store& store, LetterId letter) {
  std::vector<LetterCampaignStep> out;
  store::CampaignStore campaigns(store);
  for (const Campaign& c : campaigns.list()) {
    for (const CampaignContact& k : campaigns.contacts(c.id)) {
      if (k.letter_id != letter || !may_record_for_city(store, k.city_id)) continue;
      LetterCampaignStep s{c, k.city_id, k.state,
                           contact_transition_allowed(k.state, ContactState::kReplied),
                           contact_transition_allowed(k.state, ContactState::kForwarded)};
      if (s.record_reply || s.record_forward) out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<ForwardCandidate> forward_candidates(store::Store& store, CampaignId campaign,
                                                 CityId city) {
  if (!may_record_for_city(store, city)) {
    throw Error(ErrorCode::kForbidden, "you may record answers of your own city only");
  }
  store::CampaignStore campaigns(store);
  auto c = campaigns.get(campaign);
  if (!c) throw_not_found("no campaign with id " + std::to_string(campaign), "campaign");
  if (!campaigns.contact(campaign, city)) {
    throw_not_found(registry::city_label(store, city) + " has not been contacted in this campaign",
                    "city");
  }
  std::vector<ForwardCandidate> out;
  for (CityId twin : active_twins(store, city)) {
    ContactBar bar = contact_bar(store, *c, twin);
    out.push_back({twin, bar, contact_bar_text(store, bar)});
  }
  return out;
}

bool linkable_template(std::string_view template_name) {
  return template_name == "forward" || template_name == "reminder";
}

std::vector<Campaign> campaigns_for_template(store::Store& store, std::string_view template_name) {
  if (!linkable_template(template_name)) return {};
  return store::CampaignStore(store).list();
}

void link_letter(store::Store& store, CampaignId campaign, LetterId letter) {
  store.db().write_transaction([&] {
    store::CampaignStore campaigns(store);
    auto c = campaigns.get(campaign);
    if (!c) throw_not_found("no campaign with id " + std::to_string(campaign), "campaign");
    letters::LetterView v = letters::letter_view(store, letter);
    letters::require_writer_for_city(store.actor(), v.office.city_id);
    if (!linkable_template(v.letter.template_name)) {
      throw_invalid(
          "only letters from the forward or reminder template can be linked to a "
          "campaign; this one uses \"" +
              v.letter.template_name + "\"",
          "campaign");
    }
    for (const CampaignEvent& e : campaigns.events(campaign)) {
      if (e.kind == CampaignEventKind::kLetterLinked && e.letter_id == letter) {
        throw_conflict("the letter is already linked to campaign " + c->code, "campaign");
      }
    }
    CampaignEvent e;
    e.date = v.letter.date.value_or(today_utc());
    e.kind = CampaignEventKind::kLetterLinked;
    e.city_id = v.office.city_id;
    e.letter_id = letter;
    e.detail = v.letter.number.empty() ? "draft" : v.letter.number;
    campaigns.add_event(campaign, e);
  });
}

}  // namespace twinning::campaign
