// campaign/country_choice.h: a typed country name becomes one ISO code or a
// clear refusal; the chooser lists what the actor may record, reached first.
#include "campaign/country_choice.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "support/campaign_fixtures.h"

namespace twinning::campaign {
namespace {

using testing::actor_of;

class CountryChoiceTest : public testing::CampaignWorldTest {
 protected:
  ErrorCode refusal(std::string_view text) {
    try {
      resolve_country(*store, text, "en");
    } catch (const Error& e) {
      EXPECT_EQ(e.field(), "country") << e.what();
      return e.code();
    }
    ADD_FAILURE() << "'" << text << "' was resolved";
    return ErrorCode::kUnavailable;
  }
};

TEST_F(CountryChoiceTest, NamesInEnglishOrRussianAndCodesInCapitalsSelectOneCountry) {
  EXPECT_EQ(resolve_country(*store, "Germany", "en"), "DE");
  EXPECT_EQ(resolve_country(*store, "  germany ", "en"), "DE");
  EXPECT_EQ(resolve_country(*store, "Германия", "en"), "DE");  // Russian always understood
  EXPECT_EQ(resolve_country(*store, "германия", "ru"), "DE");
  EXPECT_EQ(resolve_country(*store, "Federal Republic of Germany", "en"), "DE");
  EXPECT_EQ(resolve_country(*store, "Germ", "en"), "DE");  // the start of one name
  EXPECT_EQ(resolve_country(*store, "DE", "en"), "DE");
  EXPECT_EQ(resolve_country(*store, "DEU", "en"), "DE");
  EXPECT_EQ(resolve_country(*store, "GE", "en"), "GE");
  EXPECT_EQ(resolve_country(*store, "de", "en"), "DE");  // two letters are a code
  EXPECT_EQ(resolve_country(*store, "Georgia", "en"), "GE");
  EXPECT_EQ(resolve_country(*store, "Niger", "en"), "NE");  // an exact name beats a longer one
  EXPECT_EQ(resolve_country(*store, "Япония", "ru"), "JP");
}

TEST_F(CountryChoiceTest, AnUnknownOrAmbiguousNameIsRefusedNeverGuessed) {
  EXPECT_EQ(refusal("Germanistan"), ErrorCode::kNotFound);
  EXPECT_EQ(refusal("   "), ErrorCode::kInvalidInput);
  EXPECT_EQ(refusal("Aus"), ErrorCode::kAmbiguous);  // Australia or Austria, not AUS
  EXPECT_EQ(refusal("Гвин"), ErrorCode::kAmbiguous);
  try {
    resolve_country(*store, "Gui", "en");
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Guinea (GN)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Guinea-Bissau (GW)"), std::string::npos) << e.what();
  }
}

TEST_F(CountryChoiceTest, TheChooserListsReachedCountriesFirstNamedInTheAskedLanguage) {
  send_all();  // reaches DE, JP, BG
  auto choices = ministry_country_choices(*store, id, "ru");
  ASSERT_GT(choices.size(), 100u);
  std::vector<std::string> first;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(choices[i].reached);
    first.push_back(choices[i].iso2);
  }
  EXPECT_EQ(first, (std::vector<std::string>{"BG", "DE", "JP"}));  // Болгария, Германия, Япония
  EXPECT_EQ(choices[1].name, "Германия");
  EXPECT_EQ(choices[1].name_en, "Germany");
  EXPECT_FALSE(choices[3].reached);
  EXPECT_EQ(ministry_country_choices(*store, id, "en")[1].name, "Germany");
}

TEST_F(CountryChoiceTest, TheChooserOffersOnlyWhatTheActorMayRecord) {
  store->set_actor(actor_of(Role::kCorrespondent, w.cologne));
  auto own = ministry_country_choices(*store, id, "en");
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].iso2, "DE");
  store->set_actor(actor_of(Role::kViewer));
  EXPECT_TRUE(ministry_country_choices(*store, id, "en").empty());
}

}  // namespace
}  // namespace twinning::campaign
