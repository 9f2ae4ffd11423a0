// Sending a registered letter by e-mail (mail/letter_sending.h):
// POST /api/letters/{id}/send. The letter desk's callers; the use case lets
// only a writer for the letter's office send it.
#include "mail/letter_sending.h"
#include "mail/mail_json.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

Response send_letter(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"emails", "rate", "resend_in_doubt"});
  mail::SendOptions options;
  auto emails = object_list(f, "emails", 10000, [](const nlohmann::json& j) {
    JsonFields e(j, {"position", "email"});
    auto position = e.integer("position");
    if (!position || *position < 0 || *position > 100000) {
      throw_invalid("position: the addressee's number, from 0", "position");
    }
    return std::make_pair(static_cast<int>(*position), e.required_text("email"));
  });
  for (auto& [position, email] : emails) options.emails[position] = email;
  options.rate = f.number("rate");
  options.resend_in_doubt = f.boolean("resend_in_doubt").value_or(false);
  return json_response(200, mail::send_report_json(mail::send_letter(
                                ctx.store, ctx.templates, ctx.id_param(), options)));
}

}  // namespace

void add_mail_send_routes(RouteTable& routes) {
  routes.add({Method::kPost, "/api/letters/{id}/send", letter_desk(), send_letter});
}

}  // namespace twinning::server
