#include "model/user.h"

namespace twinning {

Actor actor_of(const User& user) {
  Actor a;
  a.user_id = user.id;
  a.name = user.name;
  a.role = user.role;
  a.city = user.city;
  return a;
}

}  // namespace twinning
