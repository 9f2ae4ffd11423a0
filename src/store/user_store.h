// The users of the HTTP API (table users): name, role, bound city, disabled
// flag and the Argon2id hash of their password. Every change is audited
// (entity "user") under the Store's actor, in the same transaction, without
// the password hash. Role checks belong to the use cases (auth/users.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/user.h"
#include "store/store.h"

namespace twinning::store {

// A user with the password hash, for the login check only.
struct UserCredentials {
  User user;
  std::string password_hash;  // "" when the user has no password
};

// The fields an update changes; absent ones stay as they are. `city` is
// applied as given (nullopt inside means "no city").
struct UserChanges {
  std::optional<Role> role;
  std::optional<std::optional<CityId>> city;
  std::optional<bool> disabled;
  std::optional<std::string> password_hash;
};

// The columns of a user as a SELECT list over the alias `u` ("FROM users u"),
// and the User read back from the row that selected them first; shared with
// the session store's joins.
extern const char* const kUserSelectList;
User user_from_row(const Row& row);

class UserStore {
 public:
  explicit UserStore(Store& store) : store_(store) {}

  // Inserts a user. Returns its id. Throws Error(kConflict, field "name") if
  // the name is taken, Error(kNotFound, field "city") for an unknown city,
  // Error(kInvalidInput, field "city") if a correspondent has no city or
  // another role has one.
  UserId create(const User& user, const std::string& password_hash);

  std::optional<User> get(UserId id);
  // As get(), but throws Error(kNotFound, field "user").
  User require(UserId id);
  std::optional<User> find_by_name(const std::string& name);
  std::optional<UserCredentials> credentials(const std::string& name);
  // All users ordered by name.
  std::vector<User> list();
  // Enabled administrators.
  std::int64_t active_admin_count();

  // Applies `changes` to user `id` and returns the user after. Throws as
  // create() and Error(kNotFound) for an unknown user.
  User update(UserId id, const UserChanges& changes);

 private:
  Store& store_;
};

}  // namespace twinning::store
