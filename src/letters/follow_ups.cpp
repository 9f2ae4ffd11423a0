#include "letters/follow_ups.h"

#include "letters/answers.h"
#include "letters/drafts.h"
#include "letters/letter_access.h"
#include "letters/letter_checks.h"
#include "model/error.h"
#include "model/text.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

// The office that writes a follow-up to `original`: `wanted` if it may, else
// the only office the actor may write for among those that received the
// original — the office that registered an incoming original, the offices of
// the cities an outgoing original was addressed to — and, with `own` and
// when none of those fits, the original's own office (a copy forwarded by
// its sender).
Office follow_up_office(store::Store& store, const Letter& original, std::optional<OfficeId> wanted,
                        bool own) {
  store::OfficeStore offices(store);
  Office own_office = offices.require(original.office_id);
  std::vector<Office> receivers;
  if (original.direction == LetterDirection::kIncoming) {
    receivers.push_back(own_office);
  } else {
    for (const auto& a : original.addressees) {
      if (!a.city_id) continue;
      for (auto& o : offices.list(*a.city_id)) receivers.push_back(o);
    }
  }
  if (wanted) {
    bool allowed = own && *wanted == own_office.id;
    for (const auto& o : receivers) allowed |= o.id == *wanted;
    if (!allowed) {
      throw_invalid("office #" + std::to_string(*wanted) + " did not receive " +
                        describe(original) +
                        ": a follow-up is written by an office of a city it was addressed to",
                    "office");
    }
    Office o = offices.require(*wanted);
    require_writer_for_city(store.actor(), o.city_id);
    return o;
  }
  std::vector<Office> mine;
  for (auto& o : receivers) {
    if (may_write_for_city(store.actor(), o.city_id)) mine.push_back(o);
  }
  if (mine.empty() && own && may_write_for_city(store.actor(), own_office.city_id)) {
    return own_office;
  }
  if (mine.empty()) {
    throw_not_found("no office you may write for received " + describe(original) +
                        " (add one for an addressee city with `twinning office add`)",
                    "office");
  }
  if (mine.size() > 1) {
    std::string codes;
    for (const auto& o : mine) codes += (codes.empty() ? "" : ", ") + o.code;
    throw Error(ErrorCode::kAmbiguous, "several offices could write it (" + codes + "): name one",
                "office");
  }
  return mine[0];
}

Letter registered_original(store::Store& store, LetterId id, std::string_view what) {
  Letter l = readable(store, id, "original");
  if (!l.registered()) {
    throw_conflict(
        describe(l) + " is a draft: register it before writing a " + std::string(what) + " to it",
        "original");
  }
  return l;
}

// What a follow-up is, and what it takes from its original where the
// caller's FollowUp leaves a field empty.
struct FollowUpDefaults {
  LetterKind kind = LetterKind::kLetter;
  std::string template_name;
  LetterLinkKind link = LetterLinkKind::kReplyTo;  // how it cites the original
  std::string lang;                                // "" = chosen for the addressees
  std::vector<Addressee> addressees;
  std::optional<LetterSender> sender;  // nullopt = the office's requisites
  std::string subject, salutation, body, closing;
  std::optional<PartialDate> response_deadline;
};

// A follow-up of `kind`, written with `template_name`, citing the original
// by `link`; by default in the original's language, to its addressees.
FollowUpDefaults defaults_from(const Letter& original, LetterKind kind, std::string template_name,
                               LetterLinkKind link) {
  FollowUpDefaults d;
  d.kind = kind;
  d.template_name = std::move(template_name);
  d.link = link;
  d.lang = original.lang;
  d.addressees = original.addressees;
  return d;
}

// The office that sent outgoing letter `original`, which alone writes its
// reminder or correction (`what`); `wanted`, if given, must be it. Throws
// Error(kInvalidInput) for an incoming original (`incoming_why` says why)
// or another office, Error(kForbidden) if the actor may not write for it.
Office sending_office(store::Store& store, const Letter& original, std::optional<OfficeId> wanted,
                      const std::string& what, const std::string& incoming_why) {
  if (original.direction != LetterDirection::kOutgoing) {
    throw_invalid(describe(original) + " is incoming: " + incoming_why, "original");
  }
  Office office = writable_office(store, original.office_id);
  if (wanted && *wanted != office.id) {
    throw_invalid("a " + what + " comes from the office that sent the letter (" + office.code + ")",
                  "office");
  }
  return office;
}

