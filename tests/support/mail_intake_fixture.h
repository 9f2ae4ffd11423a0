// The 2013 demo set up for the mail intake's tests: the campaign world
// (campaign_fixtures.h) with Chemnitz as a fourth twin of Volgograd, e-mail
// addresses for Cologne, Chemnitz and Hiroshima, and the demo loaded, so
// that Volgograd's circular No 19-024/125рс went to Cologne, Hiroshima,
// Ruse and Chemnitz. And the .eml fixtures of tests/data/mail/.
#pragma once

#include <string>

#include "mail/mail_account.h"
#include "support/campaign_fixtures.h"
#include "support/mail_servers.h"
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

// An account for `office` on the test mail servers: SMTP submission and the
// test user's IMAP mailbox as its reply mailbox, From and reply address
// office@volgograd.example, and the password read from the environment
// variable `password_env`, which this sets to the servers' password. Not
// stored: pass it to mail::set_mail_account.
mail::MailAccount test_mail_account(const TestMailServers& servers, OfficeId office,
                                    const std::string& password_env);

// The bytes of tests/data/mail/`name`.
std::string mail_fixture(const std::string& name);

}  // namespace twinning::testing
