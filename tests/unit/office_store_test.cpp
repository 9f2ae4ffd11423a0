#include "store/office_store.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "support/test_support.h"

namespace twinning::store {
namespace {

class OfficeStoreTest : public ::testing::Test {
 protected:
  testing::ScratchDir dir;
  std::unique_ptr<Store> store = testing::open_scratch_store(dir);
  OfficeStore offices{*store};
  CityId volgograd = [this] {
    City c;
    c.name = "Volgograd";
    c.country = "RU";
    return CityStore(*store).create(c);
  }();
  Office office() const {
    Office o;
    o.code = "volgograd";
    o.city_id = volgograd;
    o.name = "Administration of Volgograd";
    o.outgoing_pattern = "19-024/{seq}рс";
    o.incoming_pattern = "IN-{seq}";
    return o;
  }
  std::int64_t take(OfficeId id, const char* series = "outgoing", int year = 0) {
    return store->db().write_transaction([&] { return offices.take_sequence(id, series, year); });
  }
};

TEST_F(OfficeStoreTest, CreatesFindsAndAuditsOffices) {
  OfficeId id = offices.create(office());
  EXPECT_EQ(offices.require(id).outgoing_pattern, "19-024/{seq}рс");
  EXPECT_EQ(offices.find_by_code("volgograd")->id, id);
  EXPECT_FALSE(offices.find_by_code("coventry"));
  EXPECT_EQ(offices.list(volgograd).size(), 1u);
  EXPECT_TRUE(offices.list(volgograd + 1).empty());
  auto audit = AuditLog(*store).list({"office", std::to_string(id), "", 0, 10});
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].after["code"], "volgograd");
  try {
    offices.create(office());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kConflict);
  }
}

TEST_F(OfficeStoreTest, RequisitesPerLanguageAreReplaced) {
  OfficeId id = offices.create(office());
  offices.set_requisites(id, {"ru", "ГЛАВА", "В.Д. Васильков", "Глава", "адрес", "1", "2", ""});
  offices.set_requisites(id, {"en", "HEAD", "V. D. Vasilkov", "Head", "address", "1", "2", ""});
  offices.set_requisites(
      id, {"ru", "ГЛАВА ВОЛГОГРАДА", "В.Д. Васильков", "Глава", "адрес", "1", "2", ""});
  auto all = offices.requisites(id);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].lang, "en");
  EXPECT_EQ(all[1].letterhead, "ГЛАВА ВОЛГОГРАДА");
  auto audit = AuditLog(*store).list({"office", std::to_string(id), "", 0, 10});
  ASSERT_EQ(audit.size(), 4u);
  EXPECT_EQ(audit[3].before["letterhead"], "ГЛАВА");
  EXPECT_EQ(audit[3].after["letterhead"], "ГЛАВА ВОЛГОГРАДА");
  OfficeRequisites unknown_office;
  unknown_office.lang = "ru";
  EXPECT_THROW(offices.set_requisites(id + 100, unknown_office), Error);
}

TEST_F(OfficeStoreTest, SequencesCountPerSeriesAndYear) {
  OfficeId id = offices.create(office());
  EXPECT_EQ(offices.peek_sequence(id, "outgoing", 0), 1);
  EXPECT_EQ(take(id), 1);
  EXPECT_EQ(take(id), 2);
  EXPECT_EQ(take(id, "incoming"), 1);
  EXPECT_EQ(take(id, "outgoing", 2014), 1);
  EXPECT_EQ(take(id), 3);
  EXPECT_EQ(offices.peek_sequence(id, "outgoing", 0), 4);
}

TEST_F(OfficeStoreTest, RolledBackTakeReturnsTheNumber) {
  OfficeId id = offices.create(office());
  EXPECT_EQ(take(id), 1);
  EXPECT_THROW(store->db().write_transaction([&] {
    EXPECT_EQ(offices.take_sequence(id, "outgoing", 0), 2);
    throw_conflict("registration failed");
  }),
               Error);
  EXPECT_EQ(take(id), 2);
}

TEST_F(OfficeStoreTest, ReserveOnlyMovesTheCounterForward) {
  OfficeId id = offices.create(office());
  store->db().write_transaction([&] { offices.reserve_sequence(id, "outgoing", 0, 125); });
  EXPECT_EQ(take(id), 126);
  store->db().write_transaction([&] { offices.reserve_sequence(id, "outgoing", 0, 50); });
  EXPECT_EQ(take(id), 127);
}

}  // namespace
}  // namespace twinning::store
