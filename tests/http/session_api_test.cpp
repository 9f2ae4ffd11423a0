// /api/session: password login with cookies, CSRF protection of
// cookie-authenticated writes, rate limiting, logout; on both backends.
#include <gtest/gtest.h>

#include "store/audit_log.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

class SessionApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (!store) return;
    add_password_user("alice", Role::kCoordinator, "correct horse battery");
  }
  // A browser: keeps cookies, knows no CSRF token yet.
  std::unique_ptr<HttpClient> browser() {
    auto c = new_client();
    c->keep_cookies = true;
    return c;
  }
  HttpResponse login(HttpClient& c, const std::string& name, const std::string& password) {
    return c.send_json("POST", "/api/session", {{"name", name}, {"password", password}});
  }
};

std::string cookie_named(const HttpResponse& r, const std::string& name) {
  for (const auto& c : r.headers_named("set-cookie")) {
    if (c.rfind(name + "=", 0) == 0) return c;
  }
  return "";
}

TEST_P(SessionApi, LoginSetsHardenedCookiesAndWhoAmIKnowsTheUser) {
  auto b = browser();
  EXPECT_FALSE(b->get("/api/session").json()["authenticated"].get<bool>());
  auto r = login(*b, "Alice", "correct horse battery");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["user"]["name"], "alice");
  EXPECT_EQ(j["user"]["role"], "coordinator");
  std::string session = cookie_named(r, "twinning_session");
  EXPECT_NE(session.find("HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("SameSite=Strict"), std::string::npos) << session;
  EXPECT_EQ(session.find("Secure"), std::string::npos) << session;
  std::string csrf = cookie_named(r, "twinning_csrf");
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << csrf;
  EXPECT_NE(csrf.find(j["csrf_token"].get<std::string>()), std::string::npos);
  EXPECT_EQ(r.header("cache-control"), "no-store");
  auto me = b->get("/api/session").json();
  EXPECT_TRUE(me["authenticated"].get<bool>());
  EXPECT_EQ(me["user"]["name"], "alice");
  EXPECT_EQ(me["via"], "session");
}

TEST_P(SessionApi, CookieWritesNeedTheCsrfToken) {
  auto b = browser();
  auto j = login(*b, "alice", "correct horse battery").json();
  nlohmann::json city = {{"name", "Gdańsk"}, {"country", "PL"}};
  auto r = b->send_json("POST", "/api/cities", city);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_field(), "X-CSRF-Token");
  r = b->send_json("POST", "/api/cities", city, {{"X-CSRF-Token", "twc_forged"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_field(), "X-CSRF-Token");
  // Another session's token does not fit this session.
  auto other = browser();
  auto other_token = login(*other, "alice", "correct horse battery").json()["csrf_token"];
  r = b->send_json("POST", "/api/cities", city, {{"X-CSRF-Token", other_token.get<std::string>()}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(anonymous().get("/api/cities?search=gdansk").json()["items"].size(), 0u);
  b->csrf = j["csrf_token"].get<std::string>();
  r = b->send_json("POST", "/api/cities", city);
  ASSERT_EQ(r.status, 201) << r.body;
  // Reads need no token.
  EXPECT_EQ(browser()->get("/api/stats").status, 200);
  auto entries = store::AuditLog(*store).list({"city", "", "", 0, 100});
  EXPECT_EQ(entries.back().actor, "alice");
}

TEST_P(SessionApi, BearerTokensNeedNoCsrfToken) {
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/cities", {{"name", "Gdańsk"}, {"country", "PL"}});
  EXPECT_EQ(r.status, 201) << r.body;
}

TEST_P(SessionApi, WrongPasswordsAndUnknownUsersGetTheSameAnswer) {
  auto b = browser();
  auto wrong = login(*b, "alice", "wrong password!");
  auto unknown = login(*b, "mallory", "wrong password!");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
  EXPECT_TRUE(b->cookies.empty());
  auto r = b->send_json("POST", "/api/session", {{"name", "alice"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "password");
  // A token-only user cannot log in with any password.
  EXPECT_EQ(login(*b, "api-admin", "anything at all").status, 401);
}

TEST_P(SessionApi, LogoutEndsTheSession) {
  auto b = browser();
  b->csrf = login(*b, "alice", "correct horse battery").json()["csrf_token"].get<std::string>();
  auto saved = b->cookies;
  auto r = b->request("DELETE", "/api/session");
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(b->cookies.empty());
  // The cookies that clear the session carry the same flags.
  std::string session = cookie_named(r, "twinning_session");
  EXPECT_NE(session.find("Max-Age=0"), std::string::npos) << session;
  EXPECT_NE(session.find("HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("SameSite=Strict"), std::string::npos) << session;
  EXPECT_NE(cookie_named(r, "twinning_csrf").find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(b->get("/api/session").json()["authenticated"].get<bool>());
  // The old cookie is dead on the server too.
  b->cookies = saved;
  EXPECT_FALSE(b->get("/api/session").json()["authenticated"].get<bool>());
  EXPECT_EQ(b->send_json("POST", "/api/cities", {{"name", "Gdańsk"}, {"country", "PL"}}).status,
            401);
}

TEST_P(SessionApi, DisablingAUserEndsTheirSessionAndTokens) {
  auto b = browser();
  login(*b, "alice", "correct horse battery");
  auto users = as(Role::kAdmin).get("/api/users?role=coordinator").json()["items"];
  std::int64_t alice = 0;
  for (const auto& u : users) {
    if (u["name"] == "alice") alice = u["id"];
  }
  ASSERT_NE(alice, 0);
  ASSERT_EQ(as(Role::kAdmin)
                .send_json("PATCH", "/api/users/" + std::to_string(alice), {{"disabled", true}})
                .status,
            200);
  EXPECT_FALSE(b->get("/api/session").json()["authenticated"].get<bool>());
  EXPECT_EQ(login(*b, "alice", "correct horse battery").status, 401);
  ASSERT_EQ(as(Role::kAdmin)
                .send_json("PATCH", "/api/users/" + std::to_string(user_ids[Role::kViewer]),
                           {{"disabled", true}})
                .status,
            200);
  auto r = as(Role::kViewer).get("/api/stats");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_field(), "Authorization");
}

TEST_P(SessionApi, BadBearerTokensAreRejected) {
  auto c = new_client();
  c->bearer = "twt_not-a-token";
  auto r = c->get("/api/stats");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.error_field(), "Authorization");
  EXPECT_FALSE(r.header("www-authenticate").empty());
  r = new_client()->get("/api/stats", {{"Authorization", "Basic YWxpY2U6eA=="}});
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(as(Role::kViewer).get("/api/session").json()["via"], "token");
}

TWINNING_API_ON_EVERY_BACKEND(SessionApi);

// Low limits keep the number of (deliberately slow) password checks small.
class LoginRateLimit : public SessionApi {
 protected:
  std::vector<std::string> serve_args() override {
    return {"--login-limit-user", "2", "--login-limit-ip", "4"};
  }
};

TEST_P(LoginRateLimit, FailedLoginsAreLimitedPerUser) {
  auto b = browser();
  EXPECT_EQ(login(*b, "alice", "guess one").status, 401);
  EXPECT_EQ(login(*b, "alice", "guess two").status, 401);
  auto r = login(*b, "alice", "correct horse battery");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.error_code(), "rate_limited");
  EXPECT_EQ(r.header("retry-after"), "900");
  EXPECT_TRUE(b->cookies.empty());
  // Other users are not locked out by alice's failures.
  add_password_user("bob", Role::kViewer, "bob's long password");
  EXPECT_EQ(login(*b, "bob", "bob's long password").status, 200);
}

TEST_P(LoginRateLimit, FailedLoginsAreLimitedPerAddress) {
  auto b = browser();
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(login(*b, "nobody" + std::to_string(i), "guess").status, 401);
  }
  EXPECT_EQ(login(*b, "alice", "correct horse battery").status, 429);
}

TWINNING_API_ON_EVERY_BACKEND(LoginRateLimit);

class SecureCookieApi : public ApiTest {
 protected:
  std::vector<std::string> serve_args() override { return {"--secure-cookies"}; }
};

TEST_P(SecureCookieApi, CookiesAreSecureBehindTls) {
  add_password_user("alice", Role::kViewer, "correct horse battery");
  auto b = new_client();
  b->keep_cookies = true;
  auto r = b->send_json("POST", "/api/session",
                        {{"name", "alice"}, {"password", "correct horse battery"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.headers_named("set-cookie").size(), 2u);
  for (const auto& c : r.headers_named("set-cookie")) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("SameSite=Strict"), std::string::npos) << c;
  }
  // Signing out clears them with the same flags.
  b->csrf = r.json()["csrf_token"].get<std::string>();
  auto out = b->request("DELETE", "/api/session");
  ASSERT_EQ(out.status, 204);
  ASSERT_EQ(out.headers_named("set-cookie").size(), 2u);
  for (const auto& c : out.headers_named("set-cookie")) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
    EXPECT_NE(c.find("Max-Age=0"), std::string::npos) << c;
  }
}

TWINNING_API_ON_EVERY_BACKEND(SecureCookieApi);

TEST_P(SessionApi, CookiesAreSecureBehindATlsProxy) {
  auto r = new_client()->send_json("POST", "/api/session",
                                   {{"name", "alice"}, {"password", "correct horse battery"}},
                                   {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.headers_named("set-cookie").size(), 2u);
  for (const auto& c : r.headers_named("set-cookie")) {
    EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
  }
}

}  // namespace
}  // namespace twinning::testing
