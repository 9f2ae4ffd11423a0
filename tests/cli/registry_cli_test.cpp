// The registry commands on the imported world list, bad references, and
// --help on every command.
#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "support/test_support.h"

namespace twinning::testing {
namespace {

// A database with the bundled world list imported.
class WorldDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
    auto r = run_twinning(
        {"--db", db, "import", "wikipedia-csv", data_file("twin_cities_wikipedia.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  ScratchDir dir;
  std::string db = dir.file("world.db");
};

std::set<std::string> twin_names(const nlohmann::json& city) {
  std::set<std::string> out;
  for (const auto& t : city["twins"]) out.insert(t["name"].get<std::string>());
  return out;
}

TEST_F(WorldDbTest, VolgogradListsItsTwins) {
  auto r = run_twinning({"--db", db, "city", "Volgograd, RU", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto twins = twin_names(r.json());
  for (const char* name : {"Cologne", "Chemnitz", "Hiroshima", "Port Said", "Cleveland", "İzmir",
                           "Ortona", "Kruševac", "Yerevan", "Chennai"}) {
    EXPECT_TRUE(twins.contains(name)) << name;
  }
  auto text = run_twinning({"--db", db, "city", "volgograd, ru"});
  EXPECT_EQ(text.out.rfind("Volgograd, RU", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("Port Said, EG"), std::string::npos);
  EXPECT_NE(text.out.find("İzmir, TR"), std::string::npos);
}

TEST_F(WorldDbTest, CoventryListsItsTwins) {
  auto r = run_twinning({"--db", db, "city", "Coventry, GB", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto twins = twin_names(r.json());
  for (const char* name : {"Dresden", "Lidice", "Kiel", "Sarajevo", "Saint-Étienne", "Cork",
                           "Coventry, Connecticut", "Kecskemét", "Ostrava", "Windsor"}) {
    EXPECT_TRUE(twins.contains(name)) << name;
  }
  // Lines 6475-6496 (England page) plus the partners that list Coventry.
  EXPECT_GE(twins.size(), 22u);
}

TEST_F(WorldDbTest, BadReferencesExitTwoWithOneLine) {
  expect_bad_input(run_twinning({"--db", db, "city", "Atlantis, GR"}), "no city named 'Atlantis'");
  expect_bad_input(run_twinning({"--db", db, "city", "Volgograd"}),
                   "needs its country: write \"Name, CC\" (e.g. \"Volgograd, RU\") or an id; "
                   "cities of that name: Volgograd, RU (#");
  auto bare = run_twinning({"--db", db, "city", "coventry"});
  expect_bad_input(bare, "cities of that name:");
  for (const char* candidate : {"Coventry, GB (#", "Coventry, US (#"}) {
    EXPECT_NE(bare.err.find(candidate), std::string::npos) << candidate << " in " << bare.err;
  }
  expect_bad_input(run_twinning({"--db", db, "city", "Atlantis"}), "or an id\n");
  expect_bad_input(run_twinning({"--db", db, "city", "999999999"}), "999999999");
  auto counts = table_row_counts(db);
  expect_bad_input(run_twinning({"--db", db, "link", "add", "Volgograd, RU", "Coventry, GB",
                                 "--since", "1944-06-31"}),
                   "1944-06-31");
  expect_bad_input(run_twinning({"--db", db, "link", "add", "Volgograd, RU", "Coventry, GB",
                                 "--since", "10 June 1944"}),
                   "--since");
  expect_bad_input(run_twinning({"--db", db, "link", "add", "Volgograd, RU", "Nowhere, GB"}),
                   "Nowhere");
  EXPECT_EQ(table_row_counts(db), counts);
}

TEST_F(WorldDbTest, AmbiguousNamesListTheCandidates) {
  // Two places of one name in the US.
  auto a = run_twinning({"--db", db, "cities", "add", "Twinningville", "--country", "US", "--lat",
                         "39.8", "--lng", "-89.65", "--json"});
  auto b = run_twinning({"--db", db, "cities", "add", "Twinningville", "--country", "US", "--lat",
                         "42.1", "--lng", "-72.59", "--json"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  auto r = run_twinning({"--db", db, "city", "twinningville, us"});
  expect_bad_input(r, "matches 2 cities");
  EXPECT_NE(r.err.find("#" + std::to_string(a.json()["id"].get<long>())), std::string::npos);
  EXPECT_NE(r.err.find("#" + std::to_string(b.json()["id"].get<long>())), std::string::npos);
}

// The subcommand names listed in a CLI11 help text.
std::vector<std::string> subcommands(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  std::string line;
  bool listing = false;
  while (std::getline(in, line)) {
    if (line == "Subcommands:") {
      listing = true;
    } else if (listing && line.empty()) {
      listing = false;
    } else if (listing && line.rfind("  ", 0) == 0) {
      std::istringstream words(line);
      std::string name;
      words >> name;
      out.push_back(name);
    }
  }
  return out;
}

TEST(HelpCliTest, EveryCommandHasHelpAndNeedsNoDatabase) {
  ScratchDir dir;
  std::vector<std::vector<std::string>> pending = {{}}, seen;
  while (!pending.empty()) {
    auto path = pending.back();
    pending.pop_back();
    auto args = path;
    args.push_back("--help");
    auto r = run_twinning(args, dir.path().string());
    std::string name = path.empty() ? "twinning" : path.back();
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_NE(r.out.find("Usage: "), std::string::npos) << name;
    seen.push_back(path);
    for (const auto& sub : subcommands(r.out)) {
      auto next = path;
      next.push_back(sub);
      pending.push_back(next);
    }
  }
  std::set<std::string> names;
  for (const auto& p : seen) {
    std::string joined;
    for (const auto& w : p) joined += (joined.empty() ? "" : " ") + w;
    names.insert(joined);
  }
  for (const char* cmd :
       {"init", "import", "import wikipedia-csv", "import wikidata", "cities", "cities add",
        "cities set", "cities name", "city", "link", "link add", "link event", "stats", "quality",
        "export", "export csv", "export geojson", "export graphml"}) {
    EXPECT_TRUE(names.contains(cmd)) << cmd;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("twinning.db")));
}

}  // namespace
}  // namespace twinning::testing
