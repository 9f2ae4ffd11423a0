// /api/letters: the correspondence register (PRODUCT.md M4, M5, M8) —
// listing, reading and printing letters, drafting from a template,
// previewing a draft, registering outgoing and incoming letters, marking
// them sent, replies, forwarded copies, reminders and corrections, and
// attachments.
//
// Who sees what is decided by the use cases (letters/letter_access.h): the
// route table admits coordinators, admins and correspondents; a
// correspondent's list holds only its own city's letters, and another
// city's letter answers 403, as does writing for another city's office.
#include <optional>
#include <string>

#include "campaign/campaign_json.h"
#include "campaign/campaign_letters.h"
#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "letters/draft_preview.h"
#include "letters/letter_permissions.h"
#include "letters/letter_json.h"
#include "letters/offices.h"
#include "model/error.h"
#include "model/letter_json.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "server/api.h"
#include "server/city_input.h"
#include "server/letter_input.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

constexpr std::size_t kMaxLinks = 100;  // letters an incoming letter refers to

// A full date "YYYY-MM-DD" in field `name`; absent, null or "" is none.
std::optional<PartialDate> optional_full_date(const JsonFields& f, std::string_view name) {
  auto t = f.nullable_text(name);
  if (!t || !*t || (*t)->empty()) return std::nullopt;
  return parse_full_date(**t, name);
}

Addressee addressee_from_json(store::Store& store, const nlohmann::json& j) {
  JsonFields f(j, {"city_id", "title", "name", "address"});
  Addressee a;
  a.city_id = optional_city_field(store, f, "city_id");
  a.title = f.text("title").value_or("");
  a.name = f.text("name").value_or("");
  a.address = f.text("address").value_or("");
  return a;
}

// Field "addressees": an array of {"city_id", "title", "name", "address"}.
std::vector<Addressee> addressees_field(store::Store& store, const JsonFields& f) {
  return object_list(f, "addressees", letters::kMaxAddressees,
                     [&](const nlohmann::json& j) { return addressee_from_json(store, j); });
}

// The text fields a new letter and a follow-up share (letters::DraftRequest,
// letters::FollowUp): lang, subject, salutation, body, closing,
// response_deadline, signatory_name and signatory_title; absent ones "".
template <class LetterText>
void read_letter_text(const JsonFields& f, LetterText& t) {
  t.lang = f.text("lang").value_or("");
  t.subject = f.text("subject").value_or("");
  t.salutation = f.text("salutation").value_or("");
  t.body = f.text("body").value_or("");
  t.closing = f.text("closing").value_or("");
  t.response_deadline = optional_full_date(f, "response_deadline");
  t.signatory_name = f.text("signatory_name").value_or("");
  t.signatory_title = f.text("signatory_title").value_or("");
}

// The registration options of a request that registers ("date", "number").
letters::RegisterOptions register_options(const JsonFields& f) {
  letters::RegisterOptions o;
  o.date = optional_full_date(f, "date");
  o.number = f.text("number").value_or("");
  return o;
}

// Registration options of a request that may register at once:
// "register": true with optional "date" and "number". Without it, date and
// number have nothing to apply to.
std::optional<letters::RegisterOptions> register_now(const JsonFields& f) {
  bool now = f.boolean("register").value_or(false);
  letters::RegisterOptions o = register_options(f);
  if (now) return o;
  if (o.date) throw_invalid("date applies only with \"register\": true", "date");
  if (!o.number.empty()) throw_invalid("number applies only with \"register\": true", "number");
  return std::nullopt;
}

// The letter view with what the caller may do with it: "can" (the
// letter's own steps, letters/letter_permissions.h) and "campaign_steps"
// (what it may record for the cities a campaign reached with it).
Response letter_response(RequestContext& ctx, int status, LetterId id) {
  letters::LetterView view = letters::letter_view(ctx.store, id);
  nlohmann::json j = letters::letter_view_json(view);
  j["can"] = letters::letter_permissions_json(letters::letter_permissions(ctx.store, view));
  j["campaign_steps"] =
      campaign::letter_steps_json(ctx.store, campaign::campaign_steps_for_letter(ctx.store, id));
  Response r = json_response(status, j);
  if (status == 201) r.add_header("Location", "/api/letters/" + std::to_string(id));
  return r;
}

