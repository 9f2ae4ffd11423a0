#include "store/user_store.h"

#include "model/error.h"
#include "model/model_json.h"
#include "store/audit_log.h"
#include "store/clock.h"

namespace twinning::store {

const char* const kUserSelectList =
    "u.id, u.name, u.role, u.city_id, u.disabled, "
    "CASE WHEN u.password_hash <> '' THEN 1 ELSE 0 END, u.created_at";

User user_from_row(const Row& r) {
  User u;
  u.id = r.integer(0);
  u.name = r.text(1);
  u.role = parse_role(r.text(2));
  u.city = r.opt_integer(3);
  u.disabled = r.integer(4) != 0;
  u.has_password = r.integer(5) != 0;
  u.created_at = r.text(6);
  return u;
}

namespace {

void check_city_binding(Store& store, Role role, const std::optional<CityId>& city) {
  if (role == Role::kCorrespondent && !city) {
    throw_invalid("a correspondent must be bound to a city", "city");
  }
  if (role != Role::kCorrespondent && city) {
    throw_invalid("only correspondents are bound to a city", "city");
  }
  if (city && !store.db().query_one("SELECT 1 FROM cities WHERE id = $1", {*city})) {
    throw_not_found("no city with id " + std::to_string(*city), "city");
  }
}

Value city_value(const std::optional<CityId>& city) { return city ? Value(*city) : Value(); }

}  // namespace

UserId UserStore::create(const User& user, const std::string& password_hash) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    if (find_by_name(user.name)) {
      throw_conflict("user name '" + user.name + "' is taken", "name");
    }
    check_city_binding(store_, user.role, user.city);
    std::string now = now_utc_iso();
    UserId id = db.insert(
        "INSERT INTO users (name, role, city_id, disabled, password_hash, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
        {user.name, role_name(user.role), city_value(user.city), user.disabled ? 1 : 0,
         password_hash, now});
    AuditLog(store_).record("create", "user", std::to_string(id), nullptr, require(id));
    return id;
  });
}

std::optional<User> UserStore::get(UserId id) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kUserSelectList + " FROM users u WHERE u.id = $1", {id});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

User UserStore::require(UserId id) {
  auto u = get(id);
  if (!u) throw_not_found("no user with id " + std::to_string(id), "user");
  return *u;
}

std::optional<User> UserStore::find_by_name(const std::string& name) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kUserSelectList + " FROM users u WHERE u.name = $1", {name});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::optional<UserCredentials> UserStore::credentials(const std::string& name) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kUserSelectList + ", u.password_hash FROM users u WHERE u.name = $1",
      {name});
  if (!row) return std::nullopt;
  return UserCredentials{user_from_row(*row), row->text(7)};
}

std::vector<User> UserStore::list() {
  std::vector<User> out;
  store_.db().query_each(std::string("SELECT ") + kUserSelectList + " FROM users u ORDER BY u.name",
                         {}, [&](const Row& r) { out.push_back(user_from_row(r)); });
  return out;
}

std::int64_t UserStore::active_admin_count() {
  return store_.db()
      .query_one("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0")
      ->integer(0);
}

User UserStore::update(UserId id, const UserChanges& changes) {
  Database& db = store_.db();
  return db.write_transaction([&] {
    User before = require(id);
    User after = before;
    if (changes.role) after.role = *changes.role;
    if (changes.city) after.city = *changes.city;
    if (changes.disabled) after.disabled = *changes.disabled;
    check_city_binding(store_, after.role, after.city);
    db.execute(
        "UPDATE users SET role = $2, city_id = $3, disabled = $4, updated_at = $5 WHERE id = $1",
        {id, role_name(after.role), city_value(after.city), after.disabled ? 1 : 0, now_utc_iso()});
    if (changes.password_hash) {
      db.execute("UPDATE users SET password_hash = $2 WHERE id = $1", {id, *changes.password_hash});
    }
    after = require(id);
    nlohmann::json before_json = before, after_json = after;
    if (changes.password_hash) after_json["password_changed"] = true;
    AuditLog(store_).record("update", "user", std::to_string(id), before_json, after_json);
    return after;
  });
}

}  // namespace twinning::store
