// Setting a campaign up: creating it, its titles per language. The
// campaign's other steps: campaign_waves.cpp (letters going out) and
// campaign_answers.cpp (what comes back); its reads: campaign_reads.cpp.
#include "campaign/campaigns.h"

#include <set>

#include "campaign/campaign_steps.h"
#include "letters/language.h"
#include "model/error.h"
#include "model/text.h"
#include "store/city_store.h"
#include "store/country_store.h"

namespace twinning::campaign {
namespace {

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 48) return false;
  for (char ch : code) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    if (!ok) return false;
  }
  return true;
}

// A campaign title in `lang` as stored: the tag normalised (Error naming
// "lang"), the title trimmed, non-empty and UTF-8 (Error naming "title").
std::pair<std::string, std::string> checked_title(std::string_view lang, std::string_view title) {
  std::string tag = letters::normalize_language_tag(lang, "lang");
  std::string text(trim(title));
  if (text.empty() || !is_valid_utf8(text)) {
    throw_invalid("the campaign's title in " + tag + " may not be empty", "title");
  }
  return {tag, text};
}

}  // namespace

CampaignId create_campaign(store::Store& store, const CampaignRequest& r) {
  require_coordinator(store);
  if (!valid_code(r.code)) {
    throw_invalid(
        "campaign code '" + r.code + "' must be 1-48 lower-case letters, digits, '-' or '_'",
        "code");
  }
  if (trim(r.title).empty()) throw_invalid("a campaign needs a title", "title");
  for (const auto* s : {&r.title, &r.initiative, &r.template_name, &r.target}) {
    if (!is_valid_utf8(*s)) throw_invalid("campaign text must be valid UTF-8", "title");
  }
  for (const auto& ask : r.asks) {
    if (trim(ask).empty() || !is_valid_utf8(ask)) throw_invalid("an ask may not be empty", "asks");
  }
  if (r.originators.empty()) throw_invalid("a campaign needs an originating city", "originators");
  std::set<CityId> unique(r.originators.begin(), r.originators.end());
  if (unique.size() != r.originators.size()) {
    throw_invalid("an originating city is named twice", "originators");
  }
  if (r.reply_days < 1) throw_invalid("reply_days must be at least 1", "reply_days");
  if (r.starts_on && r.ends_on && *r.ends_on < *r.starts_on) {
    throw_invalid("the campaign ends before it starts", "ends_on");
  }
  Campaign c;
  c.code = r.code;
  c.title = std::string(trim(r.title));
  for (const auto& [lang, title] : r.titles) c.titles.insert(checked_title(lang, title));
  c.initiative = r.initiative;
  c.asks = r.asks;
  c.originators = r.originators;
  c.template_name = r.template_name;
  c.target = r.target;
  c.member_states = r.member_states.value_or(store::CountryStore(store).un_member_count());
  c.majority_needed = r.majority_needed.value_or(c.member_states / 2 + 1);
  if (c.member_states < 1) throw_invalid("member_states must be at least 1", "member_states");
  if (c.majority_needed < 1 || c.majority_needed > c.member_states) {
    throw_invalid("majority_needed must lie in 1.." + std::to_string(c.member_states),
                  "majority_needed");
  }
  c.starts_on = r.starts_on;
  c.ends_on = r.ends_on;
  c.reply_days = r.reply_days;
  return store.db().write_transaction([&] {
    for (CityId o : c.originators) store::CityStore(store).require(o);
    CampaignId id = campaign_store(store).create(c);
    add_event(store, id, r.starts_on.value_or(today_utc()), CampaignEventKind::kCreated,
              std::nullopt, "", std::nullopt, c.title);
    return id;
  });
}

Campaign set_campaign_title(store::Store& store, CampaignId id, std::string_view lang,
                            std::string_view title) {
  require_coordinator(store);
  // Not a structured binding: clang 14 (the sanitizer build) cannot capture one.
  const auto checked = checked_title(lang, title);
  return store.db().write_transaction([&] {
    get_campaign(store, id);
    campaign_store(store).put_title(id, checked.first, checked.second);
    return get_campaign(store, id);
  });
}

}  // namespace twinning::campaign
