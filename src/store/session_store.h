// What authenticates a request (tables sessions, api_tokens) and what limits
// password guessing (table login_attempts). Tokens are stored as digests
// only (auth/secrets.h makes them), so a stolen database yields no usable
// credential. Not audited: these are not changes to the registry, and the
// audit log must never see a secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/user.h"
#include "store/store.h"

namespace twinning::store {

// A live browser session and its user.
struct SessionRecord {
  std::int64_t id = 0;
  User user;
  std::string csrf_hash;   // digest of the session's CSRF token
  std::string expires_at;  // ISO 8601 UTC
};

class SessionStore {
 public:
  explicit SessionStore(Store& store) : store_(store) {}

  // Stores a session for `user_id` that ends at `expires_at`. Returns its id.
  std::int64_t create_session(UserId user_id, const std::string& token_hash,
                              const std::string& csrf_hash, const std::string& expires_at);
  // The session with this token digest if it has not expired at `now`.
  std::optional<SessionRecord> find_session(const std::string& token_hash, const std::string& now);
  // Ends a session; returns true if there was one.
  bool delete_session(const std::string& token_hash);
  // Ends every session of a user (disabled, password changed).
  void delete_user_sessions(UserId user_id);
  // Forgets sessions expired at `now` and login attempts before `attempts_before`.
  void prune(const std::string& now, const std::string& attempts_before);

  // Stores an API token. Returns its id.
  std::int64_t create_api_token(UserId user_id, const std::string& label,
                                const std::string& token_hash);
  // The user of a token that has not been revoked.
  std::optional<User> find_api_token_user(const std::string& token_hash);

  void record_login_attempt(const std::string& user_name, const std::string& ip, bool succeeded,
                            const std::string& at);
  // Failed logins for `user_name` at or after `since` and after the user's
  // last successful login.
  std::int64_t recent_user_failures(const std::string& user_name, const std::string& since);
  // Failed logins from `ip` at or after `since`.
  std::int64_t recent_ip_failures(const std::string& ip, const std::string& since);

 private:
  Store& store_;
};

}  // namespace twinning::store
