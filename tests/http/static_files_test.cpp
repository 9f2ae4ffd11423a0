// The web interface's files at "/": content types, validators, the
// index.html fallback for client routes, and no way out of the root.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

class StaticFiles : public ApiTest {
 protected:
  std::vector<std::string> serve_args() override {
    std::filesystem::create_directories(dir.path() / "web" / "assets");
    dir.write("web/index.html", "<!doctype html><title>Twinning</title>");
    dir.write("web/app.html",
              "<!doctype html><script>window.ready = 1;</script><script type=\"module\" "
              "src=\"/assets/app-3f2a.js\"></script>");
    dir.write("web/assets/app-3f2a.js", "console.log('twinning');");
    dir.write("web/assets/style.css", "body{}");
    dir.write("web/.env", "SECRET=1");
    dir.write("secret.txt", "outside the root");
    std::error_code again;  // called again when a test restarts the server
    std::filesystem::create_symlink(dir.path() / "secret.txt", dir.path() / "web" / "leak.txt",
                                    again);
    return {"--web", dir.file("web")};
  }
};

TEST_P(StaticFiles, ServesFilesWithTheirTypes) {
  auto r = anonymous().get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<!doctype html><title>Twinning</title>");
  r = anonymous().get("/assets/app-3f2a.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(anonymous().get("/assets/style.css").header("content-type"), "text/css; charset=utf-8");
  auto again = anonymous().get("/assets/app-3f2a.js", {{"If-None-Match", r.header("etag")}});
  EXPECT_EQ(again.status, 304);
}

TEST_P(StaticFiles, ClientRoutesGetTheIndexPage) {
  auto r = anonymous().get("/cities/42");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>Twinning</title>");
  EXPECT_EQ(anonymous().get("/assets/missing.js").status, 404);
  EXPECT_EQ(anonymous().get("/api/missing").header("content-type"), "application/json");
}

// Defences in depth on every answer (issue 14): pages, client routes,
// scripts, the API and its errors.
TEST_P(StaticFiles, EveryAnswerCarriesTheSecurityHeaders) {
  for (const char* path : {"/", "/cities/42", "/letters/7", "/assets/app-3f2a.js", "/app.html",
                           "/api/health", "/api/cities/999999", "/api/letters"}) {
    auto r = anonymous().get(path);
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.header("referrer-policy"), "same-origin") << path;
    std::string csp = r.header("content-security-policy");
    EXPECT_EQ(csp.find("'unsafe-eval'"), std::string::npos) << path << ": " << csp;
    bool page = r.header("content-type").rfind("text/html", 0) == 0;
    // No page may be framed by any other; what pages show (a letter's PDF)
    // may be framed by this origin's pages only.
    EXPECT_EQ(r.header("x-frame-options"), page ? "DENY" : "SAMEORIGIN") << path;
    EXPECT_NE(csp.find(page ? "frame-ancestors 'none'" : "frame-ancestors 'self'"),
              std::string::npos)
        << path << ": " << csp;
    if (page) {
      // A page runs scripts of this origin and its own inline ones by hash,
      // never inline script in general.
      std::string scripts = csp.substr(csp.find("script-src"));
      scripts = scripts.substr(0, scripts.find(';'));
      EXPECT_EQ(scripts.find("'unsafe-inline'"), std::string::npos) << path << ": " << csp;
      EXPECT_NE(scripts.find("'self'"), std::string::npos) << path << ": " << csp;
    } else {
      EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path << ": " << csp;
    }
  }
  // The page with an inline script allows exactly that script: SHA-256 of
  // "window.ready = 1;" in base64.
  auto page = anonymous().get("/app.html");
  EXPECT_NE(page.header("content-security-policy")
                .find("'sha256-/5pjdBR9P5n258AYvvlGiOMF+17JVHPoI5NFO88kzhc='"),
            std::string::npos)
      << page.header("content-security-policy");
  EXPECT_EQ(anonymous().get("/").header("content-security-policy").find("'sha256-"),
            std::string::npos);
}

