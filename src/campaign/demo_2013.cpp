#include "campaign/demo_2013.h"

#include <random>

#include "campaign/campaigns.h"
#include "ingest/country_resolver.h"
#include "ingest/wikipedia_csv.h"
#include "letters/correspondence.h"
#include "letters/offices.h"
#include "model/error.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "store/campaign_store.h"
#include "store/city_store.h"
#include "store/country_store.h"
#include "store/link_store.h"

namespace twinning::campaign {
namespace {

constexpr const char* kSource =
    "Letter of the Head of Volgograd No 19-024/125рс of 2013-09-06";

const char* kAsks[] = {
    "Obtain the written approval of your country's Ministry of Foreign Affairs, stating its "
    "readiness to support the resolution at the UN General Assembly.",
    "Inform Volgograd of the decision by official letter.",
    "Send a copy of this letter to your own twin and partner cities.",
    "Tell Volgograd whether the states of those cities are ready to join the initiative.",
};

const char* kInitiative =
    "In autumn 2012 Coventry and Volgograd, the founders of the international twin cities "
    "movement, decided to ask their governments to seek a resolution of the UN General "
    "Assembly declaring 2014 the Year of the International Twin Cities Movement. The Ministry "
    "of Foreign Affairs of Russia views the initiative favourably.";

CityId find_or_import(store::Store& store, const std::string& reference,
                      const std::string& world_csv, DemoReport& report) {
  try {
    return registry::resolve_city(store, reference);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kNotFound || report.imported_world) throw;
  }
  ingest::import_wikipedia_csv_file(store, world_csv);
  report.imported_world = true;
  return registry::resolve_city(store, reference);
}

OfficeId find_or_add_office(store::Store& store, const letters::OfficeRequest& request) {
  for (const auto& o : letters::list_offices(store, request.city_id)) {
    if (o.code == request.code) return o.id;
  }
  return letters::add_office(store, request);
}

void describe_volgograd(store::Store& store, CityId id) {
  CityDetails d;
  d.head_name = "V. D. Vasilkov";
  d.head_title = "Head of Volgograd";
  d.postal_address = "9 Sovetskaya St., Volgograd, 400066, Russia";
  d.phone = "(8442) 33-26-55";
  d.fax = "(8442) 55-17-13";
  d.languages = std::vector<std::string>{"ru"};
  store::CityStore cities(store);
  cities.update(id, d);
  cities.add_name(id, {"Волгоград", "ru", "local", {}, {}});
  cities.add_name(id, {"Tsaritsyn", "en", "former", {}, parse_partial_date("1925-04-10")});
  cities.add_name(id, {"Царицын", "ru", "former", {}, parse_partial_date("1925-04-10")});
  cities.add_name(id, {"Stalingrad", "en", "former", parse_partial_date("1925-04-10"),
                       parse_partial_date("1961-11-10")});
  cities.add_name(id, {"Сталинград", "ru", "former", parse_partial_date("1925-04-10"),
                       parse_partial_date("1961-11-10")});
}

void describe_coventry(store::Store& store, CityId id) {
  CityDetails d;
  d.head_title = "Lord Mayor of Coventry";
  d.languages = std::vector<std::string>{"en"};
  store::CityStore(store).update(id, d);
}

OfficeId volgograd_office(store::Store& store, CityId volgograd) {
  letters::OfficeRequest r;
  r.code = "volgograd";
  r.city_id = volgograd;
  r.name = "Администрация Волгограда";
  r.outgoing_pattern = "19-024/{seq}рс";
  r.incoming_pattern = "ВХ-{seq}";
  OfficeId office = find_or_add_office(store, r);
  OfficeRequisites ru;
  ru.lang = "ru";
  ru.letterhead = "ГЛАВА ВОЛГОГРАДА";
  ru.signatory_name = "В.Д. Васильков";
  ru.signatory_title = "Глава Волгограда";
  ru.address = "400066, г. Волгоград, ул. Советская, 9";
  ru.phone = "(8442) 33-26-55";
  ru.fax = "(8442) 55-17-13";
  letters::set_office_requisites(store, office, ru);
  OfficeRequisites en;
  en.lang = "en";
  en.letterhead = "HEAD OF VOLGOGRAD";
  en.signatory_name = "V. D. Vasilkov";
  en.signatory_title = "Head of Volgograd";
  en.address = "9 Sovetskaya St., Volgograd, 400066, Russia";
  en.phone = "+7 (8442) 33-26-55";
  en.fax = "+7 (8442) 55-17-13";
  letters::set_office_requisites(store, office, en);
  return office;
}

OfficeId coventry_office(store::Store& store, CityId coventry) {
  letters::OfficeRequest r;
  r.code = "coventry";
  r.city_id = coventry;
  r.name = "Coventry City Council";
  r.outgoing_pattern = "CCC/{yyyy}/{seq}";
  r.incoming_pattern = "CCC/IN/{yyyy}/{seq}";
  r.yearly_restart = true;
  OfficeId office = find_or_add_office(store, r);
  OfficeRequisites en;
  en.lang = "en";
  en.letterhead = "COVENTRY CITY COUNCIL";
  en.signatory_title = "Lord Mayor of Coventry";
  letters::set_office_requisites(store, office, en);
  return office;
}

}  // namespace

