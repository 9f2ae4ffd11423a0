// The registering offices of the correspondence register, their requisites
// per language, and the sequence counters their registration numbers are
// drawn from. Writes to offices and requisites are audited under the Store's
// actor in the same transaction; counter bumps are part of a letter's
// registration and are audited with it.
//
// A cheap view over a Store; not thread-safe (as the Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "store/store.h"

namespace twinning::store {

class OfficeStore {
 public:
  explicit OfficeStore(Store& store) : store_(store) {}

  // Inserts `office` (its id is ignored) and returns the new id. The caller
  // has validated the patterns. Throws Error(kConflict) if the code is taken,
  // as Database::execute otherwise.
  OfficeId create(const Office& office);

  std::optional<Office> get(OfficeId id);
  // As get(), but throws Error(kNotFound) naming `field`.
  Office require(OfficeId id, std::string_view field = "office");
  std::optional<Office> find_by_code(std::string_view code);
  // Offices of one city (or of every city when `city` is nullopt), by code.
  std::vector<Office> list(std::optional<CityId> city = std::nullopt);

  // Creates or replaces the requisites of `office` in `r.lang`. Throws
  // Error(kNotFound) for an unknown office.
  void set_requisites(OfficeId office, const OfficeRequisites& r);
  // Every language's requisites of `office`, by language.
  std::vector<OfficeRequisites> requisites(OfficeId office);

  // Draws the next number of a sequence: bumps the counter row of (office,
  // series, year) — creating it at 1 if missing — and returns the value it
  // had. One INSERT ... ON CONFLICT DO UPDATE ... RETURNING statement, so it
  // must be the first write of the registration's transaction: the row lock
  // it takes (PostgreSQL) or the write lock already held (SQLite) orders
  // concurrent registrations of the series, and a rollback returns the number.
  // Precondition: inside Database::write_transaction. `series` is "outgoing"
  // or "incoming"; `year` is 0 for offices that never restart.
  std::int64_t take_sequence(OfficeId office, std::string_view series, int year);

  // Makes sure the sequence will never hand out `used` or anything below it:
  // raises next_seq to used + 1 if it is lower (for a number registered
  // explicitly, e.g. a historical letter). Same locking as take_sequence.
  void reserve_sequence(OfficeId office, std::string_view series, int year, std::int64_t used);

  // The number the sequence would hand out next (1 if it never did).
  std::int64_t peek_sequence(OfficeId office, std::string_view series, int year);

 private:
  Store& store_;
};

}  // namespace twinning::store
