// The append-only record of every change: who (the Store's Actor), when,
// what (action on an entity), and the entity's JSON before and after.
// Repositories call record() inside the same write transaction as the change
// itself, so a change and its audit entry commit or vanish together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace twinning::store {

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;      // ISO 8601 UTC
  std::string actor;   // Actor::name
  std::string action;  // "create", "update", "import", ...
  std::string entity;  // "city", "link", "letter", ...
  std::string entity_id;
  nlohmann::json before;  // null when created
  nlohmann::json after;   // null when deleted
};

// {"id", "at", "actor", "action", "entity", "entity_id", "before", "after"}
void to_json(nlohmann::json& j, const AuditEntry& e);

struct AuditQuery {
  std::string entity;     // "" for all
  std::string entity_id;  // "" for all
  std::string actor;      // "" for all
  std::int64_t after_id = 0;  // entries with id > after_id (paging)
  int limit = 100;
};

class AuditLog {
 public:
  explicit AuditLog(Store& store) : store_(store) {}

  // Appends one entry under the Store's actor. Call inside the write
  // transaction of the change. Throws as Database::execute.
  void record(std::string_view action, std::string_view entity, std::string_view entity_id,
              const nlohmann::json& before, const nlohmann::json& after);

  // Entries matching `q`, oldest first.
  std::vector<AuditEntry> list(const AuditQuery& q);

 private:
  Store& store_;
};

}  // namespace twinning::store
