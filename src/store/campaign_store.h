// The campaign tables: campaigns with their asks and originators, the
// cities each campaign reached, the countries' foreign-ministry stances, and
// the campaign's dated events. Plain reads and writes; the rules (which
// transition is allowed, what must be evidence) live in campaign/. Writes are
// audited in the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/campaign.h"
#include "store/store.h"

namespace twinning::store {

class CampaignStore {
 public:
  explicit CampaignStore(Store& store) : store_(store) {}

  // Inserts the campaign with its asks and originators; returns its id.
  // Throws Error(kConflict) if the code is taken.
  CampaignId create(const Campaign& campaign);
  std::optional<Campaign> get(CampaignId id);
  std::optional<Campaign> find_by_code(const std::string& code);
  std::vector<Campaign> list();
  // Sets the campaign's title in `lang` (a normalised BCP 47 tag), replacing
  // the one it had, auditing the campaign before and after. Throws
  // Error(kNotFound) for an unknown campaign.
  void put_title(CampaignId id, const std::string& lang, const std::string& title);

  std::optional<CampaignContact> contact(CampaignId id, CityId city);
  // Every contact, by wave then city id.
  std::vector<CampaignContact> contacts(CampaignId id);
  // Inserts a new contact (state letter_sent). Throws Error(kConflict) if the
  // city was already contacted in this campaign.
  void insert_contact(CampaignId id, const CampaignContact& contact);
  // Overwrites the stored contact of contact.city_id (state, dates, reply,
  // reminders), auditing before and after.
  void update_contact(CampaignId id, const CampaignContact& contact);

  std::optional<CountryStance> country(CampaignId id, const std::string& iso2);
  std::vector<CountryStance> countries(CampaignId id);
  // Inserts or overwrites the stance of stance.country, auditing before and
  // after under `action` (default "create" or "update").
  void put_country(CampaignId id, const CountryStance& stance, std::string_view action = "");
  // Removes the stored stance of stance.country, which thereby reads as
  // unknown again (the table holds no unknown rows), auditing the removed
  // row as before and `stance` (state unknown, with its notes) as after
  // under `action`. No-op if nothing is stored.
  void clear_country(CampaignId id, const CountryStance& stance, std::string_view action);

  // Appends an event; returns its id.
  std::int64_t add_event(CampaignId id, const CampaignEvent& event);
  // Events by date, then insertion order.
  std::vector<CampaignEvent> events(CampaignId id);
  // The id of the campaign's latest event, 0 if none: every change of a
  // campaign's state adds an event in the same transaction, so an equal id
  // means an unchanged state.
  std::int64_t latest_event_id(CampaignId id);

 private:
  Store& store_;
};

}  // namespace twinning::store
