#include "server/router.h"

#include <cctype>
#include <charconv>
#include <stdexcept>

#include "model/error.h"
#include "model/text.h"

namespace twinning::server {

Access Access::anyone() {
  Access a;
  a.anonymous_ = true;
  a.mask_ = 0xFu;
  return a;
}

Access Access::signed_in() {
  Access a;
  a.mask_ = 0xFu;
  return a;
}

Access Access::roles(std::initializer_list<Role> roles) {
  Access a;
  for (Role r : roles) a.mask_ |= 1u << static_cast<int>(r);
  return a;
}

std::string Access::describe() const {
  if (anonymous_) return "anyone";
  if (mask_ == 0xFu) return "signed in";
  std::string out;
  for (Role r : {Role::kAdmin, Role::kCoordinator, Role::kCorrespondent, Role::kViewer}) {
    if (!allows(r)) continue;
    if (!out.empty()) out += ", ";
    out += role_name(r);
  }
  return out;
}

Access registry_writers() { return Access::roles({Role::kCoordinator, Role::kAdmin}); }
Access administrators() { return Access::roles({Role::kAdmin}); }
Access letter_desk() {
  return Access::roles({Role::kCoordinator, Role::kAdmin, Role::kCorrespondent});
}

std::string_view RequestContext::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

std::int64_t RequestContext::id_param(std::string_view name) const {
  std::string_view text = param(name);
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) {
    throw_invalid(
        std::string(name) + " must be a positive integer, not '" + std::string(text) + "'",
        std::string(name));
  }
  return id;
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string segment;
    if (!percent_decode(path.substr(start, slash - start), segment)) {
      throw_invalid("malformed %-escape in the path", "path");
    }
    if (segment.find('\0') != std::string::npos || !is_valid_utf8(segment)) {
      throw_invalid("the path is not valid UTF-8 text", "path");
    }
    out.push_back(std::move(segment));
    start = slash + 1;
  }
  // "/api/cities/" and "/api/cities" are the same resource.
  if (out.size() > 1 && out.back().empty()) out.pop_back();
  return out;
}

void RouteTable::add(Route route) {
  Compiled c;
  if (route.pattern.empty() || route.pattern[0] != '/') {
    throw std::logic_error("route pattern must start with '/': " + route.pattern);
  }
  c.segments = split_path(route.pattern);
  // Two patterns that differ only in parameter names would be ambiguous.
  auto shape = [](std::vector<std::string> segments) {
    for (auto& s : segments) {
      if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = "{}";
    }
    return segments;
  };
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == route.method && shape(compiled_[i].segments) == shape(c.segments)) {
      throw std::logic_error("route registered twice: " + std::string(method_name(route.method)) +
                             " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(c));
}

bool RouteTable::matches(const Compiled& c, const std::vector<std::string>& segments,
                         std::vector<std::pair<std::string, std::string>>* params) const {
  if (c.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& p = c.segments[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      if (segments[i].empty()) return false;
      if (params) params->emplace_back(p.substr(1, p.size() - 2), segments[i]);
    } else if (p != segments[i]) {
      return false;
    }
  }
  return true;
}

std::optional<RouteMatch> RouteTable::match(Method method, std::string_view path) const {
  auto segments = split_path(path);
  Method wanted = method == Method::kHead ? Method::kGet : method;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != wanted) continue;
    RouteMatch m;
    if (matches(compiled_[i], segments, &m.params)) {
      m.route = &routes_[i];
      return m;
    }
  }
  return std::nullopt;
}

std::string RouteTable::allowed_methods(std::string_view path) const {
  std::vector<std::string> segments;
  try {
    segments = split_path(path);
  } catch (const Error&) {
    return "";
  }
  std::string out;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(compiled_[i], segments, nullptr)) continue;
    if (!out.empty()) out += ", ";
    out += method_name(routes_[i].method);
    if (routes_[i].method == Method::kGet) out += ", HEAD";
  }
  return out;
}

Response json_response(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::string content_disposition(std::string_view disposition, std::string_view file_name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string ascii, encoded;
  for (unsigned char c : file_name) {
    bool printable = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
    // One '_' per character: UTF-8 continuation bytes add none.
    if (printable) {
      ascii += static_cast<char>(c);
    } else if ((c & 0xC0) != 0x80) {
      ascii += '_';
    }
    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"
    if (std::isalnum(c) ||
        std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return std::string(disposition) + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace twinning::server
