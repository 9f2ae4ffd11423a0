#include "letters/letter_access.h"

#include <algorithm>
#include <stdexcept>

#include "model/error.h"

namespace twinning::letters {

bool may_read_letter(const Actor& actor, CityId office_city, std::optional<CityId> sender_city,
                     const std::vector<CityId>& addressee_cities) {
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kCoordinator:
      return true;
    case Role::kViewer:
      return false;
    case Role::kCorrespondent: {
      if (!actor.city) return false;
      CityId own = *actor.city;
      return office_city == own || sender_city == own ||
             std::find(addressee_cities.begin(), addressee_cities.end(), own) !=
                 addressee_cities.end();
    }
  }
  return false;
}

bool may_read_city_letters(const Actor& actor, CityId city) {
  return may_read_letter(actor, city, city, {city});
}

bool may_write_for_city(const Actor& actor, CityId office_city) {
  if (actor.can_write_registry()) return true;
  if (actor.granted_register_city == office_city) return true;
  return actor.role == Role::kCorrespondent && actor.city == office_city;
}

void require_writer_for_city(const Actor& actor, CityId office_city) {
  if (may_write_for_city(actor, office_city)) return;
  throw Error(ErrorCode::kForbidden,
              actor.role == Role::kCorrespondent
                  ? "a correspondent may only write letters of its own city's offices"
                  : "only coordinators, admins and the city's correspondent may write letters");
}

RegisterGrant::RegisterGrant(store::Store& store, CityId register_city) : store_(store) {
  Actor actor = store_.actor();
  if (actor.granted_register_city) throw std::logic_error("register grants do not nest");
  actor.granted_register_city = register_city;
  store_.set_actor(actor);
}

RegisterGrant::~RegisterGrant() {
  Actor actor = store_.actor();
  actor.granted_register_city.reset();
  store_.set_actor(actor);
}

}  // namespace twinning::letters
