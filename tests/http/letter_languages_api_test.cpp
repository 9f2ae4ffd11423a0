// GET /api/cities/{id}/letter-languages over real HTTP on SQLite and
// PostgreSQL: a city's candidate languages with their reasons and
// templates, and the default the compose page's preview then takes.
#include <gtest/gtest.h>

#include "support/letter_api_fixture.h"

namespace twinning::testing {
namespace {

using LetterLanguagesApi = LettersApiTest;

std::vector<std::string> langs_of(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& o : j["options"]) out.push_back(o["lang"]);
  return out;
}

std::string url(CityId city, const std::string& query = "") {
  return "/api/cities/" + std::to_string(city) + "/letter-languages" + query;
}

TEST_P(LetterLanguagesApi, AGermanCityIsWrittenToInGermanForThisReason) {
  auto r = as(Role::kCorrespondent).get(url(kiel));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["city_id"], kiel);
  EXPECT_EQ(j["country"], "DE");
  EXPECT_EQ(j["template"], "letter");
  EXPECT_EQ(j["lang"], "de");
  EXPECT_EQ(j["reason"], "official language of Germany (CLDR)");
  EXPECT_EQ(j["reason_code"], "official");
  EXPECT_EQ(j["fell_back"], false);
  ASSERT_EQ(langs_of(j), std::vector<std::string>{"de"});
  const auto& de = j["options"][0];
  EXPECT_EQ(de["source"], "official");
  EXPECT_EQ(de["reason"], "official language of Germany (CLDR)");
  EXPECT_EQ(de["has_template"], true);
  // Every template the directory holds in German, by name.
  EXPECT_EQ(
      de["templates"],
      nlohmann::json::parse(R"(["appeal-2013", "correction", "forward", "letter", "reminder"])"));
}

TEST_P(LetterLanguagesApi, TheCitysOwnLanguagesComeFirst) {
  auto patched =
      as(Role::kCoordinator)
          .send_json("PATCH", "/api/cities/" + std::to_string(kiel), {{"languages", {"da"}}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  auto j = as(Role::kCoordinator).get(url(kiel, "?template=appeal-2013")).json();
  EXPECT_EQ(langs_of(j), (std::vector<std::string>{"da", "de"}));
  EXPECT_EQ(j["options"][0]["source"], "city");
  EXPECT_EQ(j["options"][0]["reason"], "the city's correspondence language");
  // The appeal exists in German, not in Danish: German is the default.
  EXPECT_EQ(j["options"][0]["has_template"], false);
  EXPECT_EQ(j["options"][1]["has_template"], true);
  EXPECT_EQ(j["lang"], "de");
  EXPECT_EQ(j["reason_code"], "official");
  // The generic letter exists in Danish.
  j = as(Role::kCoordinator).get(url(kiel)).json();
  EXPECT_EQ(j["lang"], "da");
  EXPECT_EQ(j["reason_code"], "city");
}

TEST_P(LetterLanguagesApi, EnglishWhenNoCandidateHasTheTemplate) {
  auto made = post(Role::kCoordinator, "/api/cities", {{"name", "Tartu"}, {"country", "EE"}});
  CityId tartu = made["id"];
  auto j = as(Role::kCoordinator).get(url(tartu)).json();
  EXPECT_EQ(langs_of(j), std::vector<std::string>{"et"});
  EXPECT_EQ(j["options"][0]["templates"], nlohmann::json::array());
  EXPECT_EQ(j["options"][0]["has_template"], false);
  EXPECT_EQ(j["lang"], "en");
  EXPECT_EQ(j["fell_back"], true);
  EXPECT_EQ(j["reason_code"], "fallback");
  EXPECT_EQ(j["reason"], "no template in the city's languages: English");
}

// The preview takes the default the API names, and the language the
// composer picks instead.
TEST_P(LetterLanguagesApi, ThePreviewIsInTheDefaultOrInThePickedLanguage) {
  std::string lang = as(Role::kCoordinator).get(url(kiel)).json()["lang"];
  nlohmann::json draft = {
      {"office", "volgograd"}, {"addressees", {{{"city_id", kiel}}}}, {"body", "Text."}};
  auto p = post(Role::kCoordinator, "/api/letters/preview", draft, 200);
  EXPECT_EQ(p["document"]["lang"], lang);
  EXPECT_EQ(p["document"]["salutation"][0], "Sehr geehrter Herr Bürgermeister,");
  draft["lang"] = "ru";
  p = post(Role::kCoordinator, "/api/letters/preview", draft, 200);
  EXPECT_EQ(p["document"]["lang"], "ru");
  EXPECT_EQ(p["document"]["salutation"][0], "Уважаемый господин мэр!");
}

TEST_P(LetterLanguagesApi, RefusesAnUnknownTemplateCityOrParameter) {
  auto r = as(Role::kCoordinator).get(url(kiel, "?template=no-such"));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_field(), "template");
  r = as(Role::kCoordinator).get(url(kiel, "?template=..%2Fletter"));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_field(), "template");
  r = as(Role::kCoordinator).get(url(987654));
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(r.error_field(), "id");
  r = as(Role::kCoordinator).get(url(kiel, "?lang=de"));
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.error_field(), "lang");
  // The letter desk's: a viewer is refused before anything is looked at.
  EXPECT_EQ(as(Role::kViewer).get(url(kiel)).status, 403);
}

TWINNING_API_ON_EVERY_BACKEND(LetterLanguagesApi);

}  // namespace
}  // namespace twinning::testing
