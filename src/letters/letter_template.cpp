#include "letters/letter_template.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "letters/language.h"
#include "model/error.h"
#include "model/text.h"

namespace twinning::letters {
namespace {

[[noreturn]] void fail(const std::string& source, int line, const std::string& why) {
  throw Error(ErrorCode::kInvalidInput,
              "template " + source + " line " + std::to_string(line) + ": " + why, source);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

int count_lines(std::string_view text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

std::string known_list(const std::set<std::string>& known) {
  std::string out;
  for (const auto& k : known) out += (out.empty() ? "" : ", ") + k;
  return out;
}

// Checks the Mustache tags of one section, whose text starts on `first_line`.
void check_tags(std::string_view text, int first_line, const std::string& source,
                const std::set<std::string>& known) {
  struct Open {
    std::string name;
    int line;
  };
  std::vector<Open> open;
  std::size_t pos = 0;
  int line = first_line;
  while (true) {
    std::size_t start = text.find("{{", pos);
    if (start == std::string_view::npos) break;
    line += count_lines(text.substr(pos, start - pos));
    bool triple = text.compare(start, 3, "{{{") == 0;
    std::string_view close = triple ? "}}}" : "}}";
    std::size_t inner_start = start + (triple ? 3 : 2);
    std::size_t end = text.find(close, inner_start);
    std::size_t next_open = text.find("{{", inner_start);
    std::string_view shown = text.substr(start, std::min<std::size_t>(24, text.size() - start));
    shown = shown.substr(0, shown.find('\n'));
    if (end == std::string_view::npos ||
        (next_open != std::string_view::npos && next_open < end && text[inner_start] != '!')) {
      fail(source, line,
           "tag '" + std::string(shown) + "' is not closed with '" + std::string(close) + "'");
    }
    std::string_view inner = text.substr(inner_start, end - inner_start);
    char sigil = inner.empty() ? '\0' : inner[0];
    if (sigil == '!') {
      line += count_lines(inner);
      pos = end + close.size();
      continue;
    }
    if (sigil == '>') fail(source, line, "partials ({{> name}}) are not supported");
    if (sigil == '=') fail(source, line, "changing the delimiters ({{=...=}}) is not supported");
    bool has_sigil = !triple && (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '&');
    std::string name(trim(has_sigil ? inner.substr(1) : inner));
    if (name.empty()) fail(source, line, "empty tag '" + std::string(shown) + "'");
    bool well_formed = name == ".";
    if (!well_formed) {
      well_formed = true;
      for (char c : name) well_formed &= is_name_char(c);
    }
    if (!well_formed) {
      fail(source, line,
           "malformed tag '" + std::string(shown) + "': a field name is letters, " +
               "digits, '_' and '-'");
    }
    if (name != "." && !known.count(name)) {
      fail(source, line,
           "unknown field {{" + name + "}} (known fields: " + known_list(known) + ")");
    }
    if (has_sigil && (sigil == '#' || sigil == '^')) {
      open.push_back({name, line});
    } else if (has_sigil && sigil == '/') {
      if (open.empty())
        fail(source, line, "{{/" + name + "}} closes a section that was never opened");
      if (open.back().name != name) {
        fail(source, line,
             "{{/" + name + "}} does not close {{#" + open.back().name + "}} opened on line " +
                 std::to_string(open.back().line));
      }
      open.pop_back();
    }
    pos = end + close.size();
  }
  if (!open.empty()) {
    fail(source, open.back().line,
         "{{#" + open.back().name + "}} is never closed (with {{/" + open.back().name +
             "}}) before the end of its section");
  }
}

// Removes Mustache comments, for checking that text outside sections is empty.
std::string without_comments(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t start = text.find("{{!", pos);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find("}}", start + 3);
    if (end == std::string_view::npos) break;
    out.append(text.substr(pos, start - pos));
    out.append(static_cast<std::size_t>(count_lines(text.substr(start, end - start))), '\n');
    pos = end + 2;
  }
  out.append(text.substr(pos));
  return out;
}

std::mutex& escape_lock() {
  static std::mutex m;
  return m;
}

bool valid_template_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name[0] == '-' || name[0] == '_') return false;
  for (char c : name) {
    if (!is_name_char(c) || (c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& template_section_names() {
  static const std::vector<std::string> names = {
      "addressee-title", "subject",      "salutation", "body",     "closing",
      "letterhead",      "registration", "addressee",  "signature", "distribution",
      "courtesy-translation", "original-only"};
  return names;
}

bool is_content_section(std::string_view section) {
  return section == "addressee-title" || section == "subject" || section == "salutation" ||
         section == "body" || section == "closing";
}

LetterTemplate LetterTemplate::parse(std::string text, std::string source,
                                     const std::set<std::string>& known_fields) {
  if (!is_valid_utf8(text)) fail(source, 1, "the file is not valid UTF-8");
  LetterTemplate t;
  t.source_ = std::move(source);
  std::string preamble;
  std::string* current = &preamble;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::set<std::string> known_sections(template_section_names().begin(),
                                       template_section_names().end());
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view l = trim(line);
    if (l.size() >= 2 && l.front() == '[' && l.back() == ']' &&
        l.find_first_of("{}") == std::string_view::npos) {
      std::string name(l.substr(1, l.size() - 2));
      if (!known_sections.count(name)) {
        std::string all;
        for (const auto& s : template_section_names()) all += (all.empty() ? "" : ", ") + s;
        fail(t.source_, number, "unknown section [" + name + "] (sections: " + all + ")");
      }
      if (t.sections_.count(name)) fail(t.source_, number, "section [" + name + "] is repeated");
      Section& s = t.sections_[name];
      s.first_line = number + 1;
      current = &s.text;
      continue;
    }
    *current += line;
    *current += '\n';
  }
  std::string outside = without_comments(preamble);
  if (!trim(outside).empty()) {
    std::istringstream pre(outside);
    int at = 1;
    while (std::getline(pre, line) && trim(line).empty()) ++at;
    fail(t.source_, at, "text before the first section header (such as [body])");
  }
  // Tags inside the preamble's comments were skipped; the sections are checked.
  for (const auto& [name, s] : t.sections_)
    check_tags(s.text, s.first_line, t.source_, known_fields);
  return t;
}

LetterTemplate LetterTemplate::load(const std::filesystem::path& path,
                                    const std::set<std::string>& known_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_not_found("cannot read template " + path.string(), path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path.string(), known_fields);
}

std::string LetterTemplate::render(std::string_view section, const mstch::map& fields) const {
  auto it = sections_.find(std::string(section));
  if (it == sections_.end()) return "";
  std::lock_guard<std::mutex> lock(escape_lock());
  auto saved = mstch::config::escape;
  mstch::config::escape = [](const std::string& s) { return s; };
  try {
    std::string out = mstch::render(it->second.text, fields);
    mstch::config::escape = saved;
    return out;
  } catch (const std::exception& e) {
    mstch::config::escape = saved;
    fail(source_, it->second.first_line,
         "section [" + it->first + "] cannot be merged: " + std::string(e.what()));
  }
}

std::string TemplateSet::render(std::string_view section, const mstch::map& fields) const {
  if (primary_.has(section) || !generic_) return primary_.render(section, fields);
  return generic_->render(section, fields);
}

bool TemplateSet::defines(std::string_view section) const {
  return primary_.has(section) || (generic_ && generic_->has(section));
}

TemplateLibrary::TemplateLibrary(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) {
    throw_not_found("template directory " + dir_.string() + " does not exist", "--templates");
  }
}

TemplateLibrary TemplateLibrary::locate(const std::string& option) {
  if (!option.empty()) return TemplateLibrary(option);
  const char* env = std::getenv("TWINNING_TEMPLATES");
  if (env && *env) return TemplateLibrary(env);
  return TemplateLibrary(std::filesystem::path(TWINNING_SOURCE_DIR) / "templates");
}

std::optional<std::filesystem::path> TemplateLibrary::file_for(std::string_view name,
                                                               std::string_view lang) const {
  std::error_code ec;
  for (const std::string& candidate : {std::string(lang), primary_language(lang)}) {
    auto path = dir_ / std::string(name) / (candidate + ".mustache");
    if (std::filesystem::is_regular_file(path, ec)) return path;
  }
  return std::nullopt;
}

bool TemplateLibrary::has(std::string_view name, std::string_view lang) const {
  return valid_template_name(name) && file_for(name, lang).has_value();
}

std::vector<std::string> TemplateLibrary::languages(std::string_view name) const {
  std::vector<std::string> out;
  if (!valid_template_name(name)) return out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / std::string(name), ec)) {
    if (entry.path().extension() == ".mustache") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> TemplateLibrary::names() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && valid_template_name(name) && !languages(name).empty()) {
      out.push_back(std::move(name));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TemplateSet TemplateLibrary::load(std::string_view name, std::string_view lang,
                                  const std::set<std::string>& known_fields) const {
  if (!valid_template_name(name)) {
    throw_invalid("'" + std::string(name) +
                      "' is not a template name (lower-case letters, digits, '-' and '_')",
                  "template");
  }
  std::string chosen(lang);
  bool fell_back = false;
  auto file = file_for(name, lang);
  if (!file) {
    file = file_for(name, "en");
    chosen = "en";
    fell_back = primary_language(lang) != "en";
  }
  if (!file) {
    throw_not_found("no template '" + std::string(name) + "' in " + dir_.string() +
                        " (looked for " + std::string(name) + "/" + std::string(lang) +
                        ".mustache and " + std::string(name) + "/en.mustache)",
                    "template");
  }
  LetterTemplate primary = LetterTemplate::load(*file, known_fields);
  std::optional<LetterTemplate> generic;
  if (name != kGenericTemplate) {
    auto generic_file = file_for(kGenericTemplate, chosen);
    if (!generic_file) generic_file = file_for(kGenericTemplate, "en");
    if (generic_file) generic = LetterTemplate::load(*generic_file, known_fields);
  }
  return TemplateSet(std::move(primary), std::move(generic), chosen, fell_back);
}

}  // namespace twinning::letters
