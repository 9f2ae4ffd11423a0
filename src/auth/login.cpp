#include "auth/login.h"

#include <algorithm>

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

[[noreturn]] void refuse(std::chrono::seconds wait) {
  long seconds = std::max<long>(1, static_cast<long>(wait.count()));
  std::string when = seconds >= 120 ? std::to_string((seconds + 59) / 60) + " minutes"
                                    : std::to_string(seconds) + " seconds";
  throw Error(ErrorCode::kRateLimited, "too many failed logins; try again in " + when)
      .set_retry_after(static_cast<int>(seconds));
}

// Seconds from ISO 8601 UTC `earlier` to `later` (both utc_iso strings).
std::chrono::seconds between(const std::string& earlier,
                             std::chrono::system_clock::time_point later) {
  auto t = store::parse_utc_iso(earlier);
  return std::chrono::duration_cast<std::chrono::seconds>(later - t);
}

// Refuses the attempt (Error(kRateLimited)) if LoginPolicy says so.
void admit(const store::SessionStore::LoginHistory& h, const LoginPolicy& policy,
           std::chrono::system_clock::time_point now) {
  if (h.pair_failures >= policy.max_user_failures) refuse(policy.failure_window);
  if (h.trusted) return;
  if (h.ip_failures >= policy.max_ip_failures) refuse(policy.failure_window);
  std::int64_t excess = h.untrusted_user_failures - policy.max_user_failures + 1;
  if (excess <= 0 || h.last_untrusted_failure.empty()) return;
  auto delay = policy.slow_down_base * (std::int64_t{1} << std::min<std::int64_t>(excess - 1, 20));
  delay = std::min(delay, policy.failure_window);
  auto waited = between(h.last_untrusted_failure, now);
  if (waited < delay) refuse(delay - waited);
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
  store::SessionStore sessions(store);
  // Check the limits and reserve this attempt as a failure in one
  // serialised transaction: parallel guesses each see the others.
  std::int64_t attempt = store.db().write_transaction([&] {
    sessions.lock_login_attempts();
    admit(sessions.login_history(key, ip, store::utc_iso(now - policy.failure_window),
                                 store::utc_iso(now - policy.trusted_for)),
          policy, now);
    return sessions.record_login_attempt(key, ip, false, now_text);
  });
  // The slow password check runs outside any transaction, so that it holds
  // no database lock (and in one of secrets.h's bounded slots).
  auto creds = store::UserStore(store).credentials(key);
  bool ok = false;
  if (creds && !creds->password_hash.empty()) {
    ok = verify_password(creds->password_hash, password);
  } else {
    verify_password_dummy(password);
  }
  if (ok && creds->user.disabled) ok = false;
  if (!ok) bad_login();  // the reservation stays a failure
  LoginResult result;
  result.user = creds->user;
  result.session_token = new_token("tws_");
  result.csrf_token = new_token("twc_");
  result.expires_at = store::utc_iso(now + policy.session_lifetime);
  store.db().write_transaction([&] {
    sessions.prune(now_text, store::utc_iso(now - std::chrono::hours(24)),
                   store::utc_iso(now - policy.trusted_for));
    sessions.mark_login_succeeded(attempt);
    sessions.create_session(result.user.id, token_digest(result.session_token),
                            token_digest(result.csrf_token), result.expires_at,
                            store::utc_iso(now + policy.session_idle));
  });
  return result;
}

bool logout(store::Store& store, const std::string& session_token) {
  return store.db().write_transaction(
      [&] { return store::SessionStore(store).delete_session(token_digest(session_token)); });
}

std::optional<Identity> authenticate_session(store::Store& store, std::string_view token,
                                             const LoginPolicy& policy) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto now = std::chrono::system_clock::now();
  store::SessionStore sessions(store);
  auto s = sessions.find_session(token_digest(token), store::utc_iso(now));
  if (!s || s->user.disabled) return std::nullopt;
  if (s->idle_expires_at < store::utc_iso(now + policy.session_idle / 2)) {
    std::string idle_end = store::utc_iso(now + policy.session_idle);
    store.db().write_transaction([&] { sessions.touch_session(s->id, idle_end); });
  }
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
