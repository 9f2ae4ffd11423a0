#include "server/router.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::server {
namespace {

Handler named(std::string name) {
  return [name](RequestContext&) {
    Response r;
    r.body = name;
    return r;
  };
}

RouteTable table() {
  RouteTable t;
  t.add({Method::kGet, "/api/cities", Access::anyone(), named("list")});
  t.add({Method::kGet, "/api/cities/{id}", Access::anyone(), named("get")});
  t.add({Method::kPatch, "/api/cities/{id}", registry_writers(), named("patch")});
  t.add({Method::kGet, "/api/cities/{id}/twins", Access::anyone(), named("twins")});
  return t;
}

TEST(Router, MatchesLiteralsAndParameters) {
  auto t = table();
  auto m = t.match(Method::kGet, "/api/cities/42");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->route->pattern, "/api/cities/{id}");
  ASSERT_EQ(m->params.size(), 1u);
  EXPECT_EQ(m->params[0], (std::pair<std::string, std::string>("id", "42")));
  EXPECT_EQ(t.match(Method::kGet, "/api/cities/42/twins")->route->pattern,
            "/api/cities/{id}/twins");
  EXPECT_EQ(t.match(Method::kGet, "/api/cities/")->route->pattern, "/api/cities");
  EXPECT_EQ(t.match(Method::kHead, "/api/cities")->route->pattern, "/api/cities");
  EXPECT_EQ(t.match(Method::kGet, "/api/cities/K%C3%B6ln")->params[0].second, "Köln");
  EXPECT_FALSE(t.match(Method::kGet, "/api/cities/42/names"));
  EXPECT_FALSE(t.match(Method::kPost, "/api/cities/42"));
  EXPECT_FALSE(t.match(Method::kGet, "/api/cities//twins"));
}

TEST(Router, KnowsTheMethodsOfAPath) {
  auto t = table();
  EXPECT_EQ(t.allowed_methods("/api/cities/7"), "GET, HEAD, PATCH");
  EXPECT_EQ(t.allowed_methods("/api/nothing"), "");
}

TEST(Router, RefusesDuplicatesAndBadPatterns) {
  auto t = table();
  EXPECT_THROW(t.add({Method::kGet, "/api/cities/{key}", Access::anyone(), named("x")}),
               std::logic_error);
  EXPECT_THROW(t.add({Method::kGet, "api/x", Access::anyone(), named("x")}), std::logic_error);
}

TEST(Router, PathsAreDecodedPerSegment) {
  EXPECT_EQ(split_path("/a/b%2Fc/d"), (std::vector<std::string>{"a", "b/c", "d"}));
  try {
    split_path("/a/%zz");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "path");
  }
  EXPECT_THROW(split_path("/a/%00"), Error);
  EXPECT_THROW(split_path("/a/%ff"), Error);
}

TEST(Router, AccessRules) {
  EXPECT_TRUE(Access::anyone().allows_anonymous());
  EXPECT_TRUE(Access::anyone().allows(Role::kViewer));
  EXPECT_FALSE(Access::signed_in().allows_anonymous());
  EXPECT_TRUE(Access::signed_in().allows(Role::kCorrespondent));
  Access w = registry_writers();
  EXPECT_TRUE(w.allows(Role::kCoordinator));
  EXPECT_TRUE(w.allows(Role::kAdmin));
  EXPECT_FALSE(w.allows(Role::kViewer));
  EXPECT_FALSE(w.allows(Role::kCorrespondent));
  EXPECT_FALSE(w.allows_anonymous());
  EXPECT_EQ(w.describe(), "admin, coordinator");
  EXPECT_EQ(administrators().describe(), "admin");
  EXPECT_EQ(Access::signed_in().describe(), "signed in");
}

}  // namespace
}  // namespace twinning::server
