// A small synchronous HTTP/1.1 client over a real loopback connection
// (Boost.Beast), for tests that talk to a running `twinning serve`: keeps
// the connection alive, reconnects when the server closed it, and can act as
// a browser (a cookie jar) or a script (a bearer token).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace twinning::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names in lower case, in order received
  std::string body;

  // The first header named `lower_name`, or "".
  std::string header(const std::string& lower_name) const;
  // Every header named `lower_name` (Set-Cookie).
  std::vector<std::string> headers_named(const std::string& lower_name) const;
  // The body as JSON (fails the test if it is not JSON).
  nlohmann::json json() const;
  // error.code / error.field of a JSON error body ("" if absent).
  std::string error_code() const;
  std::string error_field() const;
};

class HttpClient {
 public:
  explicit HttpClient(int port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its response. Adds Authorization when
  // `bearer` is set, Cookie from the jar when cookies are kept, and
  // X-CSRF-Token when `csrf` is set and the method is unsafe. Throws
  // std::runtime_error if the server cannot be reached.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = "", const HeaderList& headers = {});
  HttpResponse get(const std::string& target, const HeaderList& headers = {});
  // A JSON body with Content-Type: application/json.
  HttpResponse send_json(const std::string& method, const std::string& target,
                         const nlohmann::json& body, const HeaderList& headers = {});

  // Writes `bytes` as they are on a fresh connection and returns everything
  // the server answers until it closes (or 5 s pass).
  std::string raw_exchange(const std::string& bytes);
  // As raw_exchange, but writes `first`, calls `between`, then writes
  // `second`: a request the server is still receiving while `between` runs.
  std::string raw_exchange(const std::string& first, const std::function<void()>& between,
                           const std::string& second);

  // Drops the connection; the next request opens a new one.
  void disconnect();

  std::string bearer;         // API token to send, "" for none
  std::string csrf;           // X-CSRF-Token to send on unsafe methods, "" for none
  bool keep_cookies = false;  // store Set-Cookie values and send them back
  HeaderList cookies;         // the jar: name -> value
  // The loopback address to send from ("127.0.0.7"), "" for the system's
  // choice: a client the server sees at another address (requests and
  // raw exchanges alike).
  std::string local_address;

 private:
  struct Connection;
  int port_;
  Connection* conn_ = nullptr;
};

}  // namespace twinning::testing
