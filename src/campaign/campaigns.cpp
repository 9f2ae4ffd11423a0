#include "campaign/campaigns.h"

#include <algorithm>
#include <set>

#include "campaign/campaign_letters.h"
#include "campaign/campaign_permissions.h"
#include "campaign/country_choice.h"
#include "letters/correspondence.h"
#include "letters/language.h"
#include "letters/letter_access.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/letter_store.h"

namespace twinning::campaign {
namespace {

void require_coordinator(const store::Store& store) {
  if (!may_run_campaigns(store)) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may run a campaign");
  }
}

// Coordinators and admins, or the correspondent bound to `city`.
void require_city_writer(const store::Store& store, CityId city) {
  if (may_record_for_city(store, city)) return;
  throw Error(ErrorCode::kForbidden, "you may record answers of your own city only");
}

// Coordinators and admins, or a correspondent whose city lies in `country`.
void require_country_writer(store::Store& store, const std::string& country) {
  if (may_record_for_country(store, country)) return;
  throw Error(ErrorCode::kForbidden,
              "you may record the foreign-ministry answer of your own city's country only");
}

store::CampaignStore campaigns(store::Store& store) { return store::CampaignStore(store); }

CampaignContact require_contact(store::Store& store, CampaignId id, CityId city) {
  auto c = campaigns(store).contact(id, city);
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
  campaigns(store).add_event(
      id, CampaignEvent{0, date, kind, city, std::move(country), letter, std::move(detail)});
}

// The stored stance of `country`, or a fresh unknown one.
CountryStance stance_of(store::Store& store, CampaignId id, const std::string& country) {
  if (auto s = campaigns(store).country(id, country)) return *s;
  CountryStance fresh;
  fresh.country = country;
  return fresh;
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 48) return false;
  for (char ch : code) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    if (!ok) return false;
  }
  return true;
}

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

