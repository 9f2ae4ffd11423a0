#include "store/store.h"

#include "store/migrations.h"

namespace twinning::store {

Store::Store(std::unique_ptr<Database> db, Actor actor)
    : db_(std::move(db)), actor_(std::move(actor)) {}

std::unique_ptr<Store> Store::open(const std::string& location, Actor actor) {
  auto db = open_database(location);
  apply_migrations(*db);
  return std::make_unique<Store>(std::move(db), std::move(actor));
}

}  // namespace twinning::store
