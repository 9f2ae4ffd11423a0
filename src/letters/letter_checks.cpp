#include "letters/letter_checks.h"

#include "letters/drafts.h"
#include "letters/letter_access.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/letter_store.h"
#include "store/office_store.h"

namespace twinning::letters {

void check_text(const std::string& value, const std::string& field, std::size_t max) {
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

std::string describe(const Letter& l) {
  return "letter #" + std::to_string(l.id) +
         (l.registered() ? " (No " + l.number + " of " + l.date->to_string() + ")" : "");
}

Letter readable(store::Store& store, LetterId id, const std::string& field) {
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

Office writable_office(store::Store& store, OfficeId id) {
  Office office = store::OfficeStore(store).require(id);
  require_writer_for_city(store.actor(), office.city_id);
  return office;
}

}  // namespace twinning::letters
