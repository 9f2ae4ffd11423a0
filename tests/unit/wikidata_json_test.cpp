#include "ingest/wikidata_json.h"

#include <gtest/gtest.h>

#include "ingest/wikipedia_csv.h"
#include "model/error.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "store/city_store.h"
#include "store/link_store.h"
#include "support/table_dump.h"
#include "support/test_database.h"
#include "support/wikidata_fixture.h"

namespace twinning::ingest {
namespace {

namespace wd = testing::wikidata;
using nlohmann::json;

// The field of the Error that `f` throws, or "no error".
template <class F>
std::string error_field(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.field();
  }
  return "no error";
}

// ---- splitting ----

TEST(SplitEntitiesTest, DumpLayoutGivesOneEntityPerLine) {
  auto parts =
      split_entities("[\n{\"id\":\"Q1\"},\n{\"id\":\"Q2\",\"x\":\"}{\"},\n{\"id\":\"Q3\"}\n]\n");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].line, 2);
  EXPECT_EQ(parts[0].json, "{\"id\":\"Q1\"}");
  EXPECT_EQ(parts[1].line, 3);
  EXPECT_EQ(parts[1].json, "{\"id\":\"Q2\",\"x\":\"}{\"}");  // braces in strings do not count
  EXPECT_EQ(parts[2].line, 4);
}

TEST(SplitEntitiesTest, PrettyArraysAndBareLinesAndCutDumps) {
  std::string pretty = json::array({json{{"a", {1, 2}}, {"id", "Q1"}}, json{{"id", "Q2"}}}).dump(2);
  ASSERT_EQ(pretty,
            "[\n  {\n    \"a\": [\n      1,\n      2\n    ],\n    \"id\": \"Q1\"\n  },\n  {\n"
            "    \"id\": \"Q2\"\n  }\n]");
  auto parts = split_entities(pretty);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].line, 2);
  EXPECT_EQ(parts[1].line, 9);
  EXPECT_EQ(json::parse(parts[1].json)["id"], "Q2");
  auto bare = split_entities("{\"id\":\"Q1\"}\n\n{\"id\":\"Q2\"}\n");
  ASSERT_EQ(bare.size(), 2u);
  EXPECT_EQ(bare[1].line, 3);
  auto cut = split_entities("[\n{\"id\":\"Q1\"},\n{\"id\":\"Q2\"},\n");  // head -n 3 of a dump
  EXPECT_EQ(cut.size(), 2u);
  EXPECT_TRUE(split_entities("[]").empty());
}

TEST(SplitEntitiesTest, StructuralFaultsNameTheLine) {
  EXPECT_EQ(error_field([] { split_entities("[\n{\"id\":\"Q1\"},\nnull,\n]"); }), "line 3");
  EXPECT_EQ(error_field([] { split_entities("[\n{\"id\":\"Q1\"}\n]\n{\"id\":\"Q2\"}"); }),
            "line 4");
  EXPECT_EQ(error_field([] { split_entities("[\n{\"id\":\"Q1\"},\n{\"id\":\"Q2\",\n"); }),
            "line 3");                                                          // never closed
  EXPECT_EQ(error_field([] { split_entities("{\"id\":\"Q1}\n"); }), "line 1");  // open string
  EXPECT_EQ(error_field([] { split_entities("]"); }), "line 1");
}

// ---- dates ----

TEST(WikidataTimeTest, PrecisionsYearMonthDay) {
  EXPECT_EQ(parse_wikidata_time("+1944-06-10T00:00:00Z", 11)->to_string(), "1944-06-10");
  EXPECT_EQ(parse_wikidata_time("+1944-06-10T00:00:00Z", 10)->to_string(), "1944-06");
  EXPECT_EQ(parse_wikidata_time("+1944-00-00T00:00:00Z", 9)->to_string(), "1944");
  EXPECT_EQ(parse_wikidata_time("+1944-06-10T12:00:00Z", 14)->to_string(), "1944-06-10");
  EXPECT_EQ(parse_wikidata_time("+00000001959-01-01T00:00:00Z", 9)->to_string(), "1959");
  EXPECT_EQ(parse_wikidata_time("+0987-00-00T00:00:00Z", 9)->to_string(), "0987");
  EXPECT_FALSE(parse_wikidata_time("+1950-00-00T00:00:00Z", 8).has_value());  // a decade
  EXPECT_FALSE(parse_wikidata_time("+1900-00-00T00:00:00Z", 7).has_value());  // a century
}

