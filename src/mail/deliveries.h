// The delivery register of letters sent by e-mail (issue 15): one Delivery
// per (outgoing letter, addressee with an e-mail), created when the letter is
// first sent, with the unguessable reply token of that addressee's reply
// address and the Message-ID of its copy. Sending (mail/letter_sending.h)
// moves a delivery queued → sending → accepted | failed; the intake
// (mail/intake.h) finds the delivery an answer or a bounce belongs to by
// reply token or Message-ID, and marks a bounced one failed.
//
// States: kQueued — to be sent (also after a temporary refusal, with its
// reason); kSending — its SMTP transaction began and no outcome was recorded,
// which after a crash means *in doubt* (the server may or may not have taken
// it: see letter_sending.h for what a later send does with it); kAccepted —
// the server took it (server_reply holds its answer); kFailed — refused
// permanently, or bounced later (server_reply holds the reason).
//
// Free functions over a Store; as thread-safe as the Store (not at all).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/letter.h"
#include "store/delivery_store.h"
#include "store/store.h"

namespace twinning::mail {

// The delivery record and its states live with its table
// (store/delivery_store.h); the rules of sending and filing are here.
using store::Delivery;
using store::DeliveryId;
using store::DeliveryState;
using store::delivery_state_name;
using store::parse_delivery_state;

// The delivery whose reply token is `token` (compared case-insensitively, as
// mail software may change the case of an address), or nullopt.
std::optional<Delivery> find_delivery_by_reply_token(store::Store& store, std::string_view token);

// The delivery whose Message-ID is `message_id` (with or without the angle
// brackets, as In-Reply-To/References give it), or nullopt.
std::optional<Delivery> find_delivery_by_message_id(store::Store& store,
                                                    std::string_view message_id);

// Marks delivery `id` failed with `reason` (a bounce's reported status and
// diagnostic, a server's refusal), whatever its state was, and audits it.
// Returns the delivery as it now is. Throws Error(kNotFound) for an unknown
// id, Error(kInvalidInput) for an empty reason.
Delivery mark_delivery_failed(store::Store& store, DeliveryId id, std::string_view reason);

// Every delivery of `letter`, by addressee position (empty if it was never
// sent by e-mail).
std::vector<Delivery> deliveries_of(store::Store& store, LetterId letter);

// ---- the sending side's steps (mail/letter_sending.h) ----

// One addressee to queue: its position, city and the e-mail to use.
struct DeliveryTarget {
  int position = 0;
  std::optional<CityId> city_id;
  std::string email;
};

// Creates, in one transaction, a queued delivery (new reply token and
// Message-ID "tw.<random>@<message_id_domain>") for each target that has
// none yet, and gives a still-queued one whose e-mail differs the new
// e-mail. Audited (one entry for the letter). Returns deliveries_of(letter).
std::vector<Delivery> queue_deliveries(store::Store& store, LetterId letter,
                                       const std::vector<DeliveryTarget>& targets,
                                       std::string_view message_id_domain);

// Claims `d` for one SMTP transaction: sets it 'sending' and counts the
// attempt, only if it is still in the state and attempt count `d` holds
// (committed at once). False if another send claimed or settled it first.
bool claim_delivery(store::Store& store, const Delivery& d);

// Records the outcome of delivery `id`'s transaction, or a later bounce:
// `state` with the server's `reply` (accepted_at set for kAccepted), and
// audits it. Returns the delivery as it now is. Throws Error(kNotFound).
Delivery record_delivery_outcome(store::Store& store, DeliveryId id, DeliveryState state,
                                 std::string_view reply);

// The reply address of a delivery: `reply_address` ("office@city.example",
// the office's reply mailbox) with "+<token>" added to its local part
// ("office+<token>@city.example"). Throws Error(kInvalidInput) if
// `reply_address` has no '@'.
std::string reply_address_for(std::string_view reply_address, std::string_view token);

// The reply token in `address` if it is a sub-address of the form
// "local+<token>@domain" (angle brackets and a display name allowed), else
// "" — what the intake looks up with find_delivery_by_reply_token.
std::string reply_token_in(std::string_view address);

// 16 random bytes (libsodium) as 26 lower-case base32 characters: a reply
// token, or the random part of a Message-ID.
std::string random_token();

}  // namespace twinning::mail
