#include "letters/registration.h"

#include "letters/answers.h"
#include "letters/language.h"
#include "letters/letter_checks.h"
#include "letters/numbering.h"
#include "letters/offices.h"
#include "letters/pdf_renderer.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

PartialDate registration_date(const RegisterOptions& options) {
  PartialDate today = today_utc();
  PartialDate date = options.date.value_or(today);
  if (date.precision() != DatePrecision::kDay) {
    throw_invalid("a registration date is a full date YYYY-MM-DD, not " + date.to_string(), "date");
  }
  if (days_since_epoch(date) > days_since_epoch(today) + 1) {
    throw_invalid("registration date " + date.to_string() + " is in the future", "date");
  }
  return date;
}

// The number a registration gets: `explicit_number`, or the next of the
// office's sequence, skipping numbers that were registered explicitly.
// Must be the first write of the registration's transaction (see
// OfficeStore::take_sequence).
std::string assign_number(store::Store& store, const Office& office, LetterDirection direction,
                          const PartialDate& date, const std::string& explicit_number) {
  NumberPattern pattern = office_pattern(office, direction);
  auto [series, year] = office_series(office, direction, date.year);
  store::OfficeStore offices(store);
  store::LetterStore letters(store);
  if (!explicit_number.empty()) {
    if (auto seq = pattern.match(explicit_number, date.year)) {
      offices.reserve_sequence(office.id, series, year, *seq);
    }
    if (letters.number_taken(office.id, explicit_number)) {
      throw_conflict("No " + explicit_number + " is already registered by office " + office.code,
                     "number");
    }
    return explicit_number;
  }
  // Numbers registered explicitly are skipped; a run of more taken numbers
  // than any office registers by hand means the counter or the pattern is
  // broken, which is an error to report, not a loop to spin in.
  constexpr int kMaxTakenInARow = 10'000;
  std::string number;
  for (int attempt = 0; attempt < kMaxTakenInARow; ++attempt) {
    number = pattern.format(offices.take_sequence(office.id, series, year), date.year);
    if (!letters.number_taken(office.id, number)) return number;
  }
  throw_conflict("office " + office.code + ": " + std::to_string(kMaxTakenInARow) +
                     " numbers in a row up to No " + number +
                     " are already registered; check its numbering pattern",
                 "number");
}

LetterStatus status_on_registration(LetterDirection direction) {
  return direction == LetterDirection::kIncoming ? LetterStatus::kReceived
                                                 : LetterStatus::kRegistered;
}

// A letter whose PDF would show an empty box for a character is not
// registered: its own texts (what its author wrote and its template merged
// into it, the sender's requisites, the addressees) are laid out as its PDF
// lays them out. The template's fixed wording is checked where the
// templates are (tests/unit/template_languages_test.cpp).
void check_printable(const Letter& l) {
  if (l.direction != LetterDirection::kOutgoing) return;  // printed by its sender, not by us
  LetterDocument doc;
  doc.lang = l.lang;
  const LetterSender& s = l.sender;
  doc.letterhead = {s.letterhead, s.address, s.phone, s.fax, s.email};
  for (const auto& a : l.addressees) {
    doc.addressee.insert(doc.addressee.end(), {a.title, a.name, a.address});
  }
  doc.subject = l.subject;
  doc.salutation = {l.salutation};
  doc.body = {l.body};
  doc.closing = {l.closing};
  doc.signature = {s.signatory_title, s.signatory_name};
  if (!l.courtesy_lang.empty()) {
    doc.translation_lang = l.courtesy_lang;
    doc.translation = {l.courtesy_translation};
  }
  try {
    check_glyphs(doc);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kInvalidInput) throw;
    std::string which = l.id ? describe(l) : "the letter";
    throw_invalid("cannot register " + which + ": " + e.what(), e.field());
  }
}

// A registered reply answers the letters it replies to, addressee by
// addressee (answers.h).
void mark_answered(store::Store& store, const Letter& reply) { mark_answered_by(store, reply); }

}  // namespace

Registration register_letter(store::Store& store, LetterId id, const RegisterOptions& options) {
  PartialDate date = registration_date(options);
  check_text(options.number, "number", 100);
  return store.db().write_transaction([&] {
    Letter l = readable(store, id);
    Office office = writable_office(store, l.office_id);
    if (l.registered()) throw_conflict(describe(l) + " is already registered", "letter");
    check_printable(l);
    std::string number = assign_number(store, office, l.direction, date, options.number);
    store::LetterStore(store).register_number(id, number, date,
                                              status_on_registration(l.direction));
    mark_answered(store, l);
    return Registration{id, number, date};
  });
}

