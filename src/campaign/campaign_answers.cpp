// What comes back to a campaign: a city's receipt and reply, a foreign
// ministry asked, its answer with a letter as evidence, and the correction
// of a wrongly recorded answer (campaigns.h).
#include "campaign/campaign_permissions.h"
#include "campaign/campaign_steps.h"
#include "campaign/campaigns.h"
#include "campaign/country_choice.h"
#include "letters/correspondence.h"
#include "letters/letter_access.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/letter_store.h"  // for the mutant who.evidence-read-as-admin (bench/mutants)

namespace twinning::campaign {
namespace {

// The stored stance of `country`, or a fresh unknown one.
CountryStance stance_of(store::Store& store, CampaignId id, const std::string& country) {
  if (auto s = campaign_store(store).country(id, country)) return *s;
  CountryStance fresh;
  fresh.country = country;
  return fresh;
}

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

CampaignContact record_receipt(store::Store& store, CampaignId id, CityId city,
                               std::optional<PartialDate> date) {
  require_city_writer(store, city);
  return store.db().write_transaction([&] {
    CampaignContact c = require_contact(store, id, city);
    check_transition(store, c, ContactState::kReceived);
    c.state = ContactState::kReceived;
    c.received_on = date.value_or(today_utc());
    campaign_store(store).update_contact(id, c);
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
    campaign_store(store).update_contact(id, c);
    add_event(store, id, replied, CampaignEventKind::kReplied, r.city, "", reg.id,
              std::string(reply_stance_name(r.stance)));
    if (r.asked_ministry) {
      auto stance = campaign_store(store).country(id, city.country);
      if (!stance) {
        record_ministry_asked(store, id, city.country, date);
      }
    }
    return c;
  });
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
    campaign_store(store).put_country(id, stance);
    add_event(store, id, *stance.asked_on, CampaignEventKind::kMinistryAsked, std::nullopt, cc,
              std::nullopt, "");
    return stance;
  });
}

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
    campaign_store(store).put_country(id, stance);
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
    auto stored = campaign_store(store).country(id, cc);
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
      campaign_store(store).clear_country(id, after, "correct");
    } else {
      campaign_store(store).put_country(id, after, "correct");
    }
    add_event(store, id, today_utc(), CampaignEventKind::kMinistryCorrected, std::nullopt, cc,
              after.evidence_letter_id,
              std::string(ministry_state_name(out.before.state)) + " → " +
                  std::string(ministry_state_name(after.state)) + ": " + reason);
    return out;
  });
}

}  // namespace twinning::campaign
