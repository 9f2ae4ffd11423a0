// The network commands through the real binary: reach, chain, network
// bridges / centrality / edges, forecast and plan.
#include <gtest/gtest.h>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

// Coventry GB - Volgograd RU - Cologne DE - Kiel DE, Coventry - Taipei TW;
// Lyon FR alone.
class NetworkCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run({"init"});
    for (auto [name, cc] : std::vector<std::pair<std::string, std::string>>{{"Coventry", "GB"},
                                                                            {"Volgograd", "RU"},
                                                                            {"Cologne", "DE"},
                                                                            {"Kiel", "DE"},
                                                                            {"Taipei", "TW"},
                                                                            {"Lyon", "FR"}}) {
      run({"cities", "add", name, "--country", cc});
    }
    run({"link", "add", "Coventry, GB", "Volgograd, RU"});
    run({"link", "add", "Volgograd, RU", "Cologne, DE"});
    run({"link", "add", "Cologne, DE", "Kiel, DE"});
    run({"link", "add", "Coventry, GB", "Taipei, TW"});
  }

  RunResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    RunResult r = run_twinning(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r;
  }
  RunResult fail(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    RunResult r = run_twinning(args);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    return r;
  }

  ScratchDir dir;
  std::string db = dir.file("t.db");
};

TEST_F(NetworkCommandsTest, ReachByHops) {
  auto j = run({"reach", "--from", "Volgograd, RU", "--json"}).json();
  ASSERT_EQ(j["hops"].size(), 3u);
  EXPECT_EQ(j["hops"][1]["cities"][0]["name"], "Cologne");
  EXPECT_EQ(j["hops"][1]["cities"][1]["name"], "Coventry");
  EXPECT_EQ(j["hops"][2]["new_countries"][0]["iso2"], "TW");
  EXPECT_EQ(j["un_members_reached"], 3);
  EXPECT_EQ(j["unreachable_un_members"].size(), 190u);

  auto text = run({"reach", "--from", "Volgograd, RU", "--hops", "1"}).out;
  EXPECT_NE(text.find("hop 1: 2 cities (Cologne, DE; Coventry, GB), 2 new countries (2 UN "
                      "members): DE GB"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reached 3 cities in 3 countries, 3 of 193 UN member states"),
            std::string::npos)
      << text;
}

TEST_F(NetworkCommandsTest, ChainToACityAndToACountry) {
  auto j = run({"chain", "Kiel, DE", "Taipei, TW", "--json"}).json();
  EXPECT_EQ(j["links"], 4);
  ASSERT_EQ(j["chains"].size(), 1u);
  EXPECT_EQ(j["chains"][0][2]["name"], "Volgograd");
  auto text = run({"chain", "Kiel, DE", "--country", "GB"}).out;
  EXPECT_EQ(text,
            "shortest chain: 3 links (1 chain of this length)\n"
            "  Kiel, DE -> Cologne, DE -> Volgograd, RU -> Coventry, GB\n");
  EXPECT_EQ(run({"chain", "Kiel, DE", "Lyon, FR"}).out,
            "no chain: the target cannot be reached through twin links\n");
  auto err = fail({"chain", "Kiel, DE"}).err;
  EXPECT_NE(err.find("either a target city or a target country"), std::string::npos) << err;
}

TEST_F(NetworkCommandsTest, BridgesAndCentrality) {
  auto b = run({"network", "bridges", "--from", "Coventry, GB", "--hops", "1", "--json"}).json();
  EXPECT_EQ(b["cities_reached"], 3);
  ASSERT_GE(b["bridges"].size(), 1u);
  EXPECT_EQ(b["bridges"][0]["city"]["name"], "Cologne");
  EXPECT_EQ(b["bridges"][0]["opens"][0]["iso2"], "DE");

  auto c = run({"network", "centrality", "--top", "2", "--json"}).json();
  EXPECT_EQ(c["cities"], 6);
  EXPECT_EQ(c["links"], 4);
  EXPECT_EQ(c["component_count"], 2);
  EXPECT_EQ(c["top_betweenness"][0]["city"]["name"], "Volgograd");
  EXPECT_EQ(c["top_betweenness"][0]["betweenness"], 4.0);  // 2 x 2 pairs across it
  EXPECT_EQ(c["largest_components"][0]["size"], 5);
}

TEST_F(NetworkCommandsTest, EdgesExportIsHidden) {
  auto j = run({"network", "edges", "--json"}).json();
  EXPECT_EQ(j["cities"].size(), 6u);
  EXPECT_EQ(j["links"].size(), 4u);
  EXPECT_EQ(j["countries"].size(), 250u);
  EXPECT_EQ(run({"network", "--help"}).out.find("edges"), std::string::npos);
}

TEST_F(NetworkCommandsTest, ForecastJson) {
  auto j = run({"forecast", "--seed", "Coventry, GB", "--comply", "1", "--endorse", "1", "--runs",
                "200", "--json"})
               .json();
  for (const char* key :
       {"mean", "se", "ci95", "runs", "mean_informed", "mean_complying", "countries", "seconds"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["mean"], 3.0);
  EXPECT_EQ(j["se"], 0.0);
  EXPECT_EQ(j["ci95"]["low"], 3.0);
  EXPECT_EQ(j["ci95"]["high"], 3.0);
  EXPECT_EQ(j["runs"], 200);
  EXPECT_EQ(j["mean_informed"], 5.0);
  EXPECT_EQ(j["countries"]["TW"], 1.0);
  EXPECT_EQ(j["countries"].size(), 4u);

  auto a = run({"forecast", "--seed", "Coventry, GB", "Kiel, DE", "--rng", "5", "--threads", "1",
                "--json"})
               .json();
  auto b = run({"forecast", "--seed", "Coventry, GB", "--seed", "Kiel, DE", "--rng", "5",
                "--threads", "2", "--json"})
               .json();
  EXPECT_EQ(a["runs"], 10000);
  EXPECT_EQ(a["mean"], b["mean"]);
  EXPECT_EQ(a["countries"], b["countries"]);
}

TEST_F(NetworkCommandsTest, ForecastText) {
  auto out = run({"forecast", "--seed", "Coventry, GB", "--comply", "1", "--endorse", "1", "--runs",
                  "100", "--threads", "1"})
                 .out;
  EXPECT_NE(out.find("forecast from Coventry, GB (p = 1, q = 1, 100 runs, rng 1, 1 thread)\n"
                     "expected endorsing UN member states: 3.00 +/- 0.00 (95% CI 3.00 - 3.00)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  TW Taiwan (not a UN member)  1.000\n"), std::string::npos) << out;
  EXPECT_NE(out.find("probability of at least 97 endorsing UN member states: 0.0000 +/- 0.0000\n"),
            std::string::npos)
      << out;
  out = run({"forecast", "--seed", "Coventry, GB", "--comply", "1", "--endorse", "1", "--runs",
             "100", "--target", "3"})
            .out;
  EXPECT_NE(out.find("probability of at least 3 endorsing UN member states: 1.0000 +/- 0.0000\n"),
            std::string::npos)
      << out;
}

TEST_F(NetworkCommandsTest, Plan) {
  auto j = run({"plan", "--seed", "Kiel, DE", "--budget", "2", "--comply", "0", "--endorse", "1",
                "--method", "greedy", "--json"})
               .json();
  EXPECT_EQ(j["method"], "greedy");
  EXPECT_TRUE(j["guarantee"].is_null());
  EXPECT_EQ(j["base"], 1.0);
  ASSERT_EQ(j["picks"].size(), 2u);
  EXPECT_EQ(j["picks"][0]["gain"], 1.0);
  EXPECT_EQ(j["picks"][1]["cumulative"], 3.0);
  EXPECT_EQ(j["runs"], 1000);
  auto text = run({"plan", "--seed", "Kiel, DE", "--budget", "1", "--comply", "1", "--endorse", "1",
                   "--method", "greedy", "--runs", "50"})
                  .out;
  EXPECT_NE(text.find("seeds alone: 3.00 expected endorsing UN member states\n"
                      "  1. Lyon, FR (#6)  +1.00  -> 4.00\n"
                      "       opens France (FR) +1.00, reached by no current chain; by its own "
                      "ask\n"),
            std::string::npos)
      << text;
  // What if Coventry declines: from Lyon (alone), Volgograd's component
  // without Coventry holds Russia and Germany.
  text = run({"plan", "--seed", "Lyon, FR", "--budget", "1", "--comply", "1", "--endorse", "1",
              "--method", "greedy", "--runs", "50", "--exclude", "Coventry, GB", "--check-runs",
              "100"})
             .out;
  EXPECT_NE(text.find("  1. Volgograd, RU (#2)  +2.00  -> 3.00\n"), std::string::npos) << text;
  EXPECT_NE(text.find("forward check (100 independent runs): 3.00 +/- 0.00 (the plan's own "
                      "estimate 3.00, 0.0% apart)\n"),
            std::string::npos)
      << text;
}

// The default method: reverse-reachable sampling, with its guarantee, the
// same explanations, and its estimate beside the forward check.
TEST_F(NetworkCommandsTest, PlanByReverseReachableSets) {
  auto j = run({"plan", "--seed", "Kiel, DE", "--budget", "2", "--comply", "0", "--endorse", "1",
                "--json"})
               .json();
  EXPECT_EQ(j["method"], "rr");
  ASSERT_EQ(j["picks"].size(), 2u);
  // Germany by Kiel's own ask; RR estimates, so near the exact values.
  EXPECT_NEAR(j["base"].get<double>(), 1.0, 0.15);
  EXPECT_NEAR(j["picks"][1]["cumulative"].get<double>(), 3.0, 0.15);
  EXPECT_EQ(j["picks"][0]["opens"].size(), 1u);
  EXPECT_EQ(j["guarantee"]["epsilon"], 0.1);
  EXPECT_TRUE(j["guarantee"]["holds"].get<bool>());
  EXPECT_EQ(j["runs"], j["guarantee"]["sets"]);
  auto text = run({"plan", "--seed", "Lyon, FR", "--budget", "1", "--comply", "1", "--endorse", "1",
                   "--exclude", "Coventry, GB", "--check-runs", "100"})
                  .out;
  EXPECT_NE(text.find("(p = 1, q = 1, rr: "), std::string::npos) << text;
  EXPECT_NE(text.find("guarantee: within 0.532 of the best plan's gain with probability at least "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" RR sets sampled, 4 candidate cities)\n"), std::string::npos) << text;
  // Volgograd opens Russia and Germany; with Lyon's France every RR set is
  // covered, so the estimate is exact.
  EXPECT_NE(text.find("  1. Volgograd, RU (#2)  +"), std::string::npos) << text;
  EXPECT_NE(text.find("  -> 3.00\n"), std::string::npos) << text;
  EXPECT_NE(text.find("forward check (100 independent runs): 3.00 +/- 0.00 (the plan's own "
                      "estimate 3.00, 0.0% apart)\n"
                      "probability of at least 97 endorsing UN member states with the plan: "
                      "0.0000 +/- 0.0000 (forward check)\n"),
            std::string::npos)
      << text;
  auto checked = run({"plan", "--seed", "Lyon, FR", "--budget", "1", "--comply", "1",
                      "--endorse", "1", "--check-runs", "100", "--members", "3", "--json"})
                     .json();
  EXPECT_EQ(checked["check"]["at_least"]["members"], 3);
  // Lyon's France and the chain of Coventry, Volgograd and Cologne: four.
  EXPECT_EQ(checked["check"]["at_least"]["probability"], 1.0);
}

// The fewest letters that make 3 endorsing member states likely: from
// Kiel (Germany, by its own ask, q = 1) one letter per further country.
TEST_F(NetworkCommandsTest, PlanToATargetProbability) {
  for (const char* method : {"rr", "greedy"}) {
    auto j = run({"plan", "--seed", "Kiel, DE", "--budget", "4", "--comply", "0", "--endorse",
                  "1", "--method", method, "--target-probability", "0.9", "--members", "3",
                  "--json"})
                 .json();
    EXPECT_EQ(j["target"]["reached"], true) << method;
    EXPECT_EQ(j["target"]["letters"], 2) << method;
    EXPECT_EQ(j["picks"].size(), 2u) << method;
    EXPECT_EQ(j["target"]["estimate"], 1.0) << method;
    EXPECT_EQ(j["target"]["members"], 3) << method;
  }
  auto text = run({"plan", "--seed", "Kiel, DE", "--budget", "1", "--comply", "0", "--endorse",
                   "1", "--target-probability", "0.9", "--members", "3"})
                  .out;
  EXPECT_NE(text.find("probability of at least 3 endorsing UN member states: 0.0000 +/- 0.0000 "
                      "with 1 letter (10000 forward runs): below 0.90: the budget cannot reach "
                      "it\n"),
            std::string::npos)
      << text;
}

TEST_F(NetworkCommandsTest, BadInputExitsTwoWithOneLine) {
  auto err = fail({"forecast", "--seed", "Atlantis, GR"}).err;
  EXPECT_NE(err.find("Atlantis"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1);
  err = fail({"forecast", "--seed", "Kiel, DE", "--comply", "1.5"}).err;
  EXPECT_NE(err.find("--comply must be a probability between 0 and 1"), std::string::npos) << err;
  fail({"forecast", "--seed", "Kiel, DE", "--runs", "0"});
  fail({"plan", "--seed", "Kiel, DE"});  // --budget is required
  fail({"reach", "--from", "Kiel, DE", "--hops", "-1"});
  fail({"network", "centrality", "--top", "0"});
}

// The use cases name their inputs plainly ("runs"); the CLI says its options.
TEST_F(NetworkCommandsTest, ErrorsNameTheCommandsOptions) {
  auto expect_error = [&](std::vector<std::string> args, const std::string& err) {
    args.insert(args.begin(), {"--db", db});
    RunResult r = run_twinning(args);
    expect_bad_input(r, "");
    EXPECT_EQ(r.err, "twinning: " + err + "\n") << args[2];
  };
  expect_error({"forecast", "--seed", "Kiel, DE", "--runs", "0"},
               "--runs must be between 1 and 10000000");
  expect_error({"forecast", "--seed", "Kiel, DE", "--threads", "0"},
               "--threads must be between 1 and 64");
  expect_error({"forecast", "--seed", "Kiel, DE", "--endorse", "-1"},
               "--endorse must be a probability between 0 and 1");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "0"},
               "--budget must be between 1 and 10000");
  expect_error({"forecast", "--seed", "Kiel, DE", "--target", "-1"},
               "--target must be between 0 and 10000");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "1", "--check-runs", "-1"},
               "--check-runs must be between 0 and 10000000");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "1", "--method", "celf"},
               "--method must be rr or greedy, not 'celf'");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "1", "--target-probability", "1.5"},
               "--target-probability must be a probability between 0 and 1");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "1", "--target-probability", "0.5",
                "--members", "-1"},
               "--members must be between 0 and 10000");
  expect_error({"plan", "--seed", "Kiel, DE", "--budget", "1", "--members", "3"},
               "--members: give a target probability or check runs too");
  expect_error({"reach", "--from", "Kiel, DE", "--hops", "-1"}, "--hops must be 0 or more");
  expect_error({"network", "bridges", "--top", "0"}, "--top must be 1 or more");
  expect_error({"chain", "Kiel, DE"}, "TARGET: name either a target city or a target country");
}

}  // namespace
}  // namespace twinning::testing
