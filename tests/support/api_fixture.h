// The fixture of the HTTP test suites: a real `twinning serve` on a scratch
// database of the test's backend (SQLite or PostgreSQL), seeded with the
// reference countries, a small registry (Coventry, Volgograd ex-Stalingrad,
// Cologne, Kiel, their links and the 1941/1944 history) and one token-only
// user per role, each with an API token; an HTTP client per role.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "model/actor.h"
#include "model/link.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace twinning::testing {

class ApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Extra arguments for `twinning serve` (e.g. --web DIR); called in SetUp.
  virtual std::vector<std::string> serve_args() { return {}; }

  // A client sending the API token of the user with `role`; one per role,
  // kept for the test.
  HttpClient& as(Role role);
  // A client without credentials.
  HttpClient& anonymous();
  // A fresh client without credentials (e.g. to play a browser).
  std::unique_ptr<HttpClient> new_client() const;

  // Starts the server again on the same database (after stop_server()).
  void start_server();
  // Stops the server (SIGTERM) and returns its exit code.
  int stop_server();
  // The access log written so far.
  std::string access_log() const;

  // Adds a user with a password (Argon2id: about 0.1 s) directly in the
  // database. Returns its id.
  std::int64_t add_password_user(const std::string& name, Role role, const std::string& password,
                                 std::optional<std::int64_t> city = std::nullopt);

  ScratchDir dir;
  std::unique_ptr<ScratchDatabase> database;
  std::unique_ptr<store::Store> store;  // the same database, for direct checks
  std::unique_ptr<ServerProcess> server;
  std::map<Role, std::string> tokens;     // API token per role
  std::map<Role, std::int64_t> user_ids;  // user id per role
  std::int64_t coventry = 0, volgograd = 0, cologne = 0, kiel = 0;
  LinkId coventry_volgograd = 0, coventry_cologne = 0;

 private:
  std::map<Role, std::unique_ptr<HttpClient>> clients_;
  std::unique_ptr<HttpClient> anonymous_;
};

// Every role, for loops over them.
inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kCoordinator, Role::kCorrespondent,
                                     Role::kViewer};

}  // namespace twinning::testing

// Runs every TEST_P of an ApiTest-derived fixture on SQLite and PostgreSQL.
#define TWINNING_API_ON_EVERY_BACKEND(fixture) TWINNING_ON_EVERY_BACKEND(fixture)
