// The campaign's letters going out: the first wave from the originators,
// the copies a city forwards to its twins, the reminders of overdue replies
// (campaigns.h). Each registers its letters through letters/.
#include <algorithm>
#include <set>

#include "campaign/campaign_letters.h"
#include "campaign/campaign_steps.h"
#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "letters/language.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"

namespace twinning::campaign {
namespace {

// The registering office a city writes from: its only office, or one
// created for the campaign when it has none.
OfficeId office_for(store::Store& store, CityId city) {
  auto offices = letters::list_offices(store, city);
  if (offices.size() == 1) return offices[0].id;
  if (offices.size() > 1) return letters::office_of_city(store, city).id;  // throws ambiguous
  City c = store::CityStore(store).require(city);
  letters::OfficeRequest r;
  r.code = "city-" + std::to_string(city);
  r.city_id = city;
  r.name = c.name;
  r.outgoing_pattern = c.country + "-" + std::to_string(city) + "/{seq}";
  r.incoming_pattern = c.country + "-" + std::to_string(city) + "/IN-{seq}";
  return letters::add_office(store, r);
}

// The subject of a campaign letter in `lang` before its template is merged:
// the campaign's title in that language (exact tag, else by primary
// language), else "" so that the template gives its own subject in that
// language; send_wave falls back to the campaign's title after the merge.
std::string subject_in(const Campaign& c, const std::string& lang) {
  if (auto it = c.titles.find(lang); it != c.titles.end()) return it->second;
  for (const auto& [tag, title] : c.titles) {
    if (letters::primary_language(tag) == letters::primary_language(lang)) return title;
  }
  return "";
}

}  // namespace

WaveResult send_wave(store::Store& store, const letters::TemplateLibrary& templates, CampaignId id,
                     const SendOptions& options) {
  require_coordinator(store);
  if (!options.number.empty() && !options.circular) {
    throw_invalid("an explicit number belongs to one circular letter: add --circular", "number");
  }
  Campaign c = get_campaign(store, id);
  std::vector<CityId> origins = c.originators;
  if (options.from) {
    if (std::find(origins.begin(), origins.end(), *options.from) == origins.end()) {
      throw_invalid(
          registry::city_label(store, *options.from) + " is not an originator of this campaign",
          "from");
    }
    origins = {*options.from};
  } else if (!options.number.empty() && origins.size() > 1) {
    throw_invalid("an explicit number names one originator's letter: add --from", "number");
  }
  PartialDate date = options.date.value_or(today_utc());
  PartialDate due = add_days(date, c.reply_days);
  WaveResult result;
  store.db().write_transaction([&] {
    for (CityId origin : origins) {
      for (const auto& e : campaign_store(store).events(id)) {
        if (e.kind == CampaignEventKind::kWaveSent && e.city_id == origin) {
          throw_conflict("wave 1 from " + registry::city_label(store, origin) +
                             " was already sent on " + e.date.to_string(),
                         "from");
        }
      }
      OfficeId office = letters::office_of_city(store, origin, "from").id;
      std::vector<CityId> targets;
      for (CityId twin : active_twins(store, origin)) {
        std::string why = reason_not_to_contact(store, c, twin);
        if (why.empty()) {
          targets.push_back(twin);
        } else {
          result.skipped.push_back({twin, why});
        }
      }
      std::vector<Letter> drafts;
      // Each letter in its language (the one rule, letters::language_for_city),
      // with the campaign's title in that language as its subject, else the
      // template's own subject in it, else the campaign's title.
      auto draft_to = [&](std::vector<Addressee> to, CityId language_of) {
        letters::DraftRequest d;
        d.office = office;
        d.addressees = std::move(to);
        d.lang = letters::language_for_city(store, templates, c.template_name, language_of)
                     .value_or("en");
        d.template_name = c.template_name;
        d.subject = subject_in(c, d.lang);
        d.response_deadline = due;
        Letter l = letters::prepare_draft(store, templates, d);
        if (trim(l.subject).empty()) l.subject = c.title;
        drafts.push_back(std::move(l));
      };
      if (targets.empty()) {
        // Nothing to send; still record that the originator's wave went out.
      } else if (options.circular) {
        std::vector<Addressee> to;
        for (CityId t : targets) to.push_back(Addressee{t, "", "", ""});
        // A circular is written in its originator's language.
        draft_to(std::move(to), origin);
      } else {
        for (CityId t : targets) draft_to({Addressee{t, "", "", ""}}, t);
      }
      std::vector<letters::Registration> regs;
      if (!drafts.empty()) {
        regs = letters::register_prepared(store, std::move(drafts),
                                          letters::RegisterOptions{date, options.number});
      }
      for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto& reg = regs[options.circular ? 0 : i];
        CampaignContact contact;
        contact.city_id = targets[i];
        contact.state = ContactState::kLetterSent;
        contact.wave = 1;
        contact.referred_by = origin;
        contact.letter_id = reg.id;
        contact.sent_on = date;
        contact.reply_due = due;
        campaign_store(store).insert_contact(id, contact);
        add_event(store, id, date, CampaignEventKind::kSent, targets[i], "", reg.id,
                  "letter from " + registry::city_label(store, origin));
        result.sent.push_back({targets[i], origin, reg.id, reg.number});
      }
      add_event(store, id, date, CampaignEventKind::kWaveSent, origin, "", std::nullopt,
                std::to_string(targets.size()) + " letters");
    }
  });
  return result;
}