DemoReport load_demo_2013(store::Store& store, const letters::TemplateLibrary& templates,
                          const std::string& world_csv) {
  DemoReport report;
  if (auto existing = store::CampaignStore(store).find_by_code(kDemoCampaignCode)) {
    report.already_loaded = true;
    report.campaign = existing->id;
    return report;
  }
  if (store::CountryStore(store).all().empty()) ingest::load_reference_countries(store);
  store.db().write_transaction([&] {
    CityId volgograd = find_or_import(store, "Volgograd, RU", world_csv, report);
    CityId coventry = find_or_import(store, "Coventry, GB", world_csv, report);
    describe_volgograd(store, volgograd);
    describe_coventry(store, coventry);

    Link link;
    link.city_a = coventry;
    link.city_b = volgograd;
    link.kind = LinkKind::kTwin;
    link.since = parse_partial_date("1944-06-10");
    link.source = kSource;
    link.notes =
        "Taken as the first twinning in history: Coventry City Council's declaration of "
        "\"bonds of friendship\" with Stalingrad, reported by the local newspaper on 10 June "
        "1944 and accepted by Stalingrad.";
    registry::add_link(store, link);
    registry::add_link_event(
        store, coventry, volgograd, parse_partial_date("1941"),
        "Autumn 1941: first contacts — letters of support exchanged; money collected in "
        "Coventry to help Stalingrad",
        kSource);
    registry::add_link_event(
        store, coventry, volgograd, parse_partial_date("1944-06-10"),
        "Coventry City Council declares \"bonds of friendship\" with Stalingrad; Stalingrad "
        "accepts — the first twinning in history",
        kSource);

    volgograd_office(store, volgograd);
    coventry_office(store, coventry);

    CampaignRequest r;
    r.code = kDemoCampaignCode;
    r.title = "2014 — Year of the International Twin Cities Movement";
    // The title is English; the seed letter gives no Russian one, so the
    // Russian circular takes its template's subject.
    r.titles = {{"en", r.title}};
    r.initiative = kInitiative;
    r.asks.assign(std::begin(kAsks), std::end(kAsks));
    r.originators = {volgograd, coventry};
    r.template_name = "appeal-2013";
    r.target = "UN General Assembly resolution";
    r.majority_needed = 97;
    r.member_states = 193;
    r.starts_on = parse_partial_date("2013-09-06");
    r.reply_days = 60;
    report.campaign = create_campaign(store, r);

    SendOptions from_volgograd;
    from_volgograd.from = volgograd;
    from_volgograd.date = parse_partial_date("2013-09-06");
    from_volgograd.circular = true;
    from_volgograd.number = "19-024/125рс";
    auto w1 = send_wave(store, templates, report.campaign, from_volgograd);
    // Coventry sent the same letter to its own twins; its number and exact
    // date are not in the seed, so it is registered under Coventry's own
    // numbering on the date of Volgograd's letter.
    SendOptions from_coventry;
    from_coventry.from = coventry;
    from_coventry.date = parse_partial_date("2013-09-06");
    from_coventry.circular = true;
    auto w2 = send_wave(store, templates, report.campaign, from_coventry);
    report.letters_registered = (w1.sent.empty() ? 0 : 1) + (w2.sent.empty() ? 0 : 1);
    report.cities_contacted = static_cast<int>(w1.sent.size() + w2.sent.size());
  });
  return report;
}

