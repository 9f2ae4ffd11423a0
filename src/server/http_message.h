// The HTTP request and response as the API's handlers see them: plain value
// types with no networking library in them, so that route files compile fast
// and the request pipeline (server/application.h) can be exercised without
// sockets. server/http_server.cpp converts to and from Boost.Beast.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace twinning::server {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST", ...; "OTHER" for kOther.
std::string_view method_name(Method m);
// The method named `text` (case-sensitive, as HTTP methods are), or kOther.
Method parse_method(std::string_view text);
// True for the methods that must not change anything (GET, HEAD, OPTIONS).
bool is_safe(Method m);

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::kGet;
  std::string target;      // as received: "/api/cities?search=volgo"
  std::string path;        // the target before '?', still percent-encoded
  std::string query_text;  // the target after '?', "" if none
  Fields headers;          // names in lower case
  std::string body;
  std::string remote_ip;  // the peer's address, for rate limiting and logs
  bool secure = false;    // arrived over TLS (set cookies Secure)

  // The first header named `lower_name`, or "" if absent.
  std::string_view header(std::string_view lower_name) const;
  // The value of cookie `name` from the Cookie header(s), or "" if absent.
  std::string cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;  // "" for no body
  std::string body;
  Fields headers;        // extra headers: Set-Cookie, Location, ETag, ...
  bool close = false;    // close the connection after this response
  std::string log_user;  // the authenticated user, for the access log only

  void add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Decodes %XX escapes (and nothing else: '+' stays '+', as in paths).
// Returns false for a malformed escape.
bool percent_decode(std::string_view in, std::string& out);

// Splits "a=1&b=%20x" into decoded pairs ('+' means space in queries).
// Throws Error(kInvalidInput, field "query") for a malformed escape or text
// that is not UTF-8.
Fields parse_query(std::string_view query_text);

}  // namespace twinning::server
