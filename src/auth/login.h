// Use cases that establish who is making a request: password login with
// rate limiting, browser sessions with their CSRF token, logout, and bearer
// API tokens. The HTTP server calls these; the role checks of what the user
// may then do live in the route table and the use cases.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "model/user.h"
#include "store/store.h"

namespace twinning::auth {

// How password sign-in resists guessing without handing anyone a way to
// lock a user out (issue 14). Within `failure_window`:
// - a (user, address) pair is refused after max_user_failures failures;
// - an address the user signed in from within `trusted_for` is trusted for
//   that user: only its own pair count applies, so that an attacker's
//   guesses from elsewhere never stop the user at an address that worked;
// - from untrusted addresses, an address is refused after max_ip_failures
//   failures (any user); and once a user's failures from all its untrusted
//   addresses together reach max_user_failures (a success elsewhere does
//   not reset them: it proves nothing of those guesses), further attempts
//   from untrusted addresses are slowed, not stopped: each waits
//   slow_down_base x 2^n after the last such failure (n = failures beyond
//   the limit), at most failure_window; the refusal's retry_after says how
//   long.
// Each attempt is reserved (counted as a failure) before its password is
// checked, in one serialised transaction, so parallel guesses cannot pass
// the limits; a success turns the reservation into a success.
struct LoginPolicy {
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  // A session unused this long ends before its lifetime (an office PC left
  // signed in); each use moves the end forward.
  std::chrono::seconds session_idle = std::chrono::minutes(30);
  // Failed logins tolerated within `failure_window`: per user (counted since
  // their last successful login) and per client address.
  int max_user_failures = 5;
  int max_ip_failures = 20;
  std::chrono::seconds failure_window = std::chrono::minutes(15);
  std::chrono::seconds trusted_for = std::chrono::hours(24 * 30);
  std::chrono::seconds slow_down_base = std::chrono::seconds(30);
};

struct LoginResult {
  User user;
  std::string session_token;  // the session cookie's value
  std::string csrf_token;     // must come back in X-CSRF-Token on unsafe requests
  std::string expires_at;     // ISO 8601 UTC
};

// Checks `password` for user `name` and opens a session. `ip` is the
// client's address (rate limiting, LoginPolicy). Throws Error(kRateLimited)
// with retry_after() when the policy refuses the attempt (without checking
// the password), Error(kUnauthenticated) for an unknown user, a wrong or
// missing password or a disabled user (one message for all, so that it does
// not tell which names exist), Error(kUnavailable) if no password-hash slot
// (secrets.h kMaxConcurrentPasswordHashes) frees within 30 s.
LoginResult login(store::Store& store, std::string_view name, std::string_view password,
                  const std::string& ip, const LoginPolicy& policy = {});

// Ends the session with this token. Returns false if there was none.
bool logout(store::Store& store, const std::string& session_token);

// A user established from a request's credentials.
struct Identity {
  User user;
  bool via_session = false;  // true: session cookie (CSRF applies); false: bearer token
  std::string csrf_digest;   // of the session's CSRF token; "" for bearer tokens
};

// The identity behind a session token, or nullopt if it is unknown, past its
// lifetime, unused for longer than policy.session_idle, or its user is
// disabled. A use moves the idle end to now + session_idle (written at most
// once per half of session_idle, so that reads rarely write).
std::optional<Identity> authenticate_session(store::Store& store, std::string_view token,
                                             const LoginPolicy& policy = {});

// The identity behind an API token, or nullopt if it is unknown, revoked or
// its user is disabled.
std::optional<Identity> authenticate_api_token(store::Store& store, std::string_view token);

// True if `header_token` (X-CSRF-Token) is the CSRF token of the identity's
// session. Always true for bearer-token identities (no ambient credential).
bool csrf_matches(const Identity& identity, std::string_view header_token);

}  // namespace twinning::auth
