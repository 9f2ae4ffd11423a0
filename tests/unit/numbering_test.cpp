#include "letters/numbering.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::letters {
namespace {

TEST(NumberPatternTest, FormatsTheVolgogradPattern) {
  auto p = NumberPattern::parse("19-024/{seq}рс", false);
  EXPECT_EQ(p.format(125, 2013), "19-024/125рс");
  EXPECT_EQ(p.format(1, 2026), "19-024/1рс");
  EXPECT_FALSE(p.has_year());
}

TEST(NumberPatternTest, FormatsYearsAndPadding) {
  auto p = NumberPattern::parse("CCC/{yyyy}/{seq:4}", true);
  EXPECT_EQ(p.format(7, 2013), "CCC/2013/0007");
  EXPECT_EQ(p.format(12345, 2013), "CCC/2013/12345");
  EXPECT_EQ(NumberPattern::parse("{yy}-{seq:2}", true).format(3, 2009), "09-03");
}

TEST(NumberPatternTest, MatchesOnlyWhatItWouldProduce) {
  auto p = NumberPattern::parse("19-024/{seq}рс", false);
  EXPECT_EQ(p.match("19-024/125рс", 2013), 125);
  EXPECT_EQ(p.match("19-024/0125рс", 2013), std::nullopt);  // never formatted with a zero
  EXPECT_EQ(p.match("19-024/рс", 2013), std::nullopt);
  EXPECT_EQ(p.match("19-024/12xрс", 2013), std::nullopt);
  EXPECT_EQ(p.match("19-025/125рс", 2013), std::nullopt);
  auto y = NumberPattern::parse("CCC/{yyyy}/{seq:4}", true);
  EXPECT_EQ(y.match("CCC/2013/0007", 2013), 7);
  EXPECT_EQ(y.match("CCC/2013/0007", 2014), std::nullopt);  // another year's number
  EXPECT_EQ(y.match("CCC/2013/7", 2013), std::nullopt);
  auto adjacent = NumberPattern::parse("{seq}{yy}", true);
  EXPECT_EQ(adjacent.match("12313", 2013), 123);
}

TEST(NumberPatternTest, RejectsBadPatternsNamingTheField) {
  auto rejects = [](const std::string& text, bool yearly, const std::string& why) {
    try {
      NumberPattern::parse(text, yearly, "--pattern");
      ADD_FAILURE() << text << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(e.field(), "--pattern");
      EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    }
  };
  rejects("19-024/рс", false, "needs a {seq}");
  rejects("{seq}/{seq}", false, "more than one {seq}");
  rejects("{seq}/{month}", false, "unknown placeholder {month}");
  rejects("{seq:0}", false, "unknown placeholder");
  rejects("{seq", false, "never closed");
  rejects("seq}", false, "'}' without '{'");
  rejects("N-{seq}", true, "restarts every year needs {yyyy} or {yy}");
  rejects(std::string(101, 'x') + "{seq}", false, "longer than 100 bytes");
  rejects("\xff{seq}", false, "UTF-8");
}

}  // namespace
}  // namespace twinning::letters
