// Who may read and write which letters (PRODUCT.md M12): administrators and
// coordinators every letter; a correspondent only the letters of its bound
// city — registered by an office of that city, sent by it or addressed to it
// — and only in that city's offices; viewers none (the register is not
// public). Pure functions; thread-safe. The HTTP API uses the same rules.
#pragma once

#include <optional>
#include <vector>

#include "model/actor.h"
#include "model/city.h"

namespace twinning::letters {

// True if `actor` may read a letter registered by an office of
// `office_city`, sent by `sender_city`, addressed to `addressee_cities`.
bool may_read_letter(const Actor& actor, CityId office_city, std::optional<CityId> sender_city,
                     const std::vector<CityId>& addressee_cities);

// True if `actor` may draft and register letters in, or set up, an office
// of `office_city`.
bool may_write_for_city(const Actor& actor, CityId office_city);

// Throws Error(kForbidden) unless may_write_for_city(actor, office_city).
void require_writer_for_city(const Actor& actor, CityId office_city);

}  // namespace twinning::letters
