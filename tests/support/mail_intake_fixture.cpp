#include "support/mail_intake_fixture.h"

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

std::string mail_fixture(const std::string& name) {
  return ingest::read_file(std::string(TWINNING_SOURCE_DIR) + "/tests/data/mail/" + name);
}

}  // namespace twinning::testing
