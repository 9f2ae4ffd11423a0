#include "letters/drafts.h"

#include "letters/composition.h"
#include "letters/language.h"
#include "letters/letter_checks.h"
#include "letters/letter_languages.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/letter_store.h"

namespace twinning::letters {
namespace {

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

// The recipient's language of a letter sent in its original language
// (DraftRequest::courtesy_lang, normalised), "" for an ordinary letter.
std::string courtesy_language(const TemplateLibrary& templates, const DraftRequest& r) {
  check_text(r.courtesy_translation, "courtesy_translation", kMaxTextBytes);
  if (r.courtesy_lang.empty()) {
    if (!trim(r.courtesy_translation).empty()) {
      throw_invalid("a courtesy translation needs the language it is in (courtesy_lang)",
                    "courtesy_lang");
    }
    return "";
  }
  std::string lang = normalize_language_tag(r.courtesy_lang, "courtesy_lang");
  if (templates.has(r.template_name, lang)) {
    throw_invalid("template '" + r.template_name + "' has a text in " + lang +
                      ": write the letter in it (lang " + lang + "), not as a courtesy translation",
                  "courtesy_lang");
  }
  return lang;
}

}  // namespace

std::optional<std::string> language_for_city(store::Store& store, const TemplateLibrary& templates,
                                             std::string_view template_name, CityId city_id) {
  auto city = store::CityStore(store).get(city_id);
  if (!city) return std::nullopt;
  Country country;
  if (auto c = store::CountryStore(store).get(city->country)) country = *c;
  return first_language_with_template(recipient_languages(*city, country), templates,
                                      template_name);
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
  std::string courtesy = courtesy_language(templates, r);
  std::string lang;
  if (!r.lang.empty()) {
    lang = normalize_language_tag(r.lang, "lang");
  } else if (!courtesy.empty()) {
    // The original is written in the sender's language.
    lang = language_for_city(store, templates, r.template_name, office.city_id).value_or("en");
  } else {
    lang = choose_language(store, templates, r, office, no_template_in_their_languages);
  }
  TemplateSet set = templates.load(r.template_name, lang, letter_field_names());
  if (fell_back) *fell_back = set.fell_back() || no_template_in_their_languages;
  if (set.fell_back()) lang = "en";
  if (!courtesy.empty() && primary_language(courtesy) == primary_language(lang)) {
    throw_invalid("the letter is written in " + lang +
                      " itself: a courtesy translation is for a letter in another language",
                  "courtesy_lang");
  }
  l.courtesy_lang = courtesy;
  l.courtesy_translation = join_list(split_paragraphs(r.courtesy_translation), "\n\n");

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

}  // namespace twinning::letters
