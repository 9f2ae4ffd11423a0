#include "mail/deliveries.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <map>

#include <nlohmann/json.hpp>

#include "model/error.h"
#include "store/audit_log.h"

namespace twinning::mail {
namespace {

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

std::optional<Delivery> find_delivery_by_reply_token(store::Store& store, std::string_view token) {
  if (token.empty()) return std::nullopt;
  return store::DeliveryStore(store).find_by_reply_token(lower(token));
}

std::optional<Delivery> find_delivery_by_message_id(store::Store& store,
                                                    std::string_view message_id) {
  std::string_view id = message_id;
  while (!id.empty() && (id.front() == '<' || id.front() == ' ')) id.remove_prefix(1);
  while (!id.empty() && (id.back() == '>' || id.back() == ' ')) id.remove_suffix(1);
  if (id.empty()) return std::nullopt;
  return store::DeliveryStore(store).find_by_message_id(std::string(id));
}

Delivery mark_delivery_failed(store::Store& store, DeliveryId id, std::string_view reason) {
  if (reason.empty()) throw_invalid("a failed delivery needs a reason", "reason");
  return record_delivery_outcome(store, id, DeliveryState::kFailed, reason);
}

Delivery record_delivery_outcome(store::Store& store, DeliveryId id, DeliveryState state,
                                 std::string_view reply) {
  return store.db().write_transaction([&] {
    store::DeliveryStore deliveries(store);
    auto before = deliveries.find(id);
    if (!before) throw_not_found("no delivery " + std::to_string(id), "delivery");
    deliveries.set_state(id, state, reply);
    Delivery after = *deliveries.find(id);
    store::AuditLog(store).record("update", "mail_delivery", std::to_string(id),
                                  audit_json(*before), audit_json(after));
    return after;
  });
}

std::vector<Delivery> queue_deliveries(store::Store& store, LetterId letter,
                                       const std::vector<DeliveryTarget>& targets,
                                       std::string_view message_id_domain) {
  return store.db().write_transaction([&] {
    store::DeliveryStore deliveries(store);
    std::map<int, Delivery> existing;
    for (auto& d : deliveries.of_letter(letter)) existing.emplace(d.position, d);
    int queued = 0;
    for (const auto& t : targets) {
      auto it = existing.find(t.position);
      if (it == existing.end()) {
        deliveries.insert_queued(letter, t.position, t.city_id, t.email, random_token(),
                                 "tw." + random_token() + "@" + std::string(message_id_domain));
        ++queued;
      } else if (it->second.state == DeliveryState::kQueued && it->second.email != t.email) {
        deliveries.set_email(it->second.id, t.email);
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
  return store.db().write_transaction([&] { return store::DeliveryStore(store).claim(d); });
}

std::vector<Delivery> deliveries_of(store::Store& store, LetterId letter) {
  return store::DeliveryStore(store).of_letter(letter);
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
