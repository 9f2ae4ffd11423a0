#include "store/session_store.h"

#include "store/clock.h"
#include "store/user_store.h"

namespace twinning::store {
std::int64_t SessionStore::create_session(UserId user_id, const std::string& token_hash,
                                          const std::string& csrf_hash,
                                          const std::string& expires_at) {
  return store_.db().insert(
      "INSERT INTO sessions (user_id, token_hash, csrf_hash, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {user_id, token_hash, csrf_hash, now_utc_iso(), expires_at});
}

std::optional<SessionRecord> SessionStore::find_session(const std::string& token_hash,
                                                        const std::string& now) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kUserSelectList +
          ", s.id, s.csrf_hash, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
          "WHERE s.token_hash = $1 AND s.expires_at > $2",
      {token_hash, now});
  if (!row) return std::nullopt;
  return SessionRecord{row->integer(7), user_from_row(*row), row->text(8), row->text(9)};
}

bool SessionStore::delete_session(const std::string& token_hash) {
  return store_.db().execute("DELETE FROM sessions WHERE token_hash = $1", {token_hash}) > 0;
}

void SessionStore::delete_user_sessions(UserId user_id) {
  store_.db().execute("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

void SessionStore::prune(const std::string& now, const std::string& attempts_before) {
  store_.db().execute("DELETE FROM sessions WHERE expires_at <= $1", {now});
  store_.db().execute("DELETE FROM login_attempts WHERE at < $1", {attempts_before});
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

void SessionStore::record_login_attempt(const std::string& user_name, const std::string& ip,
                                        bool succeeded, const std::string& at) {
  store_.db().execute(
      "INSERT INTO login_attempts (at, user_name, ip, succeeded) VALUES ($1, $2, $3, $4)",
      {at, user_name, ip, succeeded ? 1 : 0});
}

std::int64_t SessionStore::recent_user_failures(const std::string& user_name,
                                                const std::string& since) {
  return store_.db()
      .query_one(
          "SELECT COUNT(*) FROM login_attempts WHERE user_name = $1 AND succeeded = 0 AND "
          "at >= $2 AND at > COALESCE((SELECT MAX(at) FROM login_attempts WHERE user_name = $1 "
          "AND succeeded = 1), '')",
          {user_name, since})
      ->integer(0);
}

std::int64_t SessionStore::recent_ip_failures(const std::string& ip, const std::string& since) {
  return store_.db()
      .query_one("SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND succeeded = 0 AND at >= $2",
                 {ip, since})
      ->integer(0);
}

}  // namespace twinning::store
