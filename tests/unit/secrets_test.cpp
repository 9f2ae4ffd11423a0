#include "auth/secrets.h"

#include <gtest/gtest.h>

#include <set>

namespace twinning::auth {
namespace {

TEST(Secrets, PasswordHashesAreArgon2idAndSalted) {
  std::string h1 = hash_password("correct horse battery");
  std::string h2 = hash_password("correct horse battery");
  EXPECT_EQ(h1.rfind("$argon2id$", 0), 0u) << h1;
  EXPECT_NE(h1, h2);  // a fresh salt each time
  EXPECT_TRUE(verify_password(h1, "correct horse battery"));
  EXPECT_TRUE(verify_password(h2, "correct horse battery"));
  EXPECT_FALSE(verify_password(h1, "correct horse batterY"));
  EXPECT_FALSE(verify_password("", "correct horse battery"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "x"));
}

TEST(Secrets, TokensAreRandomUrlSafeAndPrefixed) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = new_token("twt_");
    EXPECT_EQ(t.rfind("twt_", 0), 0u);
    EXPECT_EQ(t.size(), 4u + 43u);  // 32 bytes in unpadded base64
    EXPECT_EQ(
        t.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", 4),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Secrets, DigestsAreStableHexAndDistinct) {
  std::string d = token_digest("twt_abc");
  EXPECT_EQ(d.size(), 64u);
  EXPECT_EQ(d, token_digest("twt_abc"));
  EXPECT_NE(d, token_digest("twt_abd"));
  EXPECT_EQ(d.find_first_not_of("0123456789abcdef"), std::string::npos);
  // BLAKE2b-256 of the empty string.
  EXPECT_EQ(token_digest(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(Secrets, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace twinning::auth