// The database holds every letter and password hash: its files are the
// owner's alone, whatever the umask, and older ones are made so.
TEST_P(StaticFiles, TheDatabaseFilesAreReadableByTheOwnerOnly) {
  if (GetParam() != Backend::kSqlite) GTEST_SKIP() << "PostgreSQL keeps its own files";
  // A write, so that the server's -wal and -shm files exist.
  ASSERT_EQ(as(Role::kCoordinator)
                .send_json("POST", "/api/cities", {{"name", "Permissions"}, {"country", "PL"}})
                .status,
            201);
  namespace fs = std::filesystem;
  int checked = 0;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::path file = database->location() + suffix;
    if (!fs::exists(file)) continue;
    ++checked;
    auto perms = fs::status(file).permissions();
    EXPECT_EQ(perms & (fs::perms::group_all | fs::perms::others_all), fs::perms::none)
        << file << ": " << std::oct << static_cast<int>(perms);
  }
  EXPECT_GE(checked, 2);
  // A database left readable by an older version is made private on open.
  stop_server();
  fs::permissions(database->location(), fs::perms::owner_read | fs::perms::owner_write |
                                            fs::perms::group_read | fs::perms::others_read);
  start_server();
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
  EXPECT_EQ(fs::status(database->location()).permissions() &
                (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
}

TEST_P(StaticFiles, NothingOutsideTheRootAndNoHiddenFiles) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/.env", "/leak.txt", "/assets/%2e%2e/%2e%2e/secret.txt"}) {
    auto r = anonymous().get(path);
    EXPECT_NE(r.body, "outside the root") << path;
    EXPECT_NE(r.body, "SECRET=1") << path;
    EXPECT_TRUE(r.status == 404 || r.status == 400 || r.body.find("<title>Twinning") == 0)
        << path << " -> " << r.status;
  }
  auto raw = new_client()->raw_exchange(
      "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.find("root:"), std::string::npos);
}

TEST_P(StaticFiles, TraversalInEveryEncodingStaysInside) {
  // Sent as raw bytes, so that no client normalizes them on the way.
  for (const char* path : {"/../../etc/passwd",
                           "/..%2f..%2f..%2fetc%2fpasswd",
                           "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                           "/%2E%2E%2F%2E%2E%2Fsecret.txt",
                           "/%252e%252e/%252e%252e/secret.txt",
                           "/..%5c..%5csecret.txt",
                           "/%c0%ae%c0%ae/secret.txt",
                           "/assets/%00/../../secret.txt",
                           "/secret.txt%00.html",
                           "/assets/app-3f2a.js%00",
                           "/....//....//secret.txt",
                           "//etc/passwd",
                           "/%2fetc%2fpasswd",
                           "/assets/../../secret.txt",
                           "/api/../secret.txt",
                           "/api/%2e%2e/%2e%2e/secret.txt",
                           "/./.env",
                           "/%2eenv",
                           "/assets/.%2e/.%2e/secret.txt",
                           "/leak.txt%3f",
                           "/%ff%fe"}) {
    auto raw = new_client()->raw_exchange(std::string("GET ") + path +
                                          " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    SCOPED_TRACE(path);
    ASSERT_EQ(raw.rfind("HTTP/1.1 ", 0), 0u) << raw;
    int status = std::stoi(raw.substr(9, 3));
    EXPECT_TRUE(status == 400 || status == 404 || status == 200) << raw.substr(0, 200);
    if (status == 200) {
      EXPECT_NE(raw.find("<title>Twinning"), std::string::npos) << raw;
    }
    EXPECT_EQ(raw.find("outside the root"), std::string::npos);
    EXPECT_EQ(raw.find("SECRET=1"), std::string::npos);
    EXPECT_EQ(raw.find("root:x:0:0"), std::string::npos);
  }
}

TWINNING_API_ON_EVERY_BACKEND(StaticFiles);

}  // namespace
}  // namespace twinning::testing
