// /api/reach, /api/chain, /api/network/*, /api/forecast, /api/plan over real
// HTTP on SQLite and PostgreSQL: the CLI's --json objects, the caps on the
// heavy computations, and a cached graph that follows changes of the links.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "campaign/campaigns.h"
#include "ingest/wikipedia_csv.h"
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
  // Equal for any number of threads; a visitor who is not signed in gets one.
  std::string two_threads =
      "/api/forecast?" + seeds + "&runs=2000&rng=7&comply=0.6&endorse=0.4&threads=2";
  auto signed_in = as(Role::kViewer).get(two_threads);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  auto two = signed_in.json();
  EXPECT_EQ(two["mean"], j["mean"]);
  EXPECT_EQ(two["threads"], 2);
  auto anonymous_two = ok(two_threads);
  EXPECT_EQ(anonymous_two["mean"], j["mean"]);
  EXPECT_EQ(anonymous_two["threads"], 1);
  EXPECT_TRUE(j["calibration"].is_null());
  EXPECT_EQ(j["at_least"]["members"], 97);
  // Each UN member state's probability of endorsing, members only: the
  // seeds' countries may endorse, a country no run reaches has 0, Taiwan
  // and Palestine (no members) are not listed.
  const auto& members = j["member_probabilities"];
  EXPECT_EQ(members.size(), 193u);
  EXPECT_FALSE(members.contains("TW"));
  EXPECT_FALSE(members.contains("PS"));
  EXPECT_GT(members["GB"].get<double>(), 0.0);
  EXPECT_LE(members["GB"].get<double>(), 1.0);
  EXPECT_EQ(members["BR"].get<double>(), 0.0);
  // From a campaign: its originators are the seeds, and the forecast is
  // calibrated: with no answer yet each run draws p and q from the priors
  // (means 0.6 and 0.4), and the target is the campaign's majority.
  campaign::CampaignRequest r;
  r.code = "net";
  r.title = "Network";
  r.originators = {coventry, volgograd};
  r.majority_needed = 2;
  campaign::create_campaign(*store, r);
  auto from_campaign = ok("/api/forecast?campaign=net&runs=2000&rng=7&comply=0.6&endorse=0.4");
  EXPECT_EQ(from_campaign["seeds"], j["seeds"]);
  EXPECT_EQ(from_campaign["calibration"]["comply"]["answers"], 0);
  EXPECT_DOUBLE_EQ(from_campaign["calibration"]["comply"]["prior"]["mean"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(from_campaign["calibration"]["endorse"]["prior"]["strength"].get<double>(), 4);
  EXPECT_EQ(from_campaign["at_least"]["members"], 2);
  // (Signed in: anonymous heavy requests are rationed.)
  auto viewer = [&](const std::string& target) {
    auto r = as(Role::kViewer).get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? r.json() : nlohmann::json();
  };
  EXPECT_EQ(viewer("/api/forecast?campaign=net&runs=100&target=1")["at_least"]["members"], 1);
  // A prior strong enough to fix p and q gives the uncalibrated forecast
  // back, within its error.
  auto fixed = viewer(
      "/api/forecast?campaign=net&runs=2000&rng=7&comply=0.6&endorse=0.4&prior_strength=1000000");
  EXPECT_NEAR(fixed["mean"].get<double>(), j["mean"].get<double>(), 5 * j["se"].get<double>());
  EXPECT_EQ(as(Role::kViewer).get("/api/forecast?campaign=net&prior_strength=0").status, 400);
}

TEST_P(NetworkApi, PlanIsTheCliPlan) {
  std::string seeds = "seed=" + id(volgograd);
  // The default method, reverse-reachable sets, and greedy on sampled runs.
  auto rr = ok("/api/plan?" + seeds + "&budget=2&rng=3&threads=1");
  auto rr_cli = cli({"plan", "--seed", id(volgograd), "--budget", "2", "--rng", "3", "--threads",
                     "1"});
  EXPECT_EQ(rr["method"], "rr");
  EXPECT_GT(rr["guarantee"]["sets"].get<std::int64_t>(), 0);
  rr.erase("seconds");
  rr_cli.erase("seconds");
  EXPECT_EQ(rr, rr_cli);
  auto j = ok("/api/plan?" + seeds + "&budget=2&method=greedy&runs=300&rng=3&threads=1");
  auto c = cli({"plan", "--seed", id(volgograd), "--budget", "2", "--method", "greedy", "--runs",
                "300", "--rng", "3", "--threads", "1"});
  EXPECT_EQ(j["method"], "greedy");
  EXPECT_EQ(j["runs"], 300);
  EXPECT_FALSE(j["picks"].empty());
  EXPECT_TRUE(j["check"].is_null());
  EXPECT_TRUE(j["target"].is_null());
  EXPECT_TRUE(j["picks"][0]["opens"].is_array());
  j.erase("seconds");
  c.erase("seconds");
  EXPECT_EQ(j, c);
  // What if the first pick declines: it is not picked again; and the plan's
  // value checked by forward runs.
  auto again =
      as(Role::kViewer)
          .get("/api/plan?" + seeds + "&budget=2&method=greedy&runs=300&rng=3&exclude=" +
               std::to_string(j["picks"][0]["city"]["id"].get<CityId>()) + "&check_runs=1000");
  ASSERT_EQ(again.status, 200) << again.body;
  auto replanned = again.json();
  for (const auto& p : replanned["picks"]) EXPECT_NE(p["city"], j["picks"][0]["city"]);
  EXPECT_EQ(replanned["check"]["runs"], 1000);
  EXPECT_EQ(replanned["check"]["at_least"]["members"], 97);  // no campaign, no members=
  EXPECT_GE(replanned["check"]["at_least"]["probability"].get<double>(), 0.0);
  // The fewest letters to make at least one more member state than the
  // seeds' likely: the CLI's answer too.
  const std::string target = "&budget=5&target_probability=0.5&members=1";
  auto t = ok("/api/plan?" + seeds + target + "&rng=3&threads=1");
  auto t_cli = cli({"plan", "--seed", id(volgograd), "--budget", "5", "--target-probability",
                    "0.5", "--members", "1", "--rng", "3", "--threads", "1"});
  EXPECT_EQ(t["target"]["members"], 1);
  EXPECT_EQ(t["target"]["probability"], 0.5);
  EXPECT_EQ(t["target"]["letters"], t["picks"].size());
  t.erase("seconds");
  t_cli.erase("seconds");
  EXPECT_EQ(t, t_cli);
}

// The network use cases name their inputs as the query does, in plain
// words. On a graph of more than 20,000 cities a plan of 3,000 runs (what
// the route allows) is more than the use case allows: its error reaches the
// caller as the use case says it.
TEST_P(NetworkApi, ErrorsNameTheQueryParameterWithoutDashes) {
  std::string csv = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n";
  for (int i = 0; i < 10'001; ++i) {
    std::string n = std::to_string(i);
    csv += "Town " + n + ",France,45,5,Stadt " + n + ",Germany,50,10\n";
  }
  ingest::import_wikipedia_csv(*store, csv, "towns.csv");
  auto r = anonymous().get("/api/plan?seed=" + id(coventry) + "&budget=1&runs=3000");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "runs");
  std::string message = r.json()["error"]["message"];
  EXPECT_EQ(message.rfind("runs must be between 1 and ", 0), 0u) << message;
  for (std::string query : {"forecast?runs=0", "forecast?comply=2", "forecast?endorse=x",
                            "forecast?threads=9", "plan?budget=0", "plan?runs=0",
                            "plan?method=celf", "plan?target_probability=2",
                            "plan?target_probability=0.5&members=-1"}) {
    r = anonymous().get("/api/" + query + "&seed=" + id(coventry));
    EXPECT_EQ(r.status, 400) << query << ": " << r.body;
    EXPECT_EQ(r.body.find("--"), std::string::npos) << query << ": " << r.body;
  }
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
  expect_400("/api/plan?method=celf&seed=" + id(coventry), "method");
  expect_400("/api/plan?target_probability=1.5&seed=" + id(coventry), "target_probability");
  expect_400("/api/plan?members=-2&seed=" + id(coventry), "members");
  expect_400("/api/plan?members=5&seed=" + id(coventry), "members");  // without target_probability
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
  EXPECT_EQ(ok(p + "&budget=50&method=greedy&runs=3000")["runs"], 3000);
}

