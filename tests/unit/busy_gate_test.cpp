#include "server/busy_gate.h"

#include <gtest/gtest.h>

#include <optional>

#include "model/error.h"

namespace twinning::server {
namespace {

TEST(BusyGate, AdmitsOneHolderAndRefusesTheOthersUntilItLeaves) {
  BusyGate gate("a forecast");
  {
    auto pass = gate.enter();
    try {
      auto second = gate.enter();
      ADD_FAILURE() << "admitted twice";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kUnavailable);
      EXPECT_STREQ(e.what(),
                   "the server is computing a forecast for another request; retry shortly");
    }
  }
  auto again = gate.enter();  // the first holder left
  BusyGate other("a plan");
  auto independent = other.enter();
}

}  // namespace
}  // namespace twinning::server