// A campaign title in `lang` as stored: the tag normalised (Error naming
// "lang"), the title trimmed, non-empty and UTF-8 (Error naming "title").
std::pair<std::string, std::string> checked_title(std::string_view lang, std::string_view title) {
  std::string tag = letters::normalize_language_tag(lang, "lang");
  std::string text(trim(title));
  if (text.empty() || !is_valid_utf8(text)) {
    throw_invalid("the campaign's title in " + tag + " may not be empty", "title");
  }
  return {tag, text};
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

CampaignId create_campaign(store::Store& store, const CampaignRequest& r) {
  require_coordinator(store);
  if (!valid_code(r.code)) {
    throw_invalid(
        "campaign code '" + r.code + "' must be 1-48 lower-case letters, digits, '-' or '_'",
        "code");
  }
  if (trim(r.title).empty()) throw_invalid("a campaign needs a title", "title");
  for (const auto* s : {&r.title, &r.initiative, &r.template_name, &r.target}) {
    if (!is_valid_utf8(*s)) throw_invalid("campaign text must be valid UTF-8", "title");
  }
  for (const auto& ask : r.asks) {
    if (trim(ask).empty() || !is_valid_utf8(ask)) throw_invalid("an ask may not be empty", "asks");
  }
  if (r.originators.empty()) throw_invalid("a campaign needs an originating city", "originators");
  std::set<CityId> unique(r.originators.begin(), r.originators.end());
  if (unique.size() != r.originators.size()) {
    throw_invalid("an originating city is named twice", "originators");
  }
  if (r.reply_days < 1) throw_invalid("reply_days must be at least 1", "reply_days");
  if (r.starts_on && r.ends_on && *r.ends_on < *r.starts_on) {
    throw_invalid("the campaign ends before it starts", "ends_on");
  }
  Campaign c;
  c.code = r.code;
  c.title = std::string(trim(r.title));
  for (const auto& [lang, title] : r.titles) c.titles.insert(checked_title(lang, title));
  c.initiative = r.initiative;
  c.asks = r.asks;
  c.originators = r.originators;
  c.template_name = r.template_name;
  c.target = r.target;
  c.member_states = r.member_states.value_or(store::CountryStore(store).un_member_count());
  c.majority_needed = r.majority_needed.value_or(c.member_states / 2 + 1);
  if (c.member_states < 1) throw_invalid("member_states must be at least 1", "member_states");
  if (c.majority_needed < 1 || c.majority_needed > c.member_states) {
    throw_invalid("majority_needed must lie in 1.." + std::to_string(c.member_states),
                  "majority_needed");
  }
  c.starts_on = r.starts_on;
  c.ends_on = r.ends_on;
  c.reply_days = r.reply_days;
  return store.db().write_transaction([&] {
    for (CityId o : c.originators) store::CityStore(store).require(o);
    CampaignId id = campaigns(store).create(c);
    add_event(store, id, r.starts_on.value_or(today_utc()), CampaignEventKind::kCreated,
              std::nullopt, "", std::nullopt, c.title);
    return id;
  });
}

Campaign set_campaign_title(store::Store& store, CampaignId id, std::string_view lang,
                            std::string_view title) {
  require_coordinator(store);
  // Not a structured binding: clang 14 (the sanitizer build) cannot capture one.
  const auto checked = checked_title(lang, title);
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    campaigns(store).put_title(id, checked.first, checked.second);
    return get_campaign(store, id);
  });
}

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
      for (const auto& e : campaigns(store).events(id)) {
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
        campaigns(store).insert_contact(id, contact);
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

CampaignContact record_receipt(store::Store& store, CampaignId id, CityId city,
                               std::optional<PartialDate> date) {
  require_city_writer(store, city);
  return store.db().write_transaction([&] {
    CampaignContact c = require_contact(store, id, city);
    check_transition(store, c, ContactState::kReceived);
    c.state = ContactState::kReceived;
    c.received_on = date.value_or(today_utc());
    campaigns(store).update_contact(id, c);
    add_event(store, id, *c.received_on, CampaignEventKind::kReceived, city, "", c.letter_id, "");
    return c;
  });
}

CampaignContact record_reply(store::Store& store, CampaignId id, const ReplyRequest& r) {
  require_city_writer(store, r.city);
  PartialDate date = r.date.value_or(today_utc());
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    CampaignContact c = require_contact(store, id, r.city);
    check_transition(store, c, ContactState::kReplied);
    City city = store::CityStore(store).require(r.city);
    // Read as the caller: the contacted city's correspondent may read the
    // letter that reached it.
    letters::LetterView original = letters::letter_view(store, c.letter_id);
    // A reply is filed in the register of the office that wrote the
    // letter, which for a correspondent is another city's: the one write
    // this step allows it there (require_city_writer above checked the rest).
    letters::RegisterGrant grant(store, original.office.city_id);
    letters::IncomingRequest in;
    in.office = original.office.id;
    in.sender.city_id = r.city;
    in.sender.letterhead = city.head_title.empty() ? city.name : city.head_title;
    in.sender.signatory_name = city.head_name;
    in.sender.signatory_title = city.head_title;
    in.sender.address = city.postal_address;
    in.sender_number = r.sender_number;
    in.sender_date = r.sender_date;
    in.lang = city.languages.empty() ? "en" : city.languages.front();
    in.subject = r.subject.empty() ? "Re: " + original.letter.subject : r.subject;
    in.body = r.body;
    in.attachments = r.attachments;
    in.links.push_back(LetterLink{LetterLinkKind::kReplyTo, c.letter_id, original.letter.number,
                                  original.letter.date});
    auto reg = letters::register_incoming(store, in, letters::RegisterOptions{date, ""});
    // The city replied on the date it gave its letter; without one, on the
    // day the reply was received and registered.
    PartialDate replied = r.sender_date.value_or(date);
    if (!c.received_on) c.received_on = date;
    c.state = ContactState::kReplied;
    c.replied_on = replied;
    c.reply_letter_id = reg.id;
    c.stance = r.stance;
    campaigns(store).update_contact(id, c);
    add_event(store, id, replied, CampaignEventKind::kReplied, r.city, "", reg.id,
              std::string(reply_stance_name(r.stance)));
    if (r.asked_ministry) {
      auto stance = campaigns(store).country(id, city.country);
      if (!stance) {
        record_ministry_asked(store, id, city.country, date);
      }
    }
    return c;
  });
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
      campaigns(store).insert_contact(id, next);
      add_event(store, id, date, CampaignEventKind::kSent, to, "", copy,
                "forwarded copy from " + registry::city_label(store, r.city));
      result.sent.push_back({to, r.city, copy, number});
    }
    c.state = ContactState::kForwarded;
    c.forwarded_on = date;
    campaigns(store).update_contact(id, c);
    add_event(store, id, date, CampaignEventKind::kForwarded, r.city, "", std::nullopt,
              std::to_string(recipients.size()) + " copies");
  });
  return result;
}

CountryStance record_ministry_asked(store::Store& store, CampaignId id, const std::string& country,
                                    std::optional<PartialDate> date) {
  std::string cc = store::CountryStore(store).require(country, "country").iso2;
  require_country_writer(store, cc);
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    CountryStance stance = stance_of(store, id, cc);
    if (!ministry_transition_allowed(stance.state, MinistryState::kAsked)) {
      throw_conflict("the foreign ministry of " + cc + " is already " +
                         std::string(ministry_state_name(stance.state)),
                     "country");
    }
    stance.state = MinistryState::kAsked;
    stance.asked_on = date.value_or(today_utc());
    campaigns(store).put_country(id, stance);
    add_event(store, id, *stance.asked_on, CampaignEventKind::kMinistryAsked, std::nullopt, cc,
              std::nullopt, "");
    return stance;
  });
}

