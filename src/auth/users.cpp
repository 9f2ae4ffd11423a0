#include "auth/users.h"

#include "auth/secrets.h"
#include "model/error.h"
#include "model/text.h"
#include "store/audit_log.h"
#include "store/session_store.h"
#include "store/user_store.h"

namespace twinning::auth {
namespace {

void require_admin(const store::Store& store) {
  if (store.actor().role != Role::kAdmin) {
    throw Error(ErrorCode::kForbidden, "only administrators may manage users");
  }
}

}  // namespace

std::string normalize_user_name(std::string_view name) {
  std::string out;
  for (char c : trim(name)) {
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool ok = (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' ||
              l == '-' || l == '@';
    if (!ok) {
      throw_invalid("a user name may contain only letters a-z, digits and . _ - @", "name");
    }
    out += l;
  }
  if (out.empty() || out.size() > 64) throw_invalid("a user name has 1 to 64 characters", "name");
  return out;
}

void validate_password(std::string_view password) {
  if (password.size() < 8) throw_invalid("a password needs at least 8 characters", "password");
  if (password.size() > 1024) throw_invalid("a password has at most 1024 bytes", "password");
  if (!is_valid_utf8(password)) throw_invalid("a password must be valid UTF-8", "password");
}

User add_user(store::Store& store, const NewUser& n) {
  require_admin(store);
  User u;
  u.name = normalize_user_name(n.name);
  u.role = n.role;
  u.city = n.city;
  std::string hash;
  if (n.password) {
    validate_password(*n.password);
    hash = hash_password(*n.password);
  }
  store::UserStore users(store);
  return users.require(users.create(u, hash));
}

std::vector<User> list_users(store::Store& store) {
  require_admin(store);
  return store::UserStore(store).list();
}

User get_user(store::Store& store, UserId id) {
  require_admin(store);
  return store::UserStore(store).require(id);
}

User get_user_by_name(store::Store& store, std::string_view name) {
  require_admin(store);
  std::string key = normalize_user_name(name);
  auto u = store::UserStore(store).find_by_name(key);
  if (!u) throw_not_found("no user named '" + key + "'", "user");
  return *u;
}

User update_user(store::Store& store, UserId id, const UserUpdate& update) {
  require_admin(store);
  std::optional<std::string> hash;
  if (update.password) {
    validate_password(*update.password);
    hash = hash_password(*update.password);
  }
  return store.db().write_transaction([&] {
    store::UserStore users(store);
    User before = users.require(id);
    store::UserChanges changes;
    changes.role = update.role;
    changes.city = update.city;
    changes.disabled = update.disabled;
    changes.password_hash = hash;
    Role role_after = update.role.value_or(before.role);
    if (role_after != Role::kCorrespondent && !update.city) changes.city = std::optional<CityId>();
    User after = users.update(id, changes);
    bool was_admin = before.role == Role::kAdmin && !before.disabled;
    bool is_admin = after.role == Role::kAdmin && !after.disabled;
    if (was_admin && !is_admin && users.active_admin_count() == 0) {
      throw_conflict("'" + before.name + "' is the last enabled administrator", "role");
    }
    if (after.disabled || hash) store::SessionStore(store).delete_user_sessions(id);
    return after;
  });
}

IssuedToken issue_api_token(store::Store& store, UserId user_id, const std::string& label) {
  require_admin(store);
  if (!is_valid_utf8(label) || label.size() > 200) {
    throw_invalid("a token label has at most 200 bytes of UTF-8", "label");
  }
  return store.db().write_transaction([&] {
    User user = store::UserStore(store).require(user_id);
    if (user.disabled) throw_conflict("user '" + user.name + "' is disabled", "user");
    IssuedToken issued;
    issued.token = new_token("twt_");
    issued.label = label;
    issued.user = user;
    issued.id =
        store::SessionStore(store).create_api_token(user_id, label, token_digest(issued.token));
    store::AuditLog(store).record("issue_token", "user", std::to_string(user_id), nullptr,
                                  {{"token_id", issued.id}, {"label", label}});
    return issued;
  });
}

}  // namespace twinning::auth
