// store/audit_log.h on both backends: entries are listed as recorded, with
// their actor and JSON before and after.
#include "store/audit_log.h"

#include <gtest/gtest.h>

#include "auth/audit_reading.h"
#include "model/error.h"
#include "support/test_database.h"

namespace twinning::store {
namespace {

using AuditLogTest = testing::BackendTest;

TEST_P(AuditLogTest, ListsEntriesOfAnEntityOldestFirst) {
  AuditLog log(*store);
  log.record("create", "link", "1", nullptr, {{"id", 1}});
  log.record("create", "letter", "7", nullptr, {{"id", 7}});
  log.record("update", "link", "1", {{"id", 1}}, {{"id", 1}, {"status", "ended"}});
  AuditQuery q;
  q.entity = "link";
  auto links = log.list(q);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].action, "create");
  EXPECT_EQ(links[1].action, "update");
  EXPECT_EQ(links[1].before, nlohmann::json({{"id", 1}}));
  EXPECT_EQ(links[1].after["status"], "ended");
  EXPECT_EQ(links[1].actor, store->actor().name);
}

TEST_P(AuditLogTest, OnlyCoordinatorsAndAdminsReadIt) {
  AuditLog(*store).record("create", "city", "3", nullptr, {{"id", 3}});
  for (Role role : {Role::kViewer, Role::kCorrespondent}) {
    Actor reader;
    reader.name = "reader";
    reader.role = role;
    store->set_actor(reader);
    try {
      auth::read_audit(*store, {});
      ADD_FAILURE() << role_name(role) << " read the audit log";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kForbidden);
    }
  }
  for (Role role : {Role::kCoordinator, Role::kAdmin}) {
    Actor reader;
    reader.name = "reader";
    reader.role = role;
    store->set_actor(reader);
    AuditQuery q;
    q.entity = "city";
    auto entries = auth::read_audit(*store, q);
    ASSERT_EQ(entries.size(), 1u) << role_name(role);
    EXPECT_EQ(entries[0].entity_id, "3");
  }
}

TWINNING_ON_EVERY_BACKEND(AuditLogTest);

}  // namespace
}  // namespace twinning::store
