#include "letters/correspondence.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "letters/answers.h"
#include "letters/composition.h"
#include "letters/language.h"
#include "letters/letter_access.h"
#include "letters/offices.h"
#include "letters/register_card.h"
#include "letters/to_twins.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

constexpr std::size_t kMaxFieldBytes = 4000;

void check_text(const std::string& value, const std::string& field,
                std::size_t max = kMaxFieldBytes) {
  if (!is_valid_utf8(value)) throw_invalid(field + " is not valid UTF-8", field);
  if (value.size() > max) {
    throw_invalid(field + " is longer than " + std::to_string(max) + " bytes", field);
  }
}

void check_sender(const LetterSender& s) {
  for (auto [value, field] : {std::pair{&s.letterhead, "letterhead"},
                              {&s.signatory_name, "signatory_name"},
                              {&s.signatory_title, "signatory_title"},
                              {&s.address, "sender_address"},
                              {&s.phone, "phone"},
                              {&s.fax, "fax"},
                              {&s.email, "email"}}) {
    check_text(*value, field);
  }
}

// Checks a letter's text fields after the template merge.
void check_letter_text(const Letter& l) {
  check_text(l.subject, "subject");
  check_text(l.salutation, "salutation");
  check_text(l.body, "body", kMaxTextBytes);
  check_text(l.closing, "closing");
  check_sender(l.sender);
  for (const auto& a : l.addressees) {
    check_text(a.title, "addressee title");
    check_text(a.name, "addressee name");
    check_text(a.address, "addressee address");
  }
}

// The addressees of a draft, whether created or edited: at least one, at
// most kMaxAddressees, each with a city, a title or a name, each city in the
// registry, each text valid. Throws Error(kInvalidInput) naming the field,
// Error(kNotFound) for an unknown city.
void check_addressees(store::Store& store, const std::vector<Addressee>& addressees) {
  if (addressees.empty()) throw_invalid("a letter needs at least one addressee", "addressees");
  if (addressees.size() > kMaxAddressees) {
    throw_invalid("a letter has at most " + std::to_string(kMaxAddressees) + " addressees",
                  "addressees");
  }
  store::CityStore cities(store);
  for (const auto& a : addressees) {
    check_text(a.title, "addressee title");
    check_text(a.name, "addressee name");
    check_text(a.address, "addressee address");
    if (!a.city_id && trim(a.title).empty() && trim(a.name).empty()) {
      throw_invalid("an addressee needs a city, a title or a name", "addressees");
    }
    if (a.city_id) cities.require(*a.city_id);
  }
}

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

std::string describe(const Letter& l) {
  return "letter #" + std::to_string(l.id) +
         (l.registered() ? " (No " + l.number + " of " + l.date->to_string() + ")" : "");
}

// The letter, if the actor may read it. Throws Error(kNotFound) if there is
// no letter `id`, Error(kForbidden) if it is another city's (a
// correspondent learns that letter #id exists — ids are consecutive anyway —
// but nothing of it: not its number, parties or text).
Letter readable(store::Store& store, LetterId id, const std::string& field = "letter") {
  auto l = store::LetterStore(store).get(id);
  if (!l) throw_not_found("no letter #" + std::to_string(id), field);
  Office office = store::OfficeStore(store).require(l->office_id);
  std::vector<CityId> to;
  for (const auto& a : l->addressees) {
    if (a.city_id) to.push_back(*a.city_id);
  }
  if (!may_read_letter(store.actor(), office.city_id, l->sender.city_id, to)) {
    throw Error(ErrorCode::kForbidden,
                "letter #" + std::to_string(id) + " is not in the register of your city", field);
  }
  return *l;
}

