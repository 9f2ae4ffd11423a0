#include "support/campaign_fixtures.h"

#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "letters/offices.h"
#include "registry/registry.h"
#include "store/city_store.h"

namespace twinning::testing {
namespace {

CityId add_city(store::Store& store, const std::string& name, const std::string& cc,
                const std::string& lang) {
  City c;
  c.name = name;
  c.country = cc;
  c.languages = {lang};
  return store::CityStore(store).create(c);
}

void link(store::Store& store, CityId a, CityId b) {
  Link l;
  l.city_a = a;
  l.city_b = b;
  registry::add_link(store, l);
}

}  // namespace

CampaignWorld add_campaign_world(store::Store& store) {
  CampaignWorld w;
  w.volgograd = add_city(store, "Volgograd", "RU", "ru");
  w.coventry = add_city(store, "Coventry", "GB", "en");
  w.cologne = add_city(store, "Cologne", "DE", "de");
  w.hiroshima = add_city(store, "Hiroshima", "JP", "ja");
  w.ruse = add_city(store, "Ruse", "BG", "bg");
  w.kiel = add_city(store, "Kiel", "DE", "de");
  w.dresden = add_city(store, "Dresden", "DE", "de");
  w.lille = add_city(store, "Lille", "FR", "fr");
  w.turin = add_city(store, "Turin", "IT", "it");
  for (CityId t : {w.cologne, w.hiroshima, w.ruse}) link(store, w.volgograd, t);
  for (CityId t : {w.cologne, w.kiel, w.dresden}) link(store, w.coventry, t);
  for (CityId t : {w.lille, w.turin}) link(store, w.cologne, t);
  letters::OfficeRequest v;
  v.code = "volgograd";
  v.city_id = w.volgograd;
  v.outgoing_pattern = "19-024/{seq}рс";
  w.volgograd_office = letters::add_office(store, v);
  letters::OfficeRequest c;
  c.code = "coventry";
  c.city_id = w.coventry;
  c.outgoing_pattern = "CCC/{yyyy}/{seq}";
  w.coventry_office = letters::add_office(store, c);
  return w;
}

CampaignId add_test_campaign(store::Store& store, const CampaignWorld& w) {
  campaign::CampaignRequest r;
  r.code = "test";
  r.title = "Test campaign";
  r.asks = {"Ask your ministry", "Tell us"};
  r.originators = {w.volgograd, w.coventry};
  r.reply_days = 30;
  return campaign::create_campaign(store, r);
}

letters::TemplateLibrary shipped_templates() {
  return letters::TemplateLibrary(std::string(TWINNING_SOURCE_DIR) + "/templates");
}

Actor actor_of(Role role, std::optional<CityId> city) {
  Actor a;
  a.user_id = 7;
  a.name = std::string("test-") + std::string(role_name(role));
  a.role = role;
  a.city = city;
  return a;
}

campaign::WaveResult CampaignWorldTest::send_all() {
  campaign::SendOptions o;
  o.date = d0;
  return campaign::send_wave(*store, templates, id, o);
}

LetterId CampaignWorldTest::incoming_letter(const std::string& from) {
  letters::IncomingRequest in;
  in.office = w.volgograd_office;
  in.sender.letterhead = from;
  in.subject = "Answer";
  return letters::register_incoming(*store, in,
                                    letters::RegisterOptions{parse_full_date("2013-11-01"), ""})
      .id;
}

}  // namespace twinning::testing
