// /api/campaigns: campaigns that cascade through the twin network (PRODUCT.md
// M6-M8). Reads are public (the tally is the movement's public data);
// coordinators and admins run a campaign; a correspondent records receipts,
// replies, forwards and ministry answers of its own city and country only —
// the use cases (campaign/campaigns.h) enforce that, the route table lets
// correspondents through to them.
#include "campaign/campaign_json.h"
#include "campaign/campaign_status.h"
#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "letters/language.h"
#include "letters/letter_template.h"
#include "model/campaign_json.h"
#include "model/error.h"
#include "registry/city_lookup.h"
#include "registry/registry.h"
#include "server/api.h"
#include "server/city_input.h"
#include "server/letter_input.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

// Who may record what happened in a city or country; campaign/campaigns.h
// narrows a correspondent to its own city and its city's country.
Access answer_writers() {
  return Access::roles({Role::kAdmin, Role::kCoordinator, Role::kCorrespondent});
}

Campaign campaign_of(RequestContext& ctx) {
  return campaign::find_campaign(ctx.store, ctx.param("code"), "code");
}

// A registration date: a full date (YYYY-MM-DD) — reply deadlines are
// counted from it in days.
std::optional<PartialDate> day_field(const JsonFields& f, std::string_view name) {
  auto t = f.nullable_text(name);
  if (!t || !*t || (*t)->empty()) return std::nullopt;
  return parse_full_date(**t, name);
}

std::optional<int> int_field(const JsonFields& f, std::string_view name, int min, int max) {
  auto v = f.integer(name);
  if (!v) return std::nullopt;
  if (*v < min || *v > max) {
    throw_invalid(
        std::string(name) + " must lie in " + std::to_string(min) + ".." + std::to_string(max),
        std::string(name));
  }
  return static_cast<int>(*v);
}

// The ISO2 code of body field `name`, which must name a known country.
std::string country_field(RequestContext& ctx, const JsonFields& f, std::string_view name) {
  return registry::find_country(ctx.store, f.required_text(name), name).iso2;
}

Response list_campaigns(RequestContext& ctx) {
  QueryParams q(ctx.request, {"limit", "offset"});
  Page page = q.page();
  auto all = campaign::list_campaigns(ctx.store);
  return json_response(200, page_json(slice(all, page), all.size(), page));
}

Response create_campaign(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"code", "title", "initiative", "asks", "originators", "template", "target",
                "majority_needed", "member_states", "starts_on", "ends_on", "reply_days"});
  campaign::CampaignRequest r;
  r.code = f.required_text("code");
  r.title = f.required_text("title");
  r.initiative = f.text("initiative").value_or("");
  r.asks = f.text_list("asks").value_or(std::vector<std::string>{});
  r.originators = city_list_field(ctx.store, f, "originators");
  r.template_name = f.text("template").value_or(r.template_name);
  r.target = f.text("target").value_or(r.target);
  r.majority_needed = int_field(f, "majority_needed", 1, 100000);
  r.member_states = int_field(f, "member_states", 1, 100000);
  r.starts_on = day_field(f, "starts_on");
  r.ends_on = day_field(f, "ends_on");
  r.reply_days = int_field(f, "reply_days", 1, 3650).value_or(r.reply_days);
  CampaignId id = campaign::create_campaign(ctx.store, r);
  Campaign c = campaign::get_campaign(ctx.store, id);
  Response response = json_response(201, c);
  response.add_header("Location", "/api/campaigns/" + c.code);
  return response;
}

Response set_title(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"lang", "title"});
  Campaign c = campaign_of(ctx);
  return json_response(
      200, campaign::set_campaign_title(ctx.store, c.id, f.required_text("lang"),
                                        f.required_text("title")));
}

Response get_campaign(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, campaign::campaign_detail_json(
                                ctx.store, campaign::campaign_view(ctx.store, campaign_of(ctx)),
                                campaign::CityFields::kNameAndCoordinates));
}

