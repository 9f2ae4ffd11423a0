#include "server/letter_input.h"

#include <string>

#include "letters/correspondence.h"
#include "letters/offices.h"
#include "model/error.h"

namespace twinning::server {

LetterId letter_field(store::Store& store, const JsonFields& f, std::string_view name) {
  const nlohmann::json* v = f.raw(name);
  std::string field(name);
  if (!v || v->is_null()) throw_invalid(field + " is required", field);
  std::string reference;
  if (v->is_string()) {
    reference = v->get<std::string>();
  } else {
    std::int64_t id = f.integer(name).value();  // Error(kInvalidInput) unless an integer
    if (id <= 0) throw_invalid(field + " must be a letter id", field);
    reference = "#" + std::to_string(id);
  }
  try {
    return letters::resolve_letter(store, reference);
  } catch (const Error& e) {
    throw Error(e.code(), e.what(), field);  // not "letter": the field is `name`
  }
}

std::optional<OfficeId> optional_office_field(store::Store& store, const JsonFields& f) {
  const nlohmann::json* v = f.raw("office");
  if (!v || v->is_null()) return std::nullopt;
  if (v->is_string()) return letters::find_office(store, v->get<std::string>(), "office").id;
  return letters::find_office(store, std::to_string(f.integer("office").value()), "office").id;
}

OfficeId office_field(store::Store& store, const JsonFields& f) {
  auto office = optional_office_field(store, f);
  if (!office) throw_invalid("office is required (its code or id)", "office");
  return *office;
}

}  // namespace twinning::server
