#include "fuzz_support.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include "ingest/country_resolver.h"
#include "store/sqlite/sqlite_database.h"

namespace twinning::fuzz {

void invariant_broken(const char* expr, const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "invariant broken: %s (%s at %s:%d)\n", what.c_str(), expr, file, line);
  std::abort();
}

namespace {

sqlite3* handle_of(store::Store& s) { return static_cast<store::SqliteDatabase&>(s.db()).handle(); }

}  // namespace

ScratchRegistry::ScratchRegistry(const std::function<void(store::Store&)>& seed)
    : pristine_(store::Store::open(":memory:")), work_(store::Store::open(":memory:")) {
  ingest::load_reference_countries(*pristine_);
  if (seed) seed(*pristine_);
  pristine_rows_ = testing::dump_tables(pristine_->db());
  reset();
}

std::int64_t ScratchRegistry::changes() { return sqlite3_total_changes64(handle_of(*work_)); }

void ScratchRegistry::reset() {
  // Most inputs write nothing; copying would also make every cached
  // statement re-prepare (the copy bumps the schema cookie).
  if (pristine()) return;
  sqlite3_backup* b = sqlite3_backup_init(handle_of(*work_), "main", handle_of(*pristine_), "main");
  FUZZ_CHECK(b != nullptr, sqlite3_errmsg(handle_of(*work_)));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  FUZZ_CHECK(rc == SQLITE_DONE, std::string("reset: ") + sqlite3_errstr(rc));
  changes_at_reset_ = changes();
}

std::string ScratchRegistry::difference_from_pristine() {
  if (pristine()) return "";  // not a row written, not even rolled back
  return testing::first_difference(pristine_rows_, testing::dump_tables(work_->db()));
}

std::int64_t ScratchRegistry::count(const std::string& table) {
  return work_->db().query_one("SELECT COUNT(*) FROM " + table)->integer(0);
}

}  // namespace twinning::fuzz
