#include "letters/offices.h"

#include "letters/language.h"
#include "letters/letter_access.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

void check_code(const std::string& code) {
  bool ok = !code.empty() && code.size() <= 32 && code[0] != '-' && code[0] != '_';
  bool all_digits = true;
  for (char c : code) {
    bool lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
    ok &= lower || digit || c == '-' || c == '_';
    all_digits &= digit;
  }
  if (!ok || all_digits) {
    throw_invalid("office code '" + code +
                      "' must be 1-32 lower-case letters, digits, '-' or '_', not only digits",
                  "code");
  }
}

void check_text(const std::string& value, const char* field) {
  if (!is_valid_utf8(value)) throw_invalid(std::string(field) + " is not valid UTF-8", field);
  if (value.size() > 4000) throw_invalid(std::string(field) + " is longer than 4000 bytes", field);
}

// `office`, if the actor works with it (may_write_for_city). Throws
// Error(kForbidden) naming `field` and telling nothing of the office: the
// same answer whichever form named it.
Office usable(store::Store& store, Office office, std::string_view field) {
  if (!may_write_for_city(store.actor(), office.city_id)) {
    throw Error(ErrorCode::kForbidden, "you may not use this office", std::string(field));
  }
  return office;
}

}  // namespace

NumberPattern office_pattern(const Office& office, LetterDirection direction) {
  bool out = direction == LetterDirection::kOutgoing;
  return NumberPattern::parse(out ? office.outgoing_pattern : office.incoming_pattern,
                              office.yearly_restart, out ? "outgoing_pattern" : "incoming_pattern");
}

std::pair<std::string, int> office_series(const Office& office, LetterDirection direction,
                                          int year) {
  return {std::string(letter_direction_name(direction)), office.yearly_restart ? year : 0};
}

OfficeId add_office(store::Store& store, const OfficeRequest& r) {
  check_code(r.code);
  City city = store::CityStore(store).require(r.city_id);
  require_writer_for_city(store.actor(), r.city_id);
  Office o;
  o.code = r.code;
  o.city_id = r.city_id;
  o.name = std::string(trim(r.name.empty() ? city.name : r.name));
  check_text(o.name, "name");
  o.yearly_restart = r.yearly_restart;
  o.outgoing_pattern =
      NumberPattern::parse(r.outgoing_pattern, r.yearly_restart, "outgoing_pattern").text();
  std::string incoming = r.incoming_pattern;
  if (incoming.empty()) incoming = r.yearly_restart ? "IN-{yyyy}-{seq}" : "IN-{seq}";
  o.incoming_pattern = NumberPattern::parse(incoming, r.yearly_restart, "incoming_pattern").text();
  if (o.incoming_pattern == o.outgoing_pattern) {
    throw_invalid(
        "incoming and outgoing letters need different patterns, or their numbers "
        "would collide",
        "incoming_pattern");
  }
  store::OfficeStore offices(store);
  if (offices.find_by_code(o.code)) throw_conflict("office code '" + o.code + "' is taken", "code");
  return offices.create(o);
}

void set_office_requisites(store::Store& store, OfficeId office, OfficeRequisites r) {
  r.lang = normalize_language_tag(r.lang, "lang");
  for (auto [value, field] : {std::pair{&r.letterhead, "letterhead"},
                              {&r.signatory_name, "signatory_name"},
                              {&r.signatory_title, "signatory_title"},
                              {&r.address, "address"},
                              {&r.phone, "phone"},
                              {&r.fax, "fax"},
                              {&r.email, "email"}}) {
    check_text(*value, field);
  }
  store::OfficeStore offices(store);
  Office o = offices.require(office);
  require_writer_for_city(store.actor(), o.city_id);
  offices.set_requisites(office, r);
}

Office find_office(store::Store& store, std::string_view reference, std::string_view field) {
  store::OfficeStore offices(store);
  std::string ref(trim(reference));
  std::optional<Office> found = offices.find_by_code(ref);
  if (!found) {
    if (auto id = id_in(ref)) found = offices.get(*id);
  }
  if (!found) {
    throw_not_found("no office '" + ref + "' (see `twinning office list`)", std::string(field));
  }
  return usable(store, *found, field);
}

Office get_office(store::Store& store, OfficeId id, std::string_view field) {
  auto found = store::OfficeStore(store).get(id);
  if (!found) throw_not_found("no office #" + std::to_string(id), std::string(field));
  return usable(store, *found, field);
}

std::vector<OfficeRequisites> office_requisites(store::Store& store, OfficeId id) {
  return store::OfficeStore(store).requisites(get_office(store, id).id);
}

Office office_of_city(store::Store& store, CityId city, std::string_view field) {
  auto offices = store::OfficeStore(store).list(city);
  if (offices.empty()) {
    throw_not_found("city #" + std::to_string(city) +
                        " has no registering office (add one with `twinning office add`)",
                    std::string(field));
  }
  if (offices.size() > 1) {
    std::string codes;
    for (const auto& o : offices) codes += (codes.empty() ? "" : ", ") + o.code;
    throw Error(ErrorCode::kAmbiguous,
                "city #" + std::to_string(city) + " has several offices (" + codes + "): name one",
                std::string(field));
  }
  return offices[0];
}

std::vector<Office> list_offices(store::Store& store, std::optional<CityId> city) {
  return store::OfficeStore(store).list(city);
}

std::vector<Office> visible_offices(store::Store& store, std::optional<CityId> city) {
  const Actor& actor = store.actor();
  if (actor.role == Role::kViewer) {
    throw Error(ErrorCode::kForbidden, "the registering offices are not public");
  }
  std::vector<Office> out;
  for (auto& o : list_offices(store, city)) {
    if (may_write_for_city(actor, o.city_id)) out.push_back(std::move(o));
  }
  return out;
}

OfficeRequisites requisites_for(store::Store& store, OfficeId office, std::string_view lang) {
  auto all = store::OfficeStore(store).requisites(office);
  for (std::string_view want : {lang, std::string_view("en")}) {
    for (const auto& r : all) {
      if (r.lang == want) return r;
    }
    for (const auto& r : all) {
      if (primary_language(r.lang) == primary_language(want)) return r;
    }
  }
  if (!all.empty()) return all[0];
  OfficeRequisites none;
  none.lang = std::string(lang);
  return none;
}

std::string preview_next_number(store::Store& store, const Office& office,
                                LetterDirection direction, const PartialDate& date) {
  NumberPattern pattern = office_pattern(office, direction);
  auto [series, year] = office_series(office, direction, date.year);
  store::LetterStore letters(store);
  std::int64_t seq = store::OfficeStore(store).peek_sequence(office.id, series, year);
  std::string number = pattern.format(seq, date.year);
  while (letters.number_taken(office.id, number)) number = pattern.format(++seq, date.year);
  return number;
}

}  // namespace twinning::letters
