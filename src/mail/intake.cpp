#include "mail/intake.h"

#include <algorithm>
#include <cctype>

#include "campaign/campaigns.h"
#include "letters/registration.h"
#include "mail/deliveries.h"
#include "mail/message_parser.h"
#include "mail/sender_reference.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "store/campaign_store.h"
#include "store/clock.h"
#include "store/encoding.h"
#include "store/letter_store.h"

namespace twinning::mail {
namespace {

using store::MailOutcome;

void require_clerk(store::Store& store) {
  Role role = store.actor().role;
  if (role != Role::kAdmin && role != Role::kCoordinator) {
    throw Error(ErrorCode::kForbidden, "only a coordinator files incoming mail", "actor");
  }
}

std::string message_key(const ParsedMessage& m, std::string_view raw) {
  if (!m.message_id.empty()) return std::string(utf8_prefix(m.message_id, 998));
  return "sha256:" + store::sha256_hex(raw);
}

std::string truncated(const std::string& s, std::size_t max) {
  return std::string(utf8_prefix(s, max));
}

FilingResult triage(std::string reason) {
  FilingResult r;
  r.outcome = MailOutcome::kTriage;
  r.reason = std::move(reason);
  return r;
}

// What a message is matched to before it is filed.
struct Match {
  std::optional<LetterId> letter;
  std::optional<CityId> city;
};

// The one registered outgoing letter whose number `subject` cites.
std::optional<LetterId> letter_cited_in(store::Store& store, const std::string& subject) {
  store::LetterStore letters(store);
  std::optional<LetterId> found;
  for (const std::string& number : cited_numbers(subject)) {
    for (LetterId id : letters.find_by_number(number)) {
      auto l = letters.get(id);
      if (!l || l->direction != LetterDirection::kOutgoing || !l->registered()) continue;
      if (found && *found != id) return std::nullopt;  // ambiguous: a human decides
      found = id;
    }
  }
  return found;
}

// The city of sender address `from`: the one city it belongs to, or of
// several the one `letter` was addressed to.
std::optional<CityId> city_of_address(store::Store& store, const std::string& from,
                                      std::optional<LetterId> letter) {
  if (from.empty()) return std::nullopt;
  std::vector<CityId> cities = store::MailIntakeStore(store).cities_with_address(from);
  if (cities.size() == 1) return cities.front();
  if (cities.empty() || !letter) return std::nullopt;
  std::optional<CityId> found;
  for (const Addressee& a : store::LetterStore(store).require(*letter).addressees) {
    if (!a.city_id || std::find(cities.begin(), cities.end(), *a.city_id) == cities.end()) continue;
    if (found) return std::nullopt;
    found = a.city_id;
  }
  return found;
}

// The delivery a message answers: by the reply token of an address it was
// delivered to, else by a Message-ID it refers to.
std::optional<Delivery> answered_delivery(store::Store& store, const ParsedMessage& m) {
  for (const std::string& address : m.recipients) {
    std::string token = reply_token_in(address);
    if (token.empty()) continue;
    if (auto d = find_delivery_by_reply_token(store, token)) return d;
  }
  for (const std::string& id : m.references) {
    if (auto d = find_delivery_by_message_id(store, id)) return d;
  }
  return std::nullopt;
}

Match match_message(store::Store& store, const ParsedMessage& m) {
  Match match;
  if (auto d = answered_delivery(store, m)) {
    match.letter = d->letter_id;
    match.city = d->city_id;
  }
  if (!match.letter) match.letter = letter_cited_in(store, m.subject);
  if (!match.city) match.city = city_of_address(store, m.from, match.letter);
  return match;
}

// E-mail addresses compare without case (the local part too, as mail
// servers practically do).
bool same_address(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The delivery failed recipient `f` of a report stands for: by a reply
// token the report was delivered to, or the returned Message-ID, and then
// the delivery of the same letter to that address.
std::optional<Delivery> failed_delivery(store::Store& store, const ParsedMessage& m,
                                        const FailedRecipient& f) {
  std::vector<std::string> ids = m.references;
  ids.insert(ids.begin(), m.report->original_message_id);
  std::optional<Delivery> found;
  for (const std::string& address : m.recipients) {
    std::string token = reply_token_in(address);
    if (!token.empty() && (found = find_delivery_by_reply_token(store, token))) break;
  }
  for (std::size_t i = 0; !found && i < ids.size(); ++i) {
    if (!ids[i].empty()) found = find_delivery_by_message_id(store, ids[i]);
  }
  if (!found) return std::nullopt;
  for (const Delivery& d : deliveries_of(store, found->letter_id)) {
    if (same_address(d.email, f.address)) return d;
  }
  return std::nullopt;
}

// A delivery status notification: each failed recipient's delivery failed.
FilingResult file_report(store::Store& store, const ParsedMessage& m) {
  FilingResult r;
  r.outcome = MailOutcome::kDeliveryFailed;
  std::vector<std::string> unknown;
  for (const FailedRecipient& f : m.report->failed) {
    auto d = failed_delivery(store, m, f);
    if (!d) {
      unknown.push_back(f.address);
      continue;
    }
    std::string reason = f.status.empty() ? f.diagnostic
                         : f.diagnostic.empty() ? f.status
                                                : f.status + " " + f.diagnostic;
    if (reason.empty()) reason = "bounced";
    mark_delivery_failed(store, d->id, reason);
    r.letter = d->letter_id;
    r.city = d->city_id;
    r.reason += (r.reason.empty() ? "" : "; ") + ("delivery to " + f.address + " failed: " + reason);
  }
  if (!r.letter) {
    return triage(m.report->failed.empty()
                      ? "a delivery report naming no failed recipient"
                      : "a delivery report about no delivery of ours (" +
                            join_list(unknown, ", ") + ")");
  }
  return r;
}

std::optional<PartialDate> day_not_after_today(const std::optional<std::string>& day) {
  if (!day) return std::nullopt;
  try {
    PartialDate d = parse_full_date(*day);
    if (days_since_epoch(d) > days_since_epoch(today_utc())) return std::nullopt;
    return d;
  } catch (const Error&) {
    return std::nullopt;
  }
}

std::vector<letters::AttachmentInput> attachment_inputs(const ParsedMessage& m) {
  std::vector<letters::AttachmentInput> out;
  for (const auto& a : m.attachments) out.push_back({a.name, a.media_type, a.bytes});
  return out;
}

// Files `m` as an answer to `letter` from `city` (or from its sender as
// written): the campaign's reply when the city was contacted with the
// letter and has not replied yet, else an incoming letter in reply.
FilingResult file_answer(store::Store& store, const ParsedMessage& m, LetterId letter,
                         std::optional<CityId> city) {
  Letter original = store::LetterStore(store).require(letter, "letter");
  if (original.direction != LetterDirection::kOutgoing || !original.registered()) {
    throw_conflict("letter #" + std::to_string(letter) + " is not a registered letter of ours",
                   "letter");
  }
  SenderReference ref = find_sender_reference(m.subject, m.text);
  std::optional<PartialDate> sender_date = ref.date ? ref.date : day_not_after_today(m.date);
  if (sender_date && days_since_epoch(*sender_date) > days_since_epoch(today_utc())) {
    sender_date = std::nullopt;
  }
  FilingResult r;
  r.answers = letter;
  r.city = city;
  if (city) {
    auto campaign = store::MailIntakeStore(store).campaign_contacted_with(letter, *city);
    auto contact = campaign ? store::CampaignStore(store).contact(*campaign, *city) : std::nullopt;
    if (contact && (contact->state == ContactState::kLetterSent ||
                    contact->state == ContactState::kReceived)) {
      campaign::ReplyRequest reply;
      reply.city = *city;
      reply.sender_number = ref.number;
      reply.sender_date = sender_date;
      reply.stance = ReplyStance::kUndecided;  // an e-mail does not say; a clerk records it
      reply.subject = m.subject;
      reply.body = m.text;
      reply.attachments = attachment_inputs(m);
      CampaignContact written = campaign::record_reply(store, *campaign, reply);
      r.outcome = MailOutcome::kReplied;
      r.letter = written.reply_letter_id;
      r.campaign = campaign;
      r.reason = "reply to " + original.number + "; campaign contact replied";
      return r;
    }
  }
  letters::IncomingRequest in;
  in.office = original.office_id;
  in.sender.city_id = city;
  in.sender.letterhead = m.from_name.empty() ? m.from : m.from_name;
  in.sender.email = m.from;
  in.sender_number = ref.number;
  in.sender_date = sender_date;
  in.subject = m.subject.empty() ? "Re: " + original.subject : m.subject;
  in.body = m.text;
  in.links.push_back({LetterLinkKind::kReplyTo, letter, original.number, original.date});
  in.attachments = attachment_inputs(m);
  auto reg = letters::register_incoming(store, in, letters::RegisterOptions{});
  r.outcome = MailOutcome::kFiled;
  r.letter = reg.id;
  r.reason = "filed as " + reg.number + " in reply to " + original.number;
  return r;
}

// An RFC 3834 auto-reply: the contact received the letter.
FilingResult file_auto_reply(store::Store& store, const ParsedMessage& m, const Match& match) {
  if (!match.letter || !match.city) return triage("an auto-reply matching no letter of ours");
  FilingResult r;
  r.outcome = MailOutcome::kReceived;
  r.letter = match.letter;
  r.answers = match.letter;
  r.city = match.city;
  auto campaign = store::MailIntakeStore(store).campaign_contacted_with(*match.letter, *match.city);
  auto contact = campaign ? store::CampaignStore(store).contact(*campaign, *match.city)
                          : std::nullopt;
  if (contact && contact->state == ContactState::kLetterSent) {
    campaign::record_receipt(store, *campaign, *match.city, day_not_after_today(m.date));
    r.campaign = campaign;
    r.reason = "auto-reply: campaign contact received";
  } else {
    r.reason = "auto-reply: nothing to mark";
  }
  return r;
}

FilingResult decide(store::Store& store, const ParsedMessage& m) {
  if (m.report) return file_report(store, m);
  Match match = match_message(store, m);
  if (m.auto_reply) return file_auto_reply(store, m, match);
  if (!m.refused.empty()) {
    std::string reason;
    for (const auto& a : m.refused) reason += (reason.empty() ? "" : "; ") + a.reason;
    return triage(reason);
  }
  if (!match.letter) {
    return triage(match.city ? "from " + registry::city_label(store, *match.city) +
                                   ", citing no letter of ours"
                             : "from " + (m.from.empty() ? std::string("no sender") : m.from) +
                                   ", no city's address, citing no letter of ours");
  }
  if (!match.city) {
    return triage("cites a letter of ours, but " + (m.from.empty() ? "no sender" : m.from) +
                  " is no city's address");
  }
  return file_answer(store, m, *match.letter, match.city);
}

store::MailRecord record_of(const ParsedMessage& m, std::string_view raw,
                            const store::MailSource& source) {
  store::MailRecord rec;
  rec.message_key = message_key(m, raw);
  rec.source = source;
  rec.from_address = truncated(m.from, 320);
  rec.subject = truncated(m.subject, 500);
  rec.outcome = MailOutcome::kTriage;
  return rec;
}

FilingResult seen_before(store::Store& store, const store::MailRecord& rec) {
  FilingResult r;
  r.already_seen = true;
  if (auto before = store::MailIntakeStore(store).find_claimed(rec)) {
    r.message = before->id;
    r.outcome = before->outcome;
    r.letter = before->letter_id;
  }
  r.reason = "seen before";
  return r;
}

}  // namespace

void to_json(nlohmann::json& j, const FilingResult& r) {
  auto opt = [](const auto& o) { return o ? nlohmann::json(*o) : nlohmann::json(nullptr); };
  j = {{"message", r.message},
       {"already_seen", r.already_seen},
       {"outcome", store::mail_outcome_name(r.outcome)},
       {"letter_id", opt(r.letter)},
       {"answers", opt(r.answers)},
       {"city_id", opt(r.city)},
       {"campaign_id", opt(r.campaign)},
       {"reason", r.reason}};
}

FilingResult file_message(store::Store& store, std::string_view raw,
                          const store::MailSource& source) {
  require_clerk(store);
  ParsedMessage m = parse_message(raw);
  store::MailRecord rec = record_of(m, raw, source);
  store::MailIntakeStore mail(store);
  std::string raw_copy(raw);
  try {
    return store.db().write_transaction([&] {
      std::int64_t id = mail.claim(rec, raw_copy);
      if (id == 0) return seen_before(store, rec);
      FilingResult r = decide(store, m);
      r.message = id;
      mail.set_outcome(id, r.outcome, r.letter, r.reason);
      return r;
    });
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kUnavailable) throw;
    // The register could not take it as it is (a campaign step that does
    // not fit, an attachment over the limits): a coordinator decides.
    return store.db().write_transaction([&] {
      rec.reason = e.what();
      std::int64_t id = mail.claim(rec, raw_copy);
      if (id == 0) return seen_before(store, rec);
      FilingResult r = triage(rec.reason);
      r.message = id;
      return r;
    });
  }
}

std::vector<store::MailRecord> triage_list(store::Store& store, int limit, std::int64_t after_id) {
  require_clerk(store);
  if (limit < 1 || limit > 1000) throw_invalid("limit must be between 1 and 1000", "limit");
  return store::MailIntakeStore(store).list(MailOutcome::kTriage, limit, after_id);
}

namespace {

store::MailRecord require_in_triage(store::Store& store, std::int64_t message) {
  auto rec = store::MailIntakeStore(store).get(message);
  if (!rec) throw_not_found("no incoming message #" + std::to_string(message), "message");
  if (rec->outcome != MailOutcome::kTriage) {
    throw_conflict("message #" + std::to_string(message) + " is not in triage (it was " +
                       std::string(store::mail_outcome_name(rec->outcome)) + ")",
                   "message");
  }
  return *rec;
}

}  // namespace

FilingResult file_from_triage(store::Store& store, std::int64_t message, LetterId letter,
                              std::optional<CityId> city) {
  require_clerk(store);
  return store.db().write_transaction([&] {
    require_in_triage(store, message);
    store::MailIntakeStore mail(store);
    auto raw = mail.raw(message);
    if (!raw) throw_conflict("message #" + std::to_string(message) + " has no stored copy", "message");
    ParsedMessage m = parse_message(*raw);
    if (!city) city = city_of_address(store, m.from, letter);
    FilingResult r = file_answer(store, m, letter, city);
    r.message = message;
    r.reason = "filed from triage: " + r.reason;
    mail.set_outcome(message, r.outcome, r.letter, r.reason);
    return r;
  });
}

store::MailRecord discard_from_triage(store::Store& store, std::int64_t message) {
  require_clerk(store);
  return store.db().write_transaction([&] {
    require_in_triage(store, message);
    store::MailIntakeStore mail(store);
    mail.set_outcome(message, MailOutcome::kDiscarded, std::nullopt, "discarded from triage");
    return *mail.get(message);
  });
}

}  // namespace twinning::mail