WaveResult record_forward(store::Store& store, const letters::TemplateLibrary& templates,
                          CampaignId id, const ForwardRequest& r) {
  require_city_writer(store, r.city);
  PartialDate date = r.date.value_or(today_utc());
  WaveResult result;
  store.db().write_transaction([&] {
    Campaign campaign = get_campaign(store, id);
    CampaignContact c = require_contact(store, id, r.city);
    check_transition(store, c, ContactState::kForwarded);
    std::vector<CityId> twins = active_twins(store, r.city);
    std::vector<CityId> recipients;
    if (r.to.empty()) {
      for (CityId twin : twins) {
        std::string why = reason_not_to_contact(store, campaign, twin);
        if (why.empty()) {
          recipients.push_back(twin);
        } else {
          result.skipped.push_back({twin, why});
        }
      }
    } else {
      std::set<CityId> seen;
      for (CityId to : r.to) {
        if (!seen.insert(to).second) continue;
        if (std::find(twins.begin(), twins.end(), to) == twins.end()) {
          throw_invalid(registry::city_label(store, to) + " is not an active twin of " +
                            registry::city_label(store, r.city),
                        "to");
        }
        std::string why = reason_not_to_contact(store, campaign, to);
        if (!why.empty()) throw_conflict(registry::city_label(store, to) + ": " + why, "to");
        recipients.push_back(to);
      }
    }
    OfficeId office = office_for(store, r.city);
    PartialDate due = add_days(date, campaign.reply_days);
    for (CityId to : recipients) {
      letters::FollowUp f;
      f.office = office;
      f.addressees = {Addressee{to, "", "", ""}};
      f.response_deadline = due;
      f.register_now = letters::RegisterOptions{date, ""};
      LetterId copy = letters::forward(store, templates, c.letter_id, f);
      std::string number = letters::letter_view(store, copy).letter.number;
      CampaignContact next;
      next.city_id = to;
      next.state = ContactState::kLetterSent;
      next.wave = c.wave + 1;
      next.referred_by = r.city;
      next.letter_id = copy;
      next.sent_on = date;
      next.reply_due = due;
      campaign_store(store).insert_contact(id, next);
      add_event(store, id, date, CampaignEventKind::kSent, to, "", copy,
                "forwarded copy from " + registry::city_label(store, r.city));
      result.sent.push_back({to, r.city, copy, number});
    }
    c.state = ContactState::kForwarded;
    c.forwarded_on = date;
    campaign_store(store).update_contact(id, c);
    add_event(store, id, date, CampaignEventKind::kForwarded, r.city, "", std::nullopt,
              std::to_string(recipients.size()) + " copies");
  });
  return result;
}

std::vector<Reminder> send_reminders(store::Store& store, const letters::TemplateLibrary& templates,
                                     CampaignId id, const ReminderOptions& options) {
  require_coordinator(store);
  PartialDate as_of = options.as_of.value_or(today_utc());
  std::vector<Reminder> out;
  store.db().write_transaction([&] {
    Campaign campaign = get_campaign(store, id);
    for (CampaignContact c : campaign_store(store).contacts(id)) {
      if (!options.only.empty() &&
          std::find(options.only.begin(), options.only.end(), c.city_id) == options.only.end()) {
        continue;
      }
      if (!reply_overdue(c, as_of)) continue;
      if (c.last_reminded_on && days_since_epoch(as_of) - days_since_epoch(*c.last_reminded_on) <
                                    options.min_days_between) {
        continue;
      }
      Letter original = letters::letter_view(store, c.letter_id).letter;
      Reminder rem{c.city_id, c.letter_id, original.number, *original.date, 0, "", {}, {}, ""};
      letters::FollowUp f;
      f.addressees = {Addressee{c.city_id, "", "", ""}};
      f.response_deadline = add_days(as_of, std::max(1, campaign.reply_days / 2));
      if (options.dry_run) {
        rem.preview = letters::prepare_reminder(store, templates, c.letter_id, f);
        rem.office = letters::find_office(store, std::to_string(rem.preview->office_id));
        rem.next_number =
            letters::preview_next_number(store, *rem.office, LetterDirection::kOutgoing, as_of);
      } else {
        f.register_now = letters::RegisterOptions{as_of, ""};
        rem.reminder = letters::remind(store, templates, c.letter_id, f);
        rem.number = letters::letter_view(store, rem.reminder).letter.number;
        c.reminders += 1;
        c.last_reminded_on = as_of;
        campaign_store(store).update_contact(id, c);
        add_event(store, id, as_of, CampaignEventKind::kReminded, c.city_id, "", rem.reminder,
                  "reminder of the letter of " + original.date->to_string());
      }
      out.push_back(rem);
    }
  });
  return out;
}

}  // namespace twinning::campaign
