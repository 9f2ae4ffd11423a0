#include "server/address_budget.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::server {
namespace {

using std::chrono::seconds;

// The refusal of take(), or nullptr-like 0 when it was granted: the seconds
// it says to wait.
int refusal(AddressBudget& b, const std::string& address, AddressBudget::Clock::time_point at) {
  try {
    b.take(address, 1, "a plan", at);
    return 0;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kRateLimited);
    EXPECT_NE(std::string(e.what()).find("a plan"), std::string::npos) << e.what();
    return e.retry_after();
  }
}

TEST(AddressBudget, GrantsTheCapacityThenOneUnitPerRefill) {
  AddressBudget budget(3, seconds(10));
  auto t0 = AddressBudget::Clock::time_point() + seconds(1000);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(refusal(budget, "10.0.0.1", t0), 0) << i;
  EXPECT_EQ(refusal(budget, "10.0.0.1", t0), 10);              // empty: one unit in 10 s
  EXPECT_EQ(refusal(budget, "10.0.0.1", t0 + seconds(4)), 6);  // refilling
  EXPECT_EQ(refusal(budget, "10.0.0.1", t0 + seconds(10)), 0);
  EXPECT_GT(refusal(budget, "10.0.0.1", t0 + seconds(10)), 0);
  // Another address has its own bucket.
  EXPECT_EQ(refusal(budget, "10.0.0.2", t0), 0);
  // A bucket refills to its capacity, no further.
  auto later = t0 + seconds(3600);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(refusal(budget, "10.0.0.1", later), 0) << i;
  EXPECT_GT(refusal(budget, "10.0.0.1", later), 0);
}

}  // namespace
}  // namespace twinning::server
