// src/auth/ — users, roles, passwords, sessions and API tokens, and reading
// the audit log. It owns who a caller is and the administrators' rules. It
// must not know HTTP (server/ maps cookies and headers onto it) nor the
// registers' own access rules (letters/ and campaign/ own those).
//
// Use cases of user administration (PRODUCT.md M12): adding users with a
// role, listing them, changing role, bound city, password or the disabled
// flag, and issuing API tokens for scripts. Only administrators may do any of
// it: each function throws Error(kForbidden) unless the Store's actor is an
// admin (the CLI's local operator is one). Every change is audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/user.h"
#include "store/store.h"

namespace twinning::auth {

struct NewUser {
  std::string name;  // folded to lower case; [a-z0-9._@-], 1-64 characters
  Role role = Role::kViewer;
  std::optional<CityId> city;           // required for, and only for, correspondents
  std::optional<std::string> password;  // nullopt: token-only user (scripts)
};

// Creates a user. Returns it. Throws Error(kInvalidInput) naming "name",
// "password" or "city" for a bad value, Error(kConflict, "name") for a taken
// name, Error(kNotFound, "city") for an unknown city.
User add_user(store::Store& store, const NewUser& user);

// All users, by name.
std::vector<User> list_users(store::Store& store);

// The user with this id or name. Throws Error(kNotFound, "user").
User get_user(store::Store& store, UserId id);
User get_user_by_name(store::Store& store, std::string_view name);

struct UserUpdate {
  std::optional<Role> role;
  std::optional<std::optional<CityId>> city;  // set: bind to this city, or unbind
  std::optional<bool> disabled;
  std::optional<std::string> password;
};

// Changes a user. Changing the role away from correspondent unbinds the
// city. Disabling a user or changing their password ends their sessions.
// Returns the user after. Throws as add_user, Error(kNotFound, "user"), and
// Error(kConflict) when it would leave no enabled administrator.
User update_user(store::Store& store, UserId id, const UserUpdate& update);

struct IssuedToken {
  std::int64_t id = 0;
  std::string token;  // the bearer secret: shown once, stored only as a digest
  std::string label;
  User user;
};

// Issues an API token for `user_id` (Authorization: Bearer <token>). Throws
// Error(kNotFound, "user"), Error(kConflict) for a disabled user.
IssuedToken issue_api_token(store::Store& store, UserId user_id, const std::string& label);

// Checks a login name and returns it folded to lower case. Throws
// Error(kInvalidInput, "name").
std::string normalize_user_name(std::string_view name);

// Checks a new password: 8 to 1024 bytes of UTF-8. Throws
// Error(kInvalidInput, "password").
void validate_password(std::string_view password);

}  // namespace twinning::auth
