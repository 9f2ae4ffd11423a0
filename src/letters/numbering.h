// Registration-number patterns of an office: literal text with the
// placeholders {seq} (the sequence number), {seq:N} (zero-padded to N
// digits, 1 <= N <= 9), {yyyy} and {yy} (the year of the registration date).
// Examples: "19-024/{seq}рс" gives "19-024/125рс"; "CCC/{yyyy}/{seq:4}" gives
// "CCC/2013/0007". A plain value type; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twinning::letters {

class NumberPattern {
 public:
  // Parses and validates `text`: valid UTF-8, exactly one {seq} or {seq:N},
  // no other placeholder, no stray '{' or '}', at most 100 bytes; with
  // `yearly_restart` it must also contain {yyyy} or {yy}, or numbers of
  // different years would collide. Throws Error(kInvalidInput) naming `field`.
  static NumberPattern parse(std::string_view text, bool yearly_restart,
                             std::string_view field = "pattern");

  // The number for sequence value `seq` (>= 1) registered in `year`.
  std::string format(std::int64_t seq, int year) const;

  // The sequence value of `number` if it is a number this pattern produces
  // for `year`, else nullopt ("19-024/125рс" -> 125). A number carrying a
  // different year than `year` does not match.
  std::optional<std::int64_t> match(std::string_view number, int year) const;

  const std::string& text() const { return text_; }
  bool has_year() const;

 private:
  struct Part {
    enum Kind { kLiteral, kSeq, kYear4, kYear2 } kind;
    std::string literal;  // kLiteral only
    int width = 0;        // kSeq: minimum digits (0 = no padding)
  };
  std::string text_;
  std::vector<Part> parts_;
};

}  // namespace twinning::letters