std::vector<Registration> register_prepared(
    store::Store& store, std::vector<Letter> letters, const RegisterOptions& options,
    const std::vector<std::vector<AttachmentInput>>& attachments) {
  PartialDate date = registration_date(options);
  check_text(options.number, "number", 100);
  if (!options.number.empty() && letters.size() != 1) {
    throw_invalid("an explicit number registers one letter, not " + std::to_string(letters.size()),
                  "number");
  }
  for (const auto& files : attachments) check_attachments(files, {});
  for (const auto& l : letters) check_printable(l);
  return store.db().write_transaction([&] {
    std::vector<Registration> out;
    for (std::size_t i = 0; i < letters.size(); ++i) {
      Letter& l = letters[i];
      Office office = writable_office(store, l.office_id);
      l.number = assign_number(store, office, l.direction, date, options.number);
      l.date = date;
      l.status = status_on_registration(l.direction);
      LetterId id = store::LetterStore(store).insert(l);
      if (i < attachments.size()) {
        for (const auto& f : attachments[i]) store_attachment(store, id, f);
      }
      mark_answered(store, l);
      out.push_back(Registration{id, l.number, date});
    }
    return out;
  });
}

Registration register_outgoing(store::Store& store, const TemplateLibrary& templates,
                               const DraftRequest& request, const RegisterOptions& options) {
  Letter l = prepare_draft(store, templates, request);
  return register_prepared(store, {std::move(l)}, options, {request.attachments})[0];
}

Registration register_incoming(store::Store& store, const IncomingRequest& r,
                               const RegisterOptions& options) {
  Office office = writable_office(store, r.office);
  check_sender(r.sender);
  if (!r.sender.city_id && trim(r.sender.letterhead).empty()) {
    throw_invalid("an incoming letter needs its sender: a city or a letterhead", "sender");
  }
  if (r.sender.city_id) store::CityStore(store).require(*r.sender.city_id);
  check_text(r.sender_number, "sender_number", 100);
  if (r.sender_date && r.sender_date->precision() != DatePrecision::kDay) {
    throw_invalid("the sender's date is a full date YYYY-MM-DD", "sender_date");
  }
  // Each of the sender's number and date is kept on its own (either may be
  // missing from a letter); a date after the letter arrived is a typing error.
  if (r.sender_date && options.date.value_or(today_utc()) < *r.sender_date) {
    throw_invalid("the sender's date " + r.sender_date->to_string() +
                      " is after the date of receipt " +
                      options.date.value_or(today_utc()).to_string(),
                  "sender_date");
  }
  for (const auto& link : r.links) readable(store, link.target, "links");
  Letter l;
  l.office_id = office.id;
  l.direction = LetterDirection::kIncoming;
  l.kind = LetterKind::kLetter;
  for (const auto& link : r.links) {
    if (link.kind == LetterLinkKind::kReplyTo) l.kind = LetterKind::kReply;
    if (link.kind == LetterLinkKind::kForwardOf && l.kind == LetterKind::kLetter) {
      l.kind = LetterKind::kForward;
    }
  }
  l.sender = r.sender;
  l.sender_number = r.sender_number;
  l.sender_date = r.sender_date;
  l.addressees = r.addressees;
  if (l.addressees.empty()) l.addressees.push_back(Addressee{office.city_id, office.name, "", ""});
  for (const auto& a : l.addressees) {
    if (a.city_id) store::CityStore(store).require(*a.city_id);
  }
  l.lang = normalize_language_tag(r.lang, "lang");
  l.template_name = std::string(kGenericTemplate);
  l.subject = r.subject;
  l.body = r.body;
  l.response_deadline = r.response_deadline;
  l.links = r.links;
  check_letter_text(l);
  return register_prepared(store, {std::move(l)}, options, {r.attachments})[0];
}

void mark_sent(store::Store& store, LetterId id, std::optional<PartialDate> date) {
  PartialDate day = date.value_or(today_utc());
  if (day.precision() != DatePrecision::kDay) throw_invalid("a full date YYYY-MM-DD", "date");
  store.db().write_transaction([&] {
    Letter l = readable(store, id);
    writable_office(store, l.office_id);
    if (l.direction != LetterDirection::kOutgoing) {
      throw_conflict(describe(l) + " is incoming: it cannot be sent", "letter");
    }
    if (l.status != LetterStatus::kRegistered) {
      throw_conflict(describe(l) + " is " + std::string(letter_status_name(l.status)) +
                         (l.status == LetterStatus::kDraft ? ": register it first" : ""),
                     "letter");
    }
    if (day < *l.date) {
      throw_invalid("a letter cannot be sent (" + day.to_string() + ") before it was registered (" +
                        l.date->to_string() + ")",
                    "date");
    }
    store::LetterStore(store).set_status(id, LetterStatus::kSent, day);
  });
}

}  // namespace twinning::letters