Response list_letters(RequestContext& ctx) {
  QueryParams q(ctx.request, {"direction", "city", "office", "campaign", "overdue", "status",
                              "limit", "offset"});
  store::LetterQuery query;
  if (auto d = q.text("direction")) query.direction = parse_letter_direction(*d, "direction");
  if (auto c = q.text("city")) query.involving_city = registry::resolve_city(ctx.store, *c, "city");
  if (auto o = q.text("office")) query.office = letters::find_office(ctx.store, *o, "office").id;
  if (auto c = q.text("campaign")) {
    query.campaign = campaign::find_campaign(ctx.store, *c, "campaign").id;
  }
  if (q.boolean("overdue").value_or(false)) query.overdue_on = today_utc();
  if (auto s = q.text("status")) query.status = parse_letter_status(*s, "status");
  Page page = q.page();
  query.order = store::LetterOrder::kNewestFirst;
  query.limit = page.limit;
  query.offset = page.offset;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : letters::list_letters(ctx.store, query)) {
    items.push_back(letters::letter_summary_json(s));
  }
  return json_response(200, page_json(items, letters::count_letters(ctx.store, query), page));
}

Response get_letter(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return letter_response(ctx, 200, ctx.id_param());
}

Response letter_pdf(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  LetterId id = ctx.id_param();
  letters::LetterView view = letters::letter_view(ctx.store, id);
  Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.body = letters::letter_pdf(ctx.store, ctx.templates, id);
  // An incoming letter's PDF may be its attached scan, as uploaded: served as
  // a PDF only, never sniffed into anything else.
  r.add_header("X-Content-Type-Options", "nosniff");
  r.add_header("Content-Disposition",
               content_disposition("inline", letters::letter_pdf_name(view.letter)));
  return r;
}

// The fields of a new letter (POST /api/letters and its previews).
letters::DraftRequest draft_request(RequestContext& ctx, const JsonFields& f) {
  letters::DraftRequest r;
  r.office = office_field(ctx.store, f);
  r.addressees = addressees_field(ctx.store, f);
  r.template_name = f.text("template").value_or(std::string(letters::kGenericTemplate));
  read_letter_text(f, r);
  r.courtesy_lang = f.text("courtesy_lang").value_or("");
  r.courtesy_translation = f.text("courtesy_translation").value_or("");
  return r;
}

Response compose(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"office", "addressees", "template", "lang", "subject", "salutation", "body",
                "closing", "response_deadline", "signatory_name", "signatory_title", "register",
                "date", "number", "campaign", "courtesy_lang", "courtesy_translation"});
  letters::DraftRequest r = draft_request(ctx, f);
  auto now = register_now(f);
  std::optional<Campaign> linked;
  if (auto c = f.text("campaign"); c && !c->empty()) {
    linked = campaign::find_campaign(ctx.store, *c, "campaign");
  }
  // The letter and its link to the campaign commit together (nested
  // transactions join).
  LetterId id = ctx.store.db().write_transaction([&] {
    LetterId created = now ? letters::register_outgoing(ctx.store, ctx.templates, r, *now).id
                           : letters::create_draft(ctx.store, ctx.templates, r);
    if (linked) campaign::link_letter(ctx.store, linked->id, created);
    return created;
  });
  return letter_response(ctx, 201, id);
}

// POST /api/letters/preview and /api/letters/preview/pdf: the letter a
// compose request would create, as of "date" (default today), nothing stored.
letters::DraftPreview preview_of(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"office", "addressees", "template", "lang", "subject", "salutation", "body",
                "closing", "response_deadline", "signatory_name", "signatory_title", "date",
                "courtesy_lang", "courtesy_translation"});
  letters::DraftRequest r = draft_request(ctx, f);
  PartialDate date = optional_full_date(f, "date").value_or(today_utc());
  return letters::preview_draft(ctx.store, ctx.templates, r, date);
}