TEST(WikidataTimeTest, MalformedTimesThrowNamingTheField) {
  EXPECT_EQ(error_field([] { parse_wikidata_time("+1944-00-00T00:00:00Z", 10, "P580"); }), "P580");
  EXPECT_EQ(error_field([] { parse_wikidata_time("+1944-02-30T00:00:00Z", 11, "P580"); }), "P580");
  EXPECT_EQ(error_field([] { parse_wikidata_time("-0500-00-00T00:00:00Z", 9, "P580"); }), "P580");
  EXPECT_EQ(error_field([] { parse_wikidata_time("+12000-00-00T00:00:00Z", 9, "P580"); }), "P580");
  EXPECT_EQ(error_field([] { parse_wikidata_time("1944-06-10", 11, "P580"); }), "P580");
  EXPECT_EQ(error_field([] { parse_wikidata_time("+1944", 9, "P580"); }), "P580");
}

// ---- import ----

// On both backends: on PostgreSQL the session's rows are buffered and
// written in bulk.
class WikidataImportTest : public testing::BackendTest {
 protected:
  ImportReport import(const std::vector<json>& entities) {
    return import_wikidata(*store, wd::dump(entities), "wd.json");
  }
  CityId city(const std::string& ref) { return registry::resolve_city(*store, ref); }
  std::optional<Link> link(const std::string& a, const std::string& b) {
    return store::LinkStore(*store).find(city(a), city(b));
  }
};

TEST_P(WikidataImportTest, ImportsCitiesLinksDatesAndNames) {
  auto r = import(wd::sample_entities());
  EXPECT_EQ(r.format, "wikidata");
  EXPECT_EQ(r.entities_read, 9);
  EXPECT_EQ(r.rows_read, 8);
  EXPECT_EQ(r.links_created, 5);
  EXPECT_EQ(r.links_merged, 3);
  EXPECT_EQ(r.rows_rejected, 0);
  EXPECT_EQ(r.rows_read, r.links_created + r.links_merged + r.rows_rejected);
  EXPECT_EQ(r.cities_created, 6);
  EXPECT_EQ(r.listings_added, 8);
  EXPECT_TRUE(r.rejects.empty());

  // Countries are not cities; cities are filed under their P17 country.
  EXPECT_EQ(store::CityStore(*store).count(), 6);
  City volgograd = store::CityStore(*store).require(city("Volgograd, RU"));
  EXPECT_EQ(volgograd.wikidata_id, "Q914");
  EXPECT_DOUBLE_EQ(*volgograd.lat, 48.708055555556);
  EXPECT_DOUBLE_EQ(*volgograd.lng, 44.513333333333);
  // Kiel has only a German label, which becomes its name.
  EXPECT_EQ(store::CityStore(*store).require(city("Kiel, DE")).wikidata_id, "Q1707");
  EXPECT_FALSE(store::CityStore(*store).require(city("Chemnitz, DE")).lat.has_value());

  // Labels and aliases are names with their language; search finds them.
  std::vector<std::string> names;
  for (const auto& n : volgograd.names) names.push_back(n.kind + ":" + n.lang + ":" + n.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "alternate:ru:Волгоград"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "alternate:en:Stalingrad"), names.end());
  EXPECT_EQ(names.front(), "official::Volgograd");
  auto hits = registry::search_cities(*store, "stalingrad", "", 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].city.name, "Volgograd");
  EXPECT_EQ(city("Köln, DE"), city("Cologne, DE"));

  // Dates from the P580/P582 qualifiers at their precision.
  EXPECT_EQ(link("Volgograd, RU", "Coventry, GB")->since->to_string(), "1944-06-10");
  EXPECT_EQ(link("Volgograd, RU", "Cologne, DE")->since->to_string(), "1988");
  auto kiel = link("Coventry, GB", "Kiel, DE");
  EXPECT_EQ(kiel->since->to_string(), "1947");
  EXPECT_EQ(kiel->until->to_string(), "1990-10");
  EXPECT_EQ(kiel->status, LinkStatus::kEnded);
  EXPECT_EQ(link("Volgograd, RU", "Chemnitz, DE")->status, LinkStatus::kActive);
  EXPECT_EQ(link("Volgograd, RU", "Chemnitz, DE")->source, "https://www.wikidata.org/wiki/Q914");
  // Listed from both sides where both items name the other.
  EXPECT_EQ(store::LinkStore(*store).listed_by(link("Volgograd, RU", "Coventry, GB")->id).size(),
            2u);
}

