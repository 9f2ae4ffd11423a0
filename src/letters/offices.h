// Use cases of the registering offices: setting one up with its numbering
// patterns, giving it requisites per language, finding it. Every office
// belongs to one city; its letters are numbered by letters/numbering.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "letters/numbering.h"
#include "model/letter.h"
#include "store/store.h"

namespace twinning::letters {

struct OfficeRequest {
  std::string code;  // lower-case letters, digits, '-' and '_', not all digits, <= 32 bytes
  CityId city_id = 0;
  std::string name;              // "" = the city's name
  std::string outgoing_pattern;  // e.g. "19-024/{seq}рс"
  std::string incoming_pattern;  // "" = "IN-{seq}" ("IN-{yyyy}-{seq}" with yearly restart)
  bool yearly_restart = false;
};

// Creates an office. Returns its id. Throws Error(kInvalidInput) naming the
// field for a bad code or pattern (see NumberPattern::parse) or identical
// outgoing and incoming patterns, Error(kNotFound) for an unknown city,
// Error(kForbidden) unless the actor may write for the city
// (letter_access.h), Error(kConflict) if the code is taken.
OfficeId add_office(store::Store& store, const OfficeRequest& request);

// Sets the office's requisites in `r.lang` (normalised). Throws
// Error(kInvalidInput) for a bad language tag or text that is not UTF-8,
// Error(kNotFound), Error(kForbidden) as add_office.
void set_office_requisites(store::Store& store, OfficeId office, OfficeRequisites r);

// The office with code or id `reference`, if the actor works with it
// (letter_access.h's may_write_for_city: every office for coordinators and
// admins, its own city's for a correspondent). Throws Error(kNotFound)
// naming `field` if there is none, Error(kForbidden) naming `field` and
// nothing of the office if the actor may not use it.
Office find_office(store::Store& store, std::string_view reference,
                   std::string_view field = "office");

// Office `id`, if the actor works with it, as find_office. Throws
// Error(kNotFound) naming `field` if there is none, Error(kForbidden) naming
// `field` and nothing of the office if the actor may not use it.
Office get_office(store::Store& store, OfficeId id, std::string_view field = "office");

// Every language's requisites of office `id`, by language; the access as
// get_office (another city's office is Error(kForbidden)).
std::vector<OfficeRequisites> office_requisites(store::Store& store, OfficeId id);

// The only office of `city`. Throws Error(kNotFound) if it has none,
// Error(kAmbiguous) listing their codes if it has several.
Office office_of_city(store::Store& store, CityId city, std::string_view field = "office");

// Offices of `city`, or all, by code.
std::vector<Office> list_offices(store::Store& store, std::optional<CityId> city = std::nullopt);

// As list_offices, restricted to the offices the actor works with: every
// office for coordinators and admins, only its own city's for a
// correspondent (as letter_access.h's may_write_for_city). Throws
// Error(kForbidden) for a viewer: the register and its offices are not
// public.
std::vector<Office> visible_offices(store::Store& store, std::optional<CityId> city = std::nullopt);

// The requisites an office signs letters in `lang` with: those of `lang`
// (or its primary language), else English, else the first it has, else
// empty ones with lang = `lang`.
OfficeRequisites requisites_for(store::Store& store, OfficeId office, std::string_view lang);

// The office's pattern for `direction` letters.
NumberPattern office_pattern(const Office& office, LetterDirection direction);

// The counter series and year that number `direction` letters registered in
// `year` ("outgoing"/"incoming"; year 0 unless the office restarts yearly).
std::pair<std::string, int> office_series(const Office& office, LetterDirection direction,
                                          int year);

// The number the office's next `direction` letter registered on `date`
// would get, without taking it.
std::string preview_next_number(store::Store& store, const Office& office,
                                LetterDirection direction, const PartialDate& date);

}  // namespace twinning::letters