// Reads the office of `letter` and checks that the actor may write for it.
Office writable_office(store::Store& store, OfficeId id) {
  Office office = store::OfficeStore(store).require(id);
  require_writer_for_city(store.actor(), office.city_id);
  return office;
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

// A registered reply answers the letters it replies to, addressee by
// addressee (answers.h).
void mark_answered(store::Store& store, const Letter& reply) { mark_answered_by(store, reply); }

std::string guess_media_type(const std::string& name) {
  static const std::map<std::string, std::string> types = {
      {"pdf", "application/pdf"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"tif", "image/tiff"},
      {"tiff", "image/tiff"},
      {"txt", "text/plain"},
      {"csv", "text/csv"},
      {"html", "text/html"},
      {"xml", "application/xml"},
      {"json", "application/json"},
      {"zip", "application/zip"},
      {"doc", "application/msword"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"odt", "application/vnd.oasis.opendocument.text"}};
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string sha256_hex(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(ErrorCode::kUnavailable, "libsodium could not be initialised");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Validates attachments against the limits, given what the letter already carries.
void check_attachments(const std::vector<AttachmentInput>& files,
                       const std::vector<Attachment>& existing) {
  std::size_t total = 0;
  for (const auto& a : existing) total += static_cast<std::size_t>(a.size);
  if (existing.size() + files.size() > kMaxAttachments) {
    throw_invalid("a letter carries at most " + std::to_string(kMaxAttachments) + " attachments",
                  "attachment");
  }
  for (const auto& f : files) {
    const std::string& n = f.name;
    bool safe = !n.empty() && n.size() <= 255 && n != "." && n != ".." && is_valid_utf8(n);
    for (unsigned char c : n) safe &= c >= 0x20 && c != 0x7f && c != '/' && c != '\\';
    if (!safe) {
      throw_invalid("attachment name '" + n +
                        "' must be a plain file name (no directory, no control characters)",
                    "attachment");
    }
    if (f.bytes.size() > kMaxAttachmentBytes) {
      throw_invalid("attachment '" + n + "' is " + std::to_string(f.bytes.size()) +
                        " bytes; the limit is " + std::to_string(kMaxAttachmentBytes),
                    "attachment");
    }
    total += f.bytes.size();
    for (const auto& a : existing) {
      if (a.name == n)
        throw_conflict("the letter already has an attachment '" + n + "'", "attachment");
    }
  }
  if (total > kMaxLetterAttachmentBytes) {
    throw_invalid("the attachments of a letter may total " +
                      std::to_string(kMaxLetterAttachmentBytes) + " bytes at most",
                  "attachment");
  }
}

Attachment store_attachment(store::Store& store, LetterId id, const AttachmentInput& f) {
  Attachment a;
  a.name = f.name;
  a.media_type = f.media_type.empty() ? guess_media_type(f.name) : f.media_type;
  check_text(a.media_type, "media_type", 255);
  a.size = static_cast<std::int64_t>(f.bytes.size());
  a.sha256 = sha256_hex(f.bytes);
  a.id = store::LetterStore(store).add_attachment(id, a.name, a.media_type, f.bytes, a.sha256);
  return a;
}

LetterSender sender_from_office(store::Store& store, const Office& office,
                                const std::string& lang) {
  OfficeRequisites r = requisites_for(store, office.id, lang);
  City city = store::CityStore(store).require(office.city_id);
  auto either = [](const std::string& a, const std::string& b) { return a.empty() ? b : a; };
  LetterSender s;
  s.city_id = office.city_id;
  s.letterhead = either(r.letterhead, office.name);
  s.signatory_name = either(r.signatory_name, city.head_name);
  s.signatory_title = either(r.signatory_title, city.head_title);
  s.address = either(r.address, city.postal_address);
  s.phone = either(r.phone, city.phone);
  s.fax = either(r.fax, city.fax);
  s.email = either(r.email, city.email);
  return s;
}

// Letters are written in the recipient's language; a letter to no city in
// particular (a circular "to the Mayor of the twin city") in the sender's.
// English when the template exists in none of them (`fell_back` set).
std::string choose_language(store::Store& store, const TemplateLibrary& templates,
                            const DraftRequest& r, const Office& office, bool& fell_back) {
  std::optional<CityId> city = office.city_id;
  for (const auto& a : r.addressees) {
    if (a.city_id) {
      city = a.city_id;
      break;
    }
  }
  auto lang = language_for_city(store, templates, r.template_name, *city);
  fell_back = !lang;
  return lang.value_or("en");
}

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

LetterId finish_follow_up(store::Store& store, const TemplateLibrary& templates,
                          DraftRequest request, const FollowUp& f) {
  request.attachments = f.attachments;
  if (!f.signatory_name.empty()) request.signatory_name = f.signatory_name;
  if (!f.signatory_title.empty()) request.signatory_title = f.signatory_title;
  if (f.register_now) return register_outgoing(store, templates, request, *f.register_now).id;
  return create_draft(store, templates, request);
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

}  // namespace

std::optional<std::string> language_for_city(store::Store& store, const TemplateLibrary& templates,
                                             std::string_view template_name, CityId city_id) {
  auto city = store::CityStore(store).get(city_id);
  if (!city) return std::nullopt;
  Country country;
  if (auto c = store::CountryStore(store).get(city->country)) country = *c;
  for (const auto& lang : correspondence_languages(*city, country)) {
    if (templates.has(template_name, lang)) return lang;
  }
  return std::nullopt;
}

Letter prepare_draft(store::Store& store, const TemplateLibrary& templates, const DraftRequest& r,
                     bool* fell_back) {
  Office office = writable_office(store, r.office);
  check_addressees(store, r.addressees);
  check_text(r.subject, "subject");
  check_text(r.salutation, "salutation");
  check_text(r.body, "body", kMaxTextBytes);
  check_text(r.closing, "closing");
  check_text(r.signatory_name, "signatory_name");
  check_text(r.signatory_title, "signatory_title");
  if (r.sender) check_sender(*r.sender);
  store::CityStore cities(store);
  Letter l;
  l.addressees = r.addressees;
  for (const auto& link : r.links) readable(store, link.target, "links");
  bool no_template_in_their_languages = false;
  std::string lang =
      r.lang.empty() ? choose_language(store, templates, r, office, no_template_in_their_languages)
                     : normalize_language_tag(r.lang, "lang");
  TemplateSet set = templates.load(r.template_name, lang, letter_field_names());
  if (fell_back) *fell_back = set.fell_back() || no_template_in_their_languages;
  if (set.fell_back()) lang = "en";

  l.office_id = office.id;
  l.direction = LetterDirection::kOutgoing;
  l.kind = r.kind;
  l.status = LetterStatus::kDraft;
  l.lang = lang;
  l.template_name = r.template_name;
  l.sender = r.sender ? *r.sender : sender_from_office(store, office, lang);
  l.sender.city_id = office.city_id;
  if (!r.signatory_name.empty()) l.sender.signatory_name = r.signatory_name;
  if (!r.signatory_title.empty()) l.sender.signatory_title = r.signatory_title;
  for (auto& to : l.addressees) {
    if (!to.city_id || !trim(to.address).empty()) continue;
    City city = cities.require(*to.city_id);
    if (!city.postal_address.empty()) {
      to.address = city.postal_address;
    } else {
      auto country = store::CountryStore(store).get(city.country);
      to.address = city_name_in(city, lang) + ", " +
                   country_name_in(city.country, lang, country ? country->name : city.country);
    }
  }
  l.subject = r.subject;
  l.salutation = r.salutation;
  l.body = r.body;
  l.closing = r.closing;
  l.response_deadline = r.response_deadline;
  l.links = r.links;
  merge_content(store, set, l);
  check_letter_text(l);
  return l;
}

LetterId create_draft(store::Store& store, const TemplateLibrary& templates,
                      const DraftRequest& request) {
  Letter l = prepare_draft(store, templates, request);
  check_attachments(request.attachments, {});
  return store.db().write_transaction([&] {
    LetterId id = store::LetterStore(store).insert(l);
    for (const auto& f : request.attachments) store_attachment(store, id, f);
    return id;
  });
}

void edit_draft(store::Store& store, LetterId id, const DraftEdit& e) {
  store.db().write_transaction([&] {
    Letter l = readable(store, id);
    writable_office(store, l.office_id);
    if (l.registered()) {
      throw_conflict(describe(l) +
                         " is registered and can no longer be edited; register a "
                         "correction (`twinning letter correct`)",
                     "letter");
    }
    auto set = [](std::string& field, const std::optional<std::string>& v, const char* name,
                  std::size_t max) {
      if (!v) return;
      check_text(*v, name, max);
      field = *v;
    };
    set(l.subject, e.subject, "subject", kMaxFieldBytes);
    set(l.salutation, e.salutation, "salutation", kMaxFieldBytes);
    set(l.body, e.body, "body", kMaxTextBytes);
    set(l.closing, e.closing, "closing", kMaxFieldBytes);
    set(l.sender.signatory_name, e.signatory_name, "signatory_name", kMaxFieldBytes);
    set(l.sender.signatory_title, e.signatory_title, "signatory_title", kMaxFieldBytes);
    if (e.lang) l.lang = normalize_language_tag(*e.lang, "lang");
    if (e.response_deadline) l.response_deadline = *e.response_deadline;
    if (e.addressees) {
      check_addressees(store, *e.addressees);
      l.addressees = *e.addressees;
    }
    check_letter_text(l);
    store::LetterStore(store).update_draft(l);
  });
}

Attachment attach_file(store::Store& store, LetterId id, const AttachmentInput& file) {
  return store.db().write_transaction([&] {
    Letter l = readable(store, id);
    writable_office(store, l.office_id);
    if (l.registered()) {
      throw_conflict(describe(l) + " is registered: its attachments can no longer change",
                     "letter");
    }
    check_attachments({file}, l.attachments);
    return store_attachment(store, id, file);
  });
}

std::string attachment_bytes(store::Store& store, LetterId id, std::int64_t attachment_id) {
  Letter l = readable(store, id);
  for (const auto& a : l.attachments) {
    if (a.id != attachment_id) continue;
    std::string bytes = store::LetterStore(store).attachment_content(id, attachment_id);
    if (sha256_hex(bytes) != a.sha256) {
      throw Error(ErrorCode::kUnavailable, "attachment '" + a.name + "' of " + describe(l) +
                                               " no longer matches its SHA-256");
    }
    return bytes;
  }
  throw_not_found(describe(l) + " has no attachment #" + std::to_string(attachment_id),
                  "attachment");
}

Registration register_letter(store::Store& store, LetterId id, const RegisterOptions& options) {
  PartialDate date = registration_date(options);
  check_text(options.number, "number", 100);
  return store.db().write_transaction([&] {
    Letter l = readable(store, id);
    Office office = writable_office(store, l.office_id);
    if (l.registered()) throw_conflict(describe(l) + " is already registered", "letter");
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

LetterId reply(store::Store& store, const TemplateLibrary& templates, LetterId original,
               const FollowUp& f) {
  Letter orig = registered_original(store, original, "reply");
  if (trim(f.body).empty()) throw_invalid("a reply needs a body", "body");
  Office office = follow_up_office(store, orig, f.office, false);
  DraftRequest r;
  r.office = office.id;
  r.kind = LetterKind::kReply;
  r.lang = f.lang.empty() ? orig.lang : f.lang;
  r.addressees = f.addressees;
  if (r.addressees.empty()) {
    // The sender's own title is in its own words ("Глава Волгограда"), not a
    // form of address: the template words the title; the name and address
    // are kept.
    Addressee to;
    to.city_id = orig.sender.city_id;
    if (!to.city_id) to.title = orig.sender.letterhead;
    to.name = orig.sender.signatory_name;
    to.address = orig.sender.address;
    r.addressees.push_back(to);
  }
  r.template_name = std::string(kGenericTemplate);
  r.subject = f.subject;
  r.salutation = f.salutation;
  r.body = f.body;
  r.closing = f.closing;
  r.response_deadline = f.response_deadline;
  r.links = {LetterLink{LetterLinkKind::kReplyTo, orig.id, "", {}}};
  return finish_follow_up(store, templates, r, f);
}

LetterId forward(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& f) {
  Letter orig = registered_original(store, original, "forwarded copy");
  if (f.addressees.empty()) throw_invalid("name whom to forward the letter to", "addressees");
  Office office = follow_up_office(store, orig, f.office, true);
  DraftRequest r;
  r.office = office.id;
  r.kind = LetterKind::kForward;
  r.lang = f.lang;
  r.addressees = f.addressees;
  r.template_name = "forward";
  r.subject = f.subject;
  r.salutation = f.salutation;
  r.body = f.body;
  r.closing = f.closing;
  r.response_deadline = f.response_deadline;
  r.links = {LetterLink{LetterLinkKind::kForwardOf, orig.id, "", {}}};
  return finish_follow_up(store, templates, r, f);
}

namespace {

// What remind() drafts: checks the original as remind() describes.
DraftRequest reminder_request(store::Store& store, LetterId original, const FollowUp& f) {
  Letter orig = registered_original(store, original, "reminder");
  if (orig.direction != LetterDirection::kOutgoing) {
    throw_invalid(describe(orig) + " is incoming: reminders are sent about our own letters",
                  "original");
  }
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
  Office office = writable_office(store, orig.office_id);
  if (f.office && *f.office != office.id) {
    throw_invalid("a reminder comes from the office that sent the letter (" + office.code + ")",
                  "office");
  }
  DraftRequest r;
  r.office = office.id;
  r.kind = LetterKind::kReminder;
  r.lang = f.lang.empty() ? orig.lang : f.lang;
  r.addressees = f.addressees.empty() ? orig.addressees : f.addressees;
  r.template_name = "reminder";
  r.subject = f.subject;
  r.salutation = f.salutation;
  r.body = f.body;
  r.closing = f.closing;
  r.response_deadline = f.response_deadline;
  r.links = {LetterLink{LetterLinkKind::kReminderOf, orig.id, "", {}}};
  return r;
}

}  // namespace

LetterId remind(store::Store& store, const TemplateLibrary& templates, LetterId original,
                const FollowUp& f) {
  return finish_follow_up(store, templates, reminder_request(store, original, f), f);
}

Letter prepare_reminder(store::Store& store, const TemplateLibrary& templates, LetterId original,
                        const FollowUp& f) {
  DraftRequest r = reminder_request(store, original, f);
  if (!f.signatory_name.empty()) r.signatory_name = f.signatory_name;
  if (!f.signatory_title.empty()) r.signatory_title = f.signatory_title;
  return prepare_draft(store, templates, r);
}

LetterId correct(store::Store& store, const TemplateLibrary& templates, LetterId original,
                 const FollowUp& f) {
  Letter orig = registered_original(store, original, "correction");
  if (orig.direction != LetterDirection::kOutgoing) {
    throw_invalid(describe(orig) + " is incoming: only its sender can correct it", "original");
  }
  Office office = writable_office(store, orig.office_id);
  if (f.office && *f.office != office.id) {
    throw_invalid("a correction comes from the office that sent the letter (" + office.code + ")",
                  "office");
  }
  auto either = [](const std::string& a, const std::string& b) { return a.empty() ? b : a; };
  DraftRequest r;
  r.office = office.id;
  r.kind = LetterKind::kCorrection;
  r.lang = either(f.lang, orig.lang);
  r.addressees = f.addressees.empty() ? orig.addressees : f.addressees;
  r.template_name = "correction";
  r.sender = orig.sender;
  r.subject = either(f.subject, orig.subject);
  r.salutation = either(f.salutation, orig.salutation);
  r.body = either(f.body, orig.body);
  r.closing = either(f.closing, orig.closing);
  r.response_deadline = f.response_deadline ? f.response_deadline : orig.response_deadline;
  r.links = {LetterLink{LetterLinkKind::kCorrectionOf, orig.id, "", {}}};
  return finish_follow_up(store, templates, r, f);
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

bool letter_readable(store::Store& store, LetterId id) {
  const Actor& actor = store.actor();
  if (actor.role == Role::kViewer) return false;
  if (actor.can_write_registry()) return true;
  try {
    readable(store, id);
    return true;
  } catch (const Error&) {
    return false;
  }
}

LetterView letter_view(store::Store& store, LetterId id, const std::string& field) {
  LetterView v;
  v.letter = readable(store, id, field);
  v.office = store::OfficeStore(store).require(v.letter.office_id);
  v.answers = answers_readable(store, v.letter, today_utc());
  store::OfficeStore offices(store);
  for (auto& ref : store::LetterStore(store).referring(id)) {
    CityId office_city = offices.require(ref.letter.office_id).city_id;
    if (may_read_letter(store.actor(), office_city, ref.letter.sender_city_id,
                        ref.letter.addressee_cities)) {
      v.referred_by.push_back(std::move(ref));
    }
  }
  return v;
}

namespace {

// `query` narrowed to what the actor may read (letter_access.h), or nullopt
// if it may read nothing of it.
std::optional<store::LetterQuery> readable_query(const Actor& actor, store::LetterQuery query) {
  if (actor.role == Role::kViewer) {
    throw Error(ErrorCode::kForbidden, "the correspondence register is not public");
  }
  if (actor.role != Role::kCorrespondent) return query;
  // The SQL condition of visible_to_city is may_read_letter()'s for a
  // correspondent: registered by an office of its city, sent by it or
  // addressed to it.
  if (!actor.city) return std::nullopt;
  query.visible_to_city = actor.city;
  return query;
}

}  // namespace

std::vector<store::LetterSummary> list_letters(store::Store& store, store::LetterQuery query) {
  auto readable = readable_query(store.actor(), std::move(query));
  if (!readable) return {};
  store::LetterStore letters(store);
  auto lines = letters.list(*readable);
  PartialDate day = readable->overdue_on.value_or(today_utc());
  for (auto& line : lines) {
    if (line.status == LetterStatus::kDraft || !line.response_deadline) continue;
    AnswerTally t = tally(answers_of(store, letters.require(line.id), day));
    line.answered_count = t.answered;
    line.overdue_count = t.overdue;
  }
  return lines;
}

std::int64_t count_letters(store::Store& store, store::LetterQuery query) {
  auto readable = readable_query(store.actor(), std::move(query));
  if (!readable) return 0;
  return store::LetterStore(store).count(*readable);
}

std::vector<store::LetterSummary> overdue_letters(store::Store& store, const PartialDate& today,
                                                  std::optional<OfficeId> office) {
  store::LetterQuery q;
  q.office = office;
  q.overdue_on = today;
  q.limit = 100000;
  return list_letters(store, q);
}

LetterId resolve_letter(store::Store& store, std::string_view reference,
                        std::optional<OfficeId> office) {
  std::string ref(trim(reference));
  bool hash = !ref.empty() && ref[0] == '#';
  std::string digits = hash ? ref.substr(1) : ref;
  bool all_digits = !digits.empty() && digits.size() < 19;
  for (char c : digits) all_digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (all_digits && (hash || !office)) return readable(store, std::stoll(digits)).id;
  std::vector<Letter> found;
  for (LetterId id : store::LetterStore(store).find_by_number(ref)) {
    try {
      Letter l = readable(store, id);
      if (!office || l.office_id == *office) found.push_back(std::move(l));
    } catch (const Error&) {
      // not readable by this actor: as if it did not exist
    }
  }
  if (found.empty()) throw_not_found("no letter numbered '" + ref + "'", "letter");
  if (found.size() > 1) {
    std::string which;
    store::OfficeStore offices(store);
    for (const auto& l : found) {
      which += (which.empty() ? "" : ", ") + std::string("#") + std::to_string(l.id) + " of " +
               offices.require(l.office_id).code;
    }
    throw Error(
        ErrorCode::kAmbiguous,
        "several offices registered a letter No " + ref + " (" + which + "): name the office",
        "letter");
  }
  return found[0].id;
}

LetterDocument letter_document(store::Store& store, const TemplateLibrary& templates, LetterId id) {
  Letter l = readable(store, id);
  if (l.direction == LetterDirection::kIncoming) {
    return register_card(store, l, store::OfficeStore(store).require(l.office_id));
  }
  return compose_document(store, templates_for(templates, l), l);
}

std::string letter_pdf(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       int* pages) {
  Letter l = readable(store, id);
  if (auto scan = letter_scan(l)) {
    if (pages) *pages = 0;
    return attachment_bytes(store, id, scan->id);
  }
  return render_letter_pdf(letter_document(store, templates, id), pages);
}

std::string letter_pdf_name(const Letter& letter) {
  return (letter.registered() ? file_name_part(letter.number)
                              : "draft-" + std::to_string(letter.id)) +
         ".pdf";
}

PdfResult print_letter(store::Store& store, const TemplateLibrary& templates, LetterId id,
                       const std::filesystem::path& path) {
  PdfResult result;
  std::string bytes = letter_pdf(store, templates, id, &result.pages);
  write_file_atomically(path, bytes);
  result.bytes = bytes.size();
  return result;
}

}  // namespace twinning::letters