TEST_P(WikidataImportTest, ReimportChangesNothing) {
  import(wd::sample_entities());
  auto before = testing::dump_tables(store->db());
  auto r = import(wd::sample_entities());
  EXPECT_TRUE(r.changed_nothing());
  EXPECT_EQ(r.links_merged, 8);
  EXPECT_EQ(r.cities_matched, 6);
  auto after = testing::dump_tables(store->db());
  // PostgreSQL's sequences move on an INSERT ... ON CONFLICT DO NOTHING that
  // inserts nothing (names already there); the rows stay.
  before.erase("pg_sequences");
  after.erase("pg_sequences");
  EXPECT_EQ(testing::first_difference(after, before), "");
}

TEST_P(WikidataImportTest, AnArrayImportsLikeTheDump) {
  json array = wd::sample_entities();
  auto r = import_wikidata(*store, array.dump(2), "wd-array.json");
  EXPECT_EQ(r.rows_read, 8);
  EXPECT_EQ(r.links_created, 5);
  EXPECT_EQ(r.cities_created, 6);
}

TEST_P(WikidataImportTest, RejectsItemsAndStatementsWithLineAndReason) {
  auto entities = wd::sample_entities();
  // Line 11: a city whose country item is not in the file (2 statements).
  entities.push_back(wd::city("Q90", {{"en", "Paris"}}, "Q142", std::pair{48.85, 2.35},
                              {{"Q914", {}, {}}, {"Q365", {}, {}}}));
  // Line 12: a city without P17 at all.
  json no_country = wd::city("Q84", {{"en", "London"}}, "Q145", std::nullopt, {});
  no_country["claims"].erase("P17");
  entities.push_back(no_country);
  // Line 13: statements to an unknown partner, to the rejected Paris, a
  // deprecated one, a bad date, and one good one to Volgograd.
  entities.push_back(wd::city("Q64", {{"en", "Berlin"}}, "Q183", std::pair{52.52, 13.405},
                              {{"Q999999", {}, {}},
                               {"Q90", {}, {}},
                               {"Q1731", {}, {}, "deprecated"},
                               {"Q365", wd::Time{"+1988-13-00T00:00:00Z", 10}, {}},
                               {"Q914", {}, {}}}));
  // Line 14: a property entity.
  entities.push_back(json{{"type", "property"}, {"id", "P17"}, {"labels", json::object()}});
  auto r = import(entities);
  EXPECT_EQ(r.rows_read, 8 + 2 + 5);
  EXPECT_EQ(r.rows_rejected, 2 + 4);
  EXPECT_EQ(r.rows_read, r.links_created + r.links_merged + r.rows_rejected);
  ASSERT_EQ(r.rejects.size(), 7u);
  EXPECT_EQ(r.rejects[0].line, 11);
  EXPECT_EQ(r.rejects[0].item, "Q90");
  EXPECT_EQ(r.rejects[0].rows, 2);
  EXPECT_NE(r.rejects[0].reason.find("Q142"), std::string::npos) << r.rejects[0].reason;
  EXPECT_EQ(r.rejects[1].line, 12);
  EXPECT_EQ(r.rejects[1].rows, 0);
  EXPECT_NE(r.rejects[1].reason.find("no country"), std::string::npos);
  EXPECT_EQ(r.rejects[2].line, 14);
  EXPECT_NE(r.rejects[2].reason.find("not an item"), std::string::npos);
  EXPECT_EQ(r.rejects[3].line, 13);
  EXPECT_EQ(r.rejects[3].reason,
            "unknown partner Q999999 (not a city item of this file or the registry)");
  EXPECT_NE(r.rejects[4].reason.find("partner Q90 is rejected"), std::string::npos);
  EXPECT_EQ(r.rejects[5].reason, "deprecated P190 statement");
  EXPECT_NE(r.rejects[6].reason.find("+1988-13-00"), std::string::npos) << r.rejects[6].reason;
  EXPECT_TRUE(link("Berlin, DE", "Volgograd, RU").has_value());
}