SimulationReport simulate_2013(store::Store& store, const letters::TemplateLibrary& templates,
                               const SimulationOptions& options) {
  if (options.comply < 0 || options.comply > 1) throw_invalid("comply must lie in 0..1", "comply");
  if (options.endorse < 0 || options.endorse > 1) {
    throw_invalid("endorse must lie in 0..1", "endorse");
  }
  store::CampaignStore campaigns(store);
  auto demo = campaigns.find_by_code(kDemoCampaignCode);
  if (!demo) throw_not_found("load the demo first: twinning demo", "campaign");
  if (campaigns.find_by_code(kSimulatedCampaignCode)) {
    throw_conflict("the simulated campaign " + std::string(kSimulatedCampaignCode) +
                       " exists already",
                   "campaign");
  }
  SimulationReport report;
  std::mt19937_64 rng(options.rng);
  std::bernoulli_distribution complies(options.comply), endorses(options.endorse);
  std::uniform_int_distribution<int> delay(10, 45);
  store.db().write_transaction([&] {
    CampaignRequest r;
    r.code = kSimulatedCampaignCode;
    r.title = "SIMULATED — " + demo->title;
    r.initiative = "A simulated course of the 2013 campaign under the compliance-cascade model "
                   "(p = " + std::to_string(options.comply) + ", q = " +
                   std::to_string(options.endorse) + "). Nothing in it happened.";
    r.asks = demo->asks;
    r.originators = demo->originators;
    r.template_name = demo->template_name;
    r.majority_needed = demo->majority_needed;
    r.member_states = demo->member_states;
    r.starts_on = demo->starts_on;
    r.reply_days = demo->reply_days;
    report.campaign = create_campaign(store, r);
    PartialDate start = demo->starts_on.value_or(parse_partial_date("2013-09-06"));
    for (CityId o : demo->originators) {
      SendOptions s;
      s.from = o;
      s.date = start;
      s.circular = true;
      send_wave(store, templates, report.campaign, s);
    }
    OfficeId evidence_office = letters::office_of_city(store, demo->originators.front()).id;
    for (int wave = 1; wave <= options.max_waves; ++wave) {
      for (const auto& contact : campaigns.contacts(report.campaign)) {
        if (contact.wave != wave || contact.state != ContactState::kLetterSent) continue;
        if (!complies(rng)) continue;
        PartialDate when = date_from_days(days_since_epoch(*contact.sent_on) + delay(rng));
        ReplyRequest reply;
        reply.city = contact.city_id;
        reply.date = when;
        reply.asked_ministry = true;
        reply.subject = "SIMULATED reply";
        reply.body = "Simulated: the city supports the initiative and asked its foreign ministry.";
        record_reply(store, report.campaign, reply);
        ++report.replies;
        if (wave < options.max_waves) {
          ForwardRequest fwd;
          fwd.city = contact.city_id;
          fwd.date = when;
          if (!record_forward(store, templates, report.campaign, fwd).sent.empty()) {
            ++report.forwards;
          }
        }
        std::string country = store::CityStore(store).require(contact.city_id).country;
        auto stance = campaigns.country(report.campaign, country);
        if (stance && stance->state == MinistryState::kEndorsed) continue;
        if (!endorses(rng)) continue;
        letters::IncomingRequest in;
        in.office = evidence_office;
        in.sender.letterhead = "Ministry of Foreign Affairs of " + country + " (SIMULATED)";
        in.lang = "en";
        in.subject = "SIMULATED: support for the UN General Assembly resolution";
        in.body = "Simulated answer of the foreign ministry. Nothing in it happened.";
        PartialDate answered = date_from_days(days_since_epoch(when) + delay(rng));
        auto reg = letters::register_incoming(store, in, letters::RegisterOptions{answered, ""});
        MinistryAnswer a;
        a.country = country;
        a.endorsed = true;
        a.evidence = reg.id;
        a.notes = "SIMULATED";
        record_ministry_answer(store, report.campaign, a);
        ++report.endorsements;
      }
    }
  });
  return report;
}

}  // namespace twinning::campaign
