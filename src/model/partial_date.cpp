#include "model/partial_date.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include "model/error.h"

namespace twinning {
namespace {

bool parse_digits(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

[[noreturn]] void bad_date(std::string_view text, std::string_view field) {
  throw_invalid("malformed date '" + std::string(text) + "' in " + std::string(field) +
                    ": expected YYYY, YYYY-MM or YYYY-MM-DD",
                std::string(field));
}

}  // namespace

std::string PartialDate::to_string() const {
  char buf[16];
  if (day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else if (month) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", year);
  }
  return buf;
}

PartialDate parse_partial_date(std::string_view text, std::string_view field) {
  PartialDate d;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) bad_date(text, field);
  if (!parse_digits(text.substr(0, 4), d.year) || d.year < 1) bad_date(text, field);
  if (text.size() >= 7) {
    if (text[4] != '-' || !parse_digits(text.substr(5, 2), d.month) || d.month < 1 ||
        d.month > 12) {
      bad_date(text, field);
    }
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !parse_digits(text.substr(8, 2), d.day) || d.day < 1 ||
        d.day > days_in_month(d.year, d.month)) {
      bad_date(text, field);
    }
  }
  return d;
}

std::optional<PartialDate> parse_optional_date(std::string_view text, std::string_view field) {
  if (text.empty()) return std::nullopt;
  return parse_partial_date(text, field);
}

PartialDate parse_full_date(std::string_view text, std::string_view field) {
  PartialDate d = parse_partial_date(text, field);
  if (d.precision() != DatePrecision::kDay) {
    throw_invalid("date '" + std::string(text) + "' in " + std::string(field) +
                      " must be a full date YYYY-MM-DD",
                  std::string(field));
  }
  return d;
}

long days_since_epoch(const PartialDate& d) {
  using namespace std::chrono;
  return sys_days(year_month_day(year(d.year), month(static_cast<unsigned>(d.month)),
                                 day(static_cast<unsigned>(d.day))))
      .time_since_epoch()
      .count();
}

PartialDate date_from_days(long days) {
  using namespace std::chrono;
  year_month_day ymd{sys_days(std::chrono::days(days))};
  return PartialDate{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                     static_cast<int>(unsigned(ymd.day()))};
}

PartialDate today_utc() {
  using namespace std::chrono;
  auto now = floor<std::chrono::days>(system_clock::now());
  return date_from_days(now.time_since_epoch().count());
}

}  // namespace twinning
