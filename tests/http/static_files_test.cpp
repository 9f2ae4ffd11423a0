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
    dir.write("web/assets/app-3f2a.js", "console.log('twinning');");
    dir.write("web/assets/style.css", "body{}");
    dir.write("web/.env", "SECRET=1");
    dir.write("secret.txt", "outside the root");
    std::filesystem::create_symlink(dir.path() / "secret.txt", dir.path() / "web" / "leak.txt");
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