Response status(RequestContext& ctx) {
  QueryParams q(ctx.request, {"as_of"});
  std::optional<PartialDate> as_of;
  if (auto t = q.text("as_of")) as_of = parse_full_date(*t, "as_of");
  return json_response(200, campaign::campaign_status(ctx.store, campaign_of(ctx).id, as_of));
}

Response timeline(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, campaign::campaign_timeline(ctx.store, campaign_of(ctx).id));
}

Response chain(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  Campaign c = campaign_of(ctx);
  CityId city = city_value(ctx.store, std::string(ctx.param("city")), "city");
  return json_response(
      200, campaign::chain_json(ctx.store, campaign::referral_chain(ctx.store, c.id, city)));
}

Response countries_map(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, campaign::countries_map_json(
                                campaign::country_progress(ctx.store, campaign_of(ctx).id)));
}

Response send(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"from", "date", "circular", "number"});
  Campaign c = campaign_of(ctx);
  campaign::SendOptions o;
  if (f.has("from")) o.from = city_field(ctx.store, f, "from");
  o.date = day_field(f, "date");
  o.circular = f.boolean("circular").value_or(false);
  o.number = f.text("number").value_or("");
  auto wave = campaign::send_wave(ctx.store, ctx.templates, c.id, o);
  return json_response(200, campaign::wave_json(ctx.store, wave));
}

Response receive(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"city", "date"});
  Campaign c = campaign_of(ctx);
  CityId city = city_field(ctx.store, f, "city");
  return json_response(200, campaign::record_receipt(ctx.store, c.id, city, day_field(f, "date")));
}

Response reply(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"city", "date", "their_number", "their_date",
                                                "stance", "asked_ministry", "subject", "body"});
  Campaign c = campaign_of(ctx);
  campaign::ReplyRequest r;
  r.city = city_field(ctx.store, f, "city");
  r.date = day_field(f, "date");
  r.sender_number = f.text("their_number").value_or("");
  if (auto t = f.nullable_text("their_date"); t && *t && !(*t)->empty()) {
    r.sender_date = parse_partial_date(**t, "their_date");
  }
  if (auto s = f.text("stance")) r.stance = parse_reply_stance(*s, "stance");
  r.asked_ministry = f.boolean("asked_ministry").value_or(false);
  r.subject = f.text("subject").value_or("");
  r.body = f.text("body").value_or("");
  return json_response(200, campaign::record_reply(ctx.store, c.id, r));
}

Response forward(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"city", "to", "date"});
  Campaign c = campaign_of(ctx);
  campaign::ForwardRequest r;
  r.city = city_field(ctx.store, f, "city");
  r.to = city_list_field(ctx.store, f, "to");
  r.date = day_field(f, "date");
  auto wave = campaign::record_forward(ctx.store, ctx.templates, c.id, r);
  return json_response(200, campaign::wave_json(ctx.store, wave));
}

// GET /api/campaigns/{code}/forward-candidates?city=: the twins `city` may
// name when recording its forward.
Response forward_candidates(RequestContext& ctx) {
  QueryParams q(ctx.request, {"city"});
  auto city = q.text("city");
  if (!city) throw_invalid("name the forwarding city: ?city=ID or \"Name, CC\"", "city");
  Campaign c = campaign_of(ctx);
  CityId id = registry::resolve_city(ctx.store, *city, "city");
  return json_response(200, campaign::forward_candidates_json(
                                ctx.store, campaign::forward_candidates(ctx.store, c.id, id)));
}

Response ask(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"country", "date"});
  Campaign c = campaign_of(ctx);
  std::string country = country_field(ctx, f, "country");
  return json_response(
      200, campaign::record_ministry_asked(ctx.store, c.id, country, day_field(f, "date")));
}

// The language a body's country was named in ("lang", default English);
// English and Russian names are always understood (campaign/country_choice.h).
std::string name_language(const JsonFields& f) {
  return letters::normalize_language_tag(f.text("lang").value_or("en"), "lang");
}