// Costly reads (issue 14): answers are cached until the registry changes,
// callers who are not signed in draw on a per-address budget (429 with
// Retry-After when spent) and share a gate of their own, so that a burst of
// them never keeps a signed-in coordinator's forecast waiting or refused.
TEST_P(NetworkApi, AnonymousBurstsDoNotStarveSignedInCallers) {
  // The same question again is answered from the cache, at no cost.
  for (int i = 0; i < 10; ++i) ok("/api/network/centrality?top=3");
  // New questions cost one unit each: four, then wait.
  auto visitor = new_client();
  visitor->local_address = "127.0.0.20";
  int answered = 0, limited = 0;
  for (int i = 0; i < 6; ++i) {
    auto r = visitor->get("/api/plan?seed=" + id(coventry) +
                          "&budget=1&runs=50&rng=" + std::to_string(i + 1));
    if (r.status == 429) {
      ++limited;
      EXPECT_EQ(r.error_code(), "rate_limited");
      int retry = std::stoi(r.header("retry-after"));
      EXPECT_GE(retry, 1);
      EXPECT_LE(retry, 15);
    } else {
      EXPECT_EQ(r.status, 200) << r.body;
      ++answered;
    }
  }
  EXPECT_EQ(answered, 4);
  EXPECT_EQ(limited, 2);
  // A campaign's forecast is kept until the campaign moves.
  campaign::CampaignRequest burst;
  burst.code = "burst";
  burst.title = "Burst";
  burst.originators = {coventry, volgograd};
  CampaignId burst_id = campaign::create_campaign(*store, burst);
  auto reader = new_client();
  reader->local_address = "127.0.0.21";
  std::string campaign_forecast = "/api/forecast?campaign=burst&runs=500";
  for (int i = 0; i < 6; ++i) EXPECT_EQ(reader->get(campaign_forecast).status, 200) << i;  // 1 unit
  campaign::record_ministry_asked(*store, burst_id, "DE");
  EXPECT_EQ(reader->get(campaign_forecast).status, 200);  // computed again: 2 units
  EXPECT_EQ(reader->get(campaign_forecast + "&rng=2").status, 200);
  EXPECT_EQ(reader->get(campaign_forecast + "&rng=3").status, 200);  // 4 units
  EXPECT_EQ(reader->get(campaign_forecast + "&rng=4").status, 429);
  EXPECT_EQ(reader->get(campaign_forecast).status, 200);  // still in the cache

  // A change of the registry is a new question.
  auto link = as(Role::kCoordinator)
                  .send_json("POST", "/api/links",
                             {{"city_a", kiel}, {"city_b", volgograd}, {"kind", "partner"}});
  ASSERT_EQ(link.status, 201) << link.body;
  EXPECT_EQ(ok("/api/network/centrality?top=3")["links"], 3);

  // A burst of anonymous forecasts and plans from six addresses while a
  // coordinator asks for forecasts: every one of the coordinator's is answered.
  std::atomic<bool> done{false};
  std::vector<std::thread> crowd;
  std::atomic<int> crowd_answers{0}, crowd_other{0};
  for (int a = 0; a < 6; ++a) {
    crowd.emplace_back([&, a] {
      auto c = new_client();
      c->local_address = "127.0.3." + std::to_string(a + 1);
      for (int i = 0; !done && i < 200; ++i) {
        std::string target =
            (i % 2 ? "/api/plan?budget=2&runs=300&seed=" : "/api/forecast?runs=20000&seed=") +
            id(coventry) + "&rng=" + std::to_string(a * 1000 + i);
        int status = c->get(target).status;
        (status == 200 ? crowd_answers : crowd_other)++;
        EXPECT_TRUE(status == 200 || status == 429 || status == 503) << status;
      }
    });
  }
  double slowest_ms = 0;
  for (int i = 0; i < 10; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto r = as(Role::kCoordinator)
                 .get("/api/forecast?runs=20000&seed=" + id(coventry) +
                      "&rng=" + std::to_string(500 + i));
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    slowest_ms = std::max(slowest_ms, ms);
    EXPECT_EQ(r.status, 200) << r.body;
  }
  done = true;
  for (auto& t : crowd) t.join();
  std::cout << "anonymous burst: " << crowd_answers << " answered, " << crowd_other
            << " refused (429/503); the coordinator's slowest forecast " << slowest_ms << " ms\n";
  EXPECT_GT(crowd_other.load(), 0);
}

TWINNING_API_ON_EVERY_BACKEND(NetworkApi);

}  // namespace
}  // namespace twinning::testing
