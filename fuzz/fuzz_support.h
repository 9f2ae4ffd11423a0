// What the libFuzzer targets in fuzz/ share: checking invariants, and a
// scratch registry that every input starts from afresh. A broken invariant
// prints what broke and aborts, which libFuzzer reports as a crash and saves
// the input (crash-<sha1>) for a regression test. Not thread-safe: libFuzzer
// runs one input at a time per process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"
#include "support/table_dump.h"

namespace twinning::fuzz {

// Prints "invariant broken: WHAT (EXPR at FILE:LINE)" to stderr and aborts.
[[noreturn]] void invariant_broken(const char* expr, const char* file, int line,
                                   const std::string& what);

#define FUZZ_CHECK(cond, what)                                                          \
  do {                                                                                  \
    if (!(cond)) ::twinning::fuzz::invariant_broken(#cond, __FILE__, __LINE__, (what)); \
  } while (0)

// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A migrated in-memory SQLite registry (reference countries loaded, then
// `seed` run once), restored to exactly that state by reset() before each
// input, so that inputs never see each other's writes.
class ScratchRegistry {
 public:
  explicit ScratchRegistry(const std::function<void(store::Store&)>& seed = {});
  ScratchRegistry(const ScratchRegistry&) = delete;
  ScratchRegistry& operator=(const ScratchRegistry&) = delete;

  // Restores the state after construction (SQLite online backup from a
  // pristine copy kept in memory) if anything was written since.
  void reset();

  store::Store& store() { return *work_; }

  // The first difference between the database now and the state reset()
  // restores, or "" when there is none.
  std::string difference_from_pristine();

  // Rows of `table` now.
  std::int64_t count(const std::string& table);

  // Rows the work connection has inserted, updated or deleted, rolled back
  // or not (sqlite3_total_changes64): while it stays the same, nothing was
  // written.
  std::int64_t changes();

  // True if nothing was written since the last reset().
  bool pristine() { return changes() == changes_at_reset_; }

  // Every row of every table now, and as reset() restores them.
  testing::TableRows rows() { return testing::dump_tables(work_->db()); }
  const testing::TableRows& pristine_rows() const { return pristine_rows_; }

 private:
  std::unique_ptr<store::Store> pristine_;
  std::unique_ptr<store::Store> work_;
  testing::TableRows pristine_rows_;
  std::int64_t changes_at_reset_ = -1;
};

}  // namespace twinning::fuzz