Response preview(RequestContext& ctx) {
  letters::DraftPreview p = preview_of(ctx);
  nlohmann::json j = letters::draft_preview_json(p);
  j["campaigns"] = campaign::campaign_refs_json(
      campaign::campaigns_for_template(ctx.store, p.letter.template_name));
  return json_response(200, j);
}

Response preview_pdf(RequestContext& ctx) {
  letters::DraftPreview p = preview_of(ctx);
  Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.body = letters::preview_pdf(p);
  r.add_header("X-Content-Type-Options", "nosniff");
  r.add_header("Content-Disposition", content_disposition("inline", "preview.pdf"));
  return r;
}

Response mark_sent(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"date"});
  LetterId id = ctx.id_param();
  letters::mark_sent(ctx.store, id, optional_full_date(f, "date"));
  return letter_response(ctx, 200, id);
}

Response register_draft(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"date", "number"});
  LetterId id = ctx.id_param();
  letters::register_letter(ctx.store, id, register_options(f));
  return letter_response(ctx, 200, id);
}

LetterSender sender_from_json(store::Store& store, const nlohmann::json& j) {
  JsonFields f(j, {"city_id", "letterhead", "signatory_name", "signatory_title", "address", "phone",
                   "fax", "email"});
  LetterSender s;
  s.city_id = optional_city_field(store, f, "city_id");
  s.letterhead = f.text("letterhead").value_or("");
  s.signatory_name = f.text("signatory_name").value_or("");
  s.signatory_title = f.text("signatory_title").value_or("");
  s.address = f.text("address").value_or("");
  s.phone = f.text("phone").value_or("");
  s.fax = f.text("fax").value_or("");
  s.email = f.text("email").value_or("");
  return s;
}

LetterLink link_from_json(store::Store& store, const nlohmann::json& j) {
  JsonFields f(j, {"kind", "target"});
  LetterLink l;
  auto kind = f.text("kind");
  if (!kind) throw_invalid("kind is required (reply_to, forward_of, ...)", "kind");
  l.kind = parse_letter_link_kind(*kind, "kind");
  l.target = letter_field(store, f, "target");
  return l;
}

Response receive(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request),
               {"office", "sender", "sender_number", "sender_date", "addressees", "lang", "subject",
                "body", "response_deadline", "links", "date", "number"});
  letters::IncomingRequest r;
  r.office = office_field(ctx.store, f);
  if (const nlohmann::json* sender = f.raw("sender"); sender && !sender->is_null()) {
    if (!sender->is_object()) throw_invalid("sender must be an object", "sender");
    r.sender = parse_nested("sender", [&] { return sender_from_json(ctx.store, *sender); });
  }
  r.sender_number = f.text("sender_number").value_or("");
  r.sender_date = optional_full_date(f, "sender_date");
  r.addressees = addressees_field(ctx.store, f);
  if (auto lang = f.text("lang")) r.lang = *lang;
  r.subject = f.text("subject").value_or("");
  r.body = f.text("body").value_or("");
  r.response_deadline = optional_full_date(f, "response_deadline");
  r.links = object_list(f, "links", kMaxLinks,
                        [&](const nlohmann::json& j) { return link_from_json(ctx.store, j); });
  auto reg = letters::register_incoming(ctx.store, r, register_options(f));
  return letter_response(ctx, 201, reg.id);
}

using FollowUpFunction = LetterId (*)(store::Store&, const letters::TemplateLibrary&, LetterId,
                                      const letters::FollowUp&);

