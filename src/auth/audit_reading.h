// Reading the audit log (PRODUCT.md M12: who changed what, when, before and
// after). Coordinators and administrators may read it — the CLI's local
// operator is an administrator; viewers and correspondents may not, since
// entries show other cities' records as they were.
#pragma once

#include <vector>

#include "store/audit_log.h"
#include "store/store.h"

namespace twinning::auth {

// The entries `query` selects, oldest first (see store::AuditQuery: filter
// by entity, entity id and actor; page with after_id and limit). Throws
// Error(kForbidden) unless the Store's actor is a coordinator or an admin.
std::vector<store::AuditEntry> read_audit(store::Store& store, const store::AuditQuery& query);

}  // namespace twinning::auth
