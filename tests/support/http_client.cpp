#include "support/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stdexcept>

#include <gtest/gtest.h>

namespace twinning::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpClient::Connection {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;
};

std::string HttpResponse::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return "";
}

std::vector<std::string> HttpResponse::headers_named(const std::string& lower_name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : headers) {
    if (k == lower_name) out.push_back(v);
  }
  return out;
}

nlohmann::json HttpResponse::json() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "body is not JSON (status " << status << "): " << body;
  return j;
}

std::string HttpResponse::error_code() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return "";
  return j["error"].value("code", "");
}

std::string HttpResponse::error_field() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error") || !j["error"]["field"].is_string()) return "";
  return j["error"]["field"].get<std::string>();
}

HttpClient::HttpClient(int port) : port_(port) {}

HttpClient::~HttpClient() { disconnect(); }

void HttpClient::disconnect() {
  if (!conn_) return;
  beast::error_code ec;
  conn_->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  delete conn_;
  conn_ = nullptr;
}

namespace {

void connect(beast::tcp_stream& stream, int port, const std::string& local_address) {
  stream.expires_after(std::chrono::seconds(10));
  if (!local_address.empty()) {
    stream.socket().open(tcp::v4());
    stream.socket().bind(tcp::endpoint(net::ip::make_address(local_address), 0));
  }
  stream.connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
}

bool is_unsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

namespace {

// With $TWINNING_CONTRACT_LOG naming a directory, appends each JSON
// response to <dir>/<pid>.jsonl as {method, path, status, body}: the
// contract test (tests/contract/) checks them against the OpenAPI document.
void record_for_contract(const std::string& method, const std::string& target,
                         const HttpResponse& response) {
  static const char* dir = std::getenv("TWINNING_CONTRACT_LOG");
  if (!dir || !*dir) return;
  if (response.header("content-type").rfind("application/json", 0) != 0) return;
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) body = response.body;  // recorded as a string: the check reports it
  nlohmann::json line = {{"method", method},
                         {"path", target.substr(0, target.find('?'))},
                         {"status", response.status},
                         {"body", std::move(body)}};
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::filesystem::create_directories(dir);
  std::ofstream out(std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body, const HeaderList& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
  if (!csrf.empty() && is_unsafe(method)) req.set("X-CSRF-Token", csrf);
  if (keep_cookies && !cookies.empty()) {
    std::string c;
    for (const auto& [k, v] : cookies) c += (c.empty() ? "" : "; ") + k + "=" + v;
    req.set(http::field::cookie, c);
  }
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || is_unsafe(method)) req.prepare_payload();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn_) conn_ = new Connection();
    bool reused = conn_->open;
    if (!conn_->open) {
      connect(conn_->stream, port_, local_address);
      conn_->open = true;
    }
    beast::error_code ec;
    conn_->stream.expires_after(std::chrono::seconds(120));
    http::write(conn_->stream, req, ec);
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 << 20);
    if (method == "HEAD") parser.skip(true);
    if (!ec) http::read(conn_->stream, conn_->buffer, parser, ec);
    if (ec) {
      // The server closed a kept-alive connection: retry once on a new one.
      disconnect();
      if (attempt == 0 && reused) continue;
      throw std::runtime_error("HTTP " + method + " " + target + ": " + ec.message());
    }
    auto res = parser.release();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res) {
      std::string name(f.name_string());
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.headers.emplace_back(name, std::string(f.value()));
    }
    out.body = std::move(res.body());
    record_for_contract(method, target, out);
    if (!res.keep_alive()) disconnect();
    if (keep_cookies) {
      for (const auto& sc : out.headers_named("set-cookie")) {
        auto eq = sc.find('='), semi = sc.find(';');
        std::string name = sc.substr(0, eq), value = sc.substr(eq + 1, semi - eq - 1);
        std::erase_if(cookies, [&](const auto& c) { return c.first == name; });
        if (sc.find("Max-Age=0") == std::string::npos) cookies.emplace_back(name, value);
      }
    }
    return out;
  }
  throw std::runtime_error("unreachable");
}

HttpResponse HttpClient::get(const std::string& target, const HeaderList& headers) {
  return request("GET", target, "", headers);
}

HttpResponse HttpClient::send_json(const std::string& method, const std::string& target,
                                   const nlohmann::json& body, const HeaderList& headers) {
  HeaderList h = headers;
  h.emplace_back("Content-Type", "application/json");
  return request(method, target, body.dump(), h);
}

std::string HttpClient::raw_exchange(const std::string& bytes) {
  return raw_exchange(
      bytes, [] {}, "");
}

std::string HttpClient::raw_exchange(const std::string& first, const std::function<void()>& between,
                                     const std::string& second) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  if (!local_address.empty()) {
    socket.open(tcp::v4());
    socket.bind(tcp::endpoint(net::ip::make_address(local_address), 0));
  }
  socket.connect(
      tcp::endpoint(net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port_)));
  beast::error_code ec;
  net::write(socket, net::buffer(first), ec);
  between();
  if (!second.empty() && !ec) net::write(socket, net::buffer(second), ec);
  // Read until the server closes, with a deadline (synchronous reads have none).
  std::string out;
  std::vector<char> buf(65536);
  std::function<void(beast::error_code, std::size_t)> on_read = [&](beast::error_code rec,
                                                                    std::size_t n) {
    out.append(buf.data(), n);
    if (!rec) socket.async_read_some(net::buffer(buf), on_read);
  };
  socket.async_read_some(net::buffer(buf), on_read);
  ioc.run_for(std::chrono::seconds(5));
  return out;
}

}  // namespace twinning::testing
