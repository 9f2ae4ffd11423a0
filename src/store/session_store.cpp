#include "store/session_store.h"

#include "store/clock.h"
#include "store/user_store.h"

namespace twinning::store {
std::int64_t SessionStore::create_session(UserId user_id, const std::string& token_hash,
                                          const std::string& csrf_hash,
                                          const std::string& expires_at,
                                          const std::string& idle_expires_at) {
  return store_.db().insert(
      "INSERT INTO sessions (user_id, token_hash, csrf_hash, created_at, expires_at, "
      "idle_expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
      {user_id, token_hash, csrf_hash, now_utc_iso(), expires_at,
       idle_expires_at.empty() ? expires_at : idle_expires_at});
}

void SessionStore::touch_session(std::int64_t id, const std::string& idle_expires_at) {
  store_.db().execute("UPDATE sessions SET idle_expires_at = $2 WHERE id = $1",
                      {id, idle_expires_at});
}

std::optional<SessionRecord> SessionStore::find_session(const std::string& token_hash,
                                                        const std::string& now) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kUserSelectList +
          ", s.id, s.csrf_hash, s.expires_at, s.idle_expires_at FROM sessions s "
          "JOIN users u ON u.id = s.user_id "
          "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.idle_expires_at > $2",
      {token_hash, now});
  if (!row) return std::nullopt;
  return SessionRecord{row->integer(7), user_from_row(*row), row->text(8), row->text(9),
                       row->text(10)};
}

bool SessionStore::delete_session(const std::string& token_hash) {
  return store_.db().execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash}) > 0;
}

void SessionStore::delete_user_sessions(UserId user_id) {
  store_.db().execute("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

void SessionStore::prune(const std::string& now, const std::string& failures_before,
                         const std::string& successes_before) {
  store_.db().execute("DELETE FROM sessions WHERE expires_at <= $1 OR idle_expires_at <= $1",
                      {now});
  store_.db().execute("DELETE FROM login_attempts WHERE (succeeded = 0 AND at < $1) OR at < $2",
                      {failures_before, successes_before});
}

std::int64_t SessionStore::create_api_token(UserId user_id, const std::string& label,
                                            const std::string& token_hash) {
  return store_.db().insert(
      "INSERT INTO api_tokens (user_id, label, token_hash, created_at) VALUES ($1, $2, $3, $4)",
      {user_id, label, token_hash, now_utc_iso()});
}

std::optional<User> SessionStore::find_api_token_user(const std::string& token_hash) {
  auto row = store_.db().query_one(std::string("SELECT ") + kUserSelectList +
                                       " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                       "WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                                   {token_hash});
  if (!row) return std::nullopt;
  return user_from_row(*row);
}

std::int64_t SessionStore::record_login_attempt(const std::string& user_name, const std::string& ip,
                                                bool succeeded, const std::string& at) {
  return store_.db().insert(
      "INSERT INTO login_attempts (at, user_name, ip, succeeded) VALUES ($1, $2, $3, $4)",
      {at, user_name, ip, succeeded ? 1 : 0});
}

void SessionStore::mark_login_succeeded(std::int64_t id) {
  store_.db().execute("UPDATE login_attempts SET succeeded = 1 WHERE id = $1", {id});
}

void SessionStore::lock_login_attempts() {
  if (store_.db().dialect() == Dialect::kPostgres) {
    store_.db().execute("SELECT pg_advisory_xact_lock(7450119)");
  }
}

SessionStore::LoginHistory SessionStore::login_history(const std::string& user_name,
                                                       const std::string& ip,
                                                       const std::string& since,
                                                       const std::string& trusted_since) {
  auto& db = store_.db();
  LoginHistory h;
  h.trusted = db.query_one(
                    "SELECT 1 FROM login_attempts WHERE user_name = $1 AND ip = $2 AND "
                    "succeeded = 1 AND at >= $3 LIMIT 1",
                    {user_name, ip, trusted_since})
                  .has_value();
  h.pair_failures =
      db.query_one(
            "SELECT COUNT(*) FROM login_attempts WHERE user_name = $1 AND ip = $2 AND "
            "succeeded = 0 AND at >= $3 AND at > COALESCE((SELECT MAX(at) FROM login_attempts "
            "WHERE user_name = $1 AND ip = $2 AND succeeded = 1), '')",
            {user_name, ip, since})
          ->integer(0);
  h.ip_failures = db.query_one(
                        "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND succeeded = 0 AND "
                        "at >= $2",
                        {ip, since})
                      ->integer(0);
  auto row = db.query_one(
      "SELECT COUNT(*), COALESCE(MAX(at), '') FROM login_attempts a WHERE user_name = $1 AND "
      "succeeded = 0 AND at >= $2 AND NOT EXISTS (SELECT 1 FROM login_attempts t WHERE "
      "t.user_name = $1 AND t.ip = a.ip AND t.succeeded = 1 AND t.at >= $3)",
      {user_name, since, trusted_since});
  h.untrusted_user_failures = row->integer(0);
  h.last_untrusted_failure = row->text(1);
  return h;
}

}  // namespace twinning::store
