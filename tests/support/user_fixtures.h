// A fixture for the user and login use cases (auth/) on every backend: a
// scratch store with one city, Cologne (DE), for correspondents to be bound
// to, and a shortcut to add users without passwords (no Argon2 hashing).
#pragma once

#include <optional>
#include <string>

#include "model/user.h"
#include "support/test_database.h"

namespace twinning::testing {

class UsersFixture : public BackendTest {
 protected:
  void SetUp() override;
  // auth::add_user with `name`, `role` and `city`, no password.
  User add(const std::string& name, Role role, std::optional<CityId> city = std::nullopt);

  CityId cologne = 0;
};

}  // namespace twinning::testing