TEST_P(WikidataImportTest, MalformedJsonFailsWholeImportNamingTheLine) {
  std::string text = wd::dump(wd::sample_entities());
  // Break the entity on line 6 (Coventry): drop a closing quote.
  std::size_t line6 = 0;
  for (int i = 1; i < 6; ++i) line6 = text.find('\n', line6) + 1;
  std::size_t quote = text.find("\"Coventry\"", line6);
  text.erase(quote + 9, 1);
  try {
    import_wikidata(*store, text, "bad.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "line 6");
    EXPECT_EQ(std::string(e.what()).rfind("line 6: malformed JSON", 0), 0u) << e.what();
  }
  EXPECT_EQ(store::CityStore(*store).count(), 0);
  EXPECT_EQ(error_field([&] { import_wikidata(*store, "  \n", "empty.json"); }), "line 1");
  EXPECT_EQ(error_field(
                [&] { import_wikidata(*store, "[\n{\"id\": \"Q1\", \"x\": \xff}\n]", "u.json"); }),
            "line 2");
}

TEST_P(WikidataImportTest, MatchesCitiesOfEarlierImportsAndResolvesPartnersThere) {
  // The world list's Volgograd and Cologne get their Wikidata ids.
  import_wikipedia_csv(*store,
                       "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                       "Cologne,Germany,50.9364,6.9528,Volgograd,Russia,48.7086,44.5147\n",
                       "w.csv");
  auto all = wd::sample_entities();
  auto r = import({all[0], all[2], all[5]});  // Russia, Germany, Cologne (P190 Volgograd)
  EXPECT_EQ(r.cities_matched, 1);
  EXPECT_EQ(r.cities_created, 0);
  EXPECT_EQ(r.cities_updated, 1);
  EXPECT_EQ(r.rows_rejected, 1);  // Volgograd is not yet known as Q914
  // Volgograd's own item matches the CSV city by name, and its P190 to
  // Cologne resolves through the id recorded a moment ago.
  r = import({all[0], all[2], all[3]});
  EXPECT_EQ(r.cities_matched, 1);
  EXPECT_EQ(r.links_merged, 1);  // the CSV's Cologne link, which gains its 1988 date
  EXPECT_EQ(r.links_updated, 1);
  EXPECT_EQ(r.links_created, 0);
  EXPECT_EQ(r.rows_rejected, 2);  // Coventry and Chemnitz are not in the file
  EXPECT_EQ(store::CityStore(*store).count(), 2);
  EXPECT_EQ(store::CityStore(*store).require(city("Volgograd, RU")).wikidata_id, "Q914");
  // The CSV coordinates stay.
  EXPECT_DOUBLE_EQ(*store::CityStore(*store).require(city("Volgograd, RU")).lat, 48.7086);
}

TEST_P(WikidataImportTest, ANamesakeItemBecomesItsOwnCity) {
  City springfield;
  springfield.name = "Springfield";
  springfield.country = "US";
  springfield.wikidata_id = "Q28515";
  store::CityStore(*store).create(springfield);
  auto r = import({wd::country("Q30", "US", "United States"),
                   wd::city("Q49261", {{"en", "Springfield"}}, "Q30", std::pair{37.2, -93.3}, {})});
  EXPECT_EQ(r.cities_created, 1);
  EXPECT_EQ(store::CityStore(*store).count(), 2);
}

TWINNING_ON_EVERY_BACKEND(WikidataImportTest);

}  // namespace
}  // namespace twinning::ingest
