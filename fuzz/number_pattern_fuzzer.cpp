// Fuzzes registration-number patterns (letters/numbering.h): any bytes as
// the pattern text. Invariants: parsing fails only with Error(kInvalidInput)
// naming the field; a yearly pattern is also a valid plain one and carries a
// year; a parsed pattern keeps its text; every number it formats is valid
// UTF-8 and matches back to its sequence value in its year, and never in a
// year written differently.
#include <optional>

#include "fuzz_support.h"
#include "letters/numbering.h"
#include "model/error.h"
#include "model/text.h"

namespace {

std::optional<twinning::letters::NumberPattern> parse(std::string_view text, bool yearly) {
  using namespace twinning;
  try {
    return letters::NumberPattern::parse(text, yearly, "outgoing_pattern");
  } catch (const Error& e) {
    FUZZ_CHECK(e.code() == ErrorCode::kInvalidInput, "a pattern error of another code");
    FUZZ_CHECK(e.field() == "outgoing_pattern", "a pattern error naming '" + e.field() + "'");
    FUZZ_CHECK(is_valid_utf8(e.what()) || !is_valid_utf8(text), "an error message not in UTF-8");
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  std::string_view text = fuzz::as_text(data, size);
  auto plain = parse(text, false);
  auto yearly = parse(text, true);
  if (yearly) {
    FUZZ_CHECK(plain.has_value(), "a yearly pattern that is not a valid plain one");
    FUZZ_CHECK(yearly->has_year(), "a yearly pattern without a year");
  }
  if (!plain) return 0;
  FUZZ_CHECK(plain->text() == text, "the pattern changed its text");
  for (std::int64_t seq : {1LL, 7LL, 125LL, 10000LL, 123456789012LL}) {
    for (int year : {1, 99, 1944, 2013, 9999}) {
      std::string number = plain->format(seq, year);
      FUZZ_CHECK(is_valid_utf8(number), "a number that is not UTF-8");
      auto back = plain->match(number, year);
      FUZZ_CHECK(back == seq, "'" + number + "' does not match back to " + std::to_string(seq));
      if (!plain->has_year()) continue;
      for (int other : {2, 1945, 2014}) {
        if (other % 100 == year % 100) continue;
        FUZZ_CHECK(!plain->match(number, other).has_value(),
                   "'" + number + "' of " + std::to_string(year) + " matches in " +
                       std::to_string(other));
      }
    }
  }
  return 0;
}
