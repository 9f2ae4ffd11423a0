// CLI commands of campaigns: campaign new|list|show|title|send|receive|reply|
// forward|ask|correct-ministry|status|remind|timeline|chain, and endorse
// (the 2013 demo: demo_commands.cpp).
#include <array>
#include <iostream>
#include <memory>

#include "campaign/campaign_json.h"
#include "campaign/campaign_status.h"
#include "campaign/campaigns.h"
#include "cli/cli_context.h"
#include "letters/correspondence.h"
#include "model/campaign_json.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

std::optional<PartialDate> opt_date(const std::string& text, const char* field) {
  return parse_optional_date(text, field);
}

void print_wave(store::Store& store, const campaign::WaveResult& w) {
  for (const auto& s : w.sent) {
    std::cout << "sent No " << s.number << " to " << registry::city_label(store, s.city_id)
              << " (from " << registry::city_label(store, s.from) << ")\n";
  }
  for (const auto& s : w.skipped) {
    std::cout << "skipped " << registry::city_label(store, s.city_id) << ": " << s.reason << '\n';
  }
  std::cout << w.sent.size() << " letters registered, " << w.skipped.size() << " skipped\n";
}

void print_status(const campaign::CampaignStatus& s) {
  const Campaign& c = s.campaign;
  std::cout << c.title << "  [" << c.code << "]\n"
            << "target: " << c.target << " — " << s.un_members_endorsing << " of "
            << s.majority_needed << " UN member states needed (of " << s.member_states << ")"
            << (s.majority_reached ? "  MAJORITY REACHED" : "") << '\n'
            << "cities: " << s.cities_contacted << " contacted, " << s.cities_received
            << " received, " << s.cities_replied << " replied, " << s.cities_forwarded
            << " forwarded, " << s.cities_awaiting << " awaiting (" << s.cities_overdue
            << " overdue); deepest wave " << s.max_wave << '\n'
            << "countries: " << s.countries_reached << " reached (" << s.un_members_reached
            << " UN members), " << s.un_members_endorsing << " endorsing, " << s.un_members_declined
            << " declined, " << s.asked_unanswered.size() << " asked and not answered, "
            << s.reached_silent.size() << " reached but silent\n";
  for (const auto& r : s.by_region) {
    std::cout << "  " << r.region << ": " << r.endorsing << " endorsing, " << r.asked << " asked, "
              << r.reached << " reached of " << r.members << '\n';
  }
}

}  // namespace

