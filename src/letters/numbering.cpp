#include "letters/numbering.h"

#include "model/error.h"
#include "model/text.h"

namespace twinning::letters {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string pad(std::int64_t value, int width) {
  std::string s = std::to_string(value);
  if (static_cast<int>(s.size()) < width) s.insert(0, width - s.size(), '0');
  return s;
}

}  // namespace

NumberPattern NumberPattern::parse(std::string_view text, bool yearly_restart,
                                   std::string_view field) {
  std::string f(field);
  auto fail = [&](const std::string& why) {
    throw_invalid("numbering pattern '" + std::string(text) + "': " + why, f);
  };
  if (!is_valid_utf8(text)) fail("not valid UTF-8");
  if (text.size() > 100) fail("longer than 100 bytes");
  NumberPattern p;
  p.text_ = std::string(text);
  int seqs = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '}') fail("'}' without '{' at byte " + std::to_string(i + 1));
    if (c != '{') {
      std::size_t next = text.find_first_of("{}", i);
      if (next == std::string_view::npos) next = text.size();
      p.parts_.push_back(Part{Part::kLiteral, std::string(text.substr(i, next - i)), 0});
      i = next;
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string_view::npos) fail("'{' is never closed");
    std::string_view name = text.substr(i + 1, close - i - 1);
    if (name == "seq") {
      p.parts_.push_back(Part{Part::kSeq, "", 0});
      ++seqs;
    } else if (name.size() == 5 && name.substr(0, 4) == "seq:" && name[4] >= '1' &&
               name[4] <= '9') {
      p.parts_.push_back(Part{Part::kSeq, "", name[4] - '0'});
      ++seqs;
    } else if (name == "yyyy") {
      p.parts_.push_back(Part{Part::kYear4, "", 0});
    } else if (name == "yy") {
      p.parts_.push_back(Part{Part::kYear2, "", 0});
    } else {
      fail("unknown placeholder {" + std::string(name) +
           "}; use {seq}, {seq:N} (N = 1..9 digits), {yyyy} or {yy}");
    }
    i = close + 1;
  }
  if (seqs != 1) fail(seqs == 0 ? "it needs a {seq} placeholder" : "it has more than one {seq}");
  if (yearly_restart && !p.has_year()) {
    fail("a numbering that restarts every year needs {yyyy} or {yy}, or numbers would repeat");
  }
  return p;
}

bool NumberPattern::has_year() const {
  for (const auto& part : parts_) {
    if (part.kind == Part::kYear4 || part.kind == Part::kYear2) return true;
  }
  return false;
}

std::string NumberPattern::format(std::int64_t seq, int year) const {
  std::string out;
  for (const auto& part : parts_) {
    switch (part.kind) {
      case Part::kLiteral:
        out += part.literal;
        break;
      case Part::kSeq:
        out += pad(seq, part.width);
        break;
      case Part::kYear4:
        out += pad(year, 4);
        break;
      case Part::kYear2:
        out += pad(year % 100, 2);
        break;
    }
  }
  return out;
}

std::optional<std::int64_t> NumberPattern::match(std::string_view number, int year) const {
  // Every part but {seq} has a fixed text for `year`; {seq} takes the digits
  // between the fixed text before it and the fixed text after it.
  std::string before, after;
  bool seen_seq = false;
  for (const auto& part : parts_) {
    std::string fixed;
    switch (part.kind) {
      case Part::kLiteral:
        fixed = part.literal;
        break;
      case Part::kYear4:
        fixed = pad(year, 4);
        break;
      case Part::kYear2:
        fixed = pad(year % 100, 2);
        break;
      case Part::kSeq:
        seen_seq = true;
        continue;
    }
    (seen_seq ? after : before) += fixed;
  }
  if (number.size() <= before.size() + after.size()) return std::nullopt;
  if (number.substr(0, before.size()) != before) return std::nullopt;
  if (number.substr(number.size() - after.size()) != after) return std::nullopt;
  std::string_view digits =
      number.substr(before.size(), number.size() - before.size() - after.size());
  if (digits.size() > 18) return std::nullopt;
  std::int64_t seq = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    seq = seq * 10 + (c - '0');
  }
  if (seq < 1 || format(seq, year) != number) return std::nullopt;
  return seq;
}

}  // namespace twinning::letters
