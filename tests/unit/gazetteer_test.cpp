#include "ingest/gazetteer.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/test_support.h"

namespace twinning::ingest {
namespace {

const char* kHeader = "geonames_id,name,country,admin_code,feature_code,population,lat,lng\n";

Gazetteer parse(const std::string& rows) { return Gazetteer::parse(kHeader + rows, "g.csv"); }

std::vector<std::int64_t> ids(const std::vector<const GazetteerPlace*>& places) {
  std::vector<std::int64_t> out;
  for (const auto* p : places) out.push_back(p->geonames_id);
  return out;
}

bool has_key(std::string_view name, const std::string& key) {
  auto keys = match_keys(name);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(GazetteerTest, ReadsEveryColumn) {
  auto g = parse("2653075,Christchurch,GB,ENG,PPL,42396,50.73583,-1.78129\n"
                 "2192362,Christchurch,NZ,E9,PPLA,363926,-43.53333,172.63333\n");
  ASSERT_EQ(g.size(), 2u);
  const GazetteerPlace* p = g.find(2653075);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Christchurch");
  EXPECT_EQ(p->country, "GB");
  EXPECT_EQ(p->admin_code, "ENG");
  EXPECT_EQ(p->feature_code, "PPL");
  EXPECT_EQ(p->population, 42396);
  EXPECT_DOUBLE_EQ(p->lat, 50.73583);
  EXPECT_DOUBLE_EQ(p->lng, -1.78129);
  EXPECT_EQ(g.find(1), nullptr);
  // By name and country: each country sees only its own place.
  EXPECT_EQ(ids(g.candidates("Christchurch", "GB")), std::vector<std::int64_t>{2653075});
  EXPECT_EQ(ids(g.candidates("christchurch", "NZ")), std::vector<std::int64_t>{2192362});
  EXPECT_TRUE(g.candidates("Christchurch", "AU").empty());
}

TEST(GazetteerTest, BadRowsAreRefusedNamingTheLine) {
  struct Case {
    std::string rows;
    std::string fragment;
  } cases[] = {
      {"x,Kiel,DE,10,PPLA,246601,54.32,10.13\n", "geonames_id 'x'"},
      {"1,Kiel,DE,10,PPLA,-5,54.32,10.13\n", "population '-5'"},
      {"1,Kiel,DE,10,PPLA,5,94.32,10.13\n", "lat '94.32'"},
      {"1,Kiel,DE,10,PPLA,5,54.32,\n", "lng ''"},
      {"1,Kiel,Germany,10,PPLA,5,54.32,10.13\n", "country 'Germany'"},
      {"1,,DE,10,PPLA,5,54.32,10.13\n", "name is empty"},
      {"1,Kiel,DE,10,PPLA,5,54.32\n", "expected 8 fields"},
      {"1,Kiel,DE,10,PPLA,5,54.32,10.13\n1,Kiel,DE,10,PPLA,5,54.32,10.13\n", "appears twice"},
  };
  for (const auto& c : cases) {
    std::string message, field;
    EXPECT_EQ(testing::code_of([&] { parse(c.rows); }, &message, &field), ErrorCode::kInvalidInput)
        << c.rows;
    EXPECT_NE(message.find(c.fragment), std::string::npos) << message;
    EXPECT_EQ(field, c.rows.find('\n') + 1 < c.rows.size() ? "line 3" : "line 2") << c.rows;
  }
  std::string message;
  EXPECT_EQ(testing::code_of([&] { Gazetteer::parse("id,name\n", "g.csv"); }, &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("header"), std::string::npos);
  EXPECT_EQ(testing::code_of([] { Gazetteer::load("/nonexistent/gazetteer.csv"); }),
            ErrorCode::kNotFound);
}

TEST(GazetteerTest, SpellingsThatDifferOnlyInFormMatch) {
  EXPECT_TRUE(has_key("St. Pölten", "saint polten"));
  EXPECT_TRUE(has_key("Sankt Pölten", "saint polten"));
  EXPECT_TRUE(has_key("Adachi (Tokyo)", "adachi"));
  EXPECT_TRUE(has_key("Taizhou, Jiangsu", "taizhou"));
  EXPECT_TRUE(has_key("Stratford-upon-Avon", "stratford upon avon"));
  EXPECT_TRUE(has_key("Quezon City", "quezon"));
  EXPECT_EQ(compact_key("Aizu-Wakamatsu"), compact_key("Aizuwakamatsu"));
  EXPECT_EQ(compact_key("Vyaz’ma"), "vyazma");
  EXPECT_EQ(match_keys("Kiel").front(), "kiel");
  // No variant makes two different names one.
  EXPECT_FALSE(has_key("Stade", "saint ade"));
  EXPECT_FALSE(has_key("Kiel", "kie"));

  auto g = parse("2766824,Sankt Pölten,AT,03,PPLA,51955,48.2,15.63333\n");
  EXPECT_EQ(ids(g.candidates("St. Pölten", "AT")), std::vector<std::int64_t>{2766824});
}

TEST(GazetteerTest, SimilarSpellingsAreBoundedByLength) {
  EXPECT_TRUE(similar_keys("zaporizhzhia", "zaporizhia"));
  EXPECT_TRUE(similar_keys("nizhnynovgorod", "nizhniynovgorod"));
  EXPECT_TRUE(similar_keys("koori", "kori"));  // a doubled letter is one
  EXPECT_FALSE(similar_keys("ghent", "gent"));  // under six letters: equal only
  EXPECT_FALSE(similar_keys("prague6", "prague"));  // a number names a district
  EXPECT_FALSE(similar_keys("gimhae", "kimhae"));   // the first letter must agree
  EXPECT_FALSE(similar_keys("halberstadt", "halle"));
  EXPECT_FALSE(similar_keys("topolcianky", "topolcany"));  // two edits in eleven letters
}

TEST(GazetteerTest, SimilarNamesAreLookedForNearThePointOnly) {
  auto g = parse("687700,Zaporizhia,UA,26,PPLA,796217,47.82289,35.19031\n"
                 "1,Zaporizhia,UA,26,PPL,2000,49.0,30.0\n");
  EXPECT_EQ(ids(g.similar_nearby("Zaporizhzhia", "UA", 47.84, 35.14, 15)),
            std::vector<std::int64_t>{687700});
  EXPECT_TRUE(g.similar_nearby("Zaporizhzhia", "UA", 46.5, 35.14, 15).empty());
  EXPECT_TRUE(g.similar_nearby("Zaporizhzhia", "RU", 47.84, 35.14, 15).empty());
}

TEST(GazetteerTest, TheBundledGazetteerLoads) {
  auto g = Gazetteer::load(testing::data_file("gazetteer.csv"));
  EXPECT_GT(g.size(), 130000u);
  EXPECT_EQ(ids(g.candidates("Christchurch", "GB")), std::vector<std::int64_t>{2653075});
}

}  // namespace
}  // namespace twinning::ingest
