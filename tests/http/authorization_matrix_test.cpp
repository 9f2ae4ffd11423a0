// The authorization matrix (route_matrix.h): every route x every kind of
// caller (anonymous, viewer, correspondent, coordinator, admin) gets exactly
// the answer the table kept in the tests says, over real HTTP, on both
// backends; a refused caller (401/403) changes nothing; and the table lists
// exactly the routes the server registers, so that a route added without
// its row fails here.
#include <gtest/gtest.h>

#include <optional>
#include <set>

#include "route_matrix.h"
#include "server/api.h"
#include "support/api_fixture.h"
#include "support/table_dump.h"

namespace twinning::testing {
namespace {

TEST(AuthorizationMatrixTable, ListsExactlyTheRoutesTheServerRegisters) {
  std::set<std::string> table, registered;
  for (const auto& row : kRouteMatrix) table.insert(std::string(row.method) + " " + row.pattern);
  auto routes = server::api_routes();
  for (const auto& r : routes.routes()) {
    registered.insert(std::string(server::method_name(r.method)) + " " + r.pattern);
  }
  for (const auto& s : registered) {
    EXPECT_TRUE(table.count(s)) << s << " is registered but has no row in route_matrix.h";
  }
  for (const auto& t : table) {
    EXPECT_TRUE(registered.count(t)) << t << " has a row in route_matrix.h but is not registered";
  }
  for (const auto& row : kRouteMatrix) {
    for (int c = 0; c < 5; ++c) {
      int status = expected_status(row, c);
      EXPECT_TRUE(status >= 200 && status < 500)
          << row.method << " " << row.target << " as " << kCallers[c] << ": " << status;
    }
  }
}

using AuthorizationMatrix = RouteMatrixTest;

TEST_P(AuthorizationMatrix, EveryRouteAnswersEveryCallerAsTheTableSays) {
  int cells = 0;
  for (const auto& row : kRouteMatrix) {
    std::optional<TableRows> before;  // the database before a refusal; reset by allowed writes
    for (int c = 0; c < 5; ++c) {
      std::string who = std::string(row.method) + " " + fill(row.target, c) + " as " + kCallers[c];
      int want = expected_status(row, c);
      bool refused = want == 401 || want == 403;
      if (refused && !before) before = dump_tables(store->db());
      auto r = send(row, c);
      ++cells;
      EXPECT_EQ(r.status, want) << who << ": " << r.body;
      if (want == 401) {
        EXPECT_EQ(r.error_code(), "unauthenticated") << who;
      }
      if (want == 403) {
        EXPECT_EQ(r.error_code(), "forbidden") << who;
      }
      if (refused) {
        EXPECT_EQ(first_difference(*before, dump_tables(store->db())), "") << who;
      } else {
        before.reset();
      }
    }
  }
  EXPECT_EQ(cells, static_cast<int>(std::size(kRouteMatrix)) * 5);
  std::cout << "authorization matrix [" << backend_name(GetParam())
            << "]: " << std::size(kRouteMatrix) << " rows x 5 callers = " << cells
            << " answers checked\n";
}

TWINNING_API_ON_EVERY_BACKEND(AuthorizationMatrix);

}  // namespace
}  // namespace twinning::testing
