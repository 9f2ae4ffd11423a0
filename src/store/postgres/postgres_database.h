// Database over one connection to a PostgreSQL server (libpqxx 6.4), for the
// shared installation several city offices use at once (PRODUCT.md M13).
//
// Statements keep their `$1..$n` parameters (PostgreSQL's own syntax) and are
// prepared once per connection and SQL text. Write transactions are a plain
// BEGIN ... COMMIT at READ COMMITTED: concurrent writers serialise where they
// touch the same rows (row locks, unique constraints), not globally as on
// SQLite. Constraint violations (unique, foreign key, check, not null) become
// Error(kConflict); a lost or refused connection, a deadlock or a
// serialization failure becomes Error(kUnavailable) (retry later).
//
// A failed statement inside a write transaction aborts that transaction on
// the server: the caller must let the exception propagate (every
// write_transaction body does), not catch it and carry on writing.
//
// Not thread-safe: one PostgresDatabase per thread.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace twinning::store {

class PostgresDatabase final : public Database {
 public:
  // Connects to `url` (postgresql://user:password@host:port/dbname?options,
  // anything libpq accepts). Throws Error(kUnavailable) naming "--db" if the
  // server cannot be reached or refuses the login.
  explicit PostgresDatabase(const std::string& url);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  // The URL without its password.
  std::string location() const override;
  // The URL as given, password included: for PostgreSQL's own client tools
  // (pg_dump for backups), never for messages or logs.
  const std::string& connection_url() const;
  std::int64_t execute(std::string_view sql, const Params& params) override;
  // Appends " RETURNING id" to the INSERT. Returns 0 if no row was inserted
  // (an INSERT ... ON CONFLICT DO NOTHING that hit the conflict).
  std::int64_t insert(std::string_view sql, const Params& params) override;
  std::vector<Row> query(std::string_view sql, const Params& params) override;
  // Streams: a SELECT is first run with a row limit (one round trip, which
  // covers nearly every query); if it returns more rows than that, it is run
  // again through a server-side cursor and read in batches, so that memory
  // stays bounded by the batch size whatever the result's size.
  void query_each(std::string_view sql, const Params& params,
                  const std::function<void(const Row&)>& on_row) override;
  void execute_script(std::string_view sql) override;
  // Buffers the rows and writes each flush()'s with one statement, one array
  // per column (INSERT ... SELECT * FROM unnest(...)), on a thread of its
  // own while the caller goes on; every other use of the connection waits
  // for it first. Ids are reserved from the table's sequence in blocks of up
  // to 256, while a write runs on a second connection, so that a reservation
  // never waits for it (sequences are not transactional: that is the same
  // as reserving them on this one); up to 255 reserved and not used are
  // lost, as a rolled-back insert's are. The thread and the second
  // connection end with the transaction.
  // A flush of at least 1,000 rows makes it a bulk load: the table's foreign
  // keys are dropped for the rest of the transaction and added back, each
  // checked over the whole table in one query, before it commits (a row
  // referencing nothing then fails the commit: kConflict, nothing written).
  // Meanwhile the table and the tables it references are locked against
  // every other connection, readers included.
  std::unique_ptr<BulkInsert> bulk_insert(std::string table, std::vector<std::string> columns,
                                          bool returns_id) override;

 protected:
  void begin_write() override;
  void commit() override;
  void rollback() noexcept override;

 private:
  // The libpqxx connection, its statement cache and the statement runners,
  // kept out of this header.
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `url` with the password removed from its user-info part and from a
// "password=" query parameter, for messages and logs.
std::string redact_postgres_url(const std::string& url);

}  // namespace twinning::store
