#include "letters/composition.h"

#include <cstdio>
#include <map>

#include "letters/language.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/letter_store.h"

namespace twinning::letters {
namespace {

constexpr const char* kBlankNumber = "________";
constexpr const char* kBlankDate = "__________";

// City and country names in one language, each city read once.
class PlaceNames {
 public:
  PlaceNames(store::Store& store, std::string lang) : store_(store), lang_(std::move(lang)) {}

  // {city name, country name} of `city`, or {"", ""}.
  std::pair<std::string, std::string> of(std::optional<CityId> city) {
    if (!city) return {};
    auto it = cache_.find(*city);
    if (it != cache_.end()) return it->second;
    std::pair<std::string, std::string> names;
    if (auto c = store::CityStore(store_).get(*city)) {
      names.first = city_name_in(*c, lang_);
      auto country = store::CountryStore(store_).get(c->country);
      names.second = country_name_in(c->country, lang_, country ? country->name : c->country);
    }
    return cache_[*city] = names;
  }

 private:
  store::Store& store_;
  std::string lang_;
  std::map<CityId, std::pair<std::string, std::string>> cache_;
};

mstch::array string_array(const std::vector<std::string>& items) {
  mstch::array out;
  for (const auto& s : items) out.emplace_back(s);
  return out;
}

std::string human_size(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  }
  return buf;
}

void set_kind_flags(mstch::map& m, std::string_view kind) {
  m["kind"] = std::string(kind);
  m["is_reply"] = kind == "reply" || kind == "reply_to";
  m["is_forward"] = kind == "forward" || kind == "forward_of";
  m["is_reminder"] = kind == "reminder" || kind == "reminder_of";
  m["is_correction"] = kind == "correction" || kind == "correction_of";
}

// Lines of a merged line block: trimmed, runs of blank lines collapsed into
// one "" gap, no gap at either end.
std::vector<std::string> line_block(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line(trim(std::string_view(text).substr(start, end - start)));
    if (!line.empty() || (!out.empty() && !out.back().empty())) out.push_back(line);
    start = end + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// In a right-to-left letter, values written left to right inside a line
// (numbers, telephone numbers, e-mail addresses) are wrapped in U+2068
// FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, so that the bidi
// algorithm keeps "19-024/125рс" and "+7 8442 33-26-55" in their order
// inside an Arabic line. Only for printing: stored text stays unmarked.
void isolate_ltr_values(mstch::map& fields) {
  auto wrap = [](mstch::node& node) {
    auto* s = boost::get<std::string>(&node);
    if (s && !s->empty()) *s = "\xE2\x81\xA8" + *s + "\xE2\x81\xA9";
  };
  for (const char* key :
       {"number", "ref_number", "sender_phone", "sender_fax", "sender_email", "date_iso"}) {
    wrap(fields[key]);
  }
  if (auto* refs = boost::get<mstch::array>(&fields["references"])) {
    for (auto& item : *refs) {
      if (auto* m = boost::get<mstch::map>(&item)) wrap((*m)["number"]);
    }
  }
}

std::string joined_paragraphs(const std::string& text) {
  return join_list(split_paragraphs(text), "\n\n");
}

}  // namespace

const std::set<std::string>& letter_field_names() {
  static const std::set<std::string> names = {
      // the letter
      "lang", "kind", "is_reply", "is_forward", "is_reminder", "is_correction", "registered",
      "number", "date", "date_text", "date_iso",
      // sender
      "letterhead", "sender_city", "sender_country", "sender_address", "sender_phone", "sender_fax",
      "sender_email", "signatory_name", "signatory_title",
      // addressees
      "has_distribution_list", "addressees", "position", "title", "name", "address", "city",
      "country", "addressee_title", "addressee_name", "addressee_address", "addressee_city",
      "addressee_country",
      // text
      "subject", "salutation", "body", "paragraphs", "closing", "deadline", "deadline_text",
      "has_attachments", "attachments", "size",
      // references
      "ref_number", "ref_date", "ref_date_text", "ref_sender_city", "ref_subject", "ref_paragraphs",
      "references", "sender_city", "original_language"};
  return names;
}

mstch::map letter_fields(store::Store& store, const Letter& letter, std::size_t focus) {
  PlaceNames places(store, letter.lang);
  const std::string& lang = letter.lang;
  mstch::map m;
  m["lang"] = lang;
  set_kind_flags(m, letter_kind_name(letter.kind));
  m["registered"] = letter.registered();
  m["number"] = letter.registered() ? letter.number : std::string(kBlankNumber);
  m["date"] = letter.date ? format_reference_date(*letter.date, lang) : std::string(kBlankDate);
  m["date_text"] = letter.date ? format_long_date(*letter.date, lang) : std::string(kBlankDate);
  m["date_iso"] = letter.date ? letter.date->to_string() : std::string();

  const LetterSender& s = letter.sender;
  auto [sender_city, sender_country] = places.of(s.city_id);
  m["letterhead"] = s.letterhead;
  m["sender_city"] = sender_city;
  m["sender_country"] = sender_country;
  m["sender_address"] = s.address;
  m["sender_phone"] = s.phone;
  m["sender_fax"] = s.fax;
  m["sender_email"] = s.email;
  m["signatory_name"] = s.signatory_name;
  m["signatory_title"] = s.signatory_title;

  mstch::array addressees;
  for (std::size_t i = 0; i < letter.addressees.size(); ++i) {
    const Addressee& a = letter.addressees[i];
    auto [city, country] = places.of(a.city_id);
    mstch::map item{{"position", std::to_string(i + 1)},
                    {"title", a.title},
                    {"name", a.name},
                    {"address", a.address},
                    {"city", city},
                    {"country", country}};
    if (i == focus || (focus >= letter.addressees.size() && i == 0)) {
      m["addressee_title"] = a.title;
      m["addressee_name"] = a.name;
      m["addressee_address"] = a.address;
      m["addressee_city"] = city;
      m["addressee_country"] = country;
    }
    addressees.emplace_back(std::move(item));
  }
  for (const char* k : {"addressee_title", "addressee_name", "addressee_address", "addressee_city",
                        "addressee_country"}) {
    if (!m.count(k)) m[k] = std::string();
  }
  m["has_distribution_list"] = letter.addressees.size() > kMaxAddresseesOnLetter;
  m["addressees"] = addressees;

  m["subject"] = letter.subject;
  m["salutation"] = letter.salutation;
  m["body"] = letter.body;
  m["paragraphs"] = string_array(split_paragraphs(letter.body));
  m["closing"] = letter.closing;
  m["deadline"] = letter.response_deadline ? format_reference_date(*letter.response_deadline, lang)
                                           : std::string();
  m["deadline_text"] =
      letter.response_deadline ? format_long_date(*letter.response_deadline, lang) : std::string();
  mstch::array attachments;
  for (const auto& a : letter.attachments) {
    attachments.emplace_back(mstch::map{{"name", a.name}, {"size", human_size(a.size)}});
  }
  m["has_attachments"] = !letter.attachments.empty();
  m["attachments"] = attachments;

  mstch::array references;
  store::LetterStore letters(store);
  for (std::size_t i = 0; i < letter.links.size(); ++i) {
    const LetterLink& link = letter.links[i];
    auto target = letters.get(link.target);
    if (!target) continue;
    CitedNumber cited = cited_number(*target);
    std::string ref_date = cited.date ? format_reference_date(*cited.date, lang) : "";
    std::string ref_date_text = cited.date ? format_long_date(*cited.date, lang) : "";
    std::string ref_city = places.of(target->sender.city_id).first;
    mstch::map item{{"number", cited.number},
                    {"date", ref_date},
                    {"date_text", ref_date_text},
                    {"sender_city", ref_city},
                    {"subject", target->subject}};
    set_kind_flags(item, letter_link_kind_name(link.kind));
    references.emplace_back(item);
    if (!m.count("ref_number")) {
      m["ref_number"] = cited.number;
      m["ref_date"] = ref_date;
      m["ref_date_text"] = ref_date_text;
      m["ref_sender_city"] = ref_city;
      m["ref_subject"] = target->subject;
      m["ref_paragraphs"] = string_array(split_paragraphs(target->body));
    }
  }
  if (!m.count("ref_number")) {
    for (const char* k :
         {"ref_number", "ref_date", "ref_date_text", "ref_sender_city", "ref_subject"}) {
      m[k] = std::string();
    }
    m["ref_paragraphs"] = mstch::array{};
  }
  m["references"] = references;
  return m;
}

void merge_content(store::Store& store, const TemplateSet& templates, Letter& letter) {
  for (std::size_t i = 0; i < letter.addressees.size(); ++i) {
    Addressee& a = letter.addressees[i];
    if (!trim(a.title).empty() || !templates.defines("addressee-title")) continue;
    a.title =
        std::string(trim(templates.render("addressee-title", letter_fields(store, letter, i))));
  }
  mstch::map fields = letter_fields(store, letter);
  if (templates.defines("subject")) {
    letter.subject = join_list(split_paragraphs(templates.render("subject", fields)), " ");
  }
  if (templates.defines("salutation")) {
    letter.salutation = joined_paragraphs(templates.render("salutation", fields));
  }
  if (templates.defines("body")) letter.body = joined_paragraphs(templates.render("body", fields));
  if (templates.defines("closing")) {
    letter.closing = joined_paragraphs(templates.render("closing", fields));
  }
}

LetterDocument compose_document(store::Store& store, const TemplateSet& templates,
                                const Letter& letter) {
  mstch::map fields = letter_fields(store, letter);
  if (is_right_to_left(letter.lang)) isolate_ltr_values(fields);
  LetterDocument doc;
  doc.lang = letter.lang;
  doc.layout =
      primary_language(letter.lang) == "ru" ? LetterLayout::kGost : LetterLayout::kBusiness;
  doc.title = letter.registered() ? "No " + letter.number + " of " + letter.date->to_string()
                                  : "Draft letter #" + std::to_string(letter.id);
  if (!letter.subject.empty()) doc.title += " — " + letter.subject;
  doc.letterhead = line_block(templates.render("letterhead", fields));
  doc.registration = line_block(templates.render("registration", fields));
  doc.addressee = line_block(templates.render("addressee", fields));
  if (letter.addressees.size() > kMaxAddresseesOnLetter) {
    doc.distribution = line_block(templates.render("distribution", fields));
    if (doc.distribution.empty()) {
      fields["has_distribution_list"] = false;
      doc.distribution = line_block(templates.render("addressee", fields));
    }
  }
  doc.signature = line_block(templates.render("signature", fields));
  while (!doc.signature.empty() && doc.signature.front().empty())
    doc.signature.erase(doc.signature.begin());
  doc.subject = letter.subject;
  doc.salutation = split_paragraphs(letter.salutation);
  doc.body = split_paragraphs(letter.body);
  doc.closing = split_paragraphs(letter.closing);
  return doc;
}

LetterDocument compose_letter(store::Store& store, const TemplateLibrary& library,
                              const Letter& letter) {
  LetterDocument doc = compose_document(store, templates_for(library, letter), letter);
  if (letter.courtesy_lang.empty()) return doc;
  const std::string& lang = letter.courtesy_lang;
  const char* section =
      letter.courtesy_translation.empty() ? "original-only" : "courtesy-translation";
  // The recipient's frame when it has the wording, else English.
  std::string frame = "en";
  if (library.has(kGenericTemplate, lang) &&
      library.load(kGenericTemplate, lang, letter_field_names()).defines(section)) {
    frame = lang;
  }
  TemplateSet set = library.load(kGenericTemplate, frame, letter_field_names());
  mstch::map fields{{"original_language", language_name_in(letter.lang, frame)}};
  std::string text = join_list(split_paragraphs(set.render(section, fields)), " ");
  doc.translation_lang = frame;
  if (letter.courtesy_translation.empty()) {
    doc.note = text;
  } else {
    doc.translation_lang = lang;
    doc.translation = {text};
    for (auto& p : split_paragraphs(letter.courtesy_translation)) {
      doc.translation.push_back(std::move(p));
    }
  }
  return doc;
}

TemplateSet templates_for(const TemplateLibrary& library, const Letter& letter) {
  const std::string& name =
      letter.template_name.empty() ? std::string(kGenericTemplate) : letter.template_name;
  if (library.has(name, letter.lang) || library.has(name, "en")) {
    return library.load(name, letter.lang, letter_field_names());
  }
  return library.load(kGenericTemplate, letter.lang, letter_field_names());
}

}  // namespace twinning::letters
