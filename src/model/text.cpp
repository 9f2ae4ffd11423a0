#include "model/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace twinning {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;  // truncated sequence
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += n + 1;
  }
  return true;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t keep = max_bytes;
  while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;
  return s.substr(0, keep);
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

namespace {

// Letters that NFKD does not decompose but that people type without the mark.
const char* base_of(UChar32 c) {
  switch (c) {
    case 0x00F8: return "o";   // ø
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x00DF: return "ss";  // ß
    case 0x0131: return "i";   // dotless ı
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x00FE: return "th";  // þ
    case 0x0127: return "h";   // ħ
    case 0x2019: return "'";   // right single quotation mark
    case 0x02BC: return "'";   // modifier letter apostrophe
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: return "-";
    default: return nullptr;
  }
}

// One pass of the folding name_key() describes.
std::string fold_once(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  u.foldCase();
  icu::UnicodeString decomposed;
  status = U_ZERO_ERROR;
  nfkd->normalize(u, decomposed, status);
  if (U_FAILURE(status)) decomposed = u;

  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (const char* base = base_of(c)) {
      out += base;
      continue;
    }
    icu::UnicodeString one(c);
    one.toUTF8String(out);
  }
  return out;
}

}  // namespace

std::string name_key(std::string_view name) {
  // Case folding comes before the compatibility decomposition, which can
  // yield new capitals ("℡" -> "TEL", "™" -> "TM"): fold again until the
  // key is its own key. Ordinary names are done after the first pass; a key
  // of lower-case ASCII is final without a second one.
  std::string key = fold_once(name);
  bool final = true;
  for (char c : key) final &= static_cast<unsigned char>(c) < 0x80 && !(c >= 'A' && c <= 'Z');
  for (int pass = 0; !final && pass < 4; ++pass) {
    std::string again = fold_once(key);
    if (again == key) break;
    key = std::move(again);
  }
  return key;
}

std::vector<std::string> split_list(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = trim(s.substr(start, end - start));
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

std::string join_list(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::optional<std::int64_t> id_in(std::string_view reference) {
  if (reference.empty() || reference.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : reference) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

}  // namespace twinning
