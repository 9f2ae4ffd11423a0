#include "letters/letter_access.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::letters {
namespace {

Actor actor(Role role, std::optional<CityId> city = std::nullopt) {
  Actor a;
  a.name = "test";
  a.role = role;
  a.city = city;
  return a;
}

TEST(LetterAccessTest, CorrespondentsSeeOnlyTheirCitysLetters) {
  const CityId volgograd = 1, coventry = 2, dresden = 3;
  Actor c = actor(Role::kCorrespondent, coventry);
  EXPECT_TRUE(may_read_letter(c, volgograd, volgograd, {coventry}));  // addressed to it
  EXPECT_TRUE(may_read_letter(c, volgograd, coventry, {volgograd}));  // sent by it
  EXPECT_TRUE(may_read_letter(c, coventry, std::nullopt, {}));        // its own register
  EXPECT_FALSE(may_read_letter(c, volgograd, volgograd, {dresden}));  // someone else's
  EXPECT_FALSE(may_read_letter(actor(Role::kCorrespondent), volgograd, volgograd, {coventry}));
  EXPECT_FALSE(may_read_letter(actor(Role::kViewer), volgograd, volgograd, {coventry}));
  EXPECT_TRUE(may_read_letter(actor(Role::kCoordinator), volgograd, volgograd, {dresden}));
  EXPECT_TRUE(may_read_letter(actor(Role::kAdmin), volgograd, volgograd, {dresden}));
}

TEST(LetterAccessTest, AGrantedRegisterIsWritableNotReadable) {
  Actor c = actor(Role::kCorrespondent, 2);
  c.granted_register_city = 1;
  EXPECT_TRUE(may_write_for_city(c, 1));
  EXPECT_TRUE(may_write_for_city(c, 2));
  EXPECT_FALSE(may_write_for_city(c, 3));
  EXPECT_FALSE(may_read_letter(c, 1, 1, {3}));  // reading is not widened
  Actor v = actor(Role::kViewer);
  EXPECT_FALSE(may_write_for_city(v, 1));
}

TEST(LetterAccessTest, WritingNeedsTheOfficesCity) {
  EXPECT_TRUE(may_write_for_city(actor(Role::kCoordinator), 1));
  EXPECT_TRUE(may_write_for_city(actor(Role::kCorrespondent, 2), 2));
  EXPECT_FALSE(may_write_for_city(actor(Role::kCorrespondent, 2), 1));
  EXPECT_FALSE(may_write_for_city(actor(Role::kViewer), 1));
  try {
    require_writer_for_city(actor(Role::kCorrespondent, 2), 1);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kForbidden);
  }
}

}  // namespace
}  // namespace twinning::letters
