#include "auth/audit_reading.h"

#include "model/error.h"

namespace twinning::auth {

std::vector<store::AuditEntry> read_audit(store::Store& store, const store::AuditQuery& query) {
  Role role = store.actor().role;
  if (role != Role::kCoordinator && role != Role::kAdmin) {
    throw Error(ErrorCode::kForbidden, "only coordinators and admins may read the audit log");
  }
  return store::AuditLog(store).list(query);
}

}  // namespace twinning::auth
