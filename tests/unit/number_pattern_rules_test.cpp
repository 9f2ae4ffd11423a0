// The finer rules of registration-number patterns (letters/numbering.h):
// every refusal of NumberPattern::parse names its field and says why, and
// match() recognises only numbers the pattern itself would produce.
#include <gtest/gtest.h>

#include "letters/numbering.h"
#include "model/error.h"

namespace twinning::letters {
namespace {

// The message of the Error(kInvalidInput) that parsing `text` throws, after
// checking its code and field; "" (and a failure) if it is accepted.
std::string refusal(const std::string& text, bool yearly, const std::string& field = "pattern") {
  try {
    if (field == "pattern") {
      NumberPattern::parse(text, yearly);
    } else {
      NumberPattern::parse(text, yearly, field);
    }
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput) << text;
    EXPECT_EQ(e.field(), field) << text;
    return e.what();
  }
  ADD_FAILURE() << "'" << text << "' was accepted";
  return "";
}

TEST(NumberPatternRulesTest, RefusalsSayWhatIsWrongAndQuoteThePattern) {
  EXPECT_NE(
      refusal("A}{seq}", false).find("numbering pattern 'A}{seq}': '}' without '{' at byte 2"),
      std::string::npos);
  EXPECT_NE(refusal("{seq}-{yyyy", true).find("'{' is never closed"), std::string::npos);
  EXPECT_NE(refusal("{seq:a}", false).find("unknown placeholder {seq:a}"), std::string::npos);
  EXPECT_NE(refusal("{seq:12}", false).find("unknown placeholder {seq:12}"), std::string::npos);
  EXPECT_NE(refusal("{}{seq}", false).find("unknown placeholder {}"), std::string::npos);
  EXPECT_NE(refusal("{YYYY}/{seq}", false).find("{seq:N} (N = 1..9 digits), {yyyy} or {yy}"),
            std::string::npos);
  EXPECT_NE(refusal("{yyyy}", true).find("it needs a {seq} placeholder"), std::string::npos);
  EXPECT_NE(refusal("{seq:2}-{seq}", false, "incoming_pattern").find("more than one {seq}"),
            std::string::npos);
  EXPECT_NE(refusal("", false).find("needs a {seq}"), std::string::npos);
  EXPECT_NE(refusal("{seq}\xc3", false).find("not valid UTF-8"), std::string::npos);
  // The limit is on bytes: 96 bytes of Cyrillic plus {seq} is 101.
  std::string cyrillic;
  for (int i = 0; i < 48; ++i) cyrillic += "ж";
  EXPECT_NE(refusal(cyrillic + "{seq}", false).find("longer than 100 bytes"), std::string::npos);
  EXPECT_EQ(NumberPattern::parse(cyrillic.substr(2) + "{seq}", false).format(3, 2013),
            cyrillic.substr(2) + "3");  // exactly 99 bytes
  EXPECT_NE(refusal("{seq:3}/{seq:3}", true).find("more than one {seq}"), std::string::npos);
  EXPECT_NE(refusal("N-{seq:3}", true).find("restarts every year needs {yyyy} or {yy}"),
            std::string::npos);
}

TEST(NumberPatternRulesTest, EveryPlaceholderAndWidthIsAccepted) {
  for (int width = 1; width <= 9; ++width) {
    auto p = NumberPattern::parse("{seq:" + std::to_string(width) + "}", false);
    EXPECT_EQ(p.format(7, 2013).size(), static_cast<std::size_t>(width));
    EXPECT_EQ(p.match(p.format(7, 2013), 2013), 7);
  }
  auto both = NumberPattern::parse("{yy}{yyyy}/{seq}", true);
  EXPECT_TRUE(both.has_year());
  EXPECT_EQ(both.text(), "{yy}{yyyy}/{seq}");
  EXPECT_EQ(both.format(5, 2009), "092009/5");
  EXPECT_EQ(both.match("092009/5", 2009), 5);
  EXPECT_EQ(both.format(5, 987), "870987/5");  // a year of three digits is padded
  auto bare = NumberPattern::parse("{seq}", false);
  EXPECT_FALSE(bare.has_year());
  EXPECT_EQ(bare.match("42", 2013), 42);
  auto only_yy = NumberPattern::parse("{seq}/{yy}", true);
  EXPECT_TRUE(only_yy.has_year());
  EXPECT_EQ(only_yy.match("42/13", 2013), 42);
  EXPECT_EQ(only_yy.match("42/13", 2014), std::nullopt);
}

TEST(NumberPatternRulesTest, MatchRefusesWhatThePatternCannotProduce) {
  auto p = NumberPattern::parse("19-024/{seq}рс", false);
  EXPECT_EQ(p.match("19-024/0рс", 2013), std::nullopt);     // sequences start at 1
  EXPECT_EQ(p.match("19-024/000рс", 2013), std::nullopt);   // zeros are still zero
  EXPECT_EQ(p.match("19-024/1-2рс", 2013), std::nullopt);   // '-' is below '0'
  EXPECT_EQ(p.match("19-024/1 2рс", 2013), std::nullopt);   // a space too
  EXPECT_EQ(p.match("19-024/125рс.", 2013), std::nullopt);  // wrong text after {seq}
  EXPECT_EQ(p.match("19-024/125", 2013), std::nullopt);     // text after {seq} missing
  EXPECT_EQ(p.match("19-024/рс", 2013), std::nullopt);      // no digits at all
  EXPECT_EQ(p.match("", 2013), std::nullopt);
  EXPECT_EQ(p.match("19-024/" + std::string(19, '1') + "рс", 2013), std::nullopt);  // > 18 digits
  EXPECT_EQ(p.match("19-024/" + std::string(18, '9') + "рс", 2013), 999999999999999999);
  auto padded = NumberPattern::parse("CCC/{yyyy}/{seq:4}", true);
  EXPECT_EQ(padded.match("CCC/2013/12345", 2013), 12345);  // wider than the padding
  EXPECT_EQ(padded.match("CCC/2013/00012", 2013), std::nullopt);
  EXPECT_EQ(padded.match("CCC/2012/0012", 2013), std::nullopt);
  EXPECT_EQ(padded.match("DDD/2013/0012", 2013), std::nullopt);
}

}  // namespace
}  // namespace twinning::letters
