#include "letters/language.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include "model/error.h"
#include "model/text.h"
#include "resources/resources.h"

namespace twinning::letters {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string icu_locale_id(std::string_view lang) {
  std::string id(lang);
  for (char& c : id) {
    if (c == '-') c = '_';
  }
  return id;
}

// Languages ICU has locale data for ("ru", "ja", ...), computed once.
const std::set<std::string>& icu_languages() {
  static const std::set<std::string> langs = [] {
    std::set<std::string> out;
    for (int32_t i = 0, n = uloc_countAvailable(); i < n; ++i) {
      char lang[16] = {};
      UErrorCode status = U_ZERO_ERROR;
      uloc_getLanguage(uloc_getAvailable(i), lang, sizeof lang, &status);
      if (U_SUCCESS(status)) out.insert(lang);
    }
    return out;
  }();
  return langs;
}

// ISO 639-3 (and 639-2/T) codes to their two-letter ISO 639-1 codes.
const std::map<std::string, std::string>& iso3_to_iso2() {
  static const std::map<std::string, std::string> map = [] {
    std::map<std::string, std::string> out;
    for (const char* const* code = uloc_getISOLanguages(); *code; ++code) {
      std::string two(*code);
      if (two.size() != 2) continue;
      std::string three = icu::Locale(two.c_str()).getISO3Language();
      if (!three.empty()) out.emplace(three, two);
    }
    return out;
  }();
  return map;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::string normalize_language_tag(std::string_view tag, std::string_view field) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : std::string(trim(tag)) + "-") {
    if (c == '-' || c == '_') {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  auto bad = [&] {
    throw_invalid("'" + std::string(tag) +
                      "' is not a language tag (BCP 47, e.g. \"ru\", \"en\", \"zh-Hans\")",
                  std::string(field));
  };
  if (parts.empty()) bad();
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p.empty() || p.size() > 8) bad();
    for (char c : p) {
      if (!std::isalnum(static_cast<unsigned char>(c))) bad();
    }
    std::string norm = lower(p);
    if (i == 0) {
      if (p.size() < 2 || p.size() > 3) bad();
      for (char c : p) {
        if (!std::isalpha(static_cast<unsigned char>(c))) bad();
      }
    } else if (p.size() == 4 && std::isalpha(static_cast<unsigned char>(p[0]))) {
      norm[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(norm[0])));  // script
    } else if (p.size() == 2) {
      for (char& c : norm) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    out += (i ? "-" : "") + norm;
  }
  return out;
}

std::string primary_language(std::string_view tag) {
  return lower(tag.substr(0, tag.find_first_of("-_")));
}

bool is_right_to_left(std::string_view lang) {
  return uloc_isRightToLeft(icu_locale_id(lang).c_str());
}

TextDirection base_direction(std::string_view text) {
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, n, c);
    if (c < 0) continue;
    switch (u_charDirection(c)) {
      case U_LEFT_TO_RIGHT:
        return TextDirection::kLeftToRight;
      case U_RIGHT_TO_LEFT:
      case U_RIGHT_TO_LEFT_ARABIC:
        return TextDirection::kRightToLeft;
      default:
        break;
    }
  }
  return TextDirection::kNeutral;
}

namespace {

// One word of isolate_left_to_right_words: wrapped when it qualifies.
std::string isolated_word(std::string_view word) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  int32_t n = static_cast<int32_t>(word.size());
  int32_t core_begin = -1, core_end = -1;  // bytes from the first to the last letter or digit
  bool digit = false, left_to_right = false;
  for (int32_t i = 0; i < n;) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) continue;
    UCharDirection d = u_charDirection(c);
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return std::string(word);
    digit = digit || (c >= '0' && c <= '9');
    left_to_right = left_to_right || d == U_LEFT_TO_RIGHT;
    if (u_isalnum(c)) {
      if (core_begin < 0) core_begin = at;
      core_end = i;
    }
  }
  if (core_begin < 0 || !digit) return std::string(word);
  std::string_view core = word.substr(core_begin, core_end - core_begin);
  if (!left_to_right && core.find_first_of("-/") == std::string_view::npos) {
    return std::string(word);
  }
  return std::string(word.substr(0, core_begin)) + "\xE2\x81\xA6" + std::string(core) +
         "\xE2\x81\xA9" + std::string(word.substr(core_end));
}

}  // namespace

