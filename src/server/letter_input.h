// Letters and offices named in requests. One reading for every route, so
// that every form of a reference meets the same access check: a letter is
// an id (a JSON number, or a string "12" / "#12") or a registration number
// (a string), resolved by letters::resolve_letter as the caller; an office
// is a code or an id (number or string), resolved by letters::find_office
// as the caller. What the caller may not read answers 403 (by id) or 404
// (by number), naming the field and nothing of the letter or office.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/letter.h"
#include "server/request_input.h"
#include "store/store.h"

namespace twinning::server {

// The letter body field `name` names. Throws Error(kInvalidInput) naming it
// when it is absent, null, not a number or string, or not positive;
// otherwise as letters::resolve_letter, naming `name`.
LetterId letter_field(store::Store& store, const JsonFields& fields, std::string_view name);

// The office body field "office" names, or nullopt if absent or null.
// Throws Error(kInvalidInput) for a value that is neither a code nor an id,
// otherwise as letters::find_office.
std::optional<OfficeId> optional_office_field(store::Store& store, const JsonFields& fields);

// As optional_office_field, but Error(kInvalidInput) when it is absent.
OfficeId office_field(store::Store& store, const JsonFields& fields);

}  // namespace twinning::server
