// The server's life: graceful shutdown on SIGTERM (an in-flight request
// completes, idle connections close, exit code 0), and start-up failures.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store/link_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using ServerLifecycle = ApiTest;
using Clock = std::chrono::steady_clock;

TEST_P(ServerLifecycle, SigtermLetsTheRequestInFlightFinish) {
  // The first 3,000 rows of the world list, sent in two halves with SIGTERM
  // in between: the server has begun receiving the request when it is told
  // to stop, and must still answer it in full.
  std::string world = slurp(data_file("twin_cities_wikipedia.csv"));
  std::size_t end = 0;
  for (int line = 0; line <= 3000; ++line) end = world.find('\n', end) + 1;
  std::string csv = world.substr(0, end);
  std::string head =
      "POST /api/import/wikipedia-csv?name=world.csv HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer " +
      tokens[Role::kCoordinator] +
      "\r\nContent-Type: text/csv\r\nContent-Length: " + std::to_string(csv.size()) + "\r\n\r\n";
  std::string first = head + csv.substr(0, csv.size() / 2);
  auto idle = new_client();
  ASSERT_EQ(idle->get("/api/health").status, 200);  // an idle keep-alive connection
  std::string answer = new_client()->raw_exchange(
      first,
      [&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        server->terminate();
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      },
      csv.substr(csv.size() / 2));
  ASSERT_EQ(answer.rfind("HTTP/1.1 200 OK", 0), 0u) << answer.substr(0, 300);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  auto report = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4));
  EXPECT_EQ(report["rows_read"], 3000);
  EXPECT_EQ(report["rows_read"].get<int>(), report["links_created"].get<int>() +
                                                report["links_merged"].get<int>() +
                                                report["rows_rejected"].get<int>());
  EXPECT_EQ(server->wait(), 0) << server->stderr_text();
  EXPECT_EQ(store::LinkStore(*store).count(), 2 + report["links_created"].get<int>());
  // Nothing listens any more.
  EXPECT_THROW(new_client()->get("/api/health"), std::runtime_error);
}

TEST_P(ServerLifecycle, IdleConnectionsDoNotHoldUpShutdown) {
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(new_client());
    ASSERT_EQ(clients.back()->get("/api/health").status, 200);
  }
  auto start = Clock::now();
  EXPECT_EQ(stop_server(), 0);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST_P(ServerLifecycle, RestartsOnTheSameDatabase) {
  ASSERT_EQ(as(Role::kCoordinator)
                .send_json("POST", "/api/cities", {{"name", "Gdańsk"}, {"country", "PL"}})
                .status,
            201);
  ASSERT_EQ(stop_server(), 0);
  start_server();
  auto j = anonymous().get("/api/cities?search=gdansk").json();
  ASSERT_EQ(j["items"].size(), 1u);
  EXPECT_EQ(j["items"][0]["name"], "Gdańsk");
}

TWINNING_API_ON_EVERY_BACKEND(ServerLifecycle);

TEST(ServerStartup, AnUnreachableDatabaseFailsAtStartWithExitCode2) {
  ScratchDir dir;
  auto r = run_twinning({"--db", "postgresql://nobody@127.0.0.1:1/none", "serve", "--port", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
  r = run_twinning({"--db", dir.file("t.db"), "serve", "--host", "not-an-address", "--port", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot listen on host 'not-an-address'"), std::string::npos) << r.err;
}

// The letter templates are opened once, at start: a missing directory stops
// the server before it serves, not at the first letter.
TEST(ServerStartup, AMissingTemplateDirectoryFailsAtStartWithExitCode2) {
  ScratchDir dir;
  std::string missing = dir.file("no-templates");
  auto r = run_twinning({"--db", dir.file("t.db"), "serve", "--port", "0", "--templates", missing});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "twinning: template directory " + missing + " does not exist\n");
  EXPECT_EQ(r.out.find("serving"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace twinning::testing
