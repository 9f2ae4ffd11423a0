#include "store/delivery_store.h"

#include "model/error.h"
#include "store/clock.h"

namespace twinning::store {
namespace {

constexpr const char* kColumns =
    "id, letter_id, position, city_id, email, reply_token, message_id, state, server_reply, "
    "attempts, created_at, updated_at, accepted_at";

Delivery delivery_from(const Row& r) {
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

std::optional<Delivery> DeliveryStore::find_where(const char* where, const Value& value) {
  auto row = store_.db().query_one(
      std::string("SELECT ") + kColumns + " FROM mail_deliveries WHERE " + where, {value});
  if (!row) return std::nullopt;
  return delivery_from(*row);
}

std::optional<Delivery> DeliveryStore::find(DeliveryId id) { return find_where("id = $1", id); }

std::optional<Delivery> DeliveryStore::find_by_reply_token(const std::string& token) {
  return find_where("reply_token = $1", token);
}

std::optional<Delivery> DeliveryStore::find_by_message_id(const std::string& message_id) {
  return find_where("message_id = $1", message_id);
}

std::vector<Delivery> DeliveryStore::of_letter(LetterId letter) {
  std::vector<Delivery> out;
  for (const auto& r : store_.db().query(std::string("SELECT ") + kColumns +
                                             " FROM mail_deliveries WHERE letter_id = $1 "
                                             "ORDER BY position",
                                         {letter})) {
    out.push_back(delivery_from(r));
  }
  return out;
}

void DeliveryStore::insert_queued(LetterId letter, int position, std::optional<CityId> city,
                                  const std::string& email, const std::string& reply_token,
                                  const std::string& message_id) {
  store_.db().execute(
      "INSERT INTO mail_deliveries (letter_id, position, city_id, email, reply_token, "
      "message_id, state, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7)",
      {letter, position, city, email, reply_token, message_id, now_utc_iso()});
}

void DeliveryStore::set_email(DeliveryId id, const std::string& email) {
  store_.db().execute("UPDATE mail_deliveries SET email = $1, updated_at = $2 WHERE id = $3",
                      {email, now_utc_iso(), id});
}

void DeliveryStore::set_state(DeliveryId id, DeliveryState state, std::string_view reply) {
  store_.db().execute(
      "UPDATE mail_deliveries SET state = $1, server_reply = $2, updated_at = $3, "
      "accepted_at = CASE WHEN $1 = 'accepted' THEN $3 ELSE accepted_at END WHERE id = $4",
      {std::string(delivery_state_name(state)), std::string(reply), now_utc_iso(), id});
}

bool DeliveryStore::claim(const Delivery& d) {
  return store_.db().execute(
             "UPDATE mail_deliveries SET state = 'sending', attempts = attempts + 1, "
             "updated_at = $1 WHERE id = $2 AND state = $3 AND attempts = $4",
             {now_utc_iso(), d.id, std::string(delivery_state_name(d.state)), d.attempts}) == 1;
}

}  // namespace twinning::store
