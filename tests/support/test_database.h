// Scratch databases on either backend, so that one test body runs against
// SQLite and PostgreSQL alike (PRODUCT.md M13: the same suite passes on both).
//
// PostgreSQL tests need a server: TWINNING_TEST_POSTGRES_URL names a
// database on it that the tests may use to CREATE and DROP their own
// databases (scripts/test starts a throwaway server and sets it). Without it
// the PostgreSQL instances skip with a message, unless
// TWINNING_TEST_REQUIRE_POSTGRES is set, in which case they fail.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "store/store.h"
#include "support/test_support.h"

namespace twinning::testing {

enum class Backend { kSqlite, kPostgres };

// "sqlite" or "postgres" (test-name suffixes).
std::string backend_name(Backend backend);
inline std::ostream& operator<<(std::ostream& os, Backend b) { return os << backend_name(b); }

// The server URL of TWINNING_TEST_POSTGRES_URL, or "" if unset.
std::string postgres_admin_url();

// A fresh, empty database that exists for the object's lifetime: a file in
// `dir` for SQLite; for PostgreSQL a new database with a unique name on the
// test server, dropped (with any connections still open to it) on
// destruction. Not thread-safe.
class ScratchDatabase {
 public:
  // Throws std::runtime_error if PostgreSQL is asked for and not configured
  // or the database cannot be created.
  ScratchDatabase(Backend backend, const ScratchDir& dir, const std::string& name = "test.db");
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  Backend backend() const { return backend_; }
  // What `--db` takes: a file path or a postgresql:// URL.
  const std::string& location() const { return location_; }

 private:
  Backend backend_;
  std::string location_;
  std::string pg_name_;  // the created database, "" for SQLite
};

// Opens `db`, applies the migrations and loads the reference countries.
std::unique_ptr<store::Store> open_migrated_store(const ScratchDatabase& db);

// Skips (GTEST_SKIP) or fails the current test when `backend` is PostgreSQL
// and no server is configured; returns true if the test may go on. Call it
// first in SetUp and return when it says false.
bool backend_available(Backend backend);

// A fixture whose tests run once per backend, each with a fresh migrated
// store holding the reference countries. Subclasses add their own members
// in SetUp after calling BackendTest::SetUp() and checking
// IsSkipped()/HasFatalFailure().
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;

  ScratchDir dir;
  std::unique_ptr<ScratchDatabase> database;
  std::unique_ptr<store::Store> store;
};

// Test-name generator for INSTANTIATE_TEST_SUITE_P: "sqlite", "postgres".
struct BackendParamName {
  std::string operator()(const ::testing::TestParamInfo<Backend>& info) const {
    return backend_name(info.param);
  }
};

}  // namespace twinning::testing

// Runs every TEST_P of `fixture` on SQLite and on PostgreSQL.
#define TWINNING_ON_EVERY_BACKEND(fixture)                                             \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture,                                          \
                           ::testing::Values(::twinning::testing::Backend::kSqlite,    \
                                             ::twinning::testing::Backend::kPostgres), \
                           ::twinning::testing::BackendParamName())
