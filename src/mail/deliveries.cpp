#include "mail/deliveries.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/clock.h"

namespace twinning::mail {
namespace {

constexpr const char* kColumns =
    "id, letter_id, position, city_id, email, reply_token, message_id, state, server_reply, "
    "attempts, created_at, updated_at, accepted_at";

Delivery delivery_from(const store::Row& r) {
  Delivery d;
  d.id = r.integer(0);
  d.letter_id = r.integer(1);
  d.position = static_cast<int>(r.integer(2));
  d.city_id = r.opt_integer(3);
  d.email = r.text(4);
  d.reply_token = r.text(5);
  d.message_id = r.text(6);
  d.state = parse_delivery_state(r.text(7));
  d.server_reply = r.text(8);
  d.attempts = static_cast<int>(r.integer(9));
  d.created_at = r.text(10);
  d.updated_at = r.text(11);
  d.accepted_at = r.opt_text(12);
  return d;
}

std::optional<Delivery> find_where(store::Store& store, const char* where, std::string value) {
  auto row = store.db().query_one(std::string("SELECT ") + kColumns +
                                      " FROM mail_deliveries WHERE " + where,
                                  {std::move(value)});
  if (!row) return std::nullopt;
  return delivery_from(*row);
}

std::optional<Delivery> find_by_id(store::Store& store, DeliveryId id) {
  auto row = store.db().query_one(
      std::string("SELECT ") + kColumns + " FROM mail_deliveries WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return delivery_from(*row);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

nlohmann::json audit_json(const Delivery& d) {
  // The reply token is a capability (whoever knows it can answer as the
  // addressee): it stays out of the audit log.
  return {{"letter_id", d.letter_id}, {"position", d.position}, {"email", d.email},
          {"message_id", d.message_id}, {"state", delivery_state_name(d.state)},
          {"server_reply", d.server_reply}};
}

}  // namespace

std::string_view delivery_state_name(DeliveryState s) {
  switch (s) {
    case DeliveryState::kQueued: return "queued";
    case DeliveryState::kSending: return "sending";
    case DeliveryState::kAccepted: return "accepted";
    case DeliveryState::kFailed: return "failed";
  }
  return "queued";
}

DeliveryState parse_delivery_state(std::string_view text) {
  for (auto s : {DeliveryState::kQueued, DeliveryState::kSending, DeliveryState::kAccepted,
                 DeliveryState::kFailed}) {
    if (delivery_state_name(s) == text) return s;
  }
  throw_invalid("unknown delivery state '" + std::string(text) +
                    "' (queued, sending, accepted, failed)",
                "state");
}

std::optional<Delivery> find_delivery_by_reply_token(store::Store& store, std::string_view token) {
  if (token.empty()) return std::nullopt;
  return find_where(store, "reply_token = $1", lower(token));
}

std::optional<Delivery> find_delivery_by_message_id(store::Store& store,
                                                    std::string_view message_id) {
  std::string_view id = message_id;
  while (!id.empty() && (id.front() == '<' || id.front() == ' ')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == '>' || id.back() == ' ')) id.remove_suffix(1);
  if (id.empty()) return std::nullopt;
  return find_where(store, "message_id = $1", std::string(id));
}

Delivery mark_delivery_failed(store::Store& store, DeliveryId id, std::string_view reason) {
  if (reason.empty()) throw_invalid("a failed delivery needs a reason", "reason");
  return record_delivery_outcome(store, id, DeliveryState::kFailed, reason);
}

Delivery record_delivery_outcome(store::Store& store, DeliveryId id, DeliveryState state,
                                 std::string_view reply) {
  return store.db().write_transaction([&] {
    auto before = find_by_id(store, id);
    if (!before) throw_not_found("no delivery " + std::to_string(id), "delivery");
    std::string now = store::now_utc_iso();
    store.db().execute(
        "UPDATE mail_deliveries SET state = $1, server_reply = $2, updated_at = $3, "
        "accepted_at = CASE WHEN $1 = 'accepted' THEN $3 ELSE accepted_at END WHERE id = $4",
        {std::string(delivery_state_name(state)), std::string(reply), now, id});
    Delivery after = *find_by_id(store, id);
    store::AuditLog(store).record("update", "mail_delivery", std::to_string(id),
                                  audit_json(*before), audit_json(after));
    return after;
  });
}

std::vector<Delivery> queue_deliveries(store::Store& store, LetterId letter,
                                       const std::vector<DeliveryTarget>& targets,
                                       std::string_view message_id_domain) {
  return store.db().write_transaction([&] {
    std::map<int, Delivery> existing;
    for (auto& d : deliveries_of(store, letter)) existing.emplace(d.position, d);
    std::string now = store::now_utc_iso();
    int queued = 0;
    for (const auto& t : targets) {
      auto it = existing.find(t.position);
      if (it == existing.end()) {
        store.db().execute(
            "INSERT INTO mail_deliveries (letter_id, position, city_id, email, reply_token, "
            "message_id, state, created_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7)",
            {letter, t.position, t.city_id, t.email, random_token(),
             "tw." + random_token() + "@" + std::string(message_id_domain), now});
        ++queued;
      } else if (it->second.state == DeliveryState::kQueued && it->second.email != t.email) {
        store.db().execute(
            "UPDATE mail_deliveries SET email = $1, updated_at = $2 WHERE id = $3",
            {t.email, now, it->second.id});
        ++queued;
      }
    }
    if (queued > 0) {
      store::AuditLog(store).record("queue_mail", "letter", std::to_string(letter), nullptr,
                                    {{"deliveries_queued", queued}});
    }
    return deliveries_of(store, letter);
  });
}

bool claim_delivery(store::Store& store, const Delivery& d) {
  return store.db().write_transaction([&] {
    return store.db().execute(
               "UPDATE mail_deliveries SET state = 'sending', attempts = attempts + 1, "
               "updated_at = $1 WHERE id = $2 AND state = $3 AND attempts = $4",
               {store::now_utc_iso(), d.id, std::string(delivery_state_name(d.state)),
                d.attempts}) == 1;
  });
}

std::vector<Delivery> deliveries_of(store::Store& store, LetterId letter) {
  std::vector<Delivery> out;
  for (const auto& r : store.db().query(std::string("SELECT ") + kColumns +
                                            " FROM mail_deliveries WHERE letter_id = $1 "
                                            "ORDER BY position",
                                        {letter})) {
    out.push_back(delivery_from(r));
  }
  return out;
}

std::string reply_address_for(std::string_view reply_address, std::string_view token) {
  auto at = reply_address.rfind('@');
  if (at == std::string_view::npos || at == 0) {
    throw_invalid("reply address '" + std::string(reply_address) + "' is not an e-mail address",
                  "reply_address");
  }
  std::string_view local = reply_address.substr(0, at);
  // An address that is already a sub-address keeps its base local part.
  local = local.substr(0, local.find('+'));
  return std::string(local) + "+" + std::string(token) + std::string(reply_address.substr(at));
}

std::string reply_token_in(std::string_view address) {
  auto open = address.rfind('<');
  if (open != std::string_view::npos) {
    address.remove_prefix(open + 1);
    auto close = address.find('>');
    if (close != std::string_view::npos) address = address.substr(0, close);
  }
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  std::string_view local = address.substr(0, at);
  auto plus = local.find('+');
  if (plus == std::string_view::npos) return "";
  std::string token = lower(local.substr(plus + 1));
  if (token.size() != 26) return "";
  for (char c : token) {
    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return "";
  }
  return token;
}

std::string random_token() {
  // Lower-case base32, not auth::new_token's base64: a local part may be
  // case-folded on the way back, and '-'/'_' are best avoided there.
  static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw Error(ErrorCode::kUnavailable, "libsodium cannot be initialised");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  // RFC 4648 base32 without padding: 128 bits in 26 characters of 5 bits.
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

}  // namespace twinning::mail
