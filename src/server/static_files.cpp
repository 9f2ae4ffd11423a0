#include "server/static_files.h"

#include <fstream>
#include <sstream>

#include "model/error.h"
#include "server/router.h"

namespace twinning::server {
namespace fs = std::filesystem;

namespace {

Response not_found() {
  return json_response(404, {{"error",
                              {{"code", "not_found"},
                               {"message", "no such file or endpoint"},
                               {"field", nullptr}}}});
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".xml", "application/xml"},
      {".yaml", "application/yaml"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
  };
  auto dot = name.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext;
    for (char c : name.substr(dot)) ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& t : kTypes) {
      if (t.ext == ext) return t.type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(fs::absolute(std::move(root)).lexically_normal()) {}

Response StaticFiles::file_response(const fs::path& file) const {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return not_found();
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found();
  Response r;
  r.body.resize(size);
  in.read(r.body.data(), static_cast<std::streamsize>(size));
  r.body.resize(static_cast<std::size_t>(in.gcount()));
  r.content_type = std::string(content_type_for(file.filename().string()));
  std::ostringstream tag;
  tag << "\"f" << std::hex << r.body.size() << '-'
      << mtime.time_since_epoch().count() << '"';
  r.add_header("ETag", tag.str());
  // Vite names the files under assets/ by their content hash: cache forever.
  bool hashed = file.parent_path().filename() == "assets";
  r.add_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

Response StaticFiles::serve(const Request& request) const {
  auto segments = split_path(request.path);
  fs::path rel;
  for (const auto& s : segments) {
    if (s.empty()) continue;
    // No way up, no hidden files, no Windows-style separators.
    if (s == "." || s == ".." || s[0] == '.' || s.find('\\') != std::string::npos ||
        s.find('/') != std::string::npos) {
      return not_found();
    }
    rel /= s;
  }
  std::error_code ec;
  fs::path root = fs::weakly_canonical(root_, ec);
  if (ec || !fs::is_directory(root, ec)) return not_found();
  fs::path candidate = root / rel;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  fs::path real = fs::weakly_canonical(candidate, ec);
  if (!ec && inside(root, real) && fs::is_regular_file(real, ec)) return file_response(real);
  // A client-side route ("/cities/42"): the application's entry page.
  bool extensionless = segments.empty() || segments.back().find('.') == std::string::npos;
  fs::path index = root / "index.html";
  if (extensionless && fs::is_regular_file(index, ec)) {
    Response r = file_response(fs::weakly_canonical(index, ec));
    return r;
  }
  return not_found();
}

}  // namespace twinning::server
