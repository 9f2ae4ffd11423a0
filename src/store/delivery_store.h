// The delivery register (migration 009): one row per (outgoing letter,
// addressee with an e-mail) sent by e-mail, with its reply token, its
// Message-ID and its state. What the states mean and who moves them:
// mail/deliveries.h, the only writer. Nothing here is audited: the use
// cases record what changed. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "store/store.h"

namespace twinning::store {

using DeliveryId = std::int64_t;

enum class DeliveryState { kQueued, kSending, kAccepted, kFailed };

std::string_view delivery_state_name(DeliveryState s);  // "queued", "sending", "accepted", "failed"
// Throws Error(kInvalidInput) naming "state" for any other text.
DeliveryState parse_delivery_state(std::string_view text);

struct Delivery {
  DeliveryId id = 0;
  LetterId letter_id = 0;
  int position = 0;               // the addressee's index in Letter::addressees
  std::optional<CityId> city_id;  // the addressee's city, if any
  std::string email;              // where this copy goes
  std::string reply_token;        // 26 lower-case base32 characters (16 random bytes)
  std::string message_id;         // "tw.<random>@domain", without angle brackets
  DeliveryState state = DeliveryState::kQueued;
  std::string server_reply;  // the server's answer (accepted) or the reason (failed/queued)
  int attempts = 0;          // SMTP transactions begun
  std::string created_at, updated_at;  // ISO 8601 UTC
  std::optional<std::string> accepted_at;
};

class DeliveryStore {
 public:
  explicit DeliveryStore(Store& store) : store_(store) {}

  std::optional<Delivery> find(DeliveryId id);
  // By reply token (as stored: lower case) or Message-ID (without brackets).
  std::optional<Delivery> find_by_reply_token(const std::string& token);
  std::optional<Delivery> find_by_message_id(const std::string& message_id);
  // Every delivery of `letter`, by addressee position.
  std::vector<Delivery> of_letter(LetterId letter);

  // Inserts a queued delivery (created_at and updated_at now). Throws
  // Error(kConflict) if the letter has one for `position` already.
  void insert_queued(LetterId letter, int position, std::optional<CityId> city,
                     const std::string& email, const std::string& reply_token,
                     const std::string& message_id);
  // Gives delivery `id` another e-mail.
  void set_email(DeliveryId id, const std::string& email);
  // Sets delivery `id`'s state and the server's reply (accepted_at now for
  // kAccepted).
  void set_state(DeliveryId id, DeliveryState state, std::string_view reply);
  // Moves `d` to kSending and counts an attempt, only if it is still in
  // the state and attempt count `d` holds; false otherwise.
  bool claim(const Delivery& d);

 private:
  std::optional<Delivery> find_where(const char* where, const Value& value);
  Store& store_;
};

}  // namespace twinning::store
