#include "mail/mail_json.h"

namespace twinning::mail {

nlohmann::json delivery_json(const Delivery& d) {
  return {{"id", d.id},
          {"letter_id", d.letter_id},
          {"position", d.position},
          {"city_id", d.city_id ? nlohmann::json(*d.city_id) : nlohmann::json()},
          {"email", d.email},
          {"message_id", d.message_id},
          {"state", delivery_state_name(d.state)},
          {"server_reply", d.server_reply},
          {"attempts", d.attempts},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at},
          {"accepted_at", d.accepted_at ? nlohmann::json(*d.accepted_at) : nlohmann::json()}};
}

nlohmann::json send_report_json(const SendReport& r) {
  nlohmann::json deliveries = nlohmann::json::array();
  for (const auto& d : r.deliveries) deliveries.push_back(delivery_json(d));
  return {{"letter_id", r.letter_id},
          {"number", r.number},
          {"sent", r.sent},
          {"failed", r.failed},
          {"deferred", r.deferred},
          {"already_accepted", r.already_accepted},
          {"in_doubt", r.in_doubt},
          {"without_email", r.without_email},
          {"deliveries", deliveries}};
}

nlohmann::json mail_account_json(const MailAccount& a) {
  return {{"office_id", a.office_id},
          {"smtp_url", a.smtp_url},
          {"smtp_user", a.smtp_user},
          {"from_address", a.from_address},
          {"reply_address", a.reply_address},
          {"imap_url", a.imap_url},
          {"imap_user", a.imap_user},
          {"password_source", a.password_source},
          {"ca_file", a.ca_file},
          {"rate", a.rate},
          {"updated_at", a.updated_at}};
}

}  // namespace twinning::mail
