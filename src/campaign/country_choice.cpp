#include "campaign/country_choice.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "campaign/campaign_permissions.h"
#include "campaign/campaign_status.h"
#include "letters/language.h"
#include "model/error.h"
#include "model/text.h"
#include "store/campaign_store.h"
#include "store/country_store.h"

namespace twinning::campaign {
namespace {

// The name keys a country answers to: English common and official names,
// and its ICU names in Russian and in `lang`.
std::vector<std::string> name_keys(const Country& c, std::string_view lang) {
  std::vector<std::string> keys = {name_key(c.name), name_key(c.name_official)};
  for (std::string_view l : {std::string_view("ru"), lang}) {
    keys.push_back(name_key(letters::country_name_in(c.iso2, l, c.name)));
  }
  keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
  return keys;
}

bool all_capitals(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

std::string label(const Country& c) { return c.name + " (" + c.iso2 + ")"; }

}  // namespace

std::string resolve_country(store::Store& store, std::string_view text, std::string_view lang,
                            std::string_view field) {
  std::string typed(trim(text));
  if (typed.empty()) throw_invalid("name a country", std::string(field));
  auto countries = store::CountryStore(store).all();
  // Two letters are an alpha-2 code in any case (the API has always taken
  // "de"); three are an alpha-3 code in capitals only, since "Aus" begins
  // names as well.
  std::string upper_typed = typed;
  for (char& ch : upper_typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  bool two = typed.size() == 2 && all_capitals(upper_typed);
  bool three = typed.size() == 3 && all_capitals(typed);
  for (const auto& c : countries) {
    if ((two && c.iso2 == upper_typed) || (three && c.iso3 == typed)) return c.iso2;
  }
  std::string key = name_key(typed);
  std::vector<const Country*> exact, starts;
  for (const auto& c : countries) {
    bool is = false, begins = false;
    for (const auto& k : name_keys(c, lang)) {
      is = is || k == key;
      begins = begins || k.compare(0, key.size(), key) == 0;
    }
    if (is) exact.push_back(&c);
    if (begins) starts.push_back(&c);
  }
  const auto& found = exact.empty() ? starts : exact;
  if (found.size() == 1) return found[0]->iso2;
  if (found.empty()) {
    throw_not_found("no country is named '" + typed + "'", std::string(field));
  }
  std::string names;
  for (std::size_t i = 0; i < found.size() && i < 8; ++i) {
    names += (i ? ", " : "") + label(*found[i]);
  }
  if (found.size() > 8) names += ", …";
  throw Error(ErrorCode::kAmbiguous, "'" + typed + "' may be " + names + ": name one",
              std::string(field));
}

std::vector<CountryChoice> ministry_country_choices(store::Store& store, CampaignId id,
                                                    std::string_view lang) {
  auto progress = country_progress(store, id);
  auto stances = store::CampaignStore(store).countries(id);
  std::vector<std::pair<std::string, CountryChoice>> keyed;
  for (const auto& c : store::CountryStore(store).all()) {
    if (!may_record_for_country(store, c.iso2)) continue;
    CountryChoice choice;
    choice.iso2 = c.iso2;
    choice.name_en = c.name;
    choice.name = letters::country_name_in(c.iso2, lang, c.name);
    choice.reached = progress.count(c.iso2) > 0;
    for (const auto& s : stances) {
      if (s.country == c.iso2) choice.state = s.state;
    }
    std::string sort_key = (choice.reached ? "0" : "1") + name_key(choice.name);
    keyed.emplace_back(std::move(sort_key), std::move(choice));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CountryChoice> out;
  out.reserve(keyed.size());
  for (auto& [k, c] : keyed) out.push_back(std::move(c));
  return out;
}

}  // namespace twinning::campaign
