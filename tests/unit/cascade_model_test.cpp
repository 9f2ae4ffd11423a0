#include "network/cascade_model.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "network/random_stream.h"
#include "support/network_graphs.h"

namespace twinning::network {
namespace {

// C1 GB - C2 RU - C3 RU - C4 RU - C5 TW.
class CascadeModelTest : public ::testing::Test {
 protected:
  TwinGraph g =
      testing::make_twin_graph({"GB", "RU", "RU", "RU", "TW"}, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
};

TEST_F(CascadeModelTest, LaysOutRolesAndThresholds) {
  CampaignState state;
  state.complying = {3, 1};
  state.declined = {5};
  state.endorsed_countries = {"fr", "TW", "DE"};
  state.declined_countries = {"GB"};
  CascadeSetup s = prepare_cascade(g, {1, 2}, {0.35, 0.25}, state);
  EXPECT_EQ(s.seeds, (std::vector<Node>{0, 1, 2}));  // C1 named twice counts once
  EXPECT_EQ(s.declined, (std::vector<Node>{4}));
  EXPECT_EQ(s.node_role[3], NodeRole::kOpen);
  EXPECT_EQ(s.node_role[4], NodeRole::kDeclined);
  EXPECT_EQ(s.endorsed_un_members, 2);  // FR and DE; Taiwan is no UN member
  EXPECT_EQ(s.country_role[*g.country_index("GB")], CountryRole::kDeclined);
  EXPECT_EQ(s.country_role[*g.country_index("RU")], CountryRole::kOpen);
  EXPECT_EQ(s.comply_threshold, bernoulli_threshold(0.35));
  EXPECT_EQ(s.endorse_threshold, std::uint64_t{1} << 51);
}

TEST_F(CascadeModelTest, CertainAndImpossibleEvents) {
  CascadeSetup s = prepare_cascade(g, {1}, {0.0, 1.0}, {});
  EXPECT_EQ(s.comply_threshold, 0u);
  EXPECT_EQ(s.endorse_threshold, std::uint64_t{1} << 53);
  EXPECT_EQ(s.endorsed_un_members, 0);
}

TEST_F(CascadeModelTest, RefusesBadInput) {
  auto field_of = [&](std::vector<CityId> seeds, CascadeParams p, CampaignState st) {
    try {
      prepare_cascade(g, seeds, p, st);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("no error");
  };
  EXPECT_EQ(field_of({1}, {-0.01, 0.5}, {}), "comply");
  EXPECT_EQ(field_of({1}, {0.5, 1.01}, {}), "endorse");
  EXPECT_EQ(field_of({}, {0.5, 0.5}, {}), "seed");
  EXPECT_EQ(field_of({9}, {0.5, 0.5}, {}), "seed");
  CampaignState st;
  st.declined = {9};
  EXPECT_EQ(field_of({1}, {0.5, 0.5}, st), "declined");
  st.declined = {1};
  EXPECT_EQ(field_of({1}, {0.5, 0.5}, st), "declined");
  st = {};
  st.declined_countries = {"QQ"};
  EXPECT_EQ(field_of({1}, {0.5, 0.5}, st), "declined_countries");
}

}  // namespace
}  // namespace twinning::network
