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
  std::string csrf_hash;        // digest of the session's CSRF token
  std::string expires_at;       // ISO 8601 UTC: the fixed end
  std::string idle_expires_at;  // ISO 8601 UTC: the end unless used before (touch_session)
};

class SessionStore {
 public:
  explicit SessionStore(Store& store) : store_(store) {}

  // Stores a session for `user_id` that ends at `expires_at`, or unused
  // at `idle_expires_at` ("": at `expires_at`). Returns its id.
  std::int64_t create_session(UserId user_id, const std::string& token_hash,
                              const std::string& csrf_hash, const std::string& expires_at,
                              const std::string& idle_expires_at = "");
  // The session with this token digest if neither of its ends has passed at `now`.
  std::optional<SessionRecord> find_session(const std::string& token_hash, const std::string& now);
  // Moves session `id`'s idle end to `idle_expires_at`.
  void touch_session(std::int64_t id, const std::string& idle_expires_at);
  // Ends a session; returns true if there was one.
  bool delete_session(const std::string& token_hash);
  // Ends every session of a user (disabled, password changed).
  void delete_user_sessions(UserId user_id);
  // Forgets sessions expired at `now`, failed login attempts before
  // `failures_before` and successful ones before `successes_before`.
  void prune(const std::string& now, const std::string& failures_before,
             const std::string& successes_before);

  // Stores an API token. Returns its id.
  std::int64_t create_api_token(UserId user_id, const std::string& label,
                                const std::string& token_hash);
  // The user of a token that has not been revoked.
  std::optional<User> find_api_token_user(const std::string& token_hash);

  // Records a login attempt. Returns its id.
  std::int64_t record_login_attempt(const std::string& user_name, const std::string& ip,
                                    bool succeeded, const std::string& at);
  // Turns attempt `id` (reserved as a failure) into a success.
  void mark_login_succeeded(std::int64_t id);
  // Serialises the login checks of concurrent transactions until this one
  // ends: call first in the write transaction that reads login_history and
  // records the attempt (PostgreSQL: a transaction-level advisory lock;
  // SQLite's write transactions are serialised already).
  void lock_login_attempts();

  // What the login policy (auth/login.h LoginPolicy) needs to know of a user
  // and an address; failures count from `since` on.
  struct LoginHistory {
    bool trusted = false;  // the user succeeded from this address at or after trusted_since
    std::int64_t pair_failures = 0;  // (user, ip), after the pair's last success
    std::int64_t ip_failures = 0;    // the address, any user
    // The user's failures from addresses it is not trusted at (a success
    // elsewhere does not reset them: it proves nothing of those guesses).
    std::int64_t untrusted_user_failures = 0;
    std::string last_untrusted_failure;  // ISO 8601 UTC, "" if none
  };
  LoginHistory login_history(const std::string& user_name, const std::string& ip,
                             const std::string& since, const std::string& trusted_since);

 private:
  Store& store_;
};

}  // namespace twinning::store
