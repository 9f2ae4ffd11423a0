#include "mail/sender_reference.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "model/error.h"
#include "model/text.h"

namespace twinning::mail {
namespace {

// Labels, lower case: the text is matched after its ASCII letters are
// lowered (Cyrillic labels are given in both cases).
const std::regex& reference_pattern() {
  static const std::regex pattern(
      "(?:our ref(?:erence)?|our (?:letter )?(?:no|number)|unser (?:akten)?zeichen|"
      "notre r\xC3\xA9" "f(?:\xC3\xA9rence)?|notre ref(?:erence)?|"
      "(?:\xD0\xBD\xD0\xB0\xD1\x88|\xD0\x9D\xD0\xB0\xD1\x88)"  // наш / Наш
      "(?: (?:\xD0\xB8\xD1\x81\xD1\x85|\xD0\xBD\xD0\xBE\xD0\xBC\xD0\xB5\xD1\x80))?|"  // исх / номер
      "\xD0\xB8\xD1\x81\xD1\x85)"  // исх
      "[.:\\s]*(?:(?:\xE2\x84\x96|no\\.?|nr\\.?)\\s*)?"  // № / no. / nr.
      "([^\\s,;()]*[0-9][^\\s,;()]*)"
      "(?:\\s*,?\\s*(?:of|from|dated|vom|du|"
      "\xD0\xBE\xD1\x82)\\s+"  // от
      "([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./][0-9]{1,2}[./][0-9]{4}))?");
  return pattern;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<PartialDate> written_date(const std::string& text) {
  std::string iso = text;
  if (text.size() != 10 || text[4] != '-') {
    auto sep = text.find_first_of("./");
    auto sep2 = text.find_first_of("./", sep + 1);
    std::string day = text.substr(0, sep), month = text.substr(sep + 1, sep2 - sep - 1);
    std::string year = text.substr(sep2 + 1);
    if (day.size() == 1) day = "0" + day;
    if (month.size() == 1) month = "0" + month;
    iso = year + "-" + month + "-" + day;
  }
  try {
    return parse_full_date(iso);
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::string trim_number(std::string n) {
  while (!n.empty() && std::string_view(".:,;!?\"'>").find(n.back()) != std::string_view::npos) {
    n.pop_back();
  }
  return n;
}

// Lines are searched one by one and cut to their first 300 bytes (at a
// character boundary): a reference is short, and std::regex recurses per
// character matched.
std::optional<SenderReference> find_in_line(std::string_view line) {
  // Matching runs on the lowered copy; the number is cut from the original.
  std::string original(utf8_prefix(line, 300));
  std::string lowered = ascii_lower(original);
  std::smatch m;
  if (!std::regex_search(lowered, m, reference_pattern())) return std::nullopt;
  SenderReference r;
  r.number = trim_number(original.substr(static_cast<std::size_t>(m.position(1)),
                                         static_cast<std::size_t>(m.length(1))));
  if (r.number.empty()) return std::nullopt;
  if (m[2].matched) r.date = written_date(m[2].str());
  return r;
}

std::optional<SenderReference> find_in(std::string_view text) {
  std::size_t pos = 0;
  for (int lines = 0; pos < text.size() && lines < 2000; ++lines) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (auto r = find_in_line(text.substr(pos, end - pos))) return r;
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace

SenderReference find_sender_reference(std::string_view subject, std::string_view body) {
  if (auto r = find_in(subject)) return *r;
  if (auto r = find_in(body)) return *r;
  return {};
}

std::vector<std::string> cited_numbers(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < 32) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::string word = trim_number(std::string(text.substr(start, i - start)));
    while (!word.empty() && std::string_view("(\"'<[").find(word.front()) != std::string_view::npos) {
      word.erase(0, 1);
    }
    while (!word.empty() && std::string_view(")]").find(word.back()) != std::string_view::npos) {
      word.pop_back();
    }
    bool digit = std::any_of(word.begin(), word.end(),
                             [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    bool separator = word.find_first_of("/-") != std::string::npos;
    if (digit && separator && word.size() <= 64 &&
        std::find(out.begin(), out.end(), word) == out.end()) {
      out.push_back(word);
    }
  }
  return out;
}

}  // namespace twinning::mail