void add_campaign_commands(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("campaign", "Run campaigns that cascade through the twin network");
  cmd->require_subcommand(1);

  // new
  struct NewOpts {
    std::string code, title, initiative, template_name = "letter",
                                         target = "UN General Assembly resolution", starts, ends;
    std::vector<std::string> asks, originators;
    std::optional<int> majority, members;
    int reply_days = 60;
  };
  auto n = std::make_shared<NewOpts>();
  auto* c_new = cmd->add_subcommand("new", "Create a campaign");
  c_new->add_option("CODE", n->code, "Short handle, e.g. un-year-2014")->required();
  c_new->add_option("--title", n->title, "Title")->required();
  c_new->add_option("--initiative", n->initiative, "What the campaign is for");
  c_new->add_option("--ask", n->asks, "One ask of the letter; repeat in order");
  c_new->add_option("--originator", n->originators, "Originating city; repeat")->required();
  c_new->add_option("--template", n->template_name, "Letter template of the first wave");
  c_new->add_option("--target", n->target, "What the campaign seeks");
  c_new->add_option("--majority", n->majority, "Endorsements needed (default: simple majority)");
  c_new->add_option("--members", n->members, "Member states counted (default: 193)");
  c_new->add_option("--reply-days", n->reply_days, "Days a city has to reply");
  c_new->add_option("--starts", n->starts, "Start date YYYY-MM-DD");
  c_new->add_option("--ends", n->ends, "End date YYYY-MM-DD");
  add_json_flag(c_new, ctx);
  c_new->callback([&ctx, n] {
    auto& store = ctx.store();
    campaign::CampaignRequest r;
    r.code = n->code;
    r.title = n->title;
    r.initiative = n->initiative;
    r.asks = n->asks;
    for (const auto& o : n->originators) {
      r.originators.push_back(registry::resolve_city(store, o, "--originator"));
    }
    r.template_name = n->template_name;
    r.target = n->target;
    r.majority_needed = n->majority;
    r.member_states = n->members;
    r.reply_days = n->reply_days;
    r.starts_on = opt_date(n->starts, "--starts");
    r.ends_on = opt_date(n->ends, "--ends");
    CampaignId id = campaign::create_campaign(store, r);
    if (ctx.json) return ctx.print_json(campaign::get_campaign(store, id));
    std::cout << "created campaign " << r.code << " (#" << id << ")\n";
  });

  // list
  auto* c_list = cmd->add_subcommand("list", "List campaigns");
  add_json_flag(c_list, ctx);
  c_list->callback([&ctx] {
    auto all = campaign::list_campaigns(ctx.store());
    if (ctx.json) return ctx.print_json(all);
    for (const auto& c : all) std::cout << c.code << "\t" << c.title << '\n';
    if (all.empty()) std::cout << "no campaigns\n";
  });

  // show / status / timeline share the campaign argument
  auto campaign_ref = std::make_shared<std::string>();
  auto as_of = std::make_shared<std::string>();
  auto* c_show = cmd->add_subcommand("show", "A campaign with every contacted city");
  c_show->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  add_json_flag(c_show, ctx);
  c_show->callback([&ctx, campaign_ref] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::CampaignView view = campaign::campaign_view(store, c);
    if (ctx.json) return ctx.print_json(campaign::campaign_detail_json(store, view));
    const auto& contacts = view.contacts;
    const auto& countries = view.countries;
    std::cout << c.title << "  [" << c.code << "]\n" << c.initiative << '\n';
    for (std::size_t i = 0; i < c.asks.size(); ++i)
      std::cout << "  " << i + 1 << ". " << c.asks[i] << '\n';
    std::cout << "originators:";
    for (CityId o : c.originators) std::cout << " " << registry::city_label(store, o) << ";";
    std::cout << "\ncontacts (" << contacts.size() << "):\n";
    for (const auto& k : contacts) {
      std::cout << "  wave " << k.wave << "  " << registry::city_label(store, k.city_id) << "  "
                << contact_state_name(k.state);
      if (k.referred_by) std::cout << "  via " << registry::city_label(store, *k.referred_by);
      if (k.reply_due) std::cout << "  reply due " << k.reply_due->to_string();
      std::cout << '\n';
    }
    for (const auto& s : countries) {
      std::cout << "  ministry " << s.country << ": " << ministry_state_name(s.state) << '\n';
    }
  });

  auto title = std::make_shared<std::array<std::string, 2>>();  // LANG, TITLE
  auto* c_title = cmd->add_subcommand(
      "title", "Set the campaign's title in a language: the subject of its letters in it");
  c_title->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_title->add_option("LANG", (*title)[0], "Language (BCP 47: ru, de, zh-Hant)")->required();
  c_title->add_option("TITLE", (*title)[1], "The title in that language")->required();
  add_json_flag(c_title, ctx);
  c_title->callback([&ctx, campaign_ref, title] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    c = campaign::set_campaign_title(store, c.id, (*title)[0], (*title)[1]);
    if (ctx.json) return ctx.print_json(c);
    std::cout << c.code << " titles:\n";
    for (const auto& [lang, text] : c.titles) std::cout << "  " << lang << "\t" << text << '\n';
  });

  auto* c_status = cmd->add_subcommand("status", "The tally against the target");
  c_status->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_status->add_option("--as-of", *as_of, "Count overdue replies as of this date");
  add_json_flag(c_status, ctx);
  c_status->callback([&ctx, campaign_ref, as_of] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    auto s = campaign::campaign_status(store, c.id, opt_date(*as_of, "--as-of"));
    if (ctx.json) return ctx.print_json(s);
    print_status(s);
  });

  auto* c_time = cmd->add_subcommand("timeline", "The campaign's dated events");
  c_time->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  add_json_flag(c_time, ctx);
  c_time->callback([&ctx, campaign_ref] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    auto events = campaign::campaign_timeline(store, c.id);
    if (ctx.json) return ctx.print_json(events);
    for (const auto& e : events) {
      std::cout << e.date.to_string() << "  " << campaign_event_kind_name(e.kind);
      if (e.city_id) std::cout << "  " << registry::city_label(store, *e.city_id);
      if (!e.country.empty()) std::cout << "  " << e.country;
      if (!e.detail.empty()) std::cout << "  — " << e.detail;
      std::cout << '\n';
    }
  });

  auto chain_city = std::make_shared<std::string>();
  auto* c_chain =
      cmd->add_subcommand("chain", "Who brought a city into the campaign, back to an originator");
  c_chain->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_chain->add_option("CITY", *chain_city, "City id or \"Name, CC\"")->required();
  add_json_flag(c_chain, ctx);
  c_chain->callback([&ctx, campaign_ref, chain_city] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    auto chain =
        campaign::referral_chain(store, c.id, registry::resolve_city(store, *chain_city, "CITY"));
    if (ctx.json) return ctx.print_json(campaign::chain_json(store, chain));
    for (std::size_t i = 0; i < chain.size(); ++i) {
      std::cout << (i ? " ← " : "") << registry::city_label(store, chain[i]);
    }
    std::cout << '\n';
  });

  // send
  struct SendOpts {
    std::string from, date, number;
    bool circular = false;
  };
  auto s = std::make_shared<SendOpts>();
  auto* c_send = cmd->add_subcommand("send", "Send wave 1: the originators write to their twins");
  c_send->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_send->add_option("--from", s->from, "Only this originator");
  c_send->add_option("--date", s->date, "Registration date YYYY-MM-DD (default today)");
  c_send->add_flag("--circular", s->circular, "One letter to all twins under one number");
  c_send->add_option("--number", s->number, "Explicit number of the circular (historical)");
  add_templates_option(c_send, ctx);
  add_json_flag(c_send, ctx);
  c_send->callback([&ctx, campaign_ref, s] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::SendOptions o;
    if (!s->from.empty()) o.from = registry::resolve_city(store, s->from, "--from");
    o.date = opt_date(s->date, "--date");
    o.circular = s->circular;
    o.number = s->number;
    auto w = campaign::send_wave(store, ctx.templates(), c.id, o);
    if (ctx.json) return ctx.print_json(campaign::wave_json(store, w));
    print_wave(store, w);
  });

  // receive
  struct CityDateOpts {
    std::string city, date;
  };
  auto rc = std::make_shared<CityDateOpts>();
  auto* c_recv = cmd->add_subcommand("receive", "Record that a city confirmed receipt");
  c_recv->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_recv->add_option("CITY", rc->city, "City id or \"Name, CC\"")->required();
  c_recv->add_option("--date", rc->date, "Date YYYY-MM-DD (default today)");
  add_json_flag(c_recv, ctx);
  c_recv->callback([&ctx, campaign_ref, rc] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    CityId city = registry::resolve_city(store, rc->city, "CITY");
    auto k = campaign::record_receipt(store, c.id, city, opt_date(rc->date, "--date"));
    if (ctx.json) return ctx.print_json(k);
    std::cout << registry::city_label(store, city) << ": " << contact_state_name(k.state) << '\n';
  });

  // reply
  struct ReplyOpts {
    std::string city, date, number, sender_date, stance = "supports", subject, body;
    bool asked = false;
  };
  auto rp = std::make_shared<ReplyOpts>();
  auto* c_reply = cmd->add_subcommand("reply", "Register a city's reply to the campaign's letter");
  c_reply->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_reply->add_option("CITY", rp->city, "The replying city")->required();
  c_reply->add_option("--date", rp->date, "Date the reply was registered (default today)");
  c_reply->add_option("--their-number", rp->number, "The number the city gave its letter");
  c_reply->add_option("--their-date", rp->sender_date, "The date on the city's letter");
  c_reply->add_option("--stance", rp->stance, "supports, declines or undecided");
  c_reply->add_flag("--asked-ministry", rp->asked, "The city asked its foreign ministry");
  c_reply->add_option("--subject", rp->subject, "Subject");
  c_reply->add_option("--body", rp->body, "Text of the reply");
  add_json_flag(c_reply, ctx);
  c_reply->callback([&ctx, campaign_ref, rp] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::ReplyRequest r;
    r.city = registry::resolve_city(store, rp->city, "CITY");
    r.date = opt_date(rp->date, "--date");
    r.sender_number = rp->number;
    r.sender_date = opt_date(rp->sender_date, "--their-date");
    r.stance = parse_reply_stance(rp->stance, "--stance");
    r.asked_ministry = rp->asked;
    r.subject = rp->subject;
    r.body = rp->body;
    auto k = campaign::record_reply(store, c.id, r);
    if (ctx.json) return ctx.print_json(k);
    std::cout << registry::city_label(store, r.city) << " replied; reply registered as letter #"
              << k.reply_letter_id.value_or(0) << '\n';
  });

  // forward
  struct ForwardOpts {
    std::string city, date;
    std::vector<std::string> to;
  };
  auto fw = std::make_shared<ForwardOpts>();
  auto* c_fwd =
      cmd->add_subcommand("forward", "Record that a city forwarded the letter to its twins");
  c_fwd->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_fwd->add_option("CITY", fw->city, "The forwarding city")->required();
  c_fwd->add_option("--to", fw->to,
                    "Recipient twin; repeat (default: all twins not yet contacted)");
  c_fwd->add_option("--date", fw->date, "Date of the copies (default today)");
  add_templates_option(c_fwd, ctx);
  add_json_flag(c_fwd, ctx);
  c_fwd->callback([&ctx, campaign_ref, fw] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::ForwardRequest r;
    r.city = registry::resolve_city(store, fw->city, "CITY");
    for (const auto& t : fw->to) r.to.push_back(registry::resolve_city(store, t, "--to"));
    r.date = opt_date(fw->date, "--date");
    auto w = campaign::record_forward(store, ctx.templates(), c.id, r);
    if (ctx.json) return ctx.print_json(campaign::wave_json(store, w));
    print_wave(store, w);
  });

  // ask
  auto ask = std::make_shared<CityDateOpts>();
  auto* c_ask = cmd->add_subcommand("ask", "Record that a country's foreign ministry was asked");
  c_ask->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_ask->add_option("COUNTRY", ask->city, "ISO 3166-1 alpha-2 code")->required();
  c_ask->add_option("--date", ask->date, "Date (default today)");
  add_json_flag(c_ask, ctx);
  c_ask->callback([&ctx, campaign_ref, ask] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    auto st =
        campaign::record_ministry_asked(store, c.id, ask->city, opt_date(ask->date, "--date"));
    if (ctx.json) return ctx.print_json(st);
    std::cout << st.country << ": " << ministry_state_name(st.state) << '\n';
  });

  // correct-ministry
  struct CorrectOpts {
    std::string country, state, evidence, date, reason;
  };
  auto co = std::make_shared<CorrectOpts>();
  auto* c_cor = cmd->add_subcommand("correct-ministry",
                                    "Correct a wrongly recorded foreign-ministry answer (audited)");
  c_cor->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_cor
      ->add_option("COUNTRY", co->country,
                   "ISO 3166-1 code or the country's name in English or Russian")
      ->required();
  c_cor
      ->add_option("--state", co->state,
                   "What the record should say: unknown, asked, endorsed, declined")
      ->required();
  c_cor->add_option(
      "--evidence", co->evidence,
      "For endorsed or declined: the incoming letter carrying the answer (id or number)");
  c_cor->add_option("--date", co->date, "Date of the decision (default: the letter's date)");
  c_cor->add_option("--reason", co->reason, "Why the recorded answer was wrong")->required();
  add_json_flag(c_cor, ctx);
  c_cor->callback([&ctx, campaign_ref, co] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::MinistryCorrection k;
    k.country = co->country;
    k.state = parse_ministry_state(co->state, "--state");
    if (!co->evidence.empty()) k.evidence = letters::resolve_letter(store, co->evidence);
    k.date = opt_date(co->date, "--date");
    k.reason = co->reason;
    auto r = campaign::correct_ministry_answer(store, c.id, k);
    if (ctx.json) return ctx.print_json(campaign::corrected_stance_json(r));
    std::cout << r.after.country << ": " << ministry_state_name(r.before.state) << " -> "
              << ministry_state_name(r.after.state) << '\n';
  });

  // remind
  struct RemindOpts {
    std::string as_of;
    int min_days = 14;
    bool dry_run = false;
    std::vector<std::string> cities;
  };
  auto rm = std::make_shared<RemindOpts>();
  auto* c_rem =
      cmd->add_subcommand("remind", "Register reminders to the cities whose reply is overdue");
  c_rem->add_option("CAMPAIGN", *campaign_ref, "Campaign code or id")->required();
  c_rem->add_option("--as-of", rm->as_of, "Date of the reminders (default today)");
  c_rem->add_option("--min-days", rm->min_days, "No second reminder sooner than this");
  c_rem->add_flag("--dry-run", rm->dry_run, "List who would be reminded; register nothing");
  c_rem->add_option("--city", rm->cities, "Remind only this city (if overdue); repeat");
  add_templates_option(c_rem, ctx);
  add_json_flag(c_rem, ctx);
  c_rem->callback([&ctx, campaign_ref, rm] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, *campaign_ref, "CAMPAIGN");
    campaign::ReminderOptions o;
    o.as_of = opt_date(rm->as_of, "--as-of");
    o.min_days_between = rm->min_days;
    o.dry_run = rm->dry_run;
    for (const auto& c : rm->cities) o.only.push_back(registry::resolve_city(store, c, "--city"));
    auto reminders = campaign::send_reminders(store, ctx.templates(), c.id, o);
    if (ctx.json) return ctx.print_json(campaign::reminders_json(store, reminders));
    for (const auto& r : reminders) {
      std::cout << (rm->dry_run ? "would remind " : "reminded ")
                << registry::city_label(store, r.city_id) << " of No " << r.original_number
                << " of " << r.original_date.to_string();
      if (!r.number.empty()) std::cout << " (reminder No " << r.number << ")";
      std::cout << '\n';
    }
    std::cout << reminders.size() << " overdue\n";
  });

  // endorse COUNTRY --campaign C --evidence LETTER
  struct EndorseOpts {
    std::string country, campaign, evidence, date, notes;
    bool declined = false;
  };
  auto en = std::make_shared<EndorseOpts>();
  auto* endorse = app.add_subcommand(
      "endorse", "Record a foreign ministry's written answer, with its letter as evidence");
  endorse
      ->add_option("COUNTRY", en->country,
                   "ISO 3166-1 code or the country's name in English or Russian")
      ->required();
  endorse->add_option("--campaign", en->campaign, "Campaign code or id")->required();
  endorse
      ->add_option("--evidence", en->evidence,
                   "The registered incoming letter carrying the answer (id or number)")
      ->required();
  endorse->add_flag("--declined", en->declined, "The ministry declined");
  endorse->add_option("--date", en->date, "Date of the answer (default: the letter's date)");
  endorse->add_option("--notes", en->notes, "Notes");
  add_json_flag(endorse, ctx);
  endorse->callback([&ctx, en] {
    auto& store = ctx.store();
    Campaign c = campaign::find_campaign(store, en->campaign, "--campaign");
    campaign::MinistryAnswer a;
    a.country = en->country;
    a.endorsed = !en->declined;
    a.evidence = letters::resolve_letter(store, en->evidence);
    a.date = opt_date(en->date, "--date");
    a.notes = en->notes;
    auto st = campaign::record_ministry_answer(store, c.id, a);
    if (ctx.json) return ctx.print_json(st);
    std::cout << st.country << ": " << ministry_state_name(st.state) << " (evidence letter #"
              << *st.evidence_letter_id << ")\n";
  });
}

}  // namespace twinning::cli
