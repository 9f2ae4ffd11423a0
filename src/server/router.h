// The API's route table: for each method and path pattern
// ("/api/cities/{id}"), who may call it (a declarative role table, so that a
// test can enumerate every route x role), the largest body it accepts, and
// the handler. Each endpoint group registers its routes from its own file
// (server/routes_*.cpp) through one add_*_routes function listed in
// server/api.h.
//
// A RouteTable is built once at start and only read afterwards: reading it
// from several threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/login.h"
#include "model/actor.h"
#include "server/http_message.h"
#include "store/store.h"

namespace twinning::letters {
class TemplateLibrary;
}

namespace twinning::server {

// Who may call a route: anonymous clients and/or a set of roles.
class Access {
 public:
  // Everyone, signed in or not: public reads.
  static Access anyone();
  // Any signed-in user, whatever the role.
  static Access signed_in();
  // Signed-in users with one of `roles`.
  static Access roles(std::initializer_list<Role> roles);

  bool allows_anonymous() const { return anonymous_; }
  bool allows(Role role) const { return (mask_ >> static_cast<int>(role)) & 1u; }
  // "anyone", "signed in", "admin, coordinator".
  std::string describe() const;

 private:
  bool anonymous_ = false;
  unsigned mask_ = 0;
};

// The usual access rules of the API.
Access registry_writers();  // coordinators and admins
Access administrators();    // admins
// Coordinators, admins and correspondents: the correspondence register,
// where the use cases narrow a correspondent to its own city's letters.
Access letter_desk();

struct ServerOptions;

// Everything a handler gets: the request, its path parameters, the store
// (whose actor is the authenticated user, or an anonymous viewer), and the
// caller's identity. Lives for one request on one thread.
struct RequestContext {
  const Request& request;
  store::Store& store;
  const std::optional<auth::Identity>& identity;
  const ServerOptions& options;
  // The letter templates, opened once at start-up from options.templates:
  // every route that writes a letter drafts from these.
  const letters::TemplateLibrary& templates;
  std::vector<std::pair<std::string, std::string>> params;

  // The path parameter `name` (decoded), or "" if the route has none.
  std::string_view param(std::string_view name) const;
  // The path parameter `name` as a positive integer id. Throws
  // Error(kInvalidInput) naming it otherwise.
  std::int64_t id_param(std::string_view name = "id") const;
};

using Handler = std::function<Response(RequestContext&)>;

constexpr std::size_t kDefaultMaxBody = 1 << 20;  // 1 MiB: any JSON request of the API

struct Route {
  Method method = Method::kGet;
  std::string pattern;  // "/api/cities/{id}/names": literal segments and {name}
  Access access;
  Handler handler;
  std::size_t max_body = kDefaultMaxBody;
  // False only where no session can exist yet (login): the route then
  // needs no X-CSRF-Token even for a cookie-authenticated caller.
  bool csrf = true;
};

// A route matched against a request path, with its parameters.
struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
};

class RouteTable {
 public:
  // Adds a route. Throws std::logic_error (a programming error at start) if
  // the same method and pattern are already registered or the pattern is
  // malformed.
  void add(Route route);

  // The route for `method` and the percent-encoded `path`. HEAD matches GET
  // routes. nullopt if no route has this path and method; then
  // allowed_methods() tells whether the path exists with other methods.
  // Throws Error(kInvalidInput, "path") for a malformed escape in the path.
  std::optional<RouteMatch> match(Method method, std::string_view path) const;

  // The methods registered for `path` ("" if the path is unknown), e.g.
  // "GET, PATCH", for 405 responses.
  std::string allowed_methods(std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" for parameters
  };
  bool matches(const Compiled& c, const std::vector<std::string>& segments,
               std::vector<std::pair<std::string, std::string>>* params) const;

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// The path split at '/' into decoded segments: "/api/cities/12" ->
// {"api", "cities", "12"}. Throws Error(kInvalidInput, "path") for a
// malformed escape, an encoded NUL, or text that is not UTF-8.
std::vector<std::string> split_path(std::string_view path);

// Response helpers for handlers.
Response json_response(int status, const nlohmann::json& body);
Response no_content();
// A Content-Disposition value ("inline" or "attachment") offering
// `file_name`: an ASCII-only filename parameter (other characters, quotes,
// backslashes, '%' and ';' become '_') and the exact UTF-8 name in
// filename* (RFC 6266, RFC 8187 percent-encoding).
std::string content_disposition(std::string_view disposition, std::string_view file_name);

}  // namespace twinning::server
