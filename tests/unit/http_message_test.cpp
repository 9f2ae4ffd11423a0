#include "server/http_message.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::server {
namespace {

TEST(HttpMessage, Methods) {
  EXPECT_EQ(parse_method("PATCH"), Method::kPatch);
  EXPECT_EQ(parse_method("patch"), Method::kOther);
  EXPECT_EQ(method_name(Method::kDelete), "DELETE");
  EXPECT_TRUE(is_safe(Method::kHead));
  EXPECT_FALSE(is_safe(Method::kPost));
}

TEST(HttpMessage, PercentDecoding) {
  std::string out;
  EXPECT_TRUE(percent_decode("K%C3%B6ln+x", out));
  EXPECT_EQ(out, "Köln+x");
  EXPECT_FALSE(percent_decode("%4", out));
  EXPECT_FALSE(percent_decode("%g0", out));
  auto q = parse_query("a=1&b=two+words&c&=x&d=%26");
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[1].second, "two words");
  EXPECT_EQ(q[2], (std::pair<std::string, std::string>("c", "")));
  EXPECT_EQ(q[4].second, "&");
  EXPECT_THROW(parse_query("a=%ff"), Error);
}

TEST(HttpMessage, HeadersAndCookies) {
  Request r;
  r.headers = {{"cookie", "a=1; twinning_session=tws_x; b=\"q\""}, {"cookie", "c=3"}};
  EXPECT_EQ(r.cookie("twinning_session"), "tws_x");
  EXPECT_EQ(r.cookie("b"), "q");
  EXPECT_EQ(r.cookie("c"), "3");
  EXPECT_EQ(r.cookie("twinning"), "");
  EXPECT_EQ(r.header("cookie"), "a=1; twinning_session=tws_x; b=\"q\"");
  EXPECT_EQ(r.header("host"), "");
}

}  // namespace
}  // namespace twinning::server