namespace {

// The evidence of a ministry's decision: a registered incoming letter the
// caller may read (another city's letter is Error(kForbidden), telling
// nothing of it). Call inside the write transaction.
Letter require_evidence(store::Store& store, LetterId id) {
  if (id == 0)
    throw_invalid("a foreign ministry's answer needs its letter as evidence", "evidence");
  Letter evidence = letters::letter_view(store, id, "evidence").letter;
  if (evidence.direction != LetterDirection::kIncoming || !evidence.registered()) {
    throw_invalid("the evidence must be a registered incoming letter; letter #" +
                      std::to_string(id) + " is " +
                      std::string(letter_direction_name(evidence.direction)) + ", " +
                      std::string(letter_status_name(evidence.status)),
                  "evidence");
  }
  return evidence;
}

}  // namespace

CountryStance record_ministry_answer(store::Store& store, CampaignId id, const MinistryAnswer& a) {
  if (a.evidence == 0) require_evidence(store, 0);
  std::string cc = resolve_country(store, a.country, a.lang, "country");
  require_country_writer(store, cc);
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    Letter evidence = require_evidence(store, a.evidence);
    CountryStance stance = stance_of(store, id, cc);
    MinistryState to = a.endorsed ? MinistryState::kEndorsed : MinistryState::kDeclined;
    if (!ministry_transition_allowed(stance.state, to)) {
      throw_conflict("the foreign ministry of " + cc + " has already " +
                         std::string(ministry_state_name(stance.state)),
                     "country");
    }
    stance.state = to;
    stance.decided_on = a.date.value_or(*evidence.date);
    stance.evidence_letter_id = a.evidence;
    stance.notes = a.notes;
    campaigns(store).put_country(id, stance);
    add_event(store, id, *stance.decided_on,
              a.endorsed ? CampaignEventKind::kEndorsed : CampaignEventKind::kDeclined,
              std::nullopt, cc, a.evidence, "with a letter as evidence");
    return stance;
  });
}

CorrectedStance correct_ministry_answer(store::Store& store, CampaignId id,
                                        const MinistryCorrection& k) {
  if (!may_run_campaigns(store)) {
    throw Error(ErrorCode::kForbidden,
                "only coordinators and admins may correct a foreign ministry's recorded answer");
  }
  std::string reason(trim(k.reason));
  if (reason.empty() || !is_valid_utf8(reason)) {
    throw_invalid("say why the recorded answer was wrong", "reason");
  }
  std::string cc = resolve_country(store, k.country, k.lang, "country");
  bool decided = k.state == MinistryState::kEndorsed || k.state == MinistryState::kDeclined;
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    auto stored = campaigns(store).country(id, cc);
    if (!stored) {
      throw_not_found("nothing is recorded for the foreign ministry of " + cc + " to correct",
                      "country");
    }
    CorrectedStance out{*stored, *stored};
    CountryStance& after = out.after;
    after.state = k.state;
    if (decided) {
      Letter evidence = require_evidence(store, k.evidence);
      after.evidence_letter_id = k.evidence;
      after.decided_on = k.date.value_or(*evidence.date);
    } else {
      after.evidence_letter_id.reset();
      after.decided_on.reset();
      if (k.state == MinistryState::kAsked && !after.asked_on) {
        after.asked_on = k.date.value_or(today_utc());
      }
      if (k.state == MinistryState::kUnknown) after.asked_on.reset();
    }
    if (after.state == out.before.state &&
        after.evidence_letter_id == out.before.evidence_letter_id &&
        after.decided_on == out.before.decided_on) {
      throw_conflict("the foreign ministry of " + cc + " is already recorded as " +
                         std::string(ministry_state_name(after.state)) + ": nothing to correct",
                     "state");
    }
    after.notes =
        "corrected from " + std::string(ministry_state_name(out.before.state)) + ": " + reason;
    if (after.state == MinistryState::kUnknown) {
      campaigns(store).clear_country(id, after, "correct");
    } else {
      campaigns(store).put_country(id, after, "correct");
    }
    add_event(store, id, today_utc(), CampaignEventKind::kMinistryCorrected, std::nullopt, cc,
              after.evidence_letter_id,
              std::string(ministry_state_name(out.before.state)) + " → " +
                  std::string(ministry_state_name(after.state)) + ": " + reason);
    return out;
  });
}

std::vector<Reminder> send_reminders(store::Store& store, const letters::TemplateLibrary& templates,
                                     CampaignId id, const ReminderOptions& options) {
  require_coordinator(store);
  PartialDate as_of = options.as_of.value_or(today_utc());
  std::vector<Reminder> out;
  store.db().write_transaction([&] {
    Campaign campaign = get_campaign(store, id);
    for (CampaignContact c : campaigns(store).contacts(id)) {
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
        campaigns(store).update_contact(id, c);
        add_event(store, id, as_of, CampaignEventKind::kReminded, c.city_id, "", rem.reminder,
                  "reminder of the letter of " + original.date->to_string());
      }
      out.push_back(rem);
    }
  });
  return out;
}

}  // namespace twinning::campaign
