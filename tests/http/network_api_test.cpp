// /api/reach, /api/chain, /api/network/*, /api/forecast, /api/plan over real
// HTTP on SQLite and PostgreSQL: the CLI's --json objects, the caps on the
// heavy computations, and a cached graph that follows changes of the links.
#include <gtest/gtest.h>

#include "campaign/campaigns.h"
#include "support/api_fixture.h"
#include "support/test_support.h"

namespace twinning::testing {
namespace {

class NetworkApi : public ApiTest {
 protected:
  // The CLI's --json answer to `args` on the test's database.
  nlohmann::json cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", database->location()});
    args.push_back("--json");
    auto r = run_twinning(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? r.json() : nlohmann::json();
  }

  nlohmann::json ok(const std::string& target) {
    auto r = anonymous().get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? r.json() : nlohmann::json();
  }

  void expect_400(const std::string& target, const std::string& field) {
    auto r = anonymous().get(target);
    EXPECT_EQ(r.status, 400) << target << ": " << r.body;
    EXPECT_EQ(r.error_field(), field) << target << ": " << r.body;
  }

  std::string id(CityId c) { return std::to_string(c); }
};

TEST_P(NetworkApi, ReachByHops) {
  auto j = ok("/api/reach?from=" + id(coventry));
  ASSERT_EQ(j["hops"].size(), 2u) << j;
  EXPECT_EQ(j["hops"][0]["cities"][0]["name"], "Coventry");
  ASSERT_EQ(j["hops"][1]["cities"].size(), 2u);
  EXPECT_EQ(j["hops"][1]["cities"][0]["name"], "Cologne");
  EXPECT_EQ(j["hops"][1]["cities"][1]["name"], "Volgograd");
  EXPECT_EQ(j["hops"][1]["new_countries"][0]["iso2"], "DE");
  EXPECT_EQ(j["hops"][1]["new_un_members"], 2);
  EXPECT_EQ(j["cities_reached"], 3);
  EXPECT_EQ(j["countries_reached"], 3);
  EXPECT_EQ(j["un_members_reached"], 3);
  EXPECT_EQ(j["un_members_total"], 193);
  EXPECT_EQ(j["unreachable_un_members"].size(), 190u);
  // Several origins, by id or "Name, CC"; the CLI's object.
  j = ok("/api/reach?from=Kiel%2C%20DE&from=" + id(volgograd) + "&hops=1");
  EXPECT_EQ(j["cities_reached"], 3);  // Kiel; Volgograd and Coventry
  EXPECT_EQ(j, cli({"reach", "--from", "Kiel, DE", "--from", id(volgograd), "--hops", "1"}));
  expect_400("/api/reach", "from");
  expect_400("/api/reach?from=" + id(coventry) + "&hops=-1", "hops");
  expect_400("/api/reach?from=" + id(coventry) + "&hops=many", "hops");
  expect_400("/api/reach?from=Kiel", "from");
  expect_400("/api/reach?from=1&colour=red", "colour");
  auto r = anonymous().get("/api/reach?from=999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "from");
}

TEST_P(NetworkApi, ChainsFollowTheLinksAsTheyChange) {
  auto j = ok("/api/chain?from=" + id(volgograd) + "&to=" + id(cologne));
  EXPECT_EQ(j["links"], 2);
  ASSERT_EQ(j["chains"].size(), 1u);
  EXPECT_EQ(j["chains"][0][1]["name"], "Coventry");
  EXPECT_EQ(j, cli({"chain", id(volgograd), id(cologne)}));
  j = ok("/api/chain?from=" + id(volgograd) + "&country=de&all=true");
  EXPECT_EQ(j["links"], 2);
  EXPECT_EQ(j, cli({"chain", id(volgograd), "--country", "DE", "--all"}));
  // Kiel has no twin yet.
  EXPECT_EQ(ok("/api/chain?from=" + id(kiel) + "&to=" + id(coventry))["links"], -1);
  // A new link is seen by the next request (the cached graph is rebuilt)...
  auto r = as(Role::kCoordinator)
               .send_json("POST", "/api/links", {{"city_a", kiel}, {"city_b", cologne}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::string link = std::to_string(r.json()["id"].get<std::int64_t>());
  EXPECT_EQ(ok("/api/chain?from=" + id(kiel) + "&to=" + id(coventry))["links"], 2);
  // ... and so is a link that ended (ended links carry no letters).
  r = as(Role::kCoordinator).send_json("PATCH", "/api/links/" + link, {{"status", "ended"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ok("/api/chain?from=" + id(kiel) + "&to=" + id(coventry))["links"], -1);
  // A renamed city is named anew.
  r = as(Role::kCoordinator)
          .send_json("PATCH", "/api/cities/" + id(coventry), {{"name", "Coventry City"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ok("/api/chain?from=" + id(volgograd) + "&to=" + id(cologne))["chains"][0][1]["name"],
            "Coventry City");

  expect_400("/api/chain?from=" + id(kiel), "to");
  expect_400("/api/chain?from=" + id(kiel) + "&to=" + id(coventry) + "&country=GB", "to");
  expect_400("/api/chain?to=" + id(kiel), "from");
  expect_400("/api/chain?from=" + id(kiel) + "&country=GB&all=maybe", "all");
  r = anonymous().get("/api/chain?from=" + id(kiel) + "&country=XX");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "country");
}

TEST_P(NetworkApi, BridgesAndCentralityAreTheCliObjects) {
  auto j = ok("/api/network/bridges?top=2");
  ASSERT_EQ(j["bridges"].size(), 2u) << j;
  EXPECT_EQ(j["bridges"][0]["city"]["name"], "Coventry");
  EXPECT_EQ(j["bridges"][0]["opens_count"], 3);
  EXPECT_EQ(j, cli({"network", "bridges", "--top", "2"}));
  j = ok("/api/network/bridges?from=" + id(coventry));
  EXPECT_EQ(j["un_members_reached"], 3);
  EXPECT_EQ(j["bridges"].size(), 0u);  // Kiel opens nothing: Germany is reached
  EXPECT_EQ(j, cli({"network", "bridges", "--from", id(coventry)}));
  expect_400("/api/network/bridges?top=0", "top");
  expect_400("/api/network/bridges?top=101", "top");

  j = ok("/api/network/centrality?top=2&threads=1");
  EXPECT_EQ(j["cities"], 4);
  EXPECT_EQ(j["links"], 2);
  EXPECT_EQ(j["component_count"], 2);
  EXPECT_EQ(j["top_degree"][0]["city"]["name"], "Coventry");
  EXPECT_EQ(j["top_degree"][0]["degree"], 2);
  EXPECT_DOUBLE_EQ(j["top_betweenness"][0]["betweenness"].get<double>(), 1.0);
  EXPECT_EQ(j, cli({"network", "centrality", "--top", "2", "--threads", "1"}));
  expect_400("/api/network/centrality?threads=3", "threads");
  expect_400("/api/network/centrality?top=1000", "top");
}

TEST_P(NetworkApi, ForecastIsTheCliForecast) {
  std::string seeds = "seed=" + id(coventry) + "&seed=Volgograd%2C%20RU";
  auto j = ok("/api/forecast?" + seeds + "&runs=2000&rng=7&comply=0.6&endorse=0.4&threads=1");
  auto c = cli({"forecast", "--seed", id(coventry), "--seed", "Volgograd, RU", "--runs", "2000",
                "--rng", "7", "--comply", "0.6", "--endorse", "0.4", "--threads", "1"});
  EXPECT_EQ(j["runs"], 2000);
  EXPECT_EQ(j["seeds"].size(), 2u);
  EXPECT_GT(j["mean"].get<double>(), 0.5);  // the seeds ask their own ministries too
  j.erase("seconds");
  c.erase("seconds");
  EXPECT_EQ(j, c);
  // Equal for any number of threads.
  auto two = ok("/api/forecast?" + seeds + "&runs=2000&rng=7&comply=0.6&endorse=0.4&threads=2");
  EXPECT_EQ(two["mean"], j["mean"]);
  EXPECT_EQ(two["threads"], 2);
  // From a campaign: its originators are the seeds.
  campaign::CampaignRequest r;
  r.code = "net";
  r.title = "Network";
  r.originators = {coventry, volgograd};
  campaign::create_campaign(*store, r);
  auto from_campaign = ok("/api/forecast?campaign=net&runs=2000&rng=7&comply=0.6&endorse=0.4");
  EXPECT_EQ(from_campaign["mean"], j["mean"]);
  EXPECT_EQ(from_campaign["seeds"], j["seeds"]);
}

TEST_P(NetworkApi, PlanIsTheCliPlan) {
  std::string seeds = "seed=" + id(volgograd);
  auto j = ok("/api/plan?" + seeds + "&budget=2&runs=300&rng=3&threads=1");
  auto c = cli({"plan", "--seed", id(volgograd), "--budget", "2", "--runs", "300", "--rng", "3",
                "--threads", "1"});
  EXPECT_EQ(j["runs"], 300);
  EXPECT_FALSE(j["picks"].empty());
  j.erase("seconds");
  c.erase("seconds");
  EXPECT_EQ(j, c);
}

TEST_P(NetworkApi, HeavyComputationsAreCapped) {
  std::string s = "/api/forecast?seed=" + id(coventry);
  expect_400(s + "&runs=100001", "runs");
  expect_400(s + "&runs=0", "runs");
  expect_400(s + "&threads=3", "threads");
  expect_400(s + "&threads=0", "threads");
  expect_400(s + "&comply=1.01", "comply");
  expect_400(s + "&comply=nan", "comply");
  expect_400(s + "&endorse=-0.1", "endorse");
  expect_400(s + "&endorse=half", "endorse");
  expect_400(s + "&rng=-1", "rng");
  expect_400(s + "&runs=10&runs=20", "runs");
  expect_400("/api/forecast", "seed");
  expect_400("/api/forecast?seed=Atlantis", "seed");
  auto r = anonymous().get("/api/forecast?seed=999999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "seed");
  r = anonymous().get("/api/forecast?campaign=nope");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error_field(), "campaign");
  EXPECT_EQ(ok(s + "&runs=100000")["runs"], 100000);

  std::string p = "/api/plan?seed=" + id(coventry);
  expect_400(p + "&budget=51", "budget");
  expect_400(p + "&budget=0", "budget");
  expect_400(p + "&runs=3001", "runs");
  expect_400(p + "&threads=3", "threads");
  expect_400("/api/plan?budget=2", "seed");
  EXPECT_EQ(ok(p + "&budget=50&runs=3000")["runs"], 3000);
}

TWINNING_API_ON_EVERY_BACKEND(NetworkApi);

}  // namespace
}  // namespace twinning::testing