Response endorse(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"country", "evidence", "declined", "date", "notes", "lang"});
  Campaign c = campaign_of(ctx);
  campaign::MinistryAnswer a;
  a.country = f.required_text("country");
  a.lang = name_language(f);
  a.evidence = letter_field(ctx.store, f, "evidence");
  a.endorsed = !f.boolean("declined").value_or(false);
  a.date = day_field(f, "date");
  a.notes = f.text("notes").value_or("");
  return json_response(200, campaign::record_ministry_answer(ctx.store, c.id, a));
}

Response correct_ministry(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"country", "state", "evidence", "date", "reason", "lang"});
  Campaign c = campaign_of(ctx);
  campaign::MinistryCorrection k;
  k.country = f.required_text("country");
  k.lang = name_language(f);
  k.state = parse_ministry_state(f.required_text("state"), "state");
  if (const auto* e = f.raw("evidence"); e && !e->is_null()) {
    k.evidence = letter_field(ctx.store, f, "evidence");
  }
  k.date = day_field(f, "date");
  k.reason = f.required_text("reason");
  return json_response(
      200, campaign::corrected_stance_json(campaign::correct_ministry_answer(ctx.store, c.id, k)));
}

Response ministry_countries(RequestContext& ctx) {
  QueryParams q(ctx.request, {"lang"});
  std::string lang = letters::normalize_language_tag(q.text("lang").value_or("en"), "lang");
  return json_response(200, campaign::country_choices_json(campaign::ministry_country_choices(
                                ctx.store, campaign_of(ctx).id, lang)));
}

Response remind(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"as_of", "dry_run", "min_days", "cities"});
  Campaign c = campaign_of(ctx);
  campaign::ReminderOptions o;
  o.as_of = day_field(f, "as_of");
  o.dry_run = f.boolean("dry_run").value_or(false);
  o.min_days_between = int_field(f, "min_days", 0, 3650).value_or(o.min_days_between);
  if (f.has("cities")) {
    o.only = city_list_field(ctx.store, f, "cities");
    // An empty list names no city: remind nobody rather than everybody.
    if (o.only.empty()) return json_response(200, nlohmann::json::array());
  }
  auto reminders = campaign::send_reminders(ctx.store, ctx.templates, c.id, o);
  return json_response(200, campaign::reminders_json(ctx.store, reminders));
}

}  // namespace

void add_campaign_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/campaigns", Access::anyone(), list_campaigns});
  routes.add({Method::kPost, "/api/campaigns", registry_writers(), create_campaign});
  routes.add({Method::kGet, "/api/campaigns/{code}", Access::anyone(), get_campaign});
  routes.add({Method::kGet, "/api/campaigns/{code}/status", Access::anyone(), status});
  routes.add({Method::kGet, "/api/campaigns/{code}/timeline", Access::anyone(), timeline});
  routes.add({Method::kGet, "/api/campaigns/{code}/chain/{city}", Access::anyone(), chain});
  routes.add(
      {Method::kGet, "/api/campaigns/{code}/countries-map", Access::anyone(), countries_map});
  routes.add({Method::kPost, "/api/campaigns/{code}/titles", registry_writers(), set_title});
  routes.add({Method::kPost, "/api/campaigns/{code}/send", registry_writers(), send});
  routes.add({Method::kPost, "/api/campaigns/{code}/receive", answer_writers(), receive});
  routes.add({Method::kPost, "/api/campaigns/{code}/reply", answer_writers(), reply});
  routes.add({Method::kPost, "/api/campaigns/{code}/forward", answer_writers(), forward});
  routes.add({Method::kGet, "/api/campaigns/{code}/forward-candidates", answer_writers(),
              forward_candidates});
  routes.add({Method::kPost, "/api/campaigns/{code}/ask", answer_writers(), ask});
  routes.add({Method::kPost, "/api/campaigns/{code}/endorse", answer_writers(), endorse});
  routes.add({Method::kGet, "/api/campaigns/{code}/ministry-countries", Access::anyone(),
              ministry_countries});
  routes.add({Method::kPost, "/api/campaigns/{code}/ministry-correction", registry_writers(),
              correct_ministry});
  routes.add({Method::kPost, "/api/campaigns/{code}/remind", registry_writers(), remind});
}

}  // namespace twinning::server
