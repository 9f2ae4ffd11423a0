#include "server/application.h"

#include <sodium.h>

#include <iostream>

#include "auth/login.h"
#include "model/text.h"

namespace twinning::server {
namespace {

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAmbiguous:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
  }
  return 500;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// The caller's identity: a bearer token when an Authorization header is
// sent (a bad one is an error), else the session cookie (an unknown or
// expired one counts as no credentials).
std::optional<auth::Identity> identify(const Request& request, store::Store& store,
                                       const auth::LoginPolicy& policy) {
  std::string_view authorization = trim(request.header("authorization"));
  if (!authorization.empty()) {
    if (!starts_with_ci(authorization, "bearer ")) {
      throw Error(ErrorCode::kUnauthenticated,
                  "unsupported Authorization scheme: send \"Bearer <API token>\"", "Authorization");
    }
    auto identity = auth::authenticate_api_token(store, trim(authorization.substr(7)));
    if (!identity) {
      throw Error(ErrorCode::kUnauthenticated, "unknown or revoked API token", "Authorization");
    }
    return identity;
  }
  std::string session = request.cookie(kSessionCookie);
  if (session.empty()) return std::nullopt;
  return auth::authenticate_session(store, session, policy);
}

// True if an If-None-Match header names `etag` (or is "*"); weak
// comparison, as RFC 9110 prescribes for If-None-Match.
bool none_match_hits(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view tag = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    if (tag == "*") return true;
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    std::string_view mine = etag;
    if (mine.rfind("W/", 0) == 0) mine.remove_prefix(2);
    if (tag == mine) return true;
  }
  return false;
}

std::string_view header_value(const Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// Defences in depth on every response, API and web interface alike: no
// content sniffing, no Referer to other origins, no framing of a page by any
// page (clickjacking), and a Content-Security-Policy: a page's own from
// StaticFiles; anything else may load and run nothing, and only this
// origin's pages may frame it (the letter page shows the letter's PDF in a
// frame). A header the handler set is kept.
void add_security_headers(Response& r) {
  auto add = [&r](std::string_view name, std::string_view value) {
    if (header_value(r, name).empty()) r.add_header(std::string(name), std::string(value));
  };
  bool page = r.content_type.rfind("text/html", 0) == 0;
  add("X-Content-Type-Options", "nosniff");
  add("X-Frame-Options", page ? "DENY" : "SAMEORIGIN");
  add("Referrer-Policy", "same-origin");
  // A PDF gets frame-ancestors only: the browser's PDF viewer runs inside
  // the document, and default-src 'none' would stop it.
  if (r.content_type == "application/pdf") {
    add("Content-Security-Policy", "frame-ancestors 'self'");
  } else {
    add("Content-Security-Policy", page ? "default-src 'none'; frame-ancestors 'none'"
                                        : "default-src 'none'; frame-ancestors 'self'");
  }
}

}  // namespace

std::string content_etag(std::string_view body) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string("\"") + hex + "\"";
}

Actor anonymous_actor() {
  Actor a;
  a.name = "anonymous";
  a.role = Role::kViewer;
  return a;
}

Response error_response(int status, std::string_view code, std::string_view message,
                        std::string_view field) {
  nlohmann::json f = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
  Response r =
      json_response(status, {{"error", {{"code", code}, {"message", message}, {"field", f}}}});
  return r;
}

Response error_response(const Error& e) {
  Response r = error_response(status_of(e.code()), error_code_name(e.code()), e.what(), e.field());
  if (e.code() == ErrorCode::kUnauthenticated) {
    r.add_header("WWW-Authenticate", "Bearer realm=\"twinning\"");
  }
  if (e.retry_after() > 0) {
    r.add_header("Retry-After", std::to_string(e.retry_after()));
  } else if (e.code() == ErrorCode::kRateLimited) {
    r.add_header("Retry-After", "900");
  } else if (e.code() == ErrorCode::kUnavailable) {
    r.add_header("Retry-After", "5");
  }
  return r;
}

Application::Application(ServerOptions options, RouteTable routes)
    : options_(std::move(options)),
      routes_(std::move(routes)),
      templates_(letters::TemplateLibrary::locate(options_.templates)) {
  if (!options_.web_root.empty()) static_files_.emplace(options_.web_root);
}

std::size_t Application::body_limit(Method method, std::string_view path) const {
  if (!is_api_path(path)) return 0;
  try {
    auto m = routes_.match(method, path);
    return m ? m->route->max_body : 0;
  } catch (const Error&) {
    return 0;
  }
}

