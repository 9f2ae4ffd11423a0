// The 2013 demo set up for the mail intake's tests: the campaign world
// (campaign_fixtures.h) with Chemnitz as a fourth twin of Volgograd, e-mail
// addresses for Cologne, Chemnitz and Hiroshima, and the demo loaded, so
// that Volgograd's circular No 19-024/125рс went to Cologne, Hiroshima,
// Ruse and Chemnitz. And the .eml fixtures of tests/data/mail/.
#pragma once

#include <string>

#include "support/campaign_fixtures.h"
#include "support/test_support.h"

namespace twinning::testing {

struct MailIntakeWorld {
  CampaignWorld w;
  CityId chemnitz = 0;
  CampaignId campaign = 0;  // the demo's campaign
  LetterId appeal = 0;      // 19-024/125рс
};

// Builds the world above in `store` (a migrated store with the reference
// countries); `dir` holds nothing the demo needs.
MailIntakeWorld add_mail_intake_world(store::Store& store, const ScratchDir& dir);

// The bytes of tests/data/mail/`name`.
std::string mail_fixture(const std::string& name);

}  // namespace twinning::testing
