// /api/session: sign in with a password (a session cookie plus a CSRF
// token), see who is signed in, sign out.
#include "auth/login.h"
#include "model/model_json.h"
#include "server/api.h"
#include "server/application.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

std::string cookie(std::string_view name, std::string_view value, long max_age, bool http_only,
                   bool secure) {
  std::string c = std::string(name) + "=" + std::string(value) +
                  "; Path=/; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  return c;
}

bool secure_cookies(const RequestContext& ctx) {
  return ctx.options.secure_cookies || ctx.request.secure;
}

nlohmann::json whoami(const std::optional<auth::Identity>& identity) {
  if (!identity) {
    return {{"authenticated", false}, {"user", nullptr}, {"role", "viewer"}, {"via", nullptr}};
  }
  return {{"authenticated", true},
          {"user", identity->user},
          {"role", role_name(identity->user.role)},
          {"via", identity->via_session ? "session" : "token"}};
}

Response login(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"name", "password"});
  std::string name = f.required_text("name");
  std::string password = f.required_text("password");
  auto result = auth::login(ctx.store, name, password, ctx.request.remote_ip, ctx.options.login);
  long max_age = static_cast<long>(ctx.options.login.session_lifetime.count());
  Response r = json_response(200, {{"user", result.user},
                                   {"csrf_token", result.csrf_token},
                                   {"expires_at", result.expires_at}});
  bool secure = secure_cookies(ctx);
  r.add_header("Set-Cookie", cookie(kSessionCookie, result.session_token, max_age, true, secure));
  r.add_header("Set-Cookie", cookie(kCsrfCookie, result.csrf_token, max_age, false, secure));
  r.log_user = result.user.name;
  return r;
}

Response logout(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  if (ctx.identity && ctx.identity->via_session) {
    auth::logout(ctx.store, ctx.request.cookie(kSessionCookie));
  }
  Response r = no_content();
  bool secure = secure_cookies(ctx);
  r.add_header("Set-Cookie", cookie(kSessionCookie, "", 0, true, secure));
  r.add_header("Set-Cookie", cookie(kCsrfCookie, "", 0, false, secure));
  return r;
}

}  // namespace

void add_session_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/session", Access::anyone(), [](RequestContext& ctx) {
                QueryParams(ctx.request, {});
                return json_response(200, whoami(ctx.identity));
              }});
  Route post{Method::kPost, "/api/session", Access::anyone(), login};
  post.csrf = false;  // signing in is how a browser gets its session and CSRF token
  routes.add(std::move(post));
  routes.add({Method::kDelete, "/api/session", Access::signed_in(), logout});
}

}  // namespace twinning::server