std::string isolate_left_to_right_words(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    out += isolated_word(text.substr(start, end - start));
    if (end == text.size()) return out;
    out += text[end];
    start = end + 1;
  }
}

std::string format_reference_date(const PartialDate& date, std::string_view lang) {
  if (primary_language(lang) == "ru" && date.precision() == DatePrecision::kDay) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", date.day, date.month, date.year);
    return buf;
  }
  return format_long_date(date, lang);
}

std::string format_long_date(const PartialDate& date, std::string_view lang) {
  if (date.precision() != DatePrecision::kDay) return date.to_string();
  std::string id = icu_locale_id(lang);
  std::string primary = primary_language(lang);
  // English without a region is written the British way, as in diplomatic
  // correspondence: "6 September 2013".
  if (id == "en") id = "en_GB";
  if (!icu_languages().count(primary)) id = "en_GB";
  icu::Locale locale((id + "@calendar=gregorian").c_str());
  std::unique_ptr<icu::DateFormat> fmt(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (!fmt) return date.to_string();
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  icu::UnicodeString out;
  fmt->format(static_cast<UDate>(days_since_epoch(date)) * 86400000.0, out);
  // Recent CLDR data puts U+202F NARROW NO-BREAK SPACE before the Russian
  // "г."; letters are written with ordinary spaces, as clerks type them.
  out.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x202F)), icu::UnicodeString(" "));
  return to_utf8(out);
}

// The script a name is written in, as ICU's short name ("Cyrl", "Latn"),
// with the scripts of Chinese, Japanese and Korean text taken as one
// ("Hani"); "" for a name without letters.
std::string script_of_text(std::string_view text) {
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) break;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(c, &err);
    if (U_FAILURE(err) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED) continue;
    if (code == USCRIPT_HIRAGANA || code == USCRIPT_KATAKANA || code == USCRIPT_HANGUL) {
      return "Hani";
    }
    return uscript_getShortName(code);
  }
  return "";
}

// The script language `lang` is usually written in (ICU's likely subtags),
// with Chinese, Japanese and Korean as "Hani".
std::string script_of_language(std::string_view lang) {
  UErrorCode err = U_ZERO_ERROR;
  icu::Locale locale(icu_locale_id(lang).c_str());
  locale.addLikelySubtags(err);
  std::string script = U_FAILURE(err) ? "" : locale.getScript();
  if (script == "Jpan" || script == "Kore" || script == "Hans" || script == "Hant") return "Hani";
  return script;
}

std::string city_name_in(const City& city, std::string_view lang) {
  auto current_in = [&](std::string_view want) -> const CityName* {
    for (const auto& n : city.names) {
      if (n.kind != "former" && !n.lang.empty() && primary_language(n.lang) == want) return &n;
    }
    return nullptr;
  };
  if (const CityName* n = current_in(primary_language(lang))) return n->name;
  // The local form: a current name recorded as local, else one in the
  // city's own languages, then in its country's official languages.
  const CityName* local = nullptr;
  for (const auto& n : city.names) {
    if (n.kind == "local" && !local) local = &n;
  }
  std::vector<std::string> own(city.languages);
  if (city.country.size() == 2) {
    const auto& official = official_languages(city.country);
    own.insert(own.end(), official.begin(), official.end());
  }
  for (const auto& l : own) {
    if (!local) local = current_in(primary_language(l));
  }
  if (!local) return city.name;
  // A reader of the letter reads its script: the local form when it is
  // written in it, else the registry name when that is, else the local form.
  std::string script = script_of_language(lang);
  if (script_of_text(local->name) == script) return local->name;
  if (script_of_text(city.name) == script) return city.name;
  return local->name;
}

