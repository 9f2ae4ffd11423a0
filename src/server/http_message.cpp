#include "server/http_message.h"

#include "model/error.h"
#include "model/text.h"

namespace twinning::server {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

Method parse_method(std::string_view text) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch,
                   Method::kDelete, Method::kOptions}) {
    if (text == method_name(m)) return m;
  }
  return Method::kOther;
}

bool is_safe(Method m) { return m == Method::kGet || m == Method::kHead || m == Method::kOptions; }

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::string Request::cookie(std::string_view wanted) const {
  for (const auto& [name, value] : headers) {
    if (name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (trim(pair.substr(0, eq)) == wanted) {
        std::string_view v = trim(pair.substr(eq + 1));
        if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
        return std::string(v);
      }
    }
  }
  return {};
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) { return decode(in, out, false); }

Fields parse_query(std::string_view query_text) {
  Fields out;
  while (!query_text.empty()) {
    auto amp = query_text.find('&');
    std::string_view part = query_text.substr(0, amp);
    query_text = amp == std::string_view::npos ? std::string_view() : query_text.substr(amp + 1);
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name, value;
    if (!decode(part.substr(0, eq), name, true) ||
        (eq != std::string_view::npos && !decode(part.substr(eq + 1), value, true))) {
      throw_invalid("malformed %-escape in the query string", "query");
    }
    if (!is_valid_utf8(name) || !is_valid_utf8(value) || name.find('\0') != std::string::npos ||
        value.find('\0') != std::string::npos) {
      throw_invalid("the query string is not valid UTF-8 text", "query");
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace twinning::server