std::optional<auth::Identity> Application::admit(const Request& request, const Route& route,
                                                 store::Store& store) const {
  std::optional<auth::Identity> identity = identify(request, store, options_.login);
  if (!identity && !route.access.allows_anonymous()) {
    throw Error(ErrorCode::kUnauthenticated, "sign in (POST /api/session) or send an API token");
  }
  if (identity && !route.access.allows(identity->user.role)) {
    throw Error(ErrorCode::kForbidden, "a " + std::string(role_name(identity->user.role)) +
                                           " may not " + std::string(method_name(route.method)) +
                                           " " + route.pattern +
                                           " (allowed: " + route.access.describe() + ")");
  }
  if (identity && route.csrf && !is_safe(request.method) &&
      !auth::csrf_matches(*identity, request.header("x-csrf-token"))) {
    throw Error(ErrorCode::kForbidden,
                "missing or wrong X-CSRF-Token header: send the value of the " +
                    std::string(kCsrfCookie) + " cookie",
                "X-CSRF-Token");
  }
  return identity;
}

std::optional<Response> Application::refuse_before_body(const Request& head,
                                                        store::Store& store) const {
  if (!is_api_path(head.path)) return std::nullopt;
  try {
    auto match = routes_.match(head.method, head.path);
    if (!match) return std::nullopt;  // 404/405, answered once the (empty) body is read
    admit(head, *match->route, store);
    return std::nullopt;
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kUnauthenticated && e.code() != ErrorCode::kForbidden) {
      return std::nullopt;  // e.g. the database is down: handle() answers that
    }
    Response r = error_response(e);
    add_security_headers(r);
    return r;
  }
}

Response Application::dispatch(const Request& request, store::Store& store,
                               std::string& user) const {
  if (!is_api_path(request.path)) {
    if (request.method != Method::kGet && request.method != Method::kHead) {
      Response r =
          error_response(405, "method_not_allowed", "only GET and HEAD are served outside /api/");
      r.add_header("Allow", "GET, HEAD");
      return r;
    }
    if (!static_files_) return error_response(404, "not_found", "no such file or endpoint");
    return static_files_->serve(request);
  }
  auto match = routes_.match(request.method, request.path);
  if (!match) {
    std::string allowed = routes_.allowed_methods(request.path);
    if (allowed.empty()) {
      return error_response(404, "not_found",
                            "no endpoint " + request.path + " (see /api/openapi.yaml)");
    }
    Response r = error_response(405, "method_not_allowed",
                                std::string(method_name(request.method)) + " is not allowed on " +
                                    request.path + "; allowed: " + allowed);
    r.add_header("Allow", allowed);
    return r;
  }
  const Route& route = *match->route;
  std::optional<auth::Identity> identity = admit(request, route, store);
  if (identity) user = identity->user.name;
  store.set_actor(identity ? actor_of(identity->user) : anonymous_actor());
  RequestContext ctx{request, store, identity, options_, templates_, std::move(match->params)};
  Response r = route.handler(ctx);
  if (request.method == Method::kGet || request.method == Method::kHead) {
    if (header_value(r, "Cache-Control").empty()) r.add_header("Cache-Control", "no-cache");
  } else if (header_value(r, "Cache-Control").empty()) {
    r.add_header("Cache-Control", "no-store");
  }
  r.add_header("Vary", "Cookie, Authorization");
  return r;
}

Response Application::handle(const Request& request, store::Store& store) const {
  Response r;
  std::string user;
  try {
    r = dispatch(request, store, user);
  } catch (const Error& e) {
    r = error_response(e);
  } catch (const std::exception& e) {
    std::cerr << "twinning serve: internal error on " << method_name(request.method) << ' '
              << request.path << ": " << e.what() << '\n';
    r = error_response(500, "internal", "internal error");
  }
  if (r.log_user.empty()) r.log_user = user;
  add_security_headers(r);
  bool read = request.method == Method::kGet || request.method == Method::kHead;
  if (read && r.status == 200) {
    std::string etag(header_value(r, "ETag"));
    if (etag.empty()) {
      etag = content_etag(r.body);
      r.add_header("ETag", etag);
    }
    std::string_view if_none_match = request.header("if-none-match");
    if (!if_none_match.empty() && none_match_hits(if_none_match, etag)) {
      r.status = 304;
      r.body.clear();
      r.content_type.clear();
    }
  }
  return r;
}

}  // namespace twinning::server
