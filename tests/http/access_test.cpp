// The route table's role rules, enumerated: every route the server
// registers x every kind of caller (anonymous, viewer, correspondent,
// coordinator, admin), over real HTTP on both backends. A caller the table
// does not allow gets 401 (anonymous) or 403 (signed in, "... (allowed:
// ROLES)"), before any input is looked at; an allowed caller never does
// (what the use cases then refuse is route_matrix.h's business).
#include <gtest/gtest.h>

#include <regex>

#include "campaign/campaigns.h"
#include "server/api.h"
#include "support/letter_api_fixture.h"

namespace twinning::testing {
namespace {

class RouteAccess : public LettersApiTest {
 protected:
  void SetUp() override {
    LettersApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    letter = send("coventry", volgograd, "2013-09-06")["letter"]["id"];
    campaign::CampaignRequest r;
    r.code = "access";
    r.title = "Access check";
    r.originators = {coventry, volgograd};
    campaign::create_campaign(*store, r);
  }

  // A concrete path for a route pattern: {id} becomes an existing id of the
  // collection it belongs to, {code} an existing campaign, {city} a city.
  std::string concrete(const std::string& pattern) {
    std::string id = "1";
    if (pattern.rfind("/api/users/", 0) == 0) id = std::to_string(user_ids[Role::kViewer]);
    if (pattern.rfind("/api/cities/", 0) == 0) id = std::to_string(kiel);
    if (pattern.rfind("/api/links/", 0) == 0) id = std::to_string(coventry_cologne);
    if (pattern.rfind("/api/letters/", 0) == 0) id = std::to_string(letter);
    std::string path = std::regex_replace(pattern, std::regex(R"(\{code\})"), "access");
    path = std::regex_replace(path, std::regex(R"(\{city\})"), std::to_string(cologne));
    return std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), id);
  }

  LetterId letter = 0;  // Coventry to Volgograd: not the correspondent's (Cologne)

  HttpResponse call(HttpClient& client, const server::Route& route) {
    std::string method(server::method_name(route.method));
    std::string path = concrete(route.pattern);
    if (server::is_safe(route.method)) return client.request(method, path);
    return client.request(method, path, "{}", {{"Content-Type", "application/json"}});
  }
};

TEST_P(RouteAccess, EveryRouteTimesEveryRole) {
  auto routes = server::api_routes();
  ASSERT_GE(routes.routes().size(), 20u);
  for (const auto& route : routes.routes()) {
    std::string what = std::string(server::method_name(route.method)) + " " + route.pattern;
    auto r = call(anonymous(), route);
    if (route.access.allows_anonymous()) {
      EXPECT_NE(r.status, 401) << what << ": " << r.body;
      EXPECT_NE(r.status, 403) << what << ": " << r.body;
    } else {
      EXPECT_EQ(r.status, 401) << what << " anonymous: " << r.body;
      EXPECT_EQ(r.error_code(), "unauthenticated") << what;
    }
    EXPECT_LT(r.status, 500) << what << ": " << r.body;
    for (Role role : kAllRoles) {
      r = call(as(role), route);
      std::string who = what + " as " + std::string(role_name(role));
      if (route.access.allows(role)) {
        // Not refused by the route table; the use case may still refuse a
        // correspondent another city's data (403, route_matrix.h says when).
        EXPECT_NE(r.status, 401) << who << ": " << r.body;
        EXPECT_FALSE(r.status == 403 && r.body.find("(allowed: ") != std::string::npos)
            << who << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << who << ": " << r.body;
        EXPECT_EQ(r.error_code(), "forbidden") << who;
        EXPECT_NE(r.body.find("(allowed: "), std::string::npos) << who << ": " << r.body;
      }
      EXPECT_LT(r.status, 500) << who << ": " << r.body;
    }
  }
}

TEST_P(RouteAccess, TheTableSaysWhatThePolicyIs) {
  auto routes = server::api_routes();
  auto access = [&](server::Method m, const std::string& pattern) {
    for (const auto& r : routes.routes()) {
      if (r.method == m && r.pattern == pattern) return r.access.describe();
    }
    return std::string("(missing)");
  };
  using server::Method;
  EXPECT_EQ(access(Method::kGet, "/api/cities/{id}"), "anyone");
  EXPECT_EQ(access(Method::kPost, "/api/cities"), "admin, coordinator");
  EXPECT_EQ(access(Method::kPatch, "/api/links/{id}"), "admin, coordinator");
  EXPECT_EQ(access(Method::kGet, "/api/audit"), "admin, coordinator");
  EXPECT_EQ(access(Method::kGet, "/api/users"), "admin");
  EXPECT_EQ(access(Method::kPost, "/api/import/wikipedia-csv"), "admin, coordinator");
  EXPECT_EQ(access(Method::kDelete, "/api/session"), "signed in");
  EXPECT_EQ(access(Method::kGet, "/api/campaigns/{code}/status"), "anyone");
  EXPECT_EQ(access(Method::kPost, "/api/campaigns"), "admin, coordinator");
  EXPECT_EQ(access(Method::kPost, "/api/campaigns/{code}/send"), "admin, coordinator");
  EXPECT_EQ(access(Method::kPost, "/api/campaigns/{code}/remind"), "admin, coordinator");
  EXPECT_EQ(access(Method::kPost, "/api/campaigns/{code}/reply"),
            "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kPost, "/api/campaigns/{code}/endorse"),
            "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kGet, "/api/forecast"), "anyone");
  EXPECT_EQ(access(Method::kGet, "/api/export/graphml"), "anyone");
  EXPECT_EQ(access(Method::kGet, "/api/letters"), "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kGet, "/api/letters/{id}/pdf"), "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kPost, "/api/letters/incoming"), "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kGet, "/api/offices"), "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kPost, "/api/offices"), "admin, coordinator");
  EXPECT_EQ(access(Method::kGet, "/api/templates"), "admin, coordinator, correspondent");
  EXPECT_EQ(access(Method::kGet, "/api/cities/{id}/letter-languages"),
            "admin, coordinator, correspondent");
}

TEST_P(RouteAccess, ReadersCannotWriteTheRegistry) {
  nlohmann::json city = {{"name", "Gdańsk"}, {"country", "PL"}};
  for (Role role : {Role::kViewer, Role::kCorrespondent}) {
    auto r = as(role).send_json("POST", "/api/cities", city);
    EXPECT_EQ(r.status, 403) << role_name(role);
    r = as(role).send_json("PATCH", "/api/cities/" + std::to_string(cologne), {{"population", 1}});
    EXPECT_EQ(r.status, 403) << role_name(role);
    r = as(role).send_json("POST", "/api/links", {{"city_a", cologne}, {"city_b", kiel}});
    EXPECT_EQ(r.status, 403) << role_name(role);
  }
  EXPECT_EQ(anonymous().send_json("POST", "/api/cities", city).status, 401);
  EXPECT_EQ(as(Role::kCoordinator).send_json("POST", "/api/cities", city).status, 201);
  EXPECT_EQ(as(Role::kAdmin)
                .send_json("POST", "/api/links", {{"city_a", cologne}, {"city_b", kiel}})
                .status,
            201);
}

TWINNING_API_ON_EVERY_BACKEND(RouteAccess);

}  // namespace
}  // namespace twinning::testing
