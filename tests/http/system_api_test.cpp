// /api/health, /api/openapi.yaml (checked against the route table both
// ways), unknown endpoints and methods, and the access log; both backends.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "server/api.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using SystemApi = ApiTest;

// "GET /api/cities/{id}" for every operation under `paths:` of the document.
std::set<std::string> documented_operations(const std::string& yaml) {
  std::set<std::string> out;
  std::istringstream in(yaml);
  std::string line, path;
  bool in_paths = false;
  std::regex path_line(R"(^  (/\S*):\s*$)");
  std::regex method_line(R"(^    (get|put|post|patch|delete|head|options):)");
  std::smatch m;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (std::regex_search(line, m, path_line)) {
      path = m[1];
    } else if (std::regex_search(line, m, method_line)) {
      std::string method = m[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}

TEST_P(SystemApi, HealthNamesTheDatabase) {
  auto r = anonymous().get("/api/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["status"], "ok");
  EXPECT_EQ(r.json()["database"], GetParam() == Backend::kSqlite ? "sqlite" : "postgresql");
}

TEST_P(SystemApi, OpenApiDocumentsExactlyTheRegisteredRoutes) {
  auto r = anonymous().get("/api/openapi.yaml");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/yaml");
  EXPECT_NE(r.body.find("\nopenapi: 3.0.3\n"), std::string::npos);
  auto documented = documented_operations(r.body);
  std::set<std::string> registered;
  auto table = server::api_routes();
  for (const auto& route : table.routes()) {
    registered.insert(std::string(server::method_name(route.method)) + " " + route.pattern);
  }
  for (const auto& op : registered) EXPECT_TRUE(documented.count(op)) << "undocumented: " << op;
  for (const auto& op : documented) EXPECT_TRUE(registered.count(op)) << "not served: " << op;
  EXPECT_EQ(documented.size(), registered.size());
}

TEST_P(SystemApi, UnknownEndpointsAndMethods) {
  auto r = anonymous().get("/api/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_code(), "not_found");
  r = anonymous().request("DELETE", "/api/cities/1");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD, PATCH");
  r = anonymous().request("PUT", "/index.html");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(anonymous().get("/api/cities/1/nothing").status, 404);
  r = anonymous().get("/api/cities/%zz");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "path");
  r = anonymous().get("/api/health?verbose=1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "verbose");
  // No web interface configured for this server: "/" is a JSON 404.
  EXPECT_EQ(anonymous().get("/").status, 404);
}

TEST_P(SystemApi, AccessLogHasOneJsonLinePerRequestAndNoSecrets) {
  add_password_user("alice", Role::kViewer, "correct horse battery");
  auto b = new_client();
  b->keep_cookies = true;
  auto login = b->send_json("POST", "/api/session",
                            {{"name", "alice"}, {"password", "correct horse battery"}});
  ASSERT_EQ(login.status, 200);
  ASSERT_EQ(b->get("/api/stats?").status, 200);
  ASSERT_EQ(as(Role::kCoordinator).get("/api/cities/" + std::to_string(kiel)).status, 200);
  ASSERT_EQ(stop_server(), 0);
  std::string log = access_log();
  std::istringstream lines(log);
  std::string line;
  std::vector<nlohmann::json> entries;
  while (std::getline(lines, line)) entries.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(entries.size(), 3u) << log;
  EXPECT_EQ(entries[0]["method"], "POST");
  EXPECT_EQ(entries[0]["path"], "/api/session");
  EXPECT_EQ(entries[0]["status"], 200);
  EXPECT_EQ(entries[0]["user"], "alice");
  EXPECT_EQ(entries[1]["user"], "alice");
  EXPECT_EQ(entries[2]["user"], "api-coordinator");
  EXPECT_EQ(entries[2]["path"], "/api/cities/" + std::to_string(kiel));
  EXPECT_GT(entries[2]["bytes"].get<int>(), 0);
  EXPECT_GE(entries[2]["duration_ms"].get<double>(), 0.0);
  EXPECT_EQ(log.find("correct horse"), std::string::npos);
  EXPECT_EQ(log.find(login.json()["csrf_token"].get<std::string>()), std::string::npos);
  EXPECT_EQ(log.find(tokens[Role::kCoordinator]), std::string::npos);
  EXPECT_EQ(log.find("tws_"), std::string::npos);
}

TEST_P(SystemApi, NoPasswordOrTokenInTheAccessLogOrOnStderr) {
  // Every way a secret reaches the server: a password set through the API,
  // an API token issued through it, a wrong password, an unknown bearer
  // token, a session cookie with its CSRF token, secrets in a query string
  // and in a malformed body.
  auto& admin = as(Role::kAdmin);
  auto created =
      admin.send_json("POST", "/api/users",
                      {{"name", "bob"}, {"role", "coordinator"}, {"password", "bob's secret pw"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(created.json()["id"].get<int>());
  auto issued = admin.send_json("POST", "/api/users/" + id + "/tokens", {{"label", "cron"}});
  ASSERT_EQ(issued.status, 201);
  std::string issued_token = issued.json()["token"];
  ASSERT_EQ(admin.send_json("PATCH", "/api/users/" + id, {{"password", "bob's new secret"}}).status,
            200);
  auto b = new_client();
  b->keep_cookies = true;
  EXPECT_EQ(b->send_json("POST", "/api/session", {{"name", "bob"}, {"password", "wrong guess 42"}})
                .status,
            401);
  auto login =
      b->send_json("POST", "/api/session", {{"name", "bob"}, {"password", "bob's new secret"}});
  ASSERT_EQ(login.status, 200);
  std::string csrf = login.json()["csrf_token"];
  std::string session;
  for (const auto& [k, v] : b->cookies) {
    if (k == "twinning_session") session = v;
  }
  ASSERT_FALSE(session.empty());
  b->csrf = csrf;
  EXPECT_EQ(b->send_json("POST", "/api/cities", {{"name", "Gdańsk"}, {"country", "PL"}}).status,
            201);
  auto c = new_client();
  c->bearer = issued_token;
  EXPECT_EQ(c->get("/api/stats?password=query-secret-1&token=query-secret-2").status, 400);
  auto forged = new_client();
  forged->bearer = "twt_forged-token-value";
  EXPECT_EQ(forged->get("/api/stats").status, 401);
  EXPECT_EQ(
      new_client()
          ->request("POST", "/api/session", "{\"name\": \"bob\", \"password\": \"body-secret-3",
                    {{"Content-Type", "application/json"}})
          .status,
      400);
  ASSERT_EQ(stop_server(), 0);
  for (const auto& [what, text] : {std::pair<std::string, std::string>{"access log", access_log()},
                                   {"stderr", server->stderr_text()}}) {
    for (const std::string& secret :
         {std::string("bob's secret pw"), std::string("bob's new secret"),
          std::string("wrong guess 42"), issued_token, tokens[Role::kAdmin], session, csrf,
          std::string("twt_forged-token-value"), std::string("query-secret-1"),
          std::string("query-secret-2"), std::string("body-secret-3")}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << what << " holds " << secret;
    }
    for (const char* prefix : {"twt_", "tws_", "twc_", "$argon2"}) {
      EXPECT_EQ(text.find(prefix), std::string::npos) << what << " holds " << prefix;
    }
  }
  EXPECT_NE(access_log().find("\"user\":\"bob\""), std::string::npos);
}

TWINNING_API_ON_EVERY_BACKEND(SystemApi);

}  // namespace
}  // namespace twinning::testing