// The draft request of every follow-up: written by `office`, citing
// `original`; each field is `f`'s where it gives one, else `d`'s.
DraftRequest follow_up_request(const Letter& original, const Office& office,
                               const FollowUpDefaults& d, const FollowUp& f) {
  auto either = [](const std::string& given, const std::string& fallback) {
    return given.empty() ? fallback : given;
  };
  DraftRequest r;
  r.office = office.id;
  r.kind = d.kind;
  r.template_name = d.template_name;
  r.lang = either(f.lang, d.lang);
  r.addressees = f.addressees.empty() ? d.addressees : f.addressees;
  r.sender = d.sender;
  r.subject = either(f.subject, d.subject);
  r.salutation = either(f.salutation, d.salutation);
  r.body = either(f.body, d.body);
  r.closing = either(f.closing, d.closing);
  r.response_deadline = f.response_deadline ? f.response_deadline : d.response_deadline;
  r.signatory_name = f.signatory_name;
  r.signatory_title = f.signatory_title;
  r.links = {LetterLink{d.link, original.id, "", {}}};
  r.attachments = f.attachments;
  return r;
}

// Stores `request` as a draft, or registers it at once if `f` says so.
LetterId draft_or_register(store::Store& store, const TemplateLibrary& templates,
                           const DraftRequest& request, const FollowUp& f) {
  if (f.register_now) return register_outgoing(store, templates, request, *f.register_now).id;
  return create_draft(store, templates, request);
}

// What remind() drafts: checks the original as remind() describes.
DraftRequest reminder_request(store::Store& store, LetterId original, const FollowUp& f) {
  Letter orig = registered_original(store, original, "reminder");
  Office office =
      sending_office(store, orig, f.office, "reminder", "reminders are sent about our own letters");
  // No reminder to an addressee that answered (answers.h): a letter to one
  // addressee is answered by any reply; a circular only for the addressees
  // that replied — the others may still be reminded, each on its own.
  const std::vector<Addressee>& targets = f.addressees.empty() ? orig.addressees : f.addressees;
  auto replies = replies_to(store, orig);
  for (const auto& target : targets) {
    if (auto answer = answer_for(orig, target, replies)) {
      throw_conflict(describe(orig) + " was answered by No " + answer->number + " of " +
                         answer->date->to_string() + ": no reminder after an answer",
                     "original");
    }
  }
  if (orig.status == LetterStatus::kAnswered) {  // marked answered without a reply on record
    throw_conflict(describe(orig) + " was answered: no reminder after an answer", "original");
  }
  return follow_up_request(
      orig, office,
      defaults_from(orig, LetterKind::kReminder, "reminder", LetterLinkKind::kReminderOf), f);
}

}  // namespace

LetterId reply(store::Store& store, const TemplateLibrary& templates, LetterId original,
               const FollowUp& f) {
  Letter orig = registered_original(store, original, "reply");
  if (trim(f.body).empty()) throw_invalid("a reply needs a body", "body");
  Office office = follow_up_office(store, orig, f.office, false);
  FollowUpDefaults d = defaults_from(orig, LetterKind::kReply, std::string(kGenericTemplate),
                                     LetterLinkKind::kReplyTo);
  // The sender's own title is in its own words ("Глава Волгограда"), not a
  // form of address: the template words the title; the name and address
  // are kept.
  Addressee to;
  to.city_id = orig.sender.city_id;
  if (!to.city_id) to.title = orig.sender.letterhead;
  to.name = orig.sender.signatory_name;
  to.address = orig.sender.address;
  d.addressees = {to};
  return draft_or_register(store, templates, follow_up_request(orig, office, d, f), f);
}

LetterId forward(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& f) {
  Letter orig = registered_original(store, original, "forwarded copy");
  if (f.addressees.empty()) throw_invalid("name whom to forward the letter to", "addressees");
  Office office = follow_up_office(store, orig, f.office, true);
  FollowUpDefaults d =
      defaults_from(orig, LetterKind::kForward, "forward", LetterLinkKind::kForwardOf);
  d.lang.clear();  // the addressees' language (drafts.h), not the original's
  return draft_or_register(store, templates, follow_up_request(orig, office, d, f), f);
}

LetterId remind(store::Store& store, const TemplateLibrary& templates, LetterId original,
                const FollowUp& f) {
  return draft_or_register(store, templates, reminder_request(store, original, f), f);
}

Letter prepare_reminder(store::Store& store, const TemplateLibrary& templates, LetterId original,
                        const FollowUp& f) {
  return prepare_draft(store, templates, reminder_request(store, original, f));
}

LetterId correct(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& f) {
  Letter orig = registered_original(store, original, "correction");
  Office office =
      sending_office(store, orig, f.office, "correction", "only its sender can correct it");
  FollowUpDefaults d =
      defaults_from(orig, LetterKind::kCorrection, "correction", LetterLinkKind::kCorrectionOf);
  d.sender = orig.sender;
  d.subject = orig.subject;
  d.salutation = orig.salutation;
  d.body = orig.body;
  d.closing = orig.closing;
  d.response_deadline = orig.response_deadline;
  return draft_or_register(store, templates, follow_up_request(orig, office, d, f), f);
}

}  // namespace twinning::letters
