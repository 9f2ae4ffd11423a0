#include "auth/login.h"

#include "auth/secrets.h"
#include "auth/users.h"
#include "model/error.h"
#include "store/clock.h"
#include "store/session_store.h"
#include "store/user_store.h"

namespace twinning::auth {
namespace {

[[noreturn]] void bad_login() {
  throw Error(ErrorCode::kUnauthenticated, "wrong user name or password");
}

}  // namespace

LoginResult login(store::Store& store, std::string_view name, std::string_view password,
                  const std::string& ip, const LoginPolicy& policy) {
  std::string key;
  try {
    key = normalize_user_name(name);
  } catch (const Error&) {
    bad_login();
  }
  auto now = std::chrono::system_clock::now();
  std::string now_text = store::utc_iso(now);
  std::string window_start = store::utc_iso(now - policy.failure_window);
  store::SessionStore sessions(store);
  if (sessions.recent_user_failures(key, window_start) >= policy.max_user_failures ||
      sessions.recent_ip_failures(ip, window_start) >= policy.max_ip_failures) {
    throw Error(ErrorCode::kRateLimited, "too many failed logins; try again in " +
                                             std::to_string(policy.failure_window.count() / 60) +
                                             " minutes");
  }
  // The slow password check runs outside any transaction, so that it holds
  // no database lock.
  auto creds = store::UserStore(store).credentials(key);
  bool ok = false;
  if (creds && !creds->password_hash.empty()) {
    ok = verify_password(creds->password_hash, password);
  } else {
    verify_password_dummy(password);
  }
  if (ok && creds->user.disabled) ok = false;
  if (!ok) {
    store.db().write_transaction([&] { sessions.record_login_attempt(key, ip, false, now_text); });
    bad_login();
  }
  LoginResult result;
  result.user = creds->user;
  result.session_token = new_token("tws_");
  result.csrf_token = new_token("twc_");
  result.expires_at = store::utc_iso(now + policy.session_lifetime);
  store.db().write_transaction([&] {
    sessions.prune(now_text, store::utc_iso(now - std::chrono::hours(24)));
    sessions.record_login_attempt(key, ip, true, now_text);
    sessions.create_session(result.user.id, token_digest(result.session_token),
                            token_digest(result.csrf_token), result.expires_at);
  });
  return result;
}

bool logout(store::Store& store, const std::string& session_token) {
  return store.db().write_transaction(
      [&] { return store::SessionStore(store).delete_session(token_digest(session_token)); });
}

std::optional<Identity> authenticate_session(store::Store& store, std::string_view token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto s = store::SessionStore(store).find_session(token_digest(token), store::now_utc_iso());
  if (!s || s->user.disabled) return std::nullopt;
  return Identity{s->user, true, s->csrf_hash};
}

std::optional<Identity> authenticate_api_token(store::Store& store, std::string_view token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto u = store::SessionStore(store).find_api_token_user(token_digest(token));
  if (!u || u->disabled) return std::nullopt;
  return Identity{*u, false, ""};
}

bool csrf_matches(const Identity& identity, std::string_view header_token) {
  if (!identity.via_session) return true;
  if (header_token.empty()) return false;
  return constant_time_equal(token_digest(header_token), identity.csrf_digest);
}

}  // namespace twinning::auth
