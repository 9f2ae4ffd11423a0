// The request pipeline of the HTTP API, independent of the network: route
// matching, authentication (bearer API token or session cookie), the route
// table's role check, CSRF protection for cookie-authenticated unsafe
// requests, the handler, the mapping of twinning::Error to a 4xx/503 JSON
// error, ETag / If-None-Match on reads, and the static web interface for
// everything outside /api/.
//
// handle() is const and keeps no state between requests: one Application
// serves all threads, each thread passing its own Store.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "auth/login.h"
#include "letters/letter_template.h"
#include "model/error.h"
#include "server/http_message.h"
#include "server/router.h"
#include "server/server_options.h"
#include "server/static_files.h"
#include "store/store.h"

namespace twinning::server {

// Cookie names: the HttpOnly session cookie and the CSRF token that the
// browser's script reads and sends back as X-CSRF-Token.
inline constexpr std::string_view kSessionCookie = "twinning_session";
inline constexpr std::string_view kCsrfCookie = "twinning_csrf";

class Application {
 public:
  // Opens the letter templates of options.templates (TemplateLibrary::locate)
  // once, for every request. Throws Error(kNotFound) naming "--templates"
  // if that directory does not exist.
  Application(ServerOptions options, RouteTable routes);

  // The largest body a request for `method` and `path` may carry; the
  // server answers 413 beyond it without reading on.
  std::size_t body_limit(Method method, std::string_view path) const;

  // The refusal of a request from its header alone, before its body is read
  // (and before a 100 Continue): 401 when the route needs credentials and
  // none came (or a bad token), 403 when the caller's role may not use the
  // route or the CSRF token is missing. nullopt when the header passes, or
  // when only the whole request can tell (handle() answers then). Never
  // throws.
  std::optional<Response> refuse_before_body(const Request& head, store::Store& store) const;

  // The response to `request`, using `store` (whose actor it sets to the
  // caller). Never throws: every failure becomes an error response.
  Response handle(const Request& request, store::Store& store) const;

  const RouteTable& routes() const { return routes_; }
  const ServerOptions& options() const { return options_; }
  const letters::TemplateLibrary& templates() const { return templates_; }

 private:
  Response dispatch(const Request& request, store::Store& store, std::string& user) const;
  // The caller of `request` if the route admits it (credentials, role,
  // CSRF). Throws Error(kUnauthenticated) or Error(kForbidden) otherwise.
  std::optional<auth::Identity> admit(const Request& request, const Route& route,
                                      store::Store& store) const;
  ServerOptions options_;
  RouteTable routes_;
  letters::TemplateLibrary templates_;
  std::optional<StaticFiles> static_files_;
};

// The JSON error response for `e`: {"error": {"code", "message", "field"}}
// with the status of its code (400, 401, 403, 404, 409, 429, 503).
Response error_response(const Error& e);
// An error response with an explicit status and code name (405, 413, 500, ...).
Response error_response(int status, std::string_view code, std::string_view message,
                        std::string_view field = {});

// A strong ETag for a response body: 128 bits of BLAKE2b, quoted. The
// pipeline sets it on every 200 read that has none; a handler that caches
// a body sets it once with the body, so it is not hashed on every request.
std::string content_etag(std::string_view body);

// The Actor of requests without credentials: an anonymous viewer.
Actor anonymous_actor();

}  // namespace twinning::server
