#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "ingest/country_resolver.h"
#include "store/database.h"

namespace twinning::testing {
namespace {

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

// `url` with its database name replaced by `dbname`.
std::string with_database(const std::string& url, const std::string& dbname) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("not a URL: " + url);
  auto path = url.find('/', scheme + 3);
  auto query = url.find('?', scheme + 3);
  std::string head = url.substr(0, std::min(path, query));
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + dbname + tail;
}

std::string unique_database_name() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return "twinning_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(rd() % 1000000);
}

}  // namespace

std::string backend_name(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

std::string postgres_admin_url() {
  const char* url = env("TWINNING_TEST_POSTGRES_URL");
  return url ? url : "";
}

ScratchDatabase::ScratchDatabase(Backend backend, const ScratchDir& dir, const std::string& name)
    : backend_(backend) {
  if (backend == Backend::kSqlite) {
    location_ = dir.file(name);
    return;
  }
  std::string admin = postgres_admin_url();
  if (admin.empty()) throw std::runtime_error("TWINNING_TEST_POSTGRES_URL is not set");
  pg_name_ = unique_database_name();
  auto db = store::open_database(admin);
  db->execute_script("CREATE DATABASE " + pg_name_ + " TEMPLATE template0 ENCODING 'UTF8'");
  location_ = with_database(admin, pg_name_);
}

ScratchDatabase::~ScratchDatabase() {
  if (pg_name_.empty()) return;
  try {
    auto db = store::open_database(postgres_admin_url());
    db->execute_script("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot drop scratch database " << pg_name_ << ": " << e.what();
  }
}

std::unique_ptr<store::Store> open_migrated_store(const ScratchDatabase& db) {
  auto store = store::Store::open(db.location());
  ingest::load_reference_countries(*store);
  return store;
}

bool backend_available(Backend backend) {
  if (backend != Backend::kPostgres || !postgres_admin_url().empty()) return true;
  if (env("TWINNING_TEST_REQUIRE_POSTGRES")) {
    [] {
      FAIL() << "TWINNING_TEST_REQUIRE_POSTGRES is set but TWINNING_TEST_POSTGRES_URL is not: no "
                "PostgreSQL server to test against";
    }();
    return false;
  }
  [] {
    GTEST_SKIP() << "PostgreSQL test skipped: set TWINNING_TEST_POSTGRES_URL to a server URL "
                    "(scripts/test starts one)";
  }();
  return false;
}

void BackendTest::SetUp() {
  if (!backend_available(GetParam())) return;
  database = std::make_unique<ScratchDatabase>(GetParam(), dir);
  store = open_migrated_store(*database);
}

void BackendTest::TearDown() {
  store.reset();
  database.reset();
}

}  // namespace twinning::testing