std::string country_name_in(std::string_view iso2, std::string_view lang,
                            std::string_view english) {
  if (primary_language(lang) == "en" || !icu_languages().count(primary_language(lang))) {
    return std::string(english);
  }
  icu::Locale country("und", std::string(iso2).c_str());
  icu::UnicodeString name;
  country.getDisplayCountry(icu::Locale(icu_locale_id(lang).c_str()), name);
  std::string out = to_utf8(name);
  // ICU echoes the code back when it has no name for the country.
  if (out.empty() || out == iso2) return std::string(english);
  return out;
}

std::string language_name_in(std::string_view lang, std::string_view in) {
  icu::UnicodeString name;
  icu::Locale(std::string(lang).c_str()).getDisplayLanguage(icu::Locale(icu_locale_id(in).c_str()),
                                                            name);
  std::string out = to_utf8(name);
  return out.empty() ? std::string(lang) : out;
}

const std::vector<std::string>& official_languages(std::string_view iso2) {
  static const std::map<std::string, std::vector<std::string>, std::less<>> table = [] {
    constexpr std::string_view kPath = "data/official_languages.csv";
    auto csv = resources::find(kPath);
    if (!csv)
      throw Error(ErrorCode::kUnavailable, std::string(kPath) + " is missing from this build");
    std::map<std::string, std::vector<std::string>, std::less<>> out;
    // Generated, so plain: comment lines, a header, then "CC,lang;lang".
    for (std::string_view line : split_list(*csv, '\n')) {
      if (line.empty() || line.front() == '#' || line.starts_with("territory,")) continue;
      auto comma = line.find(',');
      if (comma == std::string_view::npos) continue;
      auto& langs = out[std::string(line.substr(0, comma))];
      for (const auto& l : split_list(line.substr(comma + 1), ';')) langs.push_back(l);
    }
    return out;
  }();
  static const std::vector<std::string> none;
  auto it = table.find(iso2);
  return it == table.end() ? none : it->second;
}

std::vector<LanguageCandidate> recipient_languages(const City& city, const Country& country) {
  std::vector<LanguageCandidate> out;
  auto add = [&](const std::string& lang, LanguageSource source) {
    for (const auto& have : out) {
      if (have.lang == lang) return;
    }
    out.push_back({lang, source});
  };
  for (const auto& l : city.languages) {
    if (!trim(l).empty()) add(std::string(trim(l)), LanguageSource::kCity);
  }
  const auto& official = official_languages(country.iso2.empty() ? city.country : country.iso2);
  for (const auto& lang : official) add(lang, LanguageSource::kOfficial);
  if (official.empty()) {
    for (const auto& code : split_list(country.languages, ';')) {
      auto it = iso3_to_iso2().find(lower(code));
      add(it != iso3_to_iso2().end() ? it->second : lower(code), LanguageSource::kCountry);
    }
  }
  return out;
}

std::vector<std::string> correspondence_languages(const City& city, const Country& country) {
  std::vector<std::string> out;
  for (auto& c : recipient_languages(city, country)) out.push_back(std::move(c.lang));
  return out;
}

std::string language_reason(const City& city, const Country& country, std::string_view lang) {
  std::string where =
      country.name.empty() ? (country.iso2.empty() ? city.country : country.iso2) : country.name;
  for (const auto& c : recipient_languages(city, country)) {
    if (primary_language(c.lang) != primary_language(lang)) continue;
    switch (c.source) {
      case LanguageSource::kCity:
        return "the city's correspondence language";
      case LanguageSource::kOfficial:
        return "official language of " + where + " (CLDR)";
      case LanguageSource::kCountry:
        return "language of " + where + " (countries.csv)";
    }
  }
  return "no template in the city's languages: English";
}

std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string_view p = trim(current);
    if (!p.empty()) out.emplace_back(p);
    current.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) {
      flush();
    } else {
      if (!current.empty()) current += '\n';
      current += line;
    }
    start = end + 1;
  }
  flush();
  return out;
}

}  // namespace twinning::letters