// POST /api/letters/{id}/reply | forward | remind: the same body, the use
// case says what each field defaults to.
Handler follow_up(FollowUpFunction make) {
  return [make](RequestContext& ctx) {
    QueryParams(ctx.request, {});
    JsonFields f(
        parse_json_object(ctx.request),
        {"office", "addressees", "lang", "subject", "salutation", "body", "closing",
         "response_deadline", "signatory_name", "signatory_title", "register", "date", "number"});
    LetterId original = ctx.id_param();
    letters::FollowUp u;
    u.office = optional_office_field(ctx.store, f);
    u.addressees = addressees_field(ctx.store, f);
    read_letter_text(f, u);
    u.register_now = register_now(f);
    return letter_response(ctx, 201, make(ctx.store, ctx.templates, original, u));
  };
}

// The media type of an upload: Content-Type without its parameters;
// application/octet-stream (what clients send when they do not know) lets
// the use case guess from the file name.
std::string upload_media_type(const Request& request) {
  std::string type(request.header("content-type"));
  type = std::string(trim(type.substr(0, type.find(';'))));
  return type == "application/octet-stream" ? "" : type;
}

Response attach(RequestContext& ctx) {
  QueryParams q(ctx.request, {"name"});
  auto name = q.text("name");
  if (!name) throw_invalid("name the file: ?name=FILE", "name");
  letters::AttachmentInput file{*name, upload_media_type(ctx.request), ctx.request.body};
  Attachment a = letters::attach_file(ctx.store, ctx.id_param(), file);
  Response r = json_response(201, a);
  r.add_header("Location", "/api/letters/" + std::string(ctx.param("id")) + "/attachments/" +
                               std::to_string(a.id));
  return r;
}

Response attachment(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  LetterId id = ctx.id_param();
  std::int64_t attachment_id = ctx.id_param("attachment");
  std::optional<Attachment> meta;
  for (const auto& a : letters::letter_view(ctx.store, id).letter.attachments) {
    if (a.id == attachment_id) meta = a;
  }
  if (!meta) {
    throw_not_found(
        "letter #" + std::to_string(id) + " has no attachment #" + std::to_string(attachment_id),
        "attachment");
  }
  Response r;
  r.status = 200;
  r.content_type = meta->media_type;
  r.body = letters::attachment_bytes(ctx.store, id, attachment_id);
  // Whatever a client uploaded is offered for download, never rendered as
  // a page of this origin.
  r.add_header("Content-Disposition", content_disposition("attachment", meta->name));
  r.add_header("X-Content-Type-Options", "nosniff");
  r.add_header("Content-Security-Policy", "sandbox");
  return r;
}

}  // namespace

void add_letter_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/letters", letter_desk(), list_letters});
  routes.add({Method::kPost, "/api/letters", letter_desk(), compose});
  routes.add({Method::kPost, "/api/letters/incoming", letter_desk(), receive});
  routes.add({Method::kGet, "/api/letters/{id}", letter_desk(), get_letter});
  routes.add({Method::kGet, "/api/letters/{id}/pdf", letter_desk(), letter_pdf});
  routes.add({Method::kPost, "/api/letters/{id}/register", letter_desk(), register_draft});
  routes.add({Method::kPost, "/api/letters/{id}/reply", letter_desk(), follow_up(letters::reply)});
  routes.add(
      {Method::kPost, "/api/letters/{id}/forward", letter_desk(), follow_up(letters::forward)});
  routes.add(
      {Method::kPost, "/api/letters/{id}/remind", letter_desk(), follow_up(letters::remind)});
  routes.add(
      {Method::kPost, "/api/letters/{id}/correct", letter_desk(), follow_up(letters::correct)});
  routes.add({Method::kPost, "/api/letters/{id}/sent", letter_desk(), mark_sent});
  routes.add({Method::kPost, "/api/letters/preview", letter_desk(), preview});
  routes.add({Method::kPost, "/api/letters/preview/pdf", letter_desk(), preview_pdf});
  Route upload{Method::kPost, "/api/letters/{id}/attachments", letter_desk(), attach};
  // The largest file the use case accepts (the body is the file).
  upload.max_body = letters::kMaxAttachmentBytes;
  routes.add(std::move(upload));
  routes.add(
      {Method::kGet, "/api/letters/{id}/attachments/{attachment}", letter_desk(), attachment});
}

}  // namespace twinning::server
