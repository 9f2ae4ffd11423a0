// Bad input over HTTP never causes a 500 or a half-write: malformed JSON,
// wrong media types, too deep nesting, unknown fields, wrong types,
// oversized bodies and headers, malformed HTTP. Both backends.
#include <gtest/gtest.h>

#include "store/city_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using RequestLimits = ApiTest;

TEST_P(RequestLimits, MalformedJsonAndWrongMediaType) {
  auto& c = as(Role::kCoordinator);
  auto r = c.request("POST", "/api/cities", "{\"name\": \"Gdańsk\",",
                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", "{\"name\": \"Gda\xff\"}",
                {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", "[1, 2]", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", R"({"name":"X","country":"PL"})",
                {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "Content-Type");
  r = c.request("POST", "/api/cities", "", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, UnknownFieldsAndWrongTypesAreNamed) {
  auto& c = as(Role::kCoordinator);
  auto r = c.send_json("POST", "/api/cities", {{"name", "X"}, {"country", "PL"}, {"mayor", "Y"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "mayor");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("unknown field 'mayor'"),
            std::string::npos);
  r = c.send_json("PATCH", "/api/cities/" + std::to_string(kiel), {{"lat", "north"}});
  EXPECT_EQ(r.error_field(), "lat");
  r = c.send_json("PATCH", "/api/cities/" + std::to_string(kiel), {{"languages", "de"}});
  EXPECT_EQ(r.error_field(), "languages");
  r = c.send_json("POST", "/api/cities",
                  {{"name", std::string("nul\0byte", 8)}, {"country", "PL"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "name");
  r = c.send_json("POST", "/api/cities",
                  {{"name", "X"}, {"country", "PL"}, {"population", 18446744073709551615ull}});
  EXPECT_EQ(r.error_field(), "population");
  r = c.send_json("POST", "/api/links", {{"city_a", {{"id", 1}}}, {"city_b", kiel}});
  EXPECT_EQ(r.error_field(), "city_a");
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, NestingDepthIsLimited) {
  std::string deep = std::string(40, '[') + std::string(40, ']');
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/cities", "{\"names\": " + deep + "}",
                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  EXPECT_NE(r.body.find("nested deeper than 32"), std::string::npos);
  std::string bomb = std::string(200000, '[');
  r = as(Role::kCoordinator)
          .request("POST", "/api/cities", bomb, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
}

TEST_P(RequestLimits, OversizedBodiesGet413WithoutBeingRead) {
  std::string big = "{\"name\": \"" + std::string(2 << 20, 'x') + "\", \"country\": \"PL\"}";
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/cities", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "payload_too_large");
  // Chunked, without a length up front: cut off at the limit.
  auto raw = new_client()->raw_exchange(
      "POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      tokens[Role::kCoordinator] +
      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" +
      std::string(0x200000, ' ') + "\r\n0\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 200);
  // The server keeps serving.
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, MalformedHttpAndHugeHeaders) {
  auto raw = new_client()->raw_exchange("GARBAGE\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 431", 0), 0u) << raw.substr(0, 200);
  raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
}

TEST_P(RequestLimits, KeepAliveServesManyRequestsOnOneConnection) {
  auto raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/cities/" +
      std::to_string(kiel) +
      " HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t responses = 0, at = 0;
  while ((at = raw.find("HTTP/1.1 200 OK", at)) != std::string::npos) {
    ++responses;
    ++at;
  }
  EXPECT_EQ(responses, 3u) << raw;
  EXPECT_NE(raw.find("\"name\":\"Kiel\""), std::string::npos);
}

TWINNING_API_ON_EVERY_BACKEND(RequestLimits);

}  // namespace
}  // namespace twinning::testing
