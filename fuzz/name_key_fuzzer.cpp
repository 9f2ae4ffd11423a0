// Fuzzes the text functions every layer relies on. Invariants:
// is_valid_utf8 agrees with the well-formed byte sequences of the Unicode
// Standard (table 3-7), checked by an independent implementation here; for
// valid text, name_key gives valid UTF-8 with single inner spaces and no
// space at either end, is idempotent (a key is its own key), and ignores
// ASCII letter case; trim leaves no ASCII whitespace at either end.
#include <cctype>

#include "fuzz_support.h"
#include "model/text.h"

namespace {

// Table 3-7 of the Unicode Standard, byte by byte.
bool well_formed(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
    return i + k < n && p[i + k] >= lo && p[i + k] <= hi;
  };
  while (i < n) {
    unsigned c = p[i];
    if (c <= 0x7F) {
      i += 1;
    } else if (c >= 0xC2 && c <= 0xDF && in(1, 0x80, 0xBF)) {
      i += 2;
    } else if (c == 0xE0 && in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF)) {
      i += 3;
    } else if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && in(1, 0x80, 0xBF) &&
               in(2, 0x80, 0xBF)) {
      i += 3;
    } else if (c == 0xED && in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF)) {
      i += 3;
    } else if (c == 0xF0 && in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) {
      i += 4;
    } else if (c >= 0xF1 && c <= 0xF3 && in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) &&
               in(3, 0x80, 0xBF)) {
      i += 4;
    } else if (c == 0xF4 && in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string ascii_case(std::string_view s, int (*convert)(int)) {
  std::string out(s);
  for (char& c : out) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) c = static_cast<char>(convert(c));
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace twinning;
  std::string_view text = fuzz::as_text(data, size);
  bool valid = is_valid_utf8(text);
  FUZZ_CHECK(valid == well_formed(text), valid ? "accepted ill-formed UTF-8"
                                               : "refused well-formed UTF-8");

  std::string_view t = trim(text);
  FUZZ_CHECK(t.empty() || (!is_ascii_space(t.front()) && !is_ascii_space(t.back())),
             "trim left whitespace");
  FUZZ_CHECK(t.empty() || (t.data() >= text.data() && t.end() <= text.end()),
             "trim gave text outside its input");
  for (const auto& part : split_list(text, ',')) {
    FUZZ_CHECK(!part.empty() && part.find(',') == std::string::npos, "split_list gave '" + part + "'");
  }

  if (!valid) {
    name_key(text);  // must not crash; its result is unspecified
    return 0;
  }
  std::string key = name_key(text);
  FUZZ_CHECK(is_valid_utf8(key), "a key that is not UTF-8");
  FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '), "a key with outer spaces");
  FUZZ_CHECK(key.find("  ") == std::string::npos, "a key with a double space");
  for (char c : key) FUZZ_CHECK(c == ' ' || !is_ascii_space(c), "a key with a tab or line break");
  FUZZ_CHECK(name_key(key) == key, "key '" + key + "' of '" + std::string(text) +
                                       "' is not its own key '" + name_key(key) + "'");
  FUZZ_CHECK(name_key(ascii_case(text, std::toupper)) == name_key(ascii_case(text, std::tolower)),
             "the key of '" + std::string(text) + "' depends on ASCII case");
  return 0;
}
