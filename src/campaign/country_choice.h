// Choosing a country by name for a campaign step (the foreign ministry's
// answer): the one rule that turns what a person typed — "Germany",
// "Германия", "DE" — into one ISO 3166-1 alpha-2 code, and the list of
// countries a person may choose from, named in the interface language.
// Country names in other languages than English come from ICU's display
// names (letters/language.h), never from a hand table. Safe wherever the
// Store is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/campaign.h"
#include "store/store.h"

namespace twinning::campaign {

// The ISO alpha-2 code of the country `text` names. Accepted: an ISO alpha-2
// code in any case ("DE", "de"), an alpha-3 code in capitals ("DEU"); a country's English
// common or official name, or its name in Russian or in `lang` (ICU),
// compared by name_key (case and accents ignored: "germany", "ГЕРМАНИЯ");
// failing an exact name, the beginning of exactly one country's name
// ("Germ"). Throws Error(kInvalidInput) naming `field` for blank text,
// Error(kNotFound) naming `field` when no country matches, and
// Error(kAmbiguous) naming `field` and listing the candidates ("Guinea
// (GN), Guinea-Bissau (GW)") when several do ("Gui"): a country is never
// guessed.
// O(countries).
std::string resolve_country(store::Store& store, std::string_view text, std::string_view lang,
                            std::string_view field = "country");

// A country as the chooser lists it.
struct CountryChoice {
  std::string iso2;
  std::string name;      // in the asked language (ICU), English where ICU has none
  std::string name_en;   // English common name
  bool reached = false;  // a city of it was contacted or its ministry has a state
  MinistryState state = MinistryState::kUnknown;
};

// The countries whose foreign-ministry answer the actor may record in
// campaign `id` (campaign/campaign_permissions.h: every country for a
// coordinator, its city's country for a correspondent, none for anyone
// else): the countries the campaign reached first, then the others, each
// group by name in `lang`. Throws Error(kNotFound) for an unknown campaign.
std::vector<CountryChoice> ministry_country_choices(store::Store& store, CampaignId id,
                                                    std::string_view lang);

}  // namespace twinning::campaign
