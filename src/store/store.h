// src/store/ — the storage layer: the Store handle, one repository per
// table group (CityStore, LetterStore, CampaignStore, ...), migrations, the
// audit log, and the SQLite and PostgreSQL engines behind one Database
// interface. It owns how records are kept, found and kept consistent
// (transactions, uniqueness, audit of every change). It must not decide who
// may do what, which language a letter is in or what a campaign counts; the
// faces (cli/, server/) must not use it except through a use case.
//
// The handle every use case takes: one database connection, migrated to the
// current schema, plus the Actor on whose behalf it writes. Repositories
// (CityStore, LinkStore, ...) are cheap views constructed over a Store.
//
// Not thread-safe (it owns one connection): one Store per thread. Copying is
// forbidden.
#pragma once

#include <memory>
#include <string>

#include "model/actor.h"
#include "store/database.h"

namespace twinning::store {

class Store {
 public:
  // Takes ownership of an open connection; applies no migrations.
  explicit Store(std::unique_ptr<Database> db, Actor actor = local_operator());
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Opens `location` (see open_database) and applies pending migrations.
  // Errors as open_database and apply_migrations.
  static std::unique_ptr<Store> open(const std::string& location,
                                     Actor actor = local_operator());

  Database& db() { return *db_; }
  const Actor& actor() const { return actor_; }
  void set_actor(Actor actor) { actor_ = std::move(actor); }

 private:
  std::unique_ptr<Database> db_;
  Actor actor_;
};

}  // namespace twinning::store
