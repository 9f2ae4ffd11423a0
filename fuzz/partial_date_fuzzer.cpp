// Fuzzes the date parsers: parse_partial_date, parse_full_date and the
// Wikidata time parser. Invariants: a parsed date is a real calendar date of
// years 1..9999 whose text form is exactly the input; a full date survives
// the round trip through days since the epoch; a Wikidata time gives a date
// of the precision asked for; errors are Error(kInvalidInput) naming the
// field given.
#include "fuzz_support.h"
#include "ingest/wikidata_json.h"
#include "model/error.h"
#include "model/partial_date.h"

namespace {

void check_date(const twinning::PartialDate& d) {
  using namespace twinning;
  FUZZ_CHECK(d.year >= 1 && d.year <= 9999, "year " + std::to_string(d.year));
  FUZZ_CHECK(d.month >= 0 && d.month <= 12, "month " + std::to_string(d.month));
  FUZZ_CHECK(d.day >= 0 && d.day <= 31, "day " + std::to_string(d.day));
  FUZZ_CHECK(d.month != 0 || d.day == 0, "a day without a month");
  PartialDate reparsed = parse_partial_date(d.to_string());
  FUZZ_CHECK(reparsed == d, "'" + d.to_string() + "' does not parse back to itself");
  if (d.precision() == DatePrecision::kDay) {
    FUZZ_CHECK(date_from_days(days_since_epoch(d)) == d,
               d.to_string() + " changes through days since the epoch");
  }
}

template <class F>
void expect_field_error(F&& f, const char* field) {
  using namespace twinning;
  try {
    f();
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput, "a date error of another code");
    FUZZ_CHECK(e.field() == field, "a date error naming '" + e.field() + "', not " + field);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  std::string_view text = fuzz::as_text(data, size);
  expect_field_error(
      [&] {
        PartialDate d = parse_partial_date(text, "since");
        FUZZ_CHECK(d.to_string() == text, "'" + std::string(text) + "' parsed as " + d.to_string());
        check_date(d);
      },
      "since");
  expect_field_error(
      [&] {
        PartialDate d = parse_full_date(text, "date");
        FUZZ_CHECK(d.precision() == DatePrecision::kDay, "a full date without a day");
        check_date(d);
      },
      "date");
  // The first byte picks the precision (0..15) of a Wikidata time.
  if (size > 0) {
    int precision = data[0] % 16;
    std::string_view time = text.substr(1);
    expect_field_error(
        [&] {
          auto d = ingest::parse_wikidata_time(time, precision, "P580 start");
          FUZZ_CHECK(d.has_value() == (precision >= 9), "a date at precision " +
                                                            std::to_string(precision));
          if (!d) return;
          check_date(*d);
          DatePrecision expected = precision == 9    ? DatePrecision::kYear
                                   : precision == 10 ? DatePrecision::kMonth
                                                     : DatePrecision::kDay;
          FUZZ_CHECK(d->precision() == expected, "a date of another precision");
        },
        "P580 start");
  }
  return 0;
}
