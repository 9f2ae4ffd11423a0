// The request pipeline without sockets: error mapping, the acting user,
// ETags, 405s, and that no exception escapes.
#include "server/application.h"

#include <gtest/gtest.h>

#include "auth/users.h"
#include "support/test_database.h"

namespace twinning::server {
namespace {

class ApplicationTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    RouteTable t;
    t.add({Method::kGet, "/api/whoami", Access::anyone(), [](RequestContext& ctx) {
             return json_response(200, {{"actor", ctx.store.actor().name}});
           }});
    t.add({Method::kPost, "/api/fail/{code}", Access::signed_in(), [](RequestContext& ctx) {
             std::string_view c = ctx.param("code");
             if (c == "bug") throw std::runtime_error("a bug");
             for (ErrorCode code :
                  {ErrorCode::kInvalidInput, ErrorCode::kNotFound, ErrorCode::kAmbiguous,
                   ErrorCode::kConflict, ErrorCode::kUnauthenticated, ErrorCode::kForbidden,
                   ErrorCode::kUnavailable, ErrorCode::kRateLimited}) {
               if (c == error_code_name(code)) throw Error(code, "failed", "thing");
             }
             return no_content();
           }});
    app.emplace(ServerOptions{}, std::move(t));
    auth::NewUser n;
    n.name = "coord";
    n.role = Role::kCoordinator;
    token = auth::issue_api_token(*store, auth::add_user(*store, n).id, "").token;
  }
  Request request(Method m, std::string path, bool signed_in) {
    Request r;
    r.method = m;
    r.path = path;
    r.target = path;
    if (signed_in) r.headers.emplace_back("authorization", "Bearer " + token);
    return r;
  }
  std::optional<Application> app;
  std::string token;
};

TEST_P(ApplicationTest, ErrorsMapToStatusesWithAJsonBody) {
  std::vector<std::pair<std::string, int>> expected = {
      {"invalid_input", 400}, {"not_found", 404},       {"ambiguous", 409},
      {"conflict", 409},      {"unauthenticated", 401}, {"forbidden", 403},
      {"unavailable", 503},   {"rate_limited", 429},    {"bug", 500}};
  for (const auto& [code, status] : expected) {
    Response r = app->handle(request(Method::kPost, "/api/fail/" + code, true), *store);
    EXPECT_EQ(r.status, status) << code;
    auto j = nlohmann::json::parse(r.body);
    if (code == "bug") {
      EXPECT_EQ(j["error"]["code"], "internal");
      EXPECT_EQ(j["error"]["message"], "internal error");  // no internals leak
    } else {
      EXPECT_EQ(j["error"]["code"], code);
      EXPECT_EQ(j["error"]["field"], "thing");
    }
  }
  EXPECT_EQ(app->handle(request(Method::kPost, "/api/fail/none", false), *store).status, 401);
}

TEST_P(ApplicationTest, TheStoreActsAsTheCaller) {
  auto r = app->handle(request(Method::kGet, "/api/whoami", true), *store);
  EXPECT_EQ(nlohmann::json::parse(r.body)["actor"], "coord");
  EXPECT_EQ(r.log_user, "coord");
  r = app->handle(request(Method::kGet, "/api/whoami", false), *store);
  EXPECT_EQ(nlohmann::json::parse(r.body)["actor"], "anonymous");
  EXPECT_EQ(store->actor().role, Role::kViewer);
}

TEST_P(ApplicationTest, ReadsCarryAnETag) {
  auto first = app->handle(request(Method::kGet, "/api/whoami", false), *store);
  std::string etag;
  for (const auto& [k, v] : first.headers) {
    if (k == "ETag") etag = v;
  }
  ASSERT_EQ(etag.size(), 34u);  // 128 bits in hex, quoted
  Request again = request(Method::kGet, "/api/whoami", false);
  again.headers.emplace_back("if-none-match", etag);
  auto r = app->handle(again, *store);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
}

TEST_P(ApplicationTest, UnknownPathsAndMethods) {
  auto r = app->handle(request(Method::kDelete, "/api/whoami", false), *store);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>("Allow", "GET, HEAD")));
  EXPECT_EQ(app->handle(request(Method::kGet, "/api/nope", false), *store).status, 404);
  EXPECT_EQ(app->handle(request(Method::kGet, "/index.html", false), *store).status, 404);
  EXPECT_EQ(app->body_limit(Method::kPost, "/api/fail/x"), kDefaultMaxBody);
  EXPECT_EQ(app->body_limit(Method::kPost, "/api/nope"), 0u);
}

TWINNING_ON_EVERY_BACKEND(ApplicationTest);

}  // namespace
}  // namespace twinning::server
