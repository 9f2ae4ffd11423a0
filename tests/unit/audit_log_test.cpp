// store/audit_log.h on both backends: entries are listed as recorded, and
// the mark over some entities counts exactly their entries.
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

TEST_P(AuditLogTest, MarkCountsTheEntriesOfTheNamedEntities) {
  AuditLog log(*store);
  EXPECT_EQ(log.mark({"city", "link"}), (AuditMark{0, 0}));
  log.record("create", "city", "1", nullptr, {{"id", 1}});
  log.record("create", "letter", "7", nullptr, {{"id", 7}});
  log.record("create", "link", "1", nullptr, {{"id", 1}});
  auto all = log.list({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(log.mark({"city", "link"}), (AuditMark{2, all[2].id}));
  EXPECT_EQ(log.mark({"letter"}), (AuditMark{1, all[1].id}));
  EXPECT_EQ(log.mark({"campaign"}), (AuditMark{0, 0}));
  EXPECT_EQ(log.mark({}), (AuditMark{0, 0}));
  log.record("create", "letter", "8", nullptr, {{"id", 8}});
  EXPECT_EQ(log.mark({"city", "link"}), (AuditMark{2, all[2].id}));
}

TWINNING_ON_EVERY_BACKEND(AuditLogTest);

}  // namespace
}  // namespace twinning::store
