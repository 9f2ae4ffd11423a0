// `twinning init` and `twinning import ...` run as a user would: the real
// binary on real files, including the bundled world list and broken files.
#include <gtest/gtest.h>

#include "support/test_support.h"
#include "support/wikidata_fixture.h"

namespace twinning::testing {
namespace {

const std::string kWorld = data_file("twin_cities_wikipedia.csv");

TEST(ImportCliTest, InitCreatesTheSchemaAndTheCountries) {
  ScratchDir dir;
  auto r = run_twinning({"--db", dir.file("t.db"), "init", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["countries"], 250);
  EXPECT_EQ(r.json()["un_members"], 193);
  auto counts = table_row_counts(dir.file("t.db"));
  EXPECT_EQ(counts["countries"], 250);
  EXPECT_EQ(counts["cities"], 0);
  // A second init changes nothing.
  ASSERT_EQ(run_twinning({"--db", dir.file("t.db"), "init"}).exit_code, 0);
  EXPECT_EQ(table_row_counts(dir.file("t.db")), counts);
}

TEST(ImportCliTest, WorldListReportAddsUpAndASecondImportAddsNothing) {
  ScratchDir dir;
  std::string db = dir.file("t.db");
  ASSERT_EQ(run_twinning({"--db", db, "init"}).exit_code, 0);
  auto first = run_twinning({"--db", db, "import", "wikipedia-csv", kWorld, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto j = first.json();
  EXPECT_EQ(j["rows_read"], 25917);  // data/README.md: 25,917 data rows
  EXPECT_EQ(
      j["rows_read"].get<int>(),
      j["links_created"].get<int>() + j["links_merged"].get<int>() + j["rows_rejected"].get<int>());
  EXPECT_EQ(j["rows_rejected"], j["rejects"].size());
  // The rejects the data README predicts: three self-pairs and the two
  // countries written in the city field.
  std::vector<int> lines;
  for (const auto& rej : j["rejects"]) lines.push_back(rej["line"]);
  EXPECT_EQ(lines, (std::vector<int>{6915, 12069, 24153, 24482, 25541}));
  auto counts = table_row_counts(db);
  EXPECT_EQ(counts["links"], j["links_created"]);
  EXPECT_EQ(counts["cities"], j["cities_created"]);
  EXPECT_EQ(counts["link_listings"], j["listings_added"]);

  auto second = run_twinning({"--db", db, "import", "wikipedia-csv", kWorld, "--json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto k = second.json();
  EXPECT_EQ(k["rows_read"], j["rows_read"]);
  EXPECT_EQ(k["rows_rejected"], j["rows_rejected"]);
  EXPECT_EQ(k["links_created"], 0);
  EXPECT_EQ(k["cities_created"], 0);
  EXPECT_EQ(k["listings_added"], 0);
  EXPECT_EQ(k["links_merged"].get<int>(),
            j["links_created"].get<int>() + j["links_merged"].get<int>());
  EXPECT_EQ(table_row_counts(db), counts);  // every table, the audit log included

  // The text report says the same.
  auto text = run_twinning({"--db", db, "import", "wikipedia-csv", kWorld});
  EXPECT_NE(text.out.find("25917 rows read = 0 links created + "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("rejected line 12069: self-link"), std::string::npos);
}

// A database holding a small import, and its row counts.
struct SmallDb {
  ScratchDir dir;
  std::string db = dir.file("t.db");
  std::map<std::string, std::int64_t> counts;
  SmallDb() {
    run_twinning({"--db", db, "init"});
    std::string csv =
        dir.write("ok.csv", "city1,country1,city2,country2\nKiel,Germany,Coventry,England\n");
    EXPECT_EQ(run_twinning({"--db", db, "import", "wikipedia-csv", csv}).exit_code, 0);
    counts = table_row_counts(db);
    EXPECT_EQ(counts["links"], 1);
  }
};

TEST(ImportCliTest, MalformedCsvFilesFailClearlyAndChangeNothing) {
  SmallDb s;
  const std::string header = "city1,country1,city2,country2\n";
  const std::string good = "Dresden,Germany,Coventry,England\n";
  struct Case {
    std::string name, content, message;
  };
  for (const Case& c : std::vector<Case>{
           {"quote.csv", header + good + "Kiel,Germany,\"Cov\"entry,England\n" + good,
            "line 3: unexpected text after a closing quote"},
           {"unclosed.csv", header + good + good + "Kiel,Germany,\"Coventry,England\n",
            "line 4: quoted field is never closed"},
           {"columns.csv", header + good + "Kiel,Germany,Coventry\n",
            "line 3: 3 fields, expected 4"},
           {"empty.csv", "", "line 1: empty file"},
           {"utf8.csv",
            header + good +
                "K\xff"
                "el,Germany,Coventry,England\n",
            "line 3: not valid UTF-8"},
           {"header.csv", "a,b,c\n1,2,3\n", "line 1: header must name the columns"},
       }) {
    SCOPED_TRACE(c.name);
    auto r =
        run_twinning({"--db", s.db, "import", "wikipedia-csv", s.dir.write(c.name, c.content)});
    expect_bad_input(r, c.message);
    EXPECT_EQ(table_row_counts(s.db), s.counts);
  }
  auto missing = run_twinning({"--db", s.db, "import", "wikipedia-csv", s.dir.file("nope.csv")});
  expect_bad_input(missing, "cannot read file '" + s.dir.file("nope.csv") + "'");
  EXPECT_EQ(table_row_counts(s.db), s.counts);
}

TEST(ImportCliTest, WikidataDumpImportsAndReimportsAsANoOp) {
  ScratchDir dir;
  std::string db = dir.file("t.db");
  run_twinning({"--db", db, "init"});
  std::string file = dir.write("wd.json", wikidata::dump(wikidata::sample_entities()));
  auto r = run_twinning({"--db", db, "import", "wikidata", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["entities_read"], 9);
  EXPECT_EQ(r.json()["links_created"], 5);
  auto counts = table_row_counts(db);
  auto again = run_twinning({"--db", db, "import", "wikidata", file});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("9 entities, 8 twin statements read = 0 links created + 8 merged"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(table_row_counts(db), counts);
  auto city = run_twinning({"--db", db, "city", "Coventry, GB"});
  EXPECT_NE(city.out.find("Volgograd, RU"), std::string::npos);
  EXPECT_NE(city.out.find("since 1944-06-10"), std::string::npos);
  EXPECT_NE(city.out.find("Kiel, DE"), std::string::npos);
  EXPECT_NE(city.out.find("until 1990-10 [ended]"), std::string::npos);
  auto search = run_twinning({"--db", db, "cities", "--search", "stalingrad"});
  EXPECT_NE(search.out.find("Volgograd, RU"), std::string::npos) << search.out;
}

TEST(ImportCliTest, MalformedWikidataFailsNamingTheLineAndChangesNothing) {
  SmallDb s;
  std::string text = wikidata::dump(wikidata::sample_entities());
  // Truncate the Dresden entity on line 8 in the middle.
  std::size_t line8 = 0;
  for (int i = 1; i < 8; ++i) line8 = text.find('\n', line8) + 1;
  std::string broken = text.substr(0, line8 + 40) + "\n" + text.substr(text.find('\n', line8) + 1);
  auto r = run_twinning({"--db", s.db, "import", "wikidata", s.dir.write("bad.json", broken)});
  expect_bad_input(r, "line 8: malformed JSON");
  EXPECT_EQ(table_row_counts(s.db), s.counts);
  expect_bad_input(run_twinning({"--db", s.db, "import", "wikidata", s.dir.write("e.json", "")}),
                   "line 1: empty file");
  expect_bad_input(run_twinning({"--db", s.db, "import", "wikidata", s.dir.file("none.json")}),
                   "cannot read file");
  EXPECT_EQ(table_row_counts(s.db), s.counts);
}

}  // namespace
}  // namespace twinning::testing
