// PRODUCT.md: "registration numbers unique under 100 concurrent writers" —
// over HTTP: 100 clients, each on its own connection and thread, released
// at once, register a letter of the same office; every one is told a
// distinct number, the numbers are consecutive from 1, and the register and
// the audit hold exactly what the clients were told. On both backends.
#include <gtest/gtest.h>

#include <latch>
#include <set>
#include <thread>

#include "store/audit_log.h"
#include "support/letter_api_fixture.h"

namespace twinning::testing {
namespace {

using LettersConcurrency = LettersApiTest;

TEST_P(LettersConcurrency, HundredClientsGetHundredConsecutiveNumbers) {
  constexpr int kClients = 100;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(new_client());
    clients.back()->bearer = tokens.at(i % 2 ? Role::kCoordinator : Role::kAdmin);
  }
  std::vector<HttpResponse> responses(kClients);
  std::latch start(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      nlohmann::json body = {{"office", "coventry"},
                             {"addressees", {{{"city_id", i % 2 ? volgograd : cologne}}}},
                             {"subject", "Letter " + std::to_string(i)},
                             {"body", "One of a hundred."},
                             {"register", true},
                             {"date", "2013-09-06"}};
      start.arrive_and_wait();
      try {
        responses[i] = clients[i]->send_json("POST", "/api/letters", body);
      } catch (const std::exception& e) {
        responses[i].body = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();

  std::set<std::string> told;
  std::map<std::string, LetterId> letter_of;
  for (int i = 0; i < kClients; ++i) {
    ASSERT_EQ(responses[i].status, 201) << "client " << i << ": " << responses[i].body;
    auto v = responses[i].json();
    EXPECT_EQ(v["letter"]["subject"], "Letter " + std::to_string(i));
    std::string number = v["letter"]["number"];
    told.insert(number);
    letter_of[number] = v["letter"]["id"].get<LetterId>();
  }
  std::set<std::string> expected;
  for (int i = 1; i <= kClients; ++i) expected.insert("CCC/" + std::to_string(i));
  EXPECT_EQ(told, expected);

  // The register holds what the clients were told.
  auto page = as(Role::kCoordinator).get("/api/letters?office=coventry&limit=500").json();
  EXPECT_EQ(page["total"], kClients);
  std::set<std::string> listed;
  for (const auto& item : page["items"]) {
    listed.insert(item["number"].get<std::string>());
    EXPECT_EQ(letter_of[item["number"]], item["id"].get<LetterId>()) << item["number"];
  }
  EXPECT_EQ(listed, expected);
  // Newest first: on one day, the highest number first.
  EXPECT_EQ(page["items"][0]["number"], "CCC/100");
  EXPECT_EQ(page["items"][kClients - 1]["number"], "CCC/1");

  // One audit entry per registration, naming its number.
  std::multiset<std::string> audited;
  for (const auto& e : store::AuditLog(*store).list({"letter", "", "", 0, 1000})) {
    EXPECT_EQ(e.action, "create");
    audited.insert(e.after.value("number", ""));
  }
  EXPECT_EQ(audited, std::multiset<std::string>(expected.begin(), expected.end()));
  EXPECT_EQ(as(Role::kCoordinator)
                .get("/api/offices?city=" + std::to_string(coventry))
                .json()["items"][0]["next_outgoing"],
            "CCC/101");
}

TWINNING_API_ON_EVERY_BACKEND(LettersConcurrency);

}  // namespace
}  // namespace twinning::testing
