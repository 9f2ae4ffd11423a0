#include "server/beast_request.h"

#include <boost/beast/core.hpp>

namespace twinning::server {

namespace beast = boost::beast;
namespace http = beast::http;

std::size_t request_body_limit(const Application& app, Method method, std::string_view path) {
  std::size_t limit = app.body_limit(method, path);
  return limit == 0 ? kUnroutedBodyLimit : limit;
}

Response body_too_large_response(std::uint64_t length, std::size_t limit) {
  return error_response(413, "payload_too_large",
                        "the body has " + std::to_string(length) +
                            " bytes; this endpoint takes at most " + std::to_string(limit));
}

std::optional<Response> parse_error_response(const beast::error_code& ec) {
  if (ec == http::error::body_limit) {
    return error_response(413, "payload_too_large", "the body is larger than this endpoint takes");
  }
  if (ec == http::error::header_limit) {
    return error_response(431, "header_too_large", "the request header is larger than 16 KiB");
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message &&
      ec != http::error::need_more) {
    return error_response(400, "bad_request",
                          std::string("malformed HTTP request: ") + ec.message());
  }
  return std::nullopt;
}

Request to_request(http::request<http::string_body>&& req, const std::string& remote_ip) {
  Request r = header_request(req, remote_ip);
  r.body = std::move(req.body());
  return r;
}

Request header_request(const http::request_header<>& req, const std::string& remote_ip) {
  Request r;
  r.method = parse_method(std::string_view(req.method_string().data(), req.method_string().size()));
  r.target = std::string(req.target());
  auto q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query_text = r.target.substr(q + 1);
  r.headers.reserve(8);
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.remote_ip = remote_ip;
  // Behind a TLS-terminating proxy the cookies must be Secure. Trusting the
  // header can only make cookies stricter, never weaker.
  std::string_view proto = r.header("x-forwarded-proto");
  r.secure = beast::iequals(beast::string_view(proto.data(), proto.size()), "https");
  return r;
}

}  // namespace twinning::server
