#include "store/audit_log.h"

#include "store/clock.h"

namespace twinning::store {
namespace {

Value json_or_null(const nlohmann::json& j) {
  if (j.is_null()) return Value();
  return Value(j.dump());
}

nlohmann::json parse_or_null(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return nlohmann::json::parse(*s, nullptr, false);
}

}  // namespace

void to_json(nlohmann::json& j, const AuditEntry& e) {
  j = {{"id", e.id},         {"at", e.at},         {"actor", e.actor},
       {"action", e.action}, {"entity", e.entity}, {"entity_id", e.entity_id},
       {"before", e.before}, {"after", e.after}};
}

void AuditLog::record(std::string_view action, std::string_view entity,
                      std::string_view entity_id, const nlohmann::json& before,
                      const nlohmann::json& after) {
  store_.db().execute(
      "INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {now_utc_iso(), store_.actor().name, action, entity, entity_id, json_or_null(before),
       json_or_null(after)});
}

std::vector<AuditEntry> AuditLog::list(const AuditQuery& q) {
  std::vector<AuditEntry> out;
  store_.db().query_each(
      "SELECT id, at, actor, action, entity, entity_id, before_json, after_json FROM audit_log "
      "WHERE id > $1 AND ($2 = '' OR entity = $2) AND ($3 = '' OR entity_id = $3) "
      "AND ($4 = '' OR actor = $4) ORDER BY id LIMIT $5",
      {q.after_id, q.entity, q.entity_id, q.actor, q.limit}, [&](const Row& r) {
        out.push_back(AuditEntry{r.integer(0), r.text(1), r.text(2), r.text(3), r.text(4),
                                 r.text(5), parse_or_null(r.opt_text(6)),
                                 parse_or_null(r.opt_text(7))});
      });
  return out;
}

}  // namespace twinning::store
