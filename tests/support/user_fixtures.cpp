#include "support/user_fixtures.h"

#include "auth/users.h"
#include "store/city_store.h"

namespace twinning::testing {

void UsersFixture::SetUp() {
  BackendTest::SetUp();
  if (!store) return;
  City c;
  c.name = "Cologne";
  c.country = "DE";
  cologne = store::CityStore(*store).create(c);
}

User UsersFixture::add(const std::string& name, Role role, std::optional<CityId> city) {
  auth::NewUser n;
  n.name = name;
  n.role = role;
  n.city = city;
  return auth::add_user(*store, n);
}

}  // namespace twinning::testing
