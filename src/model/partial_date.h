// A calendar date known to year, month or day precision ("1941", "1944-06",
// "1944-06-10"), as twin-link start dates and historical events are recorded.
// A plain value type; its text form is ISO 8601 truncated to its precision,
// which also sorts correctly as a string.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace twinning {

enum class DatePrecision { kYear, kMonth, kDay };

struct PartialDate {
  int year = 0;
  int month = 0;  // 1-12, or 0 at year precision
  int day = 0;    // 1-31, or 0 at year/month precision

  DatePrecision precision() const {
    return day ? DatePrecision::kDay : month ? DatePrecision::kMonth : DatePrecision::kYear;
  }
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD".
  std::string to_string() const;

  auto operator<=>(const PartialDate&) const = default;
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1-9999, real calendar days,
// leap years included). Throws twinning::Error(kInvalidInput) naming `field`
// and the offending text for anything else.
PartialDate parse_partial_date(std::string_view text, std::string_view field = "date");

// As parse_partial_date, but nullopt for empty text.
std::optional<PartialDate> parse_optional_date(std::string_view text,
                                               std::string_view field = "date");

// Parses a full date "YYYY-MM-DD" only; throws like parse_partial_date.
PartialDate parse_full_date(std::string_view text, std::string_view field = "date");

// Today's date in UTC.
PartialDate today_utc();

// Days from 1970-01-01 to a full date (proleptic Gregorian). Precondition:
// d.precision() == kDay.
long days_since_epoch(const PartialDate& d);
// The full date `days` days after 1970-01-01.
PartialDate date_from_days(long days);

}  // namespace twinning
