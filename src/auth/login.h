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

struct LoginPolicy {
  std::chrono::seconds session_lifetime = std::chrono::hours(12);
  // Failed logins tolerated within `failure_window`: per user (counted since
  // their last successful login) and per client address.
  int max_user_failures = 5;
  int max_ip_failures = 20;
  std::chrono::seconds failure_window = std::chrono::minutes(15);
};

struct LoginResult {
  User user;
  std::string session_token;  // the session cookie's value
  std::string csrf_token;     // must come back in X-CSRF-Token on unsafe requests
  std::string expires_at;     // ISO 8601 UTC
};

// Checks `password` for user `name` and opens a session. `ip` is the
// client's address (rate limiting). Throws Error(kRateLimited) when the user
// or the address has failed too often within the window (without checking
// the password), Error(kUnauthenticated) for an unknown user, a wrong or
// missing password or a disabled user (one message for all, so that it does
// not tell which names exist).
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

// The identity behind a session token, or nullopt if it is unknown, expired
// or its user is disabled.
std::optional<Identity> authenticate_session(store::Store& store, std::string_view token);

// The identity behind an API token, or nullopt if it is unknown, revoked or
// its user is disabled.
std::optional<Identity> authenticate_api_token(store::Store& store, std::string_view token);

// True if `header_token` (X-CSRF-Token) is the CSRF token of the identity's
// session. Always true for bearer-token identities (no ambient credential).
bool csrf_matches(const Identity& identity, std::string_view header_token);

}  // namespace twinning::auth
