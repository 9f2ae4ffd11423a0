#include "support/mail_intake_fixture.h"

#include <cstdlib>

#include "campaign/demo_2013.h"
#include "ingest/files.h"
#include "letters/letter_reading.h"
#include "registry/registry.h"
#include "store/city_store.h"

namespace twinning::testing {
namespace {

void set_email(store::Store& store, CityId city, const std::string& email) {
  CityDetails d;
  d.email = email;
  registry::update_city(store, city, d);
}

}  // namespace

MailIntakeWorld add_mail_intake_world(store::Store& store, const ScratchDir& dir) {
  MailIntakeWorld m;
  m.w = add_campaign_world(store);
  City c;
  c.name = "Chemnitz";
  c.country = "DE";
  c.languages = {"de"};
  m.chemnitz = store::CityStore(store).create(c);
  Link l;
  l.city_a = m.w.volgograd;
  l.city_b = m.chemnitz;
  registry::add_link(store, l);
  set_email(store, m.w.cologne, "oberbuergermeister@stadt-koeln.de");
  set_email(store, m.chemnitz, "Buergermeisteramt@stadt-chemnitz.de");
  set_email(store, m.w.hiroshima, "peace@city.hiroshima.example");
  m.campaign = campaign::load_demo_2013(store, shipped_templates(), dir.file("absent.csv")).campaign;
  m.appeal = letters::resolve_letter(store, "19-024/125рс");
  return m;
}

mail::MailAccount test_mail_account(const TestMailServers& servers, OfficeId office,
                                    const std::string& password_env) {
  setenv(password_env.c_str(), servers.password.c_str(), 1);
  mail::MailAccount a;
  a.office_id = office;
  a.smtp_url = servers.smtp_url;
  a.smtp_user = servers.user;
  a.from_address = "office@volgograd.example";
  a.reply_address = "office@volgograd.example";
  a.imap_url = servers.imap_url;
  a.imap_user = servers.user;
  a.password_source = "env:" + password_env;
  a.ca_file = servers.ca_file;
  return a;
}

std::string mail_fixture(const std::string& name) {
  return ingest::read_file(std::string(TWINNING_SOURCE_DIR) + "/tests/data/mail/" + name);
}

}  // namespace twinning::testing
