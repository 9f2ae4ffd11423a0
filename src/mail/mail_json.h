// JSON of the mail layer's values, one mapping for the CLI's --json and
// the HTTP API (the OpenAPI document's Delivery, SendReport, MailAccount).
// The reply token is left out: it is a capability of the addressee.
#pragma once

#include <nlohmann/json.hpp>

#include "mail/deliveries.h"
#include "mail/letter_sending.h"
#include "mail/mail_account.h"

namespace twinning::mail {

// {"id", "letter_id", "position", "city_id" (or null), "email", "message_id",
//  "state", "server_reply", "attempts", "created_at", "updated_at",
//  "accepted_at" (or null)}
nlohmann::json delivery_json(const Delivery& d);

// {"letter_id", "number", "sent", "failed", "deferred", "already_accepted",
//  "in_doubt", "without_email": [positions], "deliveries": [delivery_json]}
nlohmann::json send_report_json(const SendReport& r);

// Every field of the account (no password: there is none to show).
nlohmann::json mail_account_json(const MailAccount& a);

}  // namespace twinning::mail
