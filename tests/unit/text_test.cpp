#include "model/text.h"

#include <gtest/gtest.h>

namespace twinning {
namespace {

TEST(NameKey, FoldsCaseAndAccents) {
  EXPECT_EQ(name_key("Saint-Étienne"), "saint-etienne");
  EXPECT_EQ(name_key("KECSKEMÉT"), "kecskemet");
  EXPECT_EQ(name_key("İzmir"), "izmir");
  EXPECT_EQ(name_key("Kraków"), "krakow");
  EXPECT_EQ(name_key("Łódź"), "lodz");
  EXPECT_EQ(name_key("Tromsø"), "tromso");
  EXPECT_EQ(name_key("Großenhain"), "grossenhain");
  EXPECT_EQ(name_key("Frýdlant nad Ostravicí"), "frydlant nad ostravici");
}

TEST(NameKey, KeepsOtherScriptsAndCollapsesSpace) {
  EXPECT_EQ(name_key("Сталинград"), "сталинград");
  EXPECT_EQ(name_key("  Port   Said "), "port said");
  EXPECT_EQ(name_key("広島市"), "広島市");
  EXPECT_EQ(name_key("Волгоград"), name_key("ВОЛГОГРАД"));
}

// Found by fuzz/name_key_fuzzer.cpp (tests/fuzz/corpus/name_key/name9): the
// compatibility decomposition after case folding gave capitals, so a key
// was not its own key and a name typed as its key was not found.
TEST(NameKey, IsItsOwnKeyWhenDecompositionGivesCapitals) {
  EXPECT_EQ(name_key("ﬁ℡ⅷ"), "fitelviii");
  EXPECT_EQ(name_key("Café™"), "cafetm");
  for (const char* name : {"ﬁ℡ⅷ", "Café™", "㎒ Zone", "ǅemal", "Ⅻ"}) {
    EXPECT_EQ(name_key(name_key(name)), name_key(name)) << name;
  }
}

TEST(Utf8, AcceptsWellFormedAndRejectsBroken) {
  EXPECT_TRUE(is_valid_utf8("Волгоград, 広島, بورسعيد, Kraków"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("abc\xc3"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));         // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));     // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // > U+10FFFF
}

TEST(Utf8, APrefixNeverEndsInsideACharacter) {
  EXPECT_EQ(utf8_prefix("Köln", 10), "Köln");
  EXPECT_EQ(utf8_prefix("Köln", 2), "K");     // "ö" is two bytes: not cut in half
  EXPECT_EQ(utf8_prefix("Köln", 3), "Kö");
  EXPECT_EQ(utf8_prefix("広島", 5), "広");     // three bytes each
  EXPECT_EQ(utf8_prefix("広島", 2), "");
  EXPECT_TRUE(is_valid_utf8(utf8_prefix("№ Волгоград", 4)));
}

TEST(Lists, SplitTrimsAndDropsEmpty) {
  EXPECT_EQ(split_list(" ru; en ;;de", ';'), (std::vector<std::string>{"ru", "en", "de"}));
  EXPECT_EQ(join_list({"ru", "en"}, ";"), "ru;en");
  EXPECT_TRUE(split_list("", ';').empty());
}

// A reference is an id when it is only decimal digits, at most 18 of them;
// anything else is left to be a code or a name.
TEST(Ids, DigitsAreAnIdAndAnythingElseIsNot) {
  EXPECT_EQ(id_in("12"), 12);
  EXPECT_EQ(id_in("0"), 0);
  EXPECT_EQ(id_in("999999999999999999"), 999999999999999999);  // 18 digits
  EXPECT_FALSE(id_in("9999999999999999999"));                  // 19: could overflow
  for (const char* not_an_id : {"", "#12", "-1", "12a", " 12", "un-year-2014", "١٢"}) {
    EXPECT_FALSE(id_in(not_an_id)) << not_an_id;
  }
}

}  // namespace
}  // namespace twinning
