// How the HTTP server reads a request with Boost.Beast: the limits it
// parses under, the answers to requests it refuses while parsing (too
// large, malformed), and the conversion of a parsed Beast request into the
// API's Request. Shared by server/http_server.cpp and the HTTP fuzz target
// (fuzz/http_request_fuzzer.cpp), so that the fuzzer parses bytes exactly as
// the server does. Free functions without state: thread-safe.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/application.h"
#include "server/http_message.h"

namespace twinning::server {

// The largest request header (request line and fields) read; beyond it the
// answer is 431.
constexpr std::size_t kHeaderLimit = 16 * 1024;
// Unknown paths may carry a small body and still get their 404 or 405.
constexpr std::size_t kUnroutedBodyLimit = 64 * 1024;

// The largest body the server reads for a request to `method` and the
// still percent-encoded `path`: the route's limit, or kUnroutedBodyLimit
// where no route matches.
std::size_t request_body_limit(const Application& app, Method method, std::string_view path);

// The 413 answer for a declared Content-Length over `limit`, sent without
// reading the body.
Response body_too_large_response(std::uint64_t length, std::size_t limit);

// The answer to a request the parser refused with `ec` (413 over the body
// limit, 431 over the header limit, 400 for malformed HTTP), or nullopt
// when there is nobody to answer (end of stream, a partial message, a
// timeout or a reset): then the connection is just closed.
std::optional<Response> parse_error_response(const boost::beast::error_code& ec);

// The API's view of a request Beast parsed completely, from the peer at
// `remote_ip`. Header names are lower-cased; X-Forwarded-Proto: https marks
// it secure (cookies then get the Secure flag).
Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& req,
                   const std::string& remote_ip);

// As to_request, from the header alone (an empty body): what the server
// knows of a request before it reads the body.
Request header_request(const boost::beast::http::request_header<>& req,
                       const std::string& remote_ip);

}  // namespace twinning::server
