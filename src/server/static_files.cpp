#include "server/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>

#include <sodium.h>

#include "model/error.h"
#include "server/router.h"

namespace twinning::server {
namespace fs = std::filesystem;

namespace {

Response not_found() {
  return json_response(
      404,
      {{"error",
        {{"code", "not_found"}, {"message", "no such file or endpoint"}, {"field", nullptr}}}});
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

}  // namespace

std::string page_security_policy(std::string_view html) {
  std::string scripts = "'self'";
  std::size_t at = 0;
  while ((at = html.find("<script", at)) != std::string_view::npos) {
    std::size_t open_end = html.find('>', at);
    if (open_end == std::string_view::npos) break;
    std::string_view tag = html.substr(at, open_end - at);
    std::size_t close = html.find("</script>", open_end);
    if (close == std::string_view::npos) break;
    at = close;
    if (tag.find(" src=") != std::string_view::npos) continue;  // external: 'self'
    std::string_view text = html.substr(open_end + 1, close - open_end - 1);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
    scripts += std::string(" 'sha256-") + b64 + "'";
  }
  return "default-src 'self'; script-src " + scripts +
         "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
         "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
         // blob: frames: the compose page shows the preview PDF it fetched
         // (POST /api/letters/preview/pdf) from a blob URL only it can make.
         "frame-src 'self' blob:; frame-ancestors 'none'";
}

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
    for (char c : name.substr(dot))
      ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& t : kTypes) {
      if (t.ext == ext) return t.type;
    }
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) : root_(fs::absolute(std::move(root)).lexically_normal()) {}

namespace {

// The real path of `p` (symbolic links resolved), or "" if it does not exist.
std::string real_path(const fs::path& p) {
  char buf[PATH_MAX];
  if (!::realpath(p.c_str(), buf)) return "";
  return buf;
}

}  // namespace

Response StaticFiles::file_response(const fs::path& file) const {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return not_found();
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return not_found();
  }
  Response r;
  r.body.resize(static_cast<std::size_t>(st.st_size));
  std::size_t done = 0;
  while (done < r.body.size()) {
    ssize_t n = ::read(fd, r.body.data() + done, r.body.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  r.body.resize(done);
  r.content_type = std::string(content_type_for(file.filename().string()));
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"f%zx-%llx\"", r.body.size(),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec));
  r.add_header("ETag", tag);
  // Vite names the files under assets/ by their content hash: cache forever.
  bool hashed = file.parent_path().filename() == "assets";
  r.add_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  if (r.content_type.rfind("text/html", 0) == 0) {
    r.add_header("Content-Security-Policy", page_security_policy(r.body));
  }
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
  std::string root = real_path(root_);
  if (root.empty()) return not_found();
  fs::path root_path(root);
  std::string real = real_path(root_path / rel);
  struct stat st {};
  if (!real.empty() && ::stat(real.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    real = real_path(fs::path(real) / "index.html");
  }
  // Symbolic links may not lead out of the root.
  if (!real.empty() && inside(root_path, fs::path(real))) {
    Response r = file_response(real);
    if (r.status == 200) return r;
  }
  // A client-side route ("/cities/42"): the application's entry page.
  bool extensionless = segments.empty() || segments.back().find('.') == std::string::npos;
  if (extensionless) {
    std::string index = real_path(root_path / "index.html");
    if (!index.empty() && inside(root_path, fs::path(index))) return file_response(index);
  }
  return not_found();
}

}  // namespace twinning::server
