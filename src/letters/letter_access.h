// Who may read and write which letters (PRODUCT.md M12): administrators and
// coordinators every letter; a correspondent only the letters of its bound
// city — registered by an office of that city, sent by it or addressed to it
// — and only in that city's offices; viewers none (the register is not
// public). Pure functions; thread-safe. The HTTP API uses the same rules.
//
// The one exception is explicit and named: a RegisterGrant, issued by a use
// case that has already authorised a step under its own rules, lets the
// actor write into one other city's register for that step (a city's
// correspondent files its city's reply with the office that wrote to it).
// Nothing raises an actor's role.
#pragma once

#include <optional>
#include <vector>

#include "model/actor.h"
#include "model/city.h"
#include "store/store.h"

namespace twinning::letters {

// True if `actor` may read a letter registered by an office of
// `office_city`, sent by `sender_city`, addressed to `addressee_cities`.
bool may_read_letter(const Actor& actor, CityId office_city, std::optional<CityId> sender_city,
                     const std::vector<CityId>& addressee_cities);

// True if `actor` may read the letters of city `city` as a whole (its
// register and the letters it sent and received): coordinators and admins,
// and the city's own correspondent. What a city's page offers.
bool may_read_city_letters(const Actor& actor, CityId city);

// True if `actor` may draft and register letters in, or set up, an office
// of `office_city` (or holds a RegisterGrant for that city).
bool may_write_for_city(const Actor& actor, CityId office_city);

// Throws Error(kForbidden) unless may_write_for_city(actor, office_city).
void require_writer_for_city(const Actor& actor, CityId office_city);

// Lets the store's actor write into the register of the offices of one
// city for as long as the grant lives, and no more: the actor's role, its
// bound city and what it may read stay as they were, and the audit names
// the same user. Issued only by a use case that has checked, under its own
// rules, that this actor may record this step (campaign/campaigns.h:
// record_reply). Grants do not nest: constructing one while the actor holds
// another throws std::logic_error. Not copyable; one thread (a Store is).
class RegisterGrant {
 public:
  RegisterGrant(store::Store& store, CityId register_city);
  ~RegisterGrant();
  RegisterGrant(const RegisterGrant&) = delete;
  RegisterGrant& operator=(const RegisterGrant&) = delete;

 private:
  store::Store& store_;
};

}  // namespace twinning::letters
