// Who is acting: the user behind a request or the operator at the CLI. Every
// change is recorded in the audit log under the acting Actor's name, and the
// use cases check the Actor's role before they change anything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/city.h"

namespace twinning {

enum class Role {
  kAdmin,          // manages users; may do everything
  kCoordinator,    // runs campaigns and the registry of an originating office
  kCorrespondent,  // a partner city's office: only its own city's records
  kViewer,         // read-only public data
};

std::string_view role_name(Role role);  // "admin", "coordinator", ...
// Throws Error(kInvalidInput) naming `field` for an unknown role name.
Role parse_role(std::string_view text, std::string_view field = "role");

struct Actor {
  std::int64_t user_id = 0;  // 0 for the local operator (CLI) and the system
  std::string name;          // "cli:alice", "coventry-office"
  Role role = Role::kAdmin;
  std::optional<CityId> city;  // the bound city of a correspondent
  // The one city whose offices' registers this actor may also write into,
  // granted for one step of a use case by letters::RegisterGrant (never set
  // from outside a grant); reading is not widened by it.
  std::optional<CityId> granted_register_city;

  bool can_write_registry() const { return role == Role::kAdmin || role == Role::kCoordinator; }
};

// The operator running the CLI on the machine that holds the database: an
// administrator named "cli:<login>".
Actor local_operator();

}  // namespace twinning
