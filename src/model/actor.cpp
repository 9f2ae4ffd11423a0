#include "model/actor.h"

#include <cstdlib>

#include "model/enum_text.h"

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
  static constexpr Role kRoles[] = {Role::kAdmin, Role::kCoordinator, Role::kCorrespondent,
                                    Role::kViewer};
  return parse_enum_name(text, field, kRoles, role_name, "role");
}

Actor local_operator() {
  const char* user = std::getenv("USER");
  Actor a;
  a.name = std::string("cli:") + (user && *user ? user : "operator");
  a.role = Role::kAdmin;
  return a;
}

}  // namespace twinning
