// store/audit_log.h on both backends: entries are listed as recorded, with
// their actor and JSON before and after.
#include "store/audit_log.h"

#include <gtest/gtest.h>

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

TWINNING_ON_EVERY_BACKEND(AuditLogTest);

}  // namespace
}  // namespace twinning::store
