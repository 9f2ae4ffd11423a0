// A person (or a script) who uses Twinning over HTTP, with the role that
// decides what they may do. Secrets (password, tokens) never live in this
// type: the store keeps only their hashes and hands them to auth/ alone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/actor.h"
#include "model/city.h"

namespace twinning {

using UserId = std::int64_t;

struct User {
  UserId id = 0;
  std::string name;  // login name: letters, digits, '.', '_', '-', '@'
  Role role = Role::kViewer;
  std::optional<CityId> city;  // the bound city of a correspondent, else none
  bool disabled = false;       // a disabled user cannot log in or use a token
  bool has_password = false;   // false for token-only (script) users
  std::string created_at;      // ISO 8601 UTC
};

// The Actor a request by `user` acts as: its name in the audit log, role and
// bound city.
Actor actor_of(const User& user);

}  // namespace twinning
