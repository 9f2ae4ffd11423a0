#include "model/actor.h"

#include <cstdlib>

#include "model/error.h"

namespace twinning {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kCoordinator: return "coordinator";
    case Role::kCorrespondent: return "correspondent";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

Role parse_role(std::string_view text, std::string_view field) {
  for (Role r : {Role::kAdmin, Role::kCoordinator, Role::kCorrespondent, Role::kViewer}) {
    if (text == role_name(r)) return r;
  }
  throw_invalid("unknown role '" + std::string(text) +
                    "': expected admin, coordinator, correspondent or viewer",
                std::string(field));
}

Actor local_operator() {
  const char* user = std::getenv("USER");
  Actor a;
  a.name = std::string("cli:") + (user && *user ? user : "operator");
  a.role = Role::kAdmin;
  return a;
}

}  // namespace twinning
