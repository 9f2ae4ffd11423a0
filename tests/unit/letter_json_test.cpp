#include "model/letter_json.h"

#include <gtest/gtest.h>

namespace twinning {
namespace {

TEST(LetterJsonTest, LetterHasEveryFieldUnderStableNames) {
  Letter l;
  l.id = 7;
  l.office_id = 2;
  l.kind = LetterKind::kReply;
  l.status = LetterStatus::kRegistered;
  l.number = "19-024/125рс";
  l.date = parse_partial_date("2013-09-06");
  l.addressees = {Addressee{4, "The Mayor of Coventry", "", ""}};
  l.links = {LetterLink{LetterLinkKind::kReplyTo, 3, "CCC/1", parse_partial_date("2013-08-01")}};
  l.attachments = {Attachment{1, "a.pdf", "application/pdf", 10, std::string(64, 'a')}};
  nlohmann::json j = l;
  EXPECT_EQ(j["kind"], "reply");
  EXPECT_EQ(j["status"], "registered");
  EXPECT_EQ(j["number"], "19-024/125рс");
  EXPECT_EQ(j["date"], "2013-09-06");
  EXPECT_TRUE(j["response_deadline"].is_null());
  EXPECT_EQ(j["addressees"][0]["city_id"], 4);
  EXPECT_EQ(j["links"][0]["kind"], "reply_to");
  EXPECT_EQ(j["links"][0]["target_date"], "2013-08-01");
  EXPECT_EQ(j["attachments"][0]["sha256"], std::string(64, 'a'));
  EXPECT_FALSE(j["attachments"][0].contains("bytes"));
}

}  // namespace
}  // namespace twinning
