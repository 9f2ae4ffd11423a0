// /api/users: user administration by administrators, on both backends.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using UsersApi = ApiTest;

TEST_P(UsersApi, AdminAddsACorrespondentBoundToACityWhoThenSignsIn) {
  auto r = as(Role::kAdmin)
               .send_json("POST", "/api/users",
                          {{"name", "Koeln-Office"},
                           {"role", "correspondent"},
                           {"city_id", cologne},
                           {"password", "Dom zu Köln 1248"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto u = r.json();
  EXPECT_EQ(u["name"], "koeln-office");
  EXPECT_EQ(u["city_id"], cologne);
  EXPECT_TRUE(u["has_password"].get<bool>());
  EXPECT_FALSE(u.contains("password_hash"));
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);
  auto login = new_client()->send_json(
      "POST", "/api/session", {{"name", "koeln-office"}, {"password", "Dom zu Köln 1248"}});
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.json()["user"]["city_id"], cologne);
  auto entries =
      store::AuditLog(*store).list({"user", std::to_string(u["id"].get<int>()), "", 0, 10});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor, "api-admin");
  EXPECT_EQ(entries[0].after.dump().find("argon2"), std::string::npos);
}

TEST_P(UsersApi, UserRulesAreEnforced) {
  auto& admin = as(Role::kAdmin);
  auto r = admin.send_json("POST", "/api/users", {{"name", "x"}, {"role", "correspondent"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "city");
  r = admin.send_json("POST", "/api/users",
                      {{"name", "x"}, {"role", "viewer"}, {"city_id", cologne}});
  EXPECT_EQ(r.error_field(), "city");
  r = admin.send_json("POST", "/api/users", {{"name", "x"}, {"role", "emperor"}});
  EXPECT_EQ(r.error_field(), "role");
  r = admin.send_json("POST", "/api/users", {{"name", "bad name!"}, {"role", "viewer"}});
  EXPECT_EQ(r.error_field(), "name");
  r = admin.send_json("POST", "/api/users",
                      {{"name", "x"}, {"role", "viewer"}, {"password", "short"}});
  EXPECT_EQ(r.error_field(), "password");
  r = admin.send_json("POST", "/api/users", {{"name", "api-viewer"}, {"role", "viewer"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.error_field(), "name");
  r = admin.send_json("POST", "/api/users",
                      {{"name", "x"}, {"role", "correspondent"}, {"city_id", 999999}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "city");
  EXPECT_EQ(admin.get("/api/users").json()["total"], 4);
}

TEST_P(UsersApi, ListGetAndPatch) {
  auto& admin = as(Role::kAdmin);
  auto j = admin.get("/api/users?limit=2&offset=1").json();
  EXPECT_EQ(j["total"], 4);
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][0]["name"], "api-coordinator");  // by name
  EXPECT_EQ(admin.get("/api/users?role=viewer").json()["items"][0]["name"], "api-viewer");
  auto path = "/api/users/" + std::to_string(user_ids[Role::kViewer]);
  EXPECT_EQ(admin.get(path).json()["role"], "viewer");
  auto r = admin.send_json("PATCH", path, {{"role", "correspondent"}, {"city_id", kiel}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["city_id"], kiel);
  r = admin.send_json("PATCH", path, {{"role", "coordinator"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["city_id"].is_null());  // unbound with the role change
  // The token now carries the new role.
  EXPECT_EQ(as(Role::kViewer)
                .send_json("POST", "/api/cities", {{"name", "Gdynia"}, {"country", "PL"}})
                .status,
            201);
  EXPECT_EQ(admin.get("/api/users/999999").status, 404);
}

TEST_P(UsersApi, TheLastAdministratorStays) {
  auto path = "/api/users/" + std::to_string(user_ids[Role::kAdmin]);
  auto r = as(Role::kAdmin).send_json("PATCH", path, {{"role", "viewer"}});
  EXPECT_EQ(r.status, 409);
  r = as(Role::kAdmin).send_json("PATCH", path, {{"disabled", true}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(as(Role::kAdmin).get(path).json()["role"], "admin");
}

TEST_P(UsersApi, IssuedTokensWorkOnce) {
  auto r = as(Role::kAdmin)
               .send_json("POST",
                          "/api/users/" + std::to_string(user_ids[Role::kCoordinator]) + "/tokens",
                          {{"label", "nightly import"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto token = r.json()["token"].get<std::string>();
  EXPECT_EQ(token.rfind("twt_", 0), 0u);
  auto c = new_client();
  c->bearer = token;
  auto me = c->get("/api/session").json();
  EXPECT_EQ(me["user"]["name"], "api-coordinator");
  // The token is stored as a digest only.
  auto row =
      store->db().query_one("SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", {token});
  EXPECT_EQ(row->integer(0), 0);
}

TWINNING_API_ON_EVERY_BACKEND(UsersApi);

}  // namespace
}  // namespace twinning::testing
