#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace twinning::server {
namespace {

Request get(std::string path) {
  Request r;
  r.path = std::move(path);
  return r;
}

TEST(StaticFiles, ContentTypes) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("app.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("world.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("font.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
}

TEST(StaticFiles, APagesPolicyAllowsItsOwnInlineScriptsByHash) {
  // SHA-256 of "window.ready = 1;" and of "", in base64.
  std::string policy = page_security_policy(
      "<html><script>window.ready = 1;</script><script type=\"module\" src=\"/a.js\"></script>"
      "<script></script></html>");
  EXPECT_NE(policy.find("script-src 'self' 'sha256-/5pjdBR9P5n258AYvvlGiOMF+17JVHPoI5NFO88kzhc=' "
                        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"),
            std::string::npos)
      << policy;
  EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(policy.find("object-src 'none'"), std::string::npos);
  std::string plain = page_security_policy("<title>No scripts</title>");
  EXPECT_NE(plain.find("script-src 'self';"), std::string::npos) << plain;
  // An unterminated script allows nothing more.
  EXPECT_NE(page_security_policy("<script>alert(1)").find("script-src 'self';"), std::string::npos);
}

TEST(StaticFiles, ServesInsideTheRootOnly) {
  testing::ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "web" / "docs");
  dir.write("web/index.html", "index");
  dir.write("web/docs/index.html", "docs");
  dir.write("web/map.json", "{}");
  dir.write("outside.txt", "secret");
  StaticFiles files(dir.file("web"));
  EXPECT_EQ(files.serve(get("/")).body, "index");
  EXPECT_EQ(files.serve(get("/docs/")).body, "docs");
  auto r = files.serve(get("/map.json"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_EQ(files.serve(get("/cities/42")).body, "index");  // a client route
  EXPECT_EQ(files.serve(get("/missing.css")).status, 404);
  EXPECT_EQ(files.serve(get("/../outside.txt")).status, 404);
  EXPECT_EQ(files.serve(get("/%2e%2e/outside.txt")).status, 404);
  StaticFiles none(dir.file("no-such-dir"));
  EXPECT_EQ(none.serve(get("/")).status, 404);
}

}  // namespace
}  // namespace twinning::server
