#include "model/partial_date.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning {
namespace {

TEST(PartialDate, ParsesEachPrecision) {
  EXPECT_EQ(parse_partial_date("1941").precision(), DatePrecision::kYear);
  EXPECT_EQ(parse_partial_date("1944-06").precision(), DatePrecision::kMonth);
  PartialDate d = parse_partial_date("1944-06-10");
  EXPECT_EQ(d.precision(), DatePrecision::kDay);
  EXPECT_EQ(d.year, 1944);
  EXPECT_EQ(d.month, 6);
  EXPECT_EQ(d.day, 10);
  EXPECT_EQ(d.to_string(), "1944-06-10");
  EXPECT_EQ(parse_partial_date("0900").to_string(), "0900");
}

TEST(PartialDate, RejectsMalformedDatesNamingTheField) {
  for (const char* bad : {"", "44", "1944-6-10", "1944-13", "1944-02-30", "2013-02-29",
                          "1944/06/10", "0000", "19440610", "1944-06-10T00:00", "abcd"}) {
    try {
      parse_partial_date(bad, "--since");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(e.field(), "--since");
      EXPECT_NE(std::string(e.what()).find("--since"), std::string::npos);
    }
  }
}

TEST(PartialDate, LeapDays) {
  EXPECT_NO_THROW(parse_partial_date("2012-02-29"));
  EXPECT_NO_THROW(parse_partial_date("2000-02-29"));
  EXPECT_THROW(parse_partial_date("1900-02-29"), Error);
}

TEST(PartialDate, OrdersChronologically) {
  EXPECT_LT(parse_partial_date("1941"), parse_partial_date("1944-06-10"));
  EXPECT_LT(parse_partial_date("1944-06-09"), parse_partial_date("1944-06-10"));
  EXPECT_LT(parse_partial_date("1944"), parse_partial_date("1944-01"));
}

TEST(PartialDate, FullDateRequiresDay) {
  EXPECT_THROW(parse_full_date("2013-09"), Error);
  EXPECT_EQ(parse_full_date("2013-09-06").day, 6);
}

TEST(PartialDate, DayArithmeticRoundTrips) {
  PartialDate d = parse_full_date("2013-09-06");
  long days = days_since_epoch(d);
  EXPECT_EQ(date_from_days(days), d);
  EXPECT_EQ(date_from_days(days + 30).to_string(), "2013-10-06");
  EXPECT_EQ(days_since_epoch(parse_full_date("1970-01-01")), 0);
}

}  // namespace
}  // namespace twinning
