// GET /api/audit on both backends: every write through the API is recorded
// under the user who made it, with before and after.
#include <gtest/gtest.h>

#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using AuditApi = ApiTest;

TEST_P(AuditApi, WritesAreRecordedUnderTheirUserWithBeforeAndAfter) {
  auto path = "/api/cities/" + std::to_string(kiel);
  ASSERT_EQ(as(Role::kCoordinator).send_json("PATCH", path, {{"population", 246243}}).status, 200);
  auto j = as(Role::kAdmin).get("/api/audit?entity=city&entity_id=" + std::to_string(kiel)).json();
  ASSERT_EQ(j["items"].size(), 2u);  // created by the fixture, updated over HTTP
  auto update = j["items"][1];
  EXPECT_EQ(update["action"], "update");
  EXPECT_EQ(update["actor"], "api-coordinator");
  EXPECT_TRUE(update["before"]["population"].is_null());
  EXPECT_EQ(update["after"]["population"], 246243);
  j = as(Role::kCoordinator).get("/api/audit?actor=api-coordinator").json();
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["entity_id"], std::to_string(kiel));
}

TEST_P(AuditApi, PagesByAfterId) {
  auto first = as(Role::kAdmin).get("/api/audit?limit=3").json();
  ASSERT_EQ(first["items"].size(), 3u);
  auto next = first["next_after_id"].get<std::int64_t>();
  EXPECT_EQ(next, first["items"][2]["id"].get<std::int64_t>());
  auto second = as(Role::kAdmin).get("/api/audit?limit=3&after_id=" + std::to_string(next)).json();
  ASSERT_FALSE(second["items"].empty());
  EXPECT_GT(second["items"][0]["id"].get<std::int64_t>(), next);
  auto all = as(Role::kAdmin).get("/api/audit?limit=500").json();
  EXPECT_TRUE(all["next_after_id"].is_null());
  EXPECT_EQ(as(Role::kAdmin).get("/api/audit?limit=501").error_field(), "limit");
}

TEST_P(AuditApi, OnlyCoordinatorsAndAdminsReadIt) {
  EXPECT_EQ(anonymous().get("/api/audit").status, 401);
  EXPECT_EQ(as(Role::kViewer).get("/api/audit").status, 403);
  EXPECT_EQ(as(Role::kCorrespondent).get("/api/audit").status, 403);
  EXPECT_EQ(as(Role::kCoordinator).get("/api/audit").status, 200);
}

TWINNING_API_ON_EVERY_BACKEND(AuditApi);

}  // namespace
}  // namespace twinning::testing
